"""Executors: where a batch's chunks of articles are checked. One seam, `Executor.results(task,
jobs)`, which yields each chunk's outcomes as the chunk completes; the batch's client does
everything else (reading the inputs as each chunk is sent, resume, writing reports, summary,
progress), whatever the executor. A bounded number of chunks is in flight at a time, so the
client holds only their texts.

- `LocalExecutor(workers)`: the batch's own process (1 worker) or a pool of local worker
  processes, each loading the engine once.
- `backcheck.batch.cluster.DaskExecutor`: workers of a Dask cluster (the optional extra
  `backcheck[cluster]`; import that module only when Dask is wanted).
"""
from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Iterator, Sequence

from backcheck.batch.discovery import Item, Job, read
from backcheck.batch.work import EngineError, Outcome, Task, Worker


def chunks(jobs: Sequence[Job], workers: int) -> Iterator[list[Job]]:
    """The jobs in chunks: a few chunks per worker keeps them all busy; at most 8 articles
    keeps reports appearing steadily (what is not written is redone after an interruption)."""
    size = max(1, min(8, math.ceil(len(jobs) / (workers * 4))))
    for i in range(0, len(jobs), size):
        yield list(jobs[i:i + size])


class Executor:
    """Checks chunks of jobs on some workers. `results` yields the outcomes of each chunk as
    it completes (any order); an EngineError from a worker becomes an InputError that stops
    the batch. Closing the generator early (Ctrl-C) stops the work."""

    workers: int = 1

    def results(self, task: Task, jobs: Sequence[Job]) -> Iterator[list[Outcome]]:
        raise NotImplementedError


class LocalExecutor(Executor):
    """Today's machine: in this process with one worker, else a pool of worker processes."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)

    def results(self, task: Task, jobs: Sequence[Job]) -> Iterator[list[Outcome]]:
        if not jobs:
            return
        if self.workers == 1:
            worker = Worker(task)
            for c in chunks(jobs, 1):
                yield worker.check_chunk(read(c, task.config))
            return
        yield from self._pool(task, chunks(jobs, self.workers))

    def _pool(self, task: Task, work: Iterable[list[Job]]) -> Iterator[list[Outcome]]:
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool
        from multiprocessing import get_context

        # spawn: workers start clean (no inherited torch threads or locks from the parent)
        ctx = get_context("spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_start_worker,
                                   initargs=(task, ctx.Value("i", 0), self.workers))
        # a bounded number of chunks in flight: what is queued is held in memory
        limit = 2 * self.workers
        pending: dict = {}
        broken: BaseException | None = None
        work = iter(work)
        try:
            while True:
                for c in work:
                    if broken is not None:
                        yield [Outcome.error(j, f"worker process died: {broken}") for j in c]
                        continue
                    try:
                        pending[pool.submit(_check_chunk, read(c, task.config))] = c
                    except BrokenProcessPool as e:
                        broken = e
                        yield [Outcome.error(j, f"worker process died: {e}") for j in c]
                        continue
                    if len(pending) >= limit:
                        break
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    c = pending.pop(fut)
                    try:
                        yield fut.result()
                    except EngineError as e:
                        raise e.input_error() from None
                    except BrokenProcessPool as e:
                        broken = e
                        yield [Outcome.error(j, f"worker process died: {e}") for j in c]
        except BaseException:
            # Ctrl-C: stop now rather than finish the queued chunks; finished reports stay
            for p in list(getattr(pool, "_processes", {}).values()):   # no public API for this
                p.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()


# ---- in a local worker process -----------------------------------------------------------

_worker: Worker | None = None


def _start_worker(task: Task, slot, workers: int) -> None:
    """Pool initializer: build the worker (the engine) once per worker process."""
    import signal
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent handles Ctrl-C
    exit_with_parent()
    share_cpus(slot, workers)
    _worker = Worker(task, defer_errors=True)


def _check_chunk(items: list[Item]) -> list[Outcome]:
    return _worker.check_chunk(items)


def exit_with_parent() -> None:
    """A worker whose parent was killed (kill -9) would wait for work forever: leave instead.
    A half-written temp file is removed by the next run."""
    import threading
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def share_cpus(slot, workers: int) -> None:
    """Give this worker process its own share of the CPUs (slot: a shared counter that
    numbers the workers as they start)."""
    with slot.get_lock():
        k = slot.value
        slot.value += 1
    pin_cpus(k, workers)


def pin_cpus(k: int, workers: int) -> None:
    """Pin worker k of `workers` to its share of the CPUs: the engines size their thread
    pools from the CPU affinity, and N workers each using every core would oversubscribe
    them."""
    if not hasattr(os, "sched_setaffinity"):
        return
    cpus = sorted(os.sched_getaffinity(0))
    share = max(1, len(cpus) // workers)
    mine = cpus[(k * share) % len(cpus):][:share] or cpus[:share]
    try:
        os.sched_setaffinity(0, mine)
    except OSError:
        pass
