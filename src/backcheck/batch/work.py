"""The work of a batch, as a worker does it (a worker process, a Dask worker, or the batch's
own process with --jobs 1): load the engine once, then check chunks of articles and hand back
their rendered reports. Workers write nothing: the batch's client writes every report.

Entry points: `Task` (what a worker needs, picklable), `Worker(task).check_chunk(jobs)`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from backcheck.batch.discovery import Job
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


def internal_error(e: Exception) -> str:
    """A bug, not bad input: name where it happened so it can be reported."""
    import traceback
    last = traceback.extract_tb(e.__traceback__)[-1:]
    where = f" (at {Path(last[0].filename).name}:{last[0].lineno})" if last else ""
    return f"internal error: {type(e).__name__}: {e}{where}"


class Prefetched:
    """Serves translations fetched for a whole chunk of articles in one call per direction:
    engines are much faster on one big batch than on many small ones."""

    def __init__(self, inner):
        self.inner = inner
        self.name = getattr(inner, "name", "unknown")
        self.memo: dict[tuple[str, str, str], str] = {}

    def prefetch(self, texts, src, tgt) -> None:
        todo = list(dict.fromkeys(t for t in texts if (src, tgt, t) not in self.memo))
        if todo:
            for t, out in zip(todo, self.inner.translate(todo, src, tgt), strict=True):
                self.memo[(src, tgt, t)] = out

    def translate(self, texts, src, tgt):
        self.prefetch(texts, src, tgt)
        return [self.memo[(src, tgt, t)] for t in texts]

    def info(self, src, tgt):
        return self.inner.info(src, tgt)


def load(job: Job, config):
    """The job's article."""
    from backcheck import article
    if job.error:
        raise InputError(None, job.error)
    if job.kind == "pair":
        return article.load_pair(job.paths[0], job.paths[1], config=config)
    if job.kind == "jsonl":
        return article.from_dict(json.loads(job.text), source=f"{job.paths[0]}:{job.line}",
                                 config=config)
    return article.load(job.paths[0], config=config)


class Worker:
    """One worker's state: the engine, loaded once. With defer_errors (a worker process) an
    engine that cannot start is reported at the first chunk, as an EngineError."""

    def __init__(self, task: Task, defer_errors: bool = False):
        # the batch draws its own progress bar: no model-loading bars from transformers
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        self.task = task
        self.translator = self.scorer = self.fatal = None
        config = task.config
        if config.engine != "none":
            from backcheck.translate import get_scorer, get_translator
            try:
                translator = get_translator(config)
                self.scorer = get_scorer(config, translator)   # forced decoding, Marian engines
                self.translator = Prefetched(translator)
            except InputError as e:
                if not defer_errors:
                    raise
                self.fatal = (e.path, e.reason)

    def check_chunk(self, jobs: list[Job]) -> list[Outcome]:
        """Check a chunk of articles; one Outcome per job, in order of completion."""
        from backcheck import pipeline, segment
        from backcheck.report import render
        if self.fatal:
            raise EngineError(*self.fatal)
        config, translator, task = self.task.config, self.translator, self.task
        loaded: list[tuple[Job, object]] = []
        results: list[Outcome] = []
        for job in jobs:
            try:
                loaded.append((job, load(job, config)))
            except InputError as e:
                results.append(Outcome.error(job, str(e)))
            except Exception as e:      # a bad article must not stop the batch
                results.append(Outcome.error(job, internal_error(e)))
        if translator is not None:
            translator.memo.clear()
            pt, en = [], []
            for _, art in loaded:
                try:
                    seg = segment.segment(art)
                except Exception:       # reported below, by pipeline.check on this article
                    continue
                pt += [s.text for s in seg.pt if len(s.text) <= config.max_sentence_chars]
                en += [s.text for s in seg.en if len(s.text) <= config.max_sentence_chars]
            try:
                translator.prefetch(pt, "pt", "en")
                translator.prefetch(en, "en", "pt")
            except Exception:
                # one article's text broke the batched call: translate article by article
                # below, so the error lands on that article alone
                translator.memo.clear()
        for job, art in loaded:
            try:
                rep = pipeline.check(art, translator, config, scorer=self.scorer)
                rep.stats["batch"] = {"input": job.source, "input_sha256": job.sha256,
                                      "fingerprint": task.fingerprint, "html": task.html}
                html = render(rep, "html") if task.html else None
                text = render(rep, "json")
            except InputError as e:
                results.append(Outcome.error(job, str(e)))
                continue
            except Exception as e:
                results.append(Outcome.error(job, internal_error(e)))
                continue
            results.append(Outcome(job.name, row(job, rep, task.html, False), slim(rep),
                                   text, html))
        return results
