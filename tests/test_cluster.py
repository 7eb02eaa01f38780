"""backcheck batch on a Dask cluster (the `cluster` extra): a LocalCluster of 2 worker
processes, and a `dask scheduler` + `dask worker` pair started here on 127.0.0.1, against
local mode on the dev corpus with Apertium; a worker killed mid-batch; an article that
kills every worker that checks it; resume. About a minute in all."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import need_apertium, need_shared

from backcheck import batch
from backcheck.config import Config
from test_batch import article, write_articles
from test_crash_safety import alive, children

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")
DASK = Path(sys.executable).with_name("dask")


def cli(*args, timeout=300, env=None):
    return subprocess.run([sys.executable, "-m", "backcheck", "batch", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env)


def reports(out: Path) -> dict:
    """Every article report in out, without the time it took."""
    found = {}
    for p in sorted(out.glob("*.json")):
        if p.name != "summary.json":
            d = json.loads(p.read_text("utf-8"))
            d["stats"].pop("seconds")
            found[p.stem] = d
    return found


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def local_dev(tmp_path_factory):
    """The dev corpus checked in local mode with Apertium: the reference, and a warm cache."""
    need_apertium()
    dev = need_shared("corpus", "dev")
    tmp = tmp_path_factory.mktemp("local")
    out, cache = tmp / "out", tmp / "cache"
    r = cli(dev, "--out", out, "--engine", "apertium", "--cache-dir", cache, "--jobs", "1")
    assert r.returncode in (0, 1), r.stderr
    return dev, out, cache, r.returncode


def same_batch(a: Path, b: Path) -> None:
    ra, rb = reports(a), reports(b)
    assert ra and ra == rb
    sa, sb = summary(a), summary(b)
    for s in (sa, sb):
        s.pop("elapsed_s")
    assert sa == sb
    junit = [(d / "junit.xml").read_text("utf-8") for d in (a, b)]
    strip = [__import__("re").sub(r' time="[\d.]+"', "", j) for j in junit]
    assert strip[0] == strip[1]
    assert (a / "index.html").read_text("utf-8") == (b / "index.html").read_text("utf-8")


def test_local_cluster_gives_the_reports_of_local_mode(local_dev, tmp_path):
    dev, ref, cache, status = local_dev
    out = tmp_path / "out"
    r = cli(dev, "--out", out, "--engine", "apertium", "--cache-dir", cache,
            "--executor", "dask", "--jobs", "2")
    assert r.returncode == status, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr      # no Dask chatter
    same_batch(ref, out)
    again = cli(dev, "--out", out, "--engine", "apertium", "--cache-dir", cache,
                "--executor", "dask", "--jobs", "2")
    n = summary(out)["articles"]
    assert f"({n} already done)" in again.stderr and again.returncode == status


@pytest.fixture
def dask_cluster(tmp_path):
    """`dask scheduler` and `dask worker` (2 worker processes, a nanny each) on 127.0.0.1."""
    if not DASK.exists():
        pytest.skip(f"{DASK} is absent")
    env = dict(os.environ, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="3")
    sched_file = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", sched_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        procs.append(subprocess.Popen(
            [DASK, "worker", address, "--host", "127.0.0.1", "--nworkers", "2",
             "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        with distributed.Client(address, timeout="30s") as c:
            c.wait_for_workers(2, timeout=60)
        yield address, procs[1].pid
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def worker_processes(nanny_pid: int) -> list[int]:
    """The worker processes `dask worker` started (spawned children of its nannies)."""
    return [k for k in children(nanny_pid)
            if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_scheduler_and_workers_survive_a_killed_worker(local_dev, dask_cluster, tmp_path):
    dev, ref, cache, status = local_dev
    address, nanny = dask_cluster
    out = tmp_path / "out"
    assert len(worker_processes(nanny)) == 2
    # no cache: slow enough for the kill to land while the workers are busy
    proc = subprocess.Popen([sys.executable, "-m", "backcheck", "batch", str(dev), "--out",
                             str(out), "--engine", "apertium", "--no-cache", "--executor",
                             "dask", "--scheduler", address],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with distributed.Client(address, timeout="30s") as c:
        deadline = time.monotonic() + 120
        busy: list = []
        while not (busy and list(out.glob("*.json"))) and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            busy = [w for w, tasks in c.processing().items() if tasks]
            time.sleep(0.05)
        assert busy, "no worker was ever busy"
        victim = c.run(os.getpid)[busy[0]]
    assert victim in worker_processes(nanny)
    os.kill(victim, signal.SIGKILL)                 # mid-batch, while it holds a chunk
    _, err = proc.communicate(timeout=300)
    assert not alive(victim)
    assert proc.returncode == status, err
    assert "already done" not in err
    same_batch(ref, out)                           # every report, once, as in local mode
    rerun = cli(dev, "--out", out, "--engine", "apertium", "--no-cache", "--executor", "dask",
                "--scheduler", address)
    assert f"({summary(out)['articles']} already done)" in rerun.stderr


class Poison(distributed.WorkerPlugin):
    """Test double: makes the worker process die outright on the article with id 'poison'
    (as a segfaulting engine would)."""

    def setup(self, worker):
        from backcheck import pipeline
        real = pipeline.segmented

        def segmented(art, config):
            if art.id == "poison":
                os._exit(1)
            return real(art, config)
        pipeline.segmented = segmented


def test_an_article_that_kills_workers_is_an_input_error(tmp_path):
    from backcheck.batch.cluster import DaskExecutor
    src = tmp_path / "in"
    write_articles(src, 5)
    (src / "zz.json").write_text(json.dumps(dict(article(9), id="poison")), encoding="utf-8")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None, scheduler_kwargs={"allowed_failures": 1},
                                  silence_logs=50) as cluster, \
            distributed.Client(cluster) as client:
        client.register_plugin(Poison(), name="poison")
        status = batch.run([src], tmp_path / "out", Config(engine="none", cache=False),
                           progress=False, executor=DaskExecutor(client=client))
        # let the nannies finish restarting the killed workers: closing the cluster while
        # one is half started fails inside distributed ("can only join a started process")
        client.wait_for_workers(2, timeout=60)
    assert status == 2
    rows = {r["name"]: r for r in summary(tmp_path / "out")["reports"]}
    assert len(rows) == 6
    assert rows["zz"]["verdict"] == "error"
    # allowed_failures 1: two deaths a round, three rounds alone before it is given up
    assert "workers died 6 times while checking this article" in rows["zz"]["error"]
    assert all(rows[f"art-{i:02d}"]["verdict"] == "pass" for i in range(5))


def test_dask_usage_errors(tmp_path):
    src = tmp_path / "in"
    write_articles(src, 1)
    r = cli(src, "--out", tmp_path / "o", "--engine", "none", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2 and "--scheduler needs --executor dask" in r.stderr
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    r = cli(src, "--out", tmp_path / "o", "--engine", "none", "--executor", "dask",
            "--scheduler", "tcp://127.0.0.1:9", env=env)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("backcheck: error: tcp://127.0.0.1:9: cannot reach the Dask")
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    # without the extra: one line saying how to install it
    code = ("import sys; sys.modules['distributed'] = None; from backcheck.cli import main; "
            f"sys.exit(main(['batch', {str(src)!r}, '--out', {str(tmp_path / 'o2')!r}, "
            "'--engine', 'none', '--executor', 'dask']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 2 and "pip install 'backcheck[cluster]'" in r.stderr
