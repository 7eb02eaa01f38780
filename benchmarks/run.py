"""`make bench`: run every benchmarks/bench_*.py in turn; each prints its own figures."""
import subprocess
import sys
from pathlib import Path

here = Path(__file__).parent
rc = 0
for script in sorted(here.glob("bench_*.py")):
    print(f"\n=== {script.stem} ===", flush=True)
    rc |= subprocess.call([sys.executable, str(script), *sys.argv[1:]])
sys.exit(rc)
