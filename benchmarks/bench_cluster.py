"""Executors compared, and the batch client's memory on a large stream.

1. The 36 dev articles (../shared/corpus/dev) with Apertium, cold cache (a fresh one per
   run), through the CLI (start-up included): local `--jobs 1`, `--jobs 2`, and
   `--executor dask` (a LocalCluster) with 1 and 2 workers.
2. A generated JSONL stream (our own template articles, varied numbers and cities) of
   10,000 and then --articles (default 100,000) articles, `--engine none`, checked by
   `--executor dask --jobs 2` (and with --local-too by `--jobs 2`): articles/min and the
   peak resident memory of the client process (its own ru_maxrss; with a LocalCluster the
   scheduler runs inside it, the workers do not).

Prints figures; asserts nothing. Usage: python benchmarks/bench_cluster.py [--shared DIR]
[--articles N] [--local-too] [--skip-stream]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CITIES = ["Recife", "Curitiba", "Manaus", "Belém", "Goiânia", "Natal", "Maceió", "Cuiabá"]
# runs the CLI in the measured process and reports that process's own peak RSS
PEAK = """import resource, sys
if __name__ == "__main__":
    from backcheck.cli import main
    rc = main(sys.argv[1:])
    print(f"peak_rss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
    sys.exit(rc)
"""


def batch(args: list, peak: Path | None = None) -> tuple[float, str]:
    cmd = [sys.executable, str(peak)] if peak else [sys.executable, "-m", "backcheck"]
    t = time.perf_counter()
    r = subprocess.run([*cmd, "batch", *map(str, args), "--no-progress", "--fail-on", "never"],
                       capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"batch failed ({r.returncode}): {r.stderr}")
    return elapsed, r.stderr


def line(label: str, n: int, seconds: float, note: str = "") -> None:
    print(f"{label:<44} {n:>6} articles {seconds:8.2f} s {60 * n / seconds:9.1f} articles/min"
          f"{'  ' + note if note else ''}", flush=True)


def executors(corpus: Path, tmp: Path) -> None:
    n = len(list(corpus.rglob("*.json")))
    runs = [("local, --jobs 1", ["--jobs", "1"]), ("local, --jobs 2", ["--jobs", "2"]),
            ("dask LocalCluster, 1 worker", ["--executor", "dask", "--jobs", "1"]),
            ("dask LocalCluster, 2 workers", ["--executor", "dask", "--jobs", "2"])]
    for k, (label, extra) in enumerate(runs):
        t, _ = batch([corpus, "--out", tmp / f"out{k}", "--engine", "apertium",
                      "--cache-dir", tmp / f"cache{k}", *extra])
        line(f"apertium, cold cache, {label}", n, t)


def generate(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            c, k = CITIES[i % len(CITIES)], i % 50 + 3
            a = {"id": f"a{i:06d}",
                 "pt": {"headline": f"Chuva deixa {k} bairros sem luz em {c}",
                        "body": [f"A prefeitura de {c} informou que {k} bairros ficaram sem "
                                 "energia na terça-feira."]},
                 "en": {"headline": f"Rain leaves {k} neighbourhoods without power in {c}",
                        "body": [f"{c} city hall said {k} neighbourhoods lost power on "
                                 "Tuesday."]}}
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


def stream(tmp: Path, sizes: list[int], local_too: bool) -> None:
    peak = tmp / "peak.py"
    peak.write_text(PEAK)
    modes = [("dask LocalCluster, 2 workers", ["--executor", "dask", "--jobs", "2"])]
    if local_too:
        modes.append(("local, --jobs 2", ["--jobs", "2"]))
    for n in sizes:
        src = tmp / f"stream-{n}.jsonl"
        generate(src, n)
        mb = src.stat().st_size / 2**20
        for label, extra in modes:
            out = tmp / f"stream-out-{n}-{len(extra)}"
            t, err = batch([src, "--out", out, "--engine", "none", *extra], peak)
            kb = int(re.search(r"peak_rss_kb (\d+)", err)[1])
            line(f"stream, engine none, {label}", n, t,
                 f"client peak RSS {kb / 1024:.0f} MiB (input {mb:.0f} MiB)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--local-too", action="store_true")
    ap.add_argument("--skip-stream", action="store_true")
    args, _ = ap.parse_known_args()
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: Dask distributed is not installed (pip install 'backcheck[cluster]')")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as d:
        tmp = Path(d)
        corpus = Path(args.shared) / "corpus" / "dev"
        if corpus.is_dir():
            executors(corpus, tmp)
        else:
            print(f"executors skipped: {corpus} is absent")
        if not args.skip_stream:
            stream(tmp, sorted({min(10_000, args.articles), args.articles}), args.local_too)
    return 0


if __name__ == "__main__":
    sys.exit(main())
