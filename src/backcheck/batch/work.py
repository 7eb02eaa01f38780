"""The work of a batch, as a worker does it (a worker process, a Dask worker, or the batch's
own process with --jobs 1): load the engine once, then check chunks of articles and hand back
their rendered reports. Workers write nothing: the batch's client writes every report.

Entry points: `Task` (what a worker needs, picklable), `Worker(task).check_chunk(items)`
(items: jobs with their input read by the client, see discovery.read).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from backcheck.article import Article
from backcheck.batch.discovery import Item, Job
from backcheck.batch.summary import error_row, row, slim
from backcheck.errors import InputError
from backcheck.report.model import Report


@dataclass(frozen=True)
class Task:
    """What every worker needs to check this batch's articles."""
    config: object                 # backcheck.config.Config
    html: bool                     # also render an HTML report per article
    fingerprint: str               # of the configuration, recorded for resume


@dataclass
class Outcome:
    """One article's result: its summary row, and unless it is an input error its slim
    report (for JUnit) and the report files' text."""
    name: str
    row: dict
    report: Report | None = None
    json: str | None = None
    html: str | None = None

    @classmethod
    def error(cls, job: Job, message: str) -> Outcome:
        return cls(job.name, error_row(job, message))


class EngineError(Exception):
    """The engine could not start in a worker: an InputError that crosses process
    boundaries (InputError's own arguments don't pickle). Stops the batch."""

    def __init__(self, path, reason):
        super().__init__(path, reason)

    def input_error(self) -> InputError:
        return InputError(*self.args)


def _message(e: Exception) -> str:
    """What the summary says about an article that could not be checked."""
    return str(e) if isinstance(e, InputError) else internal_error(e)


def internal_error(e: Exception) -> str:
    """A bug, not bad input: name where it happened so it can be reported."""
    import traceback
    last = traceback.extract_tb(e.__traceback__)[-1:]
    where = f" (at {Path(last[0].filename).name}:{last[0].lineno})" if last else ""
    return f"internal error: {type(e).__name__}: {e}{where}"


def load(item: Item, config) -> Article:
    """The item's article, from the text the client read."""
    from backcheck import article
    job = item.job
    if item.error:
        raise InputError(None, item.error)
    if job.kind == "pair":
        return article.pair_from_text(*item.texts, *job.paths, config=config)
    if job.kind == "jsonl":
        return article.from_dict(json.loads(item.texts[0]), source=job.source, config=config)
    return article.from_text(item.texts[0], source=job.paths[0], config=config)


class Worker:
    """One worker's state: the engine, loaded once (a backcheck.Checker). With defer_errors
    (a worker process) an engine that cannot start is reported at the first chunk, as an
    EngineError."""

    def __init__(self, task: Task, defer_errors: bool = False):
        from backcheck import Checker
        # the batch draws its own progress bar: no model-loading bars from transformers
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        self.task = task
        self.checker = self.fatal = None
        try:
            self.checker = Checker(task.config)
        except InputError as e:
            if not defer_errors:
                raise
            self.fatal = (e.path, e.reason)

    def check_chunk(self, items: list[Item]) -> list[Outcome]:
        """Check a chunk of articles (their sentences translated together); one Outcome
        per item."""
        from backcheck import render
        if self.fatal:
            raise EngineError(*self.fatal)
        task = self.task
        loaded: list[tuple[Job, Article]] = []
        results: list[Outcome] = []
        for item in items:
            try:
                loaded.append((item.job, load(item, task.config)))
            except Exception as e:      # a bad article must not stop the batch
                results.append(Outcome.error(item.job, _message(e)))
        reports = self.checker.check_many([a for _, a in loaded], return_exceptions=True)
        for (job, _), rep in zip(loaded, reports, strict=True):
            if isinstance(rep, Exception):
                results.append(Outcome.error(job, _message(rep)))
                continue
            try:
                rep.stats["batch"] = {"input": job.source, "input_sha256": job.sha256,
                                      "fingerprint": task.fingerprint, "html": task.html}
                html = render(rep, "html") if task.html else None
                text = render(rep, "json")
            except Exception as e:
                results.append(Outcome.error(job, _message(e)))
                continue
            results.append(Outcome(job.name, row(job, rep, task.html, False), slim(rep),
                                   text, html))
        return results
