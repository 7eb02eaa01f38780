"""Batch runs over many articles (orchestration only). Entry point: `run(...)`.

Inputs: article files (*.json, *.txt, *.md, *.html), `NAME.pt.txt` + `NAME.en.txt` pairs, JSONL files
(one article object per line), and directories of those (walked recursively without
following directory symlinks; hidden entries and the output directory are skipped).

Output directory: `<name>.json` (+ `<name>.html`) per article, `summary.json`, `summary.csv`,
`index.html`, `junit.xml`. Every file is written atomically (temp file + rename). Each
report's `stats.batch` records the input's sha256 and a fingerprint of the backcheck version
and configuration: a rerun of the same command skips articles whose report matches, so an
interrupted batch (Ctrl-C, kill -9) resumes where it stopped.

Exit status: 1 when an article has an issue at or above fail_on; otherwise 2 when an article
could not be checked (input error); otherwise 0.
"""
from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import math
import os
import re
import stat
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from backcheck.errors import InputError

ARTICLE_EXT = (".json", ".txt", ".md", ".html", ".htm")
PAIR = re.compile(r"^(?P<stem>.+)\.(?P<lang>pt|en)\.(?P<ext>txt|md)$", re.IGNORECASE)
RESERVED = {"summary", "index", "junit"}       # names of the batch's own output files
MAX_NAME = 100
VERDICT_ORDER = {"error": 0, "fail": 1, "warn": 2, "pass": 3}


_UMASK = os.umask(0o022)
os.umask(_UMASK)                  # read once: os.umask can only be read by setting it


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)     # mkstemp makes it 0600: a report is no secret
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# ---- discovery -------------------------------------------------------------------------

@dataclass
class Job:
    """One article to check: where it comes from, its report name, its content hash."""
    name: str
    kind: str                      # file | pair | jsonl
    paths: tuple[str, ...]
    sha256: str = ""
    line: int | None = None        # JSONL line number (1-based)
    text: str | None = None        # JSONL line
    error: str | None = None       # found unusable while listing


def safe_name(raw: str, taken: set[str]) -> str:
    """A file name stem that stays inside the output directory: no separators or leading
    dots, bounded length, not one of the summary files, unique (case-insensitively)."""
    s = unicodedata.normalize("NFKC", str(raw))
    s = re.sub(r"[^\w.-]+", "_", s).strip("._-")[:MAX_NAME] or "article"
    if s.casefold() in RESERVED:
        s += "_"
    name, n = s, 1
    while name.casefold() in taken:
        n += 1
        name = f"{s}-{n}"
    taken.add(name.casefold())
    return name


def _sha256(*paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        if not stat.S_ISREG(os.stat(p).st_mode):        # a FIFO would block forever
            raise OSError(0, "not a regular file", str(p))
        with open(p, "rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _walk(top: Path, skip: Path):
    """Article-like files under top, sorted; directory symlinks are not followed (no loops)."""
    for d, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".")
                         and (Path(d) / x).resolve() != skip)
        for f in sorted(files):
            if not f.startswith(".") and f.lower().endswith(ARTICLE_EXT + (".jsonl",)):
                yield Path(d) / f


