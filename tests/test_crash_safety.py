"""Crash safety of `backcheck batch`: kill -9 / Ctrl-C midway and rerun; two batches sharing
one translation cache. Real Apertium, 30 generated small articles (marked slow: ~1 min)."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import need_apertium
from test_batch import write_articles

pytestmark = [pytest.mark.apertium, pytest.mark.slow]
N = 30


def start(src, out, cache, *extra):
    cmd = [sys.executable, "-m", "backcheck", "batch", str(src), "--out", str(out),
           "--engine", "apertium", "--cache-dir", str(cache), "--no-progress",
           "--fail-on", "never", *extra]
    # own session: the kill reaches the apertium children too, as a kill of a terminal would
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_reports(out: Path, proc, timeout=120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = len(list(out.glob("art-*.json"))) if out.is_dir() else 0
        if n:
            return n
        if proc.poll() is not None:
            pytest.fail(f"batch ended before any report: {proc.stderr.read()}")
        time.sleep(0.01)
    pytest.fail("no report appeared")


def assert_complete(out: Path, n: int) -> dict:
    """Exactly one valid report per article, nothing half-written, summary consistent."""
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    reports = {}
    for p in sorted(out.glob("art-*.json")):
        rep = json.loads(p.read_text("utf-8"))          # every report parses
        assert rep["verdict"] in ("pass", "warn", "fail")
        reports[p.stem] = rep
    assert sorted(reports) == [f"art-{i:02d}" for i in range(n)]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["articles"] == n and summary["verdicts"]["error"] == 0
    return reports


def same_results(a: dict, b: dict) -> None:
    for name in a:
        assert (a[name]["verdict"], a[name]["score"], a[name]["issues"]) == \
            (b[name]["verdict"], b[name]["score"], b[name]["issues"]), name


def test_kill_9_midway_then_rerun_completes(tmp_path):
    need_apertium()
    src = tmp_path / "in"
    write_articles(src, N)
    out, cache = tmp_path / "out", tmp_path / "cache"
    proc = start(src, out, cache, "--jobs", "1")
    wait_for_reports(out, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    before = {p.name for p in out.glob("art-*.json")}
    assert 0 < len(before) < N, "the kill should land midway"
    for p in out.glob("art-*.json"):
        json.loads(p.read_text("utf-8"))                # what was there was whole
    assert not (out / "summary.json").exists()

    rerun = start(src, out, cache, "--jobs", "1")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"({len(before)} already done)" in err
    resumed = assert_complete(out, N)

    # the same final result as a batch that was never interrupted
    clean = tmp_path / "clean"
    whole = start(src, clean, cache, "--jobs", "1")
    whole.communicate(timeout=300)
    same_results(resumed, assert_complete(clean, N))


def test_ctrl_c_with_workers_then_rerun(tmp_path):
    need_apertium()
    src = tmp_path / "in"
    write_articles(src, N)
    out, cache = tmp_path / "out", tmp_path / "cache"
    proc = start(src, out, cache, "--jobs", "2")
    wait_for_reports(out, proc)
    os.killpg(proc.pid, signal.SIGINT)                  # Ctrl-C reaches the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    rerun = start(src, out, cache, "--jobs", "2")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert_complete(out, N)


def sqlite_files(d: Path) -> list[Path]:
    return [p for p in d.rglob("*") if p.is_file()
            and p.read_bytes()[:16] == b"SQLite format 3\x00"]


def test_two_batches_share_a_cache(tmp_path):
    need_apertium()
    src = tmp_path / "in"
    write_articles(src, N // 2)
    cache = tmp_path / "cache"
    procs = [start(src, tmp_path / f"out{k}", cache, "--jobs", "1") for k in (1, 2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    a = assert_complete(tmp_path / "out1", N // 2)
    b = assert_complete(tmp_path / "out2", N // 2)
    same_results(a, b)
    dbs = sqlite_files(cache)
    assert dbs, f"no SQLite cache under {cache}"
    for db in dbs:
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def children(pid: int) -> set[int]:
    kids = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids |= {int(x) for x in (task / "children").read_text().split()}
    return kids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")          # a zombie has exited


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_kill_9_of_the_parent_alone_ends_its_workers(tmp_path):
    need_apertium()
    src = tmp_path / "in"
    write_articles(src, N)
    out = tmp_path / "out"
    proc = start(src, out, tmp_path / "cache", "--jobs", "2")
    wait_for_reports(out, proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    proc.kill()                              # SIGKILL to the parent only
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.2)
    left = [p for p in workers if alive(p)]
    for p in left:                           # don't leave them behind if the test fails
        os.kill(p, signal.SIGKILL)
    assert not left, "workers outlived their parent"
    rerun = start(src, out, tmp_path / "cache", "--jobs", "2")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert_complete(out, N)
