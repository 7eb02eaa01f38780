import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def need_shared(*parts) -> Path:
    """Path under ../shared, or skip with a clear reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent (../shared is not beside the checkout)")
    return p


def need_apertium():
    if not shutil.which("apertium"):
        pytest.skip("apertium is not installed (scripts/system-deps.sh apertium)")


@pytest.fixture
def shared():
    return need_shared


def run_on_tty(args, stream="stdout", env=None, timeout=300):
    """Run a command with `stream` (stdout or stderr) on a pseudo-terminal, the other one
    piped; return (what it wrote to the terminal, exit status)."""
    import os
    import pty
    import select
    import subprocess
    import time

    master, slave = pty.openpty()
    other = {"stdout": "stderr", "stderr": "stdout"}[stream]
    chunks = []
    try:
        p = subprocess.Popen(args, stdin=subprocess.DEVNULL, env=env,
                             **{stream: slave, other: subprocess.PIPE})
        os.close(slave)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:   # read as it comes: a full terminal would block it
            if not select.select([master], [], [], 1)[0]:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:                  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        p.communicate(timeout=timeout)
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8", "replace"), p.returncode
