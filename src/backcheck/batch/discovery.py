"""Discovery: expand the batch's inputs into jobs, one per article, in a stable order, and
read a job's input when its turn comes (by the batch's client: workers need no access to
the files). A job holds no article text, so 100,000 of them are cheap to list.

Entry points: `discover(inputs, out) -> list[Job]`, `read(jobs, config) -> list[Item]`.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from backcheck.errors import InputError

ARTICLE_EXT = (".json", ".txt", ".md", ".html", ".htm")
PAIR = re.compile(r"^(?P<stem>.+)\.(?P<lang>pt|en)\.(?P<ext>txt|md)$", re.IGNORECASE)
RESERVED = {"summary", "index", "junit"}       # names of the batch's own output files
OWN_FILES = ("summary.json", "summary.csv", "index.html", "junit.xml")
MAX_NAME = 100
BOM = b"\xef\xbb\xbf"


@dataclass
class Job:
    """One article to check: where it comes from, its report name, its content hash."""
    name: str
    kind: str                      # file | pair | jsonl
    paths: tuple[str, ...]
    sha256: str = ""
    line: int | None = None        # JSONL: line number (1-based)
    offset: int = 0                # JSONL: where the line starts in the file, and its
    size: int = 0                  # length in bytes (without the line break)
    error: str | None = None       # found unusable while listing

    @property
    def source(self) -> str:
        """Where the article comes from, as reports and the summary name it."""
        return ", ".join(self.paths) + (f":{self.line}" if self.line else "")


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


def file_sha256(*paths) -> str:
    """sha256 over the contents of the files, in order; refuses anything but regular files."""
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


def _files(inputs, skip: Path) -> list[Path]:
    """The input files, directories expanded, each file once."""
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
    return unique


def discover(inputs, out: Path) -> list[Job]:
    """Expand the inputs into jobs, in a stable order (names must be the same on a rerun)."""
    files = _files(inputs, out.resolve())
    jobs: list[Job] = []
    pairs: dict[tuple[Path, str], tuple[Job, dict[str, Path]]] = {}
    for f in files:
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
    # no report may replace an input (a safe name has no separator: resolving the output
    # directory once is enough, which matters for 100,000 names)
    inputs_resolved = {f.resolve() for f in files}
    out_resolved = out.resolve()

    def refuse_input(name: str) -> None:
        if out_resolved / name in inputs_resolved:
            raise InputError(out / name, "is an input: the batch would overwrite it; "
                                         "choose another --out directory")
    for name in OWN_FILES:
        refuse_input(name)
    taken: set[str] = set()
    for job in jobs:
        job.name = safe_name(job.name, taken)
        refuse_input(f"{job.name}.json")
        refuse_input(f"{job.name}.html")
        if job.kind != "jsonl" and not job.error:
            try:
                job.sha256 = file_sha256(*job.paths)
            except OSError as e:
                job.error = f"{e.filename}: cannot read: {e.strerror}"
    return jobs


def _lines(f):
    """(offset, bytes) of each line of a binary file, as bytes.splitlines() splits them
    (\n, \r\n or a lone \r), read as a stream: the file is never held whole."""
    pos = 0
    for raw in f:
        end = len(raw)
        if raw.endswith(b"\n"):
            end -= 1
            if raw[:end].endswith(b"\r"):
                end -= 1
        start = 0
        for part in raw[:end].split(b"\r"):
            yield pos + start, part
            start += len(part) + 1
        pos += len(raw)


def _jsonl_jobs(path: Path) -> list[Job]:
    jobs = []
    try:
        with open(path, "rb") as f:
            for n, (offset, raw) in enumerate(_lines(f), 1):
                if n == 1 and raw.startswith(BOM):
                    raw, offset = raw[len(BOM):], offset + len(BOM)
                if raw.strip():
                    jobs.append(_jsonl_job(path, n, offset, raw))
    except OSError as e:
        return [Job(path.stem, "jsonl", (str(path),), error=f"{path}: cannot read: {e.strerror}")]
    return jobs


def _jsonl_job(path: Path, n: int, offset: int, raw: bytes) -> Job:
    job = Job(f"{path.stem}-{n}", "jsonl", (str(path),), line=n, offset=offset, size=len(raw),
              sha256=hashlib.sha256(raw).hexdigest())
    try:
        obj = json.loads(raw.decode("utf-8"))
        if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) and str(obj["id"]):
            job.name = str(obj["id"])
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        job.error = f"{path}: line {n}: not a JSON article ({e})"
    return job


# ---- reading, when a job's turn comes ----------------------------------------------------

@dataclass
class Item:
    """A job with its input read: the article's text(s), or why it could not be read."""
    job: Job
    texts: tuple[str, ...] = ()    # file: (text,); pair: (pt, en); jsonl: (line,)
    error: str | None = None


def read(jobs: list[Job], config) -> list[Item]:
    """Read the jobs' inputs (never raises: an input that cannot be read is an Item with an
    error, reported like any bad article)."""
    from backcheck import article
    limit = config.max_article_chars
    items = []
    for job in jobs:
        if job.error:
            items.append(Item(job, error=job.error))
            continue
        try:
            if job.kind == "jsonl":
                with open(job.paths[0], "rb") as f:
                    f.seek(job.offset)
                    texts: tuple[str, ...] = (f.read(job.size).decode("utf-8"),)
            else:
                texts = tuple(article.read_text(p, limit) for p in job.paths)
        except InputError as e:
            items.append(Item(job, error=str(e)))
        except (OSError, UnicodeDecodeError) as e:
            items.append(Item(job, error=f"{job.source}: cannot read: {e}"))
        else:
            items.append(Item(job, texts))
    return items
