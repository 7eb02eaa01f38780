"""Discovery: expand the batch's inputs into jobs, one per article, in a stable order.

Entry point: `discover(inputs, out) -> list[Job]`.
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
    inputs_resolved = {f.resolve() for f in files}
    own = [out / n for n in OWN_FILES]
    taken: set[str] = set()
    for job in jobs:
        job.name = safe_name(job.name, taken)
        for target in [out / f"{job.name}.json", out / f"{job.name}.html", *own]:
            if target.resolve() in inputs_resolved:
                raise InputError(target, "is an input: the batch would overwrite it; "
                                         "choose another --out directory")
        if job.kind != "jsonl" and not job.error:
            try:
                job.sha256 = file_sha256(*job.paths)
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