def discover(inputs, out: Path) -> list[Job]:
    """Expand the inputs into jobs, in a stable order (names must be the same on a rerun)."""
    skip = out.resolve()
    files: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            if p.resolve() == skip:
                raise InputError(p, "is also the --out directory: reports would replace "
                                    "the articles; write them somewhere else")
            files.extend(_walk(p, skip))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            raise InputError(p, "no such file or directory")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    jobs: list[Job] = []
    taken: set[str] = set()
    pairs: dict[tuple[Path, str], tuple[Job, dict[str, Path]]] = {}
    for f in unique:
        m = PAIR.match(f.name)
        if m:
            key = (f.parent.resolve(), m["stem"])
            if key not in pairs:
                pairs[key] = (Job(m["stem"], "pair", ()), {})
                jobs.append(pairs[key][0])
            pairs[key][1][m["lang"].lower()] = f
        elif f.suffix.lower() == ".jsonl":
            jobs.extend(_jsonl_jobs(f))
        else:
            jobs.append(Job(f.stem, "file", (str(f),)))
    for job, halves in pairs.values():
        job.paths = tuple(str(halves[k]) for k in ("pt", "en") if k in halves)
        if len(halves) == 1:
            [(lang, f)] = halves.items()
            other = "en" if lang == "pt" else "pt"
            job.error = f"{f}: no matching {job.name}.{other}{f.suffix} beside it"
    inputs_resolved = set(seen)
    own = [out / n for n in ("summary.json", "summary.csv", "index.html", "junit.xml")]
    for job in jobs:
        job.name = safe_name(job.name, taken)
        for target in [out / f"{job.name}.json", out / f"{job.name}.html", *own]:
            if target.resolve() in inputs_resolved:
                raise InputError(target, "is an input: the batch would overwrite it; "
                                         "choose another --out directory")
        if job.kind != "jsonl" and not job.error:
            try:
                job.sha256 = _sha256(*job.paths)
            except OSError as e:
                job.error = f"{e.filename}: cannot read: {e.strerror}"
    return jobs


def _jsonl_jobs(path: Path) -> list[Job]:
    try:
        data = path.read_bytes()
    except OSError as e:
        return [Job(path.stem, "jsonl", (str(path),), error=f"{path}: cannot read: {e.strerror}")]
    jobs = []
    for n, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), 1):
        if not raw.strip():
            continue
        job = Job(f"{path.stem}-{n}", "jsonl", (str(path),), line=n,
                  sha256=hashlib.sha256(raw).hexdigest())
        try:
            job.text = raw.decode("utf-8")
            obj = json.loads(job.text)
            if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) and str(obj["id"]):
                job.name = str(obj["id"])
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            job.error = f"{path}: line {n}: not a JSON article ({e})"
        jobs.append(job)
    return jobs


# ---- configuration fingerprint -------------------------------------------------------------

