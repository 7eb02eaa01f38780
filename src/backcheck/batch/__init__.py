"""Batch runs over many articles (orchestration only). Entry point: `run(...)`.

Inputs: article files (*.json, *.txt, *.md, *.html), `NAME.pt.txt` + `NAME.en.txt` pairs, JSONL files
(one article object per line), and directories of those (walked recursively without
following directory symlinks; hidden entries and the output directory are skipped).

Output directory: `<name>.json` (+ `<name>.html`) per article, `summary.json`, `summary.csv`,
`index.html`, `junit.xml`. Every file is written atomically (temp file + rename), by this
process (the client) as results arrive from the workers. Each report's `stats.batch` records
the input's sha256 and a fingerprint of the backcheck version and configuration: a rerun of
the same command skips articles whose report matches, so an interrupted batch (Ctrl-C,
kill -9) resumes where it stopped.

Exit status: 1 when an article has an issue at or above fail_on; otherwise 2 when an article
could not be checked (input error); otherwise 0.

The package, in the order a batch runs: `discovery` (inputs → jobs), `state` (lock, resume,
atomic writes), `executors` (where chunks are checked: `LocalExecutor`, and
`cluster.DaskExecutor`), `work` (what a worker does with a chunk), `progress`, `summary`.
"""
from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from backcheck.batch import state, summary
from backcheck.batch.discovery import Job, discover, safe_name
from backcheck.batch.executors import Executor, LocalExecutor
from backcheck.batch.progress import Progress
from backcheck.batch.state import fingerprint, write_atomic
from backcheck.batch.work import Outcome, Task
from backcheck.errors import InputError

__all__ = ["Executor", "Job", "LocalExecutor", "discover", "fingerprint", "run", "safe_name",
           "write_atomic"]


def run(inputs, out: Path, config, html=False, jobs=None, progress=True,
        executor: Executor | None = None) -> int:
    """Check every article under inputs into out; returns the exit status. `executor`
    decides where the work runs (default: `LocalExecutor(jobs)`, local processes)."""
    from backcheck.report import score
    from backcheck.report.model import report_from_dict

    start = time.monotonic()
    out = Path(out)
    if jobs is not None and jobs < 1:
        raise InputError(None, "--jobs must be at least 1")
    if out.exists() and not out.is_dir():
        raise InputError(out, "--out is not a directory")
    if config.glossary:
        from backcheck.checks import glossary
        glossary.load(config.glossary)            # a bad glossary stops the batch up front
    all_jobs = discover(inputs, out)
    if not all_jobs:
        raise InputError(", ".join(map(str, inputs)), "no articles found")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(out, f"cannot create the --out directory: {e.strerror}") from None
    lock = state.lock(out)
    try:
        state.clean_temp(out)
        task = Task(config, html, fingerprint(config))
        rows: dict[str, dict] = {}
        reports: dict[str, object] = {}          # slim reports, for junit.xml
        todo = []
        for job in all_jobs:
            d = state.done(job, out, task.fingerprint, html)
            if d is None:
                todo.append(job)
                continue
            rep = report_from_dict(d)
            rows[job.name], reports[job.name] = summary.row(job, rep, html, True), summary.slim(rep)
        if executor is None:
            executor = LocalExecutor(max(1, min(jobs or config.jobs or 1, len(todo) or 1)))
        by_name = {j.name: j for j in todo}
        with Progress(len(all_jobs), len(rows), progress) as bar, \
                contextlib.closing(executor.results(task, todo)) as results:
            for outcomes in results:
                for o in outcomes:
                    o = _write(out, by_name[o.name], o)
                    rows[o.name] = o.row
                    if o.report is not None:
                        reports[o.name] = o.report
                bar.advance(len(outcomes))
        ordered_rows = [rows[j.name] for j in all_jobs]
        ordered = [reports[j.name] for j in all_jobs if j.name in reports]
        fails = any(score.fails(r, config.fail_on) for r in ordered)
        errors = any(r["verdict"] == "error" for r in ordered_rows)
        status = 1 if fails else 2 if errors else 0
        try:
            line = summary.write(out, ordered_rows, ordered, config, status,
                                 time.monotonic() - start)
        except OSError as e:           # disk full, directory removed meanwhile
            raise InputError(out, f"cannot write the summary: {e.strerror or e}") from None
    finally:
        lock.close()
    print(line, file=sys.stderr)
    return status


def _write(out: Path, job: Job, o: Outcome) -> Outcome:
    """Write one article's report files (the JSON last: it marks the article done)."""
    if o.json is None:
        return o
    try:
        if o.html is not None:
            write_atomic(out / f"{job.name}.html", o.html, durable=False)
        else:
            (out / f"{job.name}.html").unlink(missing_ok=True)    # stale, from an older run
        write_atomic(out / f"{job.name}.json", o.json, durable=False)
    except OSError as e:
        return Outcome.error(job, f"cannot write the report: {e}")
    return o
