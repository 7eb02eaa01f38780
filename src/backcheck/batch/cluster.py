"""The Dask executor: a batch's chunks checked by the workers of a Dask cluster (the optional
extra `pip install 'backcheck[cluster]'`), a `LocalCluster` on this machine by default.

Everything distributed is Dask's own: a worker plugin carries the batch's Task to every
worker (also to one that joins or is restarted later) and each worker thread loads the
engine once; the scheduler retries the chunk of a worker that died on another worker, and
after `distributed.scheduler.allowed-failures` deaths gives up with KilledWorker. Only then
does the executor step in: a chunk of several articles is sent again article by article, so
that the article that kills workers is found and reported as an input error (after ROUNDS
rounds alone) while the others are checked. The client reads the inputs (the workers need
no shared filesystem) and keeps a bounded number of chunks in flight, so it holds only
their texts whatever the batch's size.

Entry point: `DaskExecutor(scheduler=None, workers=1, client=None)`.
"""
from __future__ import annotations

import logging
import signal
import threading
import uuid
from collections.abc import Iterator, Sequence
from itertools import islice

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from backcheck.batch.discovery import Item, Job, read
from backcheck.batch.executors import Executor, chunks, pin_cpus
from backcheck.batch.work import EngineError, Outcome, Task, Worker
from backcheck.errors import InputError

WAIT_FOR_WORKERS_S = 300


# the scheduler's KilledWorker rounds an article alone may cause before it is an input error
ROUNDS = 3


class DaskExecutor(Executor):
    """Checks chunks on a Dask cluster: the scheduler at `scheduler` (tcp://HOST:8786), or
    an existing `client`, or else a LocalCluster of `workers` processes on this machine
    (one thread each, each pinned to its share of the CPUs, like the local executor's)."""

    def __init__(self, scheduler: str | None = None, workers: int = 1, *, client=None):
        self.scheduler, self.workers, self.client = scheduler, max(1, workers), client

    def results(self, task: Task, jobs: Sequence[Job]) -> Iterator[list[Outcome]]:
        if not jobs:
            return
        client, close = self._connect(len(jobs))
        plugin = EnginePlugin(task, own=self.scheduler is None and self.client is None,
                              workers=min(self.workers, len(jobs)))
        pending: dict = {}
        rounds: dict = {}                  # KilledWorker rounds per single article
        try:
            client.register_plugin(plugin, name=plugin.name)
            threads = sum(client.nthreads().values()) or 1
            work = chunks(jobs, threads)
            limit = 2 * threads            # chunks in flight: their texts are held here
            done = distributed.as_completed()

            def send(c: list[Job]) -> None:
                fut = client.submit(check_chunk, plugin.name, read(c, task.config),
                                    key=f"backcheck-{c[0].name}-{uuid.uuid4().hex}")
                pending[fut] = c
                done.add(fut)

            for c in islice(work, limit):
                send(c)
            for fut in done:
                c = pending.pop(fut)
                try:
                    outcomes = fut.result()
                except EngineError as e:
                    raise e.input_error() from None
                except distributed.KilledWorker as e:
                    if len(c) > 1:          # find the article that kills workers
                        for j in c:
                            send([j])
                        continue
                    # an article queued on a worker that another article killed counts
                    # the death too: only one that is on every dying worker, round after
                    # round, is given up
                    rounds[c[0].name] = rounds.get(c[0].name, 0) + 1
                    if rounds[c[0].name] < ROUNDS:
                        send(c)
                        continue
                    deaths = ROUNDS * (e.allowed_failures + 1)
                    outcomes = [Outcome.error(c[0], f"{c[0].source}: workers died "
                                                    f"{deaths} times while "
                                                    "checking this article; not retried")]
                finally:
                    fut.release()
                yield outcomes
                for c in islice(work, max(0, limit - len(pending))):
                    send(c)
        finally:
            # Ctrl-C or an error: drop what is queued; finished reports are written
            if pending:
                try:
                    client.cancel(list(pending))
                except Exception:
                    pass
            try:
                client.unregister_worker_plugin(plugin.name)
            except Exception:
                pass                            # the cluster may be gone already
            close()

    def _connect(self, jobs: int):
        """A client, and how to let it go."""
        if self.client is not None:
            return self.client, lambda: None
        if self.scheduler:
            logging.getLogger("distributed").setLevel(logging.CRITICAL)  # one line on stderr
            try:
                client = distributed.Client(self.scheduler)   # timeout: Dask's config
            except (OSError, TimeoutError, ValueError) as e:
                raise InputError(self.scheduler, f"cannot reach the Dask scheduler: {e}") \
                    from None
            try:
                client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_S)
            except TimeoutError:
                client.close()
                raise InputError(self.scheduler, f"no Dask worker joined the scheduler in "
                                                 f"{WAIT_FOR_WORKERS_S} s") from None
            return client, client.close
        try:
            # ":0": the scheduler's HTTP endpoint on a free port (with None it still takes
            # 8787, and two batches on one machine would clash)
            cluster = distributed.LocalCluster(
                n_workers=min(self.workers, jobs), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=":0", silence_logs=logging.CRITICAL)
        except (OSError, RuntimeError, TimeoutError) as e:
            raise InputError(None, f"cannot start a local Dask cluster: {e}") from None
        client = distributed.Client(cluster)

        def close():
            client.close()
            cluster.close()
        return client, close


class EnginePlugin(WorkerPlugin):
    """The batch's Task on a worker, and its engines: one per worker thread, loaded at that
    thread's first chunk (a Checker is not shared between threads: its translation cache
    is an SQLite connection)."""

    def __init__(self, task: Task, own: bool = False, workers: int = 1):
        self.task, self.own, self.workers = task, own, workers
        self.name = f"backcheck-{uuid.uuid4().hex}"
        self.index: int | None = None
        self.local = threading.local()

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "local"}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.local = threading.local()

    def setup(self, worker):
        if not self.own:
            return
        # the workers of the client's own LocalCluster: Ctrl-C reaches the whole process
        # group, and the client handles it (as local worker processes ignore it too)
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:              # not the main thread: nothing to do there
            pass
        # they are named 0..n-1: each gets its share of the CPUs
        self.index = int(worker.name) if str(worker.name).isdigit() else None

    def engine(self) -> Worker:
        """This thread's Worker (its engine), built at its first chunk."""
        if getattr(self.local, "worker", None) is None:
            if self.index is not None:
                # affinity is per thread: pin the one that runs the engine (its threads
                # inherit it) before the engine sizes its thread pool
                pin_cpus(self.index, self.workers)
            self.local.worker = Worker(self.task, defer_errors=True)
        return self.local.worker


def check_chunk(plugin: str, items: list[Item]) -> list[Outcome]:
    """The task: on a Dask worker, check a chunk with that worker's engine."""
    return distributed.get_worker().plugins[plugin].engine().check_chunk(items)