def fingerprint(config) -> str:
    """What a report depends on besides the input: backcheck's version and the settings that
    change results (not where the cache lives, nor fail_on and the waivers, which resume
    applies again to a finished report)."""
    from backcheck import __version__
    d = config.to_dict()
    for k in ("path", "format", "fail_on", "cache", "cache_dir", "jobs", "waivers"):
        d.pop(k, None)
    if d.get("glossary"):
        d["glossary"] = _sha256(d["glossary"])
    if d.get("model"):
        d["model"] = os.path.abspath(d["model"])
    if d["engine"] == "auto":
        # what "auto" means depends on which models are installed now
        from backcheck.translate import pick
        d["engine"] = pick(config)
    d["engine_revisions"] = _revisions(d["engine"], config)
    blob = json.dumps({"version": __version__, "config": d}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _revisions(engine: str, config) -> list:
    """The revisions of the models (or Apertium packages) the engine would use: a model
    replaced in place changes results as much as a changed setting."""
    if engine == "apertium":
        from backcheck.translate.apertium import package_version
        return [package_version()]
    if engine not in ("marian", "ct2"):
        return []
    from backcheck.translate import models
    kind = "ct2" if engine == "ct2" else "hf"
    found = [models.find(config.model, d, kind) for d in models.DIRECTIONS]
    return [models.describe(p, d)["revision"] for p, d in zip(found, models.DIRECTIONS) if p]


# ---- the work, in a worker process (or in-process with --jobs 1) --------------------------

_worker: dict = {}


def _init_worker(config, out: str, html: bool, fp: str, in_pool: bool,
                 slot=None, workers: int = 1) -> None:
    """Build the translator once per worker process."""
    if in_pool:
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent handles Ctrl-C
        _exit_with_parent()
    if slot is not None:
        _share_cpus(slot, workers)
    # the batch draws its own progress bar: no model-loading bars from transformers
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    translator = scorer = fatal = None
    if config.engine != "none":
        from backcheck.translate import get_scorer, get_translator
        try:
            translator = get_translator(config)
            scorer = get_scorer(config, translator)     # forced decoding, Marian engines
        except InputError as e:
            if not in_pool:
                raise
            fatal = (e.path, e.reason)      # raised in the parent at the first chunk
    _worker.update(config=config, out=Path(out), html=html, fp=fp, fatal=fatal, scorer=scorer,
                   translator=None if translator is None else _Prefetched(translator))


def _exit_with_parent() -> None:
    """A worker whose parent was killed (kill -9) would wait for work forever: leave instead.
    A half-written temp file is removed by the next run."""
    import threading
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _share_cpus(slot, workers: int) -> None:
    """Give this worker its own share of the CPUs: the engines size their thread pools
    from the CPU affinity, and N workers each using every core would oversubscribe them."""
    if not hasattr(os, "sched_setaffinity"):
        return
    with slot.get_lock():
        k = slot.value
        slot.value += 1
    cpus = sorted(os.sched_getaffinity(0))
    share = max(1, len(cpus) // workers)
    mine = cpus[(k * share) % len(cpus):][:share] or cpus[:share]
    try:
        os.sched_setaffinity(0, mine)
    except OSError:
        pass


class _WorkerInputError(Exception):
    """An InputError crossing the process boundary (InputError's own arguments don't pickle)."""

    def __init__(self, path, reason):
        super().__init__(path, reason)


class _Prefetched:
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


def _load(job: Job, config):
    from backcheck import article
    if job.error:
        raise InputError(None, job.error)
    if job.kind == "pair":
        return article.load_pair(job.paths[0], job.paths[1], config=config)
    if job.kind == "jsonl":
        return article.from_dict(json.loads(job.text), source=f"{job.paths[0]}:{job.line}",
                                 config=config)
    return article.load(job.paths[0], config=config)


def _internal(e: Exception) -> str:
    """A bug, not bad input: name where it happened so it can be reported."""
    import traceback
    last = traceback.extract_tb(e.__traceback__)[-1:]
    where = f" (at {Path(last[0].filename).name}:{last[0].lineno})" if last else ""
    return f"internal error: {type(e).__name__}: {e}{where}"


def _source(job: Job) -> str:
    return ", ".join(job.paths) + (f":{job.line}" if job.line else "")


def _error_row(job: Job, message: str) -> dict:
    return {"name": job.name, "id": job.name, "source": _source(job),
            "verdict": "error", "score": None,
            "counts": {}, "json": None, "html": None, "error": message, "skipped": False}


def _row(job: Job, rep, html: bool, skipped: bool) -> dict:
    from backcheck.report.text_format import counts
    return {"name": job.name, "id": rep.id, "source": rep.source, "verdict": rep.verdict,
            "score": rep.score, "counts": counts(rep), "json": f"{job.name}.json",
            "html": f"{job.name}.html" if html else None, "error": None, "skipped": skipped}


def process_chunk(jobs: list[Job]) -> list[tuple[dict, dict | None]]:
    """Check a chunk of articles and write their reports; returns (row, report dict)."""
    from backcheck import pipeline, segment
    from backcheck.report import render
    w = _worker
    if w["fatal"]:
        raise _WorkerInputError(*w["fatal"])
    config, out, translator = w["config"], w["out"], w["translator"]
    loaded: list[tuple[Job, object]] = []
    results: list[tuple[dict, dict | None]] = []
    for job in jobs:
        try:
            loaded.append((job, _load(job, config)))
        except InputError as e:
            results.append((_error_row(job, str(e)), None))
        except Exception as e:      # a bad article must not stop the batch
            results.append((_error_row(job, _internal(e)), None))
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
            rep = pipeline.check(art, translator, config, scorer=w.get("scorer"))
            rep.stats["batch"] = {"input": _source(job), "input_sha256": job.sha256,
                                  "fingerprint": w["fp"], "html": w["html"]}
            html = render(rep, "html") if w["html"] else None
            text = render(rep, "json")
        except InputError as e:
            results.append((_error_row(job, str(e)), None))
            continue
        except Exception as e:
            results.append((_error_row(job, _internal(e)), None))
            continue
        try:
            if html is not None:
                write_atomic(out / f"{job.name}.html", html)
            else:
                (out / f"{job.name}.html").unlink(missing_ok=True)    # stale, older run
            write_atomic(out / f"{job.name}.json", text)      # last: marks the article done
        except OSError as e:
            results.append((_error_row(job, f"cannot write the report: {e}"), None))
            continue
        results.append((_row(job, rep, w["html"], False), rep.to_dict()))
    return results


# ---- resume -----------------------------------------------------------------------------

def _done(job: Job, out: Path, fp: str, html: bool) -> dict | None:
    """The existing report for this exact input and configuration, if complete."""
    if job.error or not job.sha256:
        return None
    try:
        d = json.loads((out / f"{job.name}.json").read_text("utf-8"))
        meta = d["stats"]["batch"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (meta.get("input_sha256"), meta.get("fingerprint"), meta.get("input")) != \
            (job.sha256, fp, _source(job)):
        return None
    if html and not (meta.get("html") and (out / f"{job.name}.html").is_file()):
        return None
    return d


def _rejudged(job: Job, d: dict, out: Path, html: bool, config):
    """A finished report with the article's waivers read again and judged again under this
    run's fail_on (the fingerprint leaves both out: they redo no translation), rewritten
    when that changed it, so that the files agree with the summary."""
    from backcheck.report import render, score
    from backcheck.report.model import report_from_dict
    rep = score.finalize(report_from_dict(d), config)
    if rep.to_dict() != d:
        if html:
            write_atomic(out / f"{job.name}.html", render(rep, "html"))
        write_atomic(out / f"{job.name}.json", render(rep, "json"))
    return rep


# ---- driver -----------------------------------------------------------------------------

def _lock(out: Path):
    """One batch per output directory at a time (the lock goes away with the process)."""
    f = open(out / ".backcheck-batch.lock", "w")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        f.close()
        raise InputError(out, "another backcheck batch is writing to this directory") from None
    return f


def _clean_temp(out: Path) -> None:
    """Remove temp files a killed run left behind (safe: we hold the directory's lock)."""
    for p in out.glob(".*.tmp"):
        p.unlink(missing_ok=True)


def _chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    # a few chunks per worker keeps them all busy; at most 8 articles keeps reports
    # appearing steadily (what is not written is redone after an interruption)
    size = max(1, min(8, math.ceil(len(jobs) / (workers * 4))))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def run(inputs, out: Path, config, html=False, jobs=None, progress=True) -> int:
    """Check every article under inputs into out; returns the exit status."""
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
    lock = _lock(out)
    try:
        _clean_temp(out)
        fp = fingerprint(config)
        results: dict[str, tuple[dict, dict | None]] = {}
        todo = []
        for job in all_jobs:
            d = _done(job, out, fp, html)
            if d is not None:
                rep = _rejudged(job, d, out, html, config)
                results[job.name] = (_row(job, rep, html, True), rep.to_dict())
            else:
                todo.append(job)
        workers = max(1, min(jobs or config.jobs or 1, len(todo) or 1))
        with _Progress(len(all_jobs), len(results), progress) as bar:
            for res in _execute(todo, workers, config, out, html, fp):
                for row, d in res:
                    results[row["name"]] = (row, d)
                bar.advance(len(res))
        rows = [results[j.name][0] for j in all_jobs]
        reports = [report_from_dict(results[j.name][1]) for j in all_jobs
                   if results[j.name][1] is not None]
        fails = any(r.verdict == "fail" for r in reports)
        errors = any(r["verdict"] == "error" for r in rows)
        status = 1 if fails else 2 if errors else 0
        try:
            line = _write_summary(out, rows, reports, html, config, status,
                                  time.monotonic() - start)
        except OSError as e:           # disk full, directory removed meanwhile
            raise InputError(out, f"cannot write the summary: {e.strerror or e}") from None
    finally:
        lock.close()
    print(line, file=sys.stderr)
    return status


def _execute(todo: list[Job], workers: int, config, out: Path, html: bool, fp: str):
    """Yield each chunk's results as it completes."""
    if not todo:
        return
    chunks = _chunks(todo, workers)
    if workers == 1:
        _init_worker(config, str(out), html, fp, False)
        for c in chunks:
            yield process_chunk(c)
        return
    # spawn: workers start clean (no inherited torch threads or locks from the parent)
    ctx = get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(config, str(out), html, fp, True,
                                         ctx.Value("i", 0), workers))
    futures = {pool.submit(process_chunk, c): c for c in chunks}
    try:
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except _WorkerInputError as e:
                raise InputError(*e.args) from None
            except BrokenProcessPool as e:
                yield [(_error_row(j, f"worker process died: {e}"), None) for j in futures[fut]]
    except BaseException:
        # Ctrl-C: stop now rather than finish the queued chunks; finished reports stay
        for p in list(getattr(pool, "_processes", {}).values()):   # no public API for this
            p.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _write_summary(out: Path, rows, reports, html, config, status, elapsed) -> str:
    from backcheck import __version__
    from backcheck.report import render
    rows = sorted(rows, key=lambda r: (VERDICT_ORDER[r["verdict"]], -(r["score"] or 0),
                                       r["name"]))
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICT_ORDER}
    skipped = sum(1 for r in rows if r["skipped"])
    summary = {"backcheck": __version__, "articles": len(rows), "verdicts": counts,
               "skipped": skipped, "fail_on": config.fail_on, "exit_status": status,
               "elapsed_s": round(elapsed, 2), "reports": rows}
    write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "id", "verdict", "score", "critical", "major", "minor", "info",
                "source", "error"])
    for r in rows:
        c = r["counts"]
        w.writerow([r["name"], r["id"], r["verdict"], "" if r["score"] is None else r["score"],
                    c.get("critical", ""), c.get("major", ""), c.get("minor", ""),
                    c.get("info", ""), r["source"] or "", r["error"] or ""])
    write_atomic(out / "summary.csv", buf.getvalue())
    from backcheck.report import html_format
    write_atomic(out / "index.html", html_format.render_index(rows))
    errors = [{"name": r["name"], "source": r["source"], "error": r["error"]}
              for r in rows if r["verdict"] == "error"]
    write_atomic(out / "junit.xml",
                 render(reports, "junit", errors=errors))
    done = f"{len(rows)} articles: " + ", ".join(f"{n} {v}" for v, n in
                                                  [(v, counts[v]) for v in
                                                   ("pass", "warn", "fail", "error")])
    if skipped:
        done += f" ({skipped} already done)"
    return f"{done} in {elapsed:.1f}s; reports in {out}"


class _Progress:
    """rich progress bar on stderr (count, rate, ETA); silent unless stderr is a terminal."""

    def __init__(self, total: int, done: int, enabled: bool):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("batch", total=total, completed=done, rate="")
            self.start, self.base = time.monotonic(), done

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def advance(self, n: int) -> None:
        if self.bar:
            t = self.bar.tasks[0]
            per_min = (t.completed + n - self.base) / max(time.monotonic() - self.start, 1e-9) * 60
            self.bar.update(self.task, advance=n, rate=f"{per_min:.0f} articles/min")

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
