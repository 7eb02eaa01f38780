"""Issue fingerprints and waivers: accepted issues, recorded once, not raised again.

Entry points:
- `fingerprint(issue) -> str`: a stable id of an issue across runs: its type, its side and
  the normalised text of its sentence(s) and items (figures, names, junk); not its place
  (paragraph numbers), severity, message or the machine translations. A changed sentence
  is a new issue.
- `path_for(source, config) -> Path | None`: the waivers file of an article: the one the
  configuration names (`waivers = "..."`), else `NAME.waivers.toml` next to the article
  (`NAME` being its file stem, without `.pt` for a pair, the JSONL file's stem for a line
  of one); None for standard input with no configured file.
- `apply(report, config)`: marks the report's issues whose fingerprint is waived for that
  article (issue.waived = {"by", "date", "reason"}).
- `add(path, report, fingerprints, by, reason)`: appends waivers (what `backcheck waive` does).

The waivers file is TOML, for people to read, review and edit:

    [[waiver]]
    fingerprint = "3f9a1c2b7d4e"
    article = "dev-001"          # optional: without it the waiver holds for every article
    type = "number"              # the rest is for the reader
    text = "The planned investment is R$86.4 million, 40% of which ..."
    by = "ana"
    date = "2026-12-01"
    reason = "the English rounds on purpose"

Entries are appended as text, so comments and the order of an edited file are kept.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from backcheck.errors import InputError
from backcheck.lang.normalise import fold
from backcheck.report.model import Issue, Report

SUFFIX = ".waivers.toml"
FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
HEADER = ("# backcheck waivers: issues an editor reviewed and accepted; they are shown as\n"
          "# waived and not counted. `backcheck waive REPORT FINGERPRINT... --reason TEXT`\n"
          "# appends here. Edit or delete entries freely; a changed sentence is a new issue.\n")


# ---- fingerprints ---------------------------------------------------------------------

def _norm(text) -> str:
    return " ".join(fold(str(text)).split())


def _items(issue: Issue) -> list[str]:
    ev = issue.evidence or {}
    out = []
    for key in ("pt_items", "en_items", "match"):
        v = ev.get(key)
        for x in v if isinstance(v, (list, tuple)) else [] if v is None else [v]:
            out.append(f"{key}:{_norm(x.get('text', x) if isinstance(x, dict) else x)}")
    return sorted(out)


def side(issue: Issue) -> str:
    """Where the issue is: "pt", "en" or "pt+en" (an artifact says on which side it is)."""
    ev = issue.evidence or {}
    if ev.get("side") in ("pt", "en"):
        return ev["side"]
    return "+".join(s for s in ("pt", "en") if getattr(issue, s) is not None) or "none"


def fingerprint(issue: Issue) -> str:
    """12 hex digits from the type, the side, the normalised sentence text(s) and items."""
    key = [issue.type, side(issue),
           _norm(issue.pt.text) if issue.pt is not None else None,
           _norm(issue.en.text) if issue.en is not None else None, _items(issue)]
    blob = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def stamp(report: Report) -> Report:
    for issue in report.issues:
        issue.fingerprint = fingerprint(issue)
    return report


# ---- where the file is ------------------------------------------------------------------

_JSONL_LINE = re.compile(r"^(?P<file>.+\.jsonl):\d+$", re.IGNORECASE)
_PAIR_STEM = re.compile(r"^(?P<stem>.+)[._-]pt$", re.IGNORECASE)   # NAME.pt.txt of a pair


def article_file(source) -> str | None:
    """The file an article was read from, given a report's source: the path, the Portuguese
    file of a pair ("x.pt.txt, x.en.txt"), the JSONL file of "x.jsonl:LINE"; None for
    standard input."""
    if not source or str(source) == "<stdin>":
        return None
    src = str(source).split(", ")[0]
    m = _JSONL_LINE.match(src)
    return m["file"] if m else src


def path_for(source, config=None) -> Path | None:
    """The waivers file of the article read from `source` (see the module docstring)."""
    configured = getattr(config, "waivers", None)
    if configured:
        return Path(configured)
    src = article_file(source)
    if src is None:
        return None
    p = Path(src)
    stem = p.stem
    if p.suffix.lower() in (".txt", ".md") and (pair := _PAIR_STEM.match(stem)):
        stem = pair["stem"]
    return p.with_name(stem + SUFFIX)


# ---- reading and applying -----------------------------------------------------------------

def load(path: Path) -> list[dict]:
    """The waivers in a file ([] when there is none); InputError naming it when malformed."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return []
    except OSError as e:
        raise InputError(path, f"cannot read the waivers file: {e.strerror}") from None
    return list(_load(str(path), st.st_mtime_ns, st.st_size))


@lru_cache(maxsize=64)          # a batch with one configured file reads it once
def _load(path: str, _mtime: int, _size: int) -> tuple[dict, ...]:
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read the waivers file: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(path, f"invalid TOML in the waivers file: {e}") from None
    entries = data.get("waiver", [])
    unknown = sorted(set(data) - {"waiver"})
    if unknown or not isinstance(entries, list):
        raise InputError(path, "a waivers file holds only [[waiver]] entries")
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str) \
                or not FINGERPRINT.match(e["fingerprint"]):
            raise InputError(path, f"waiver {n}: needs fingerprint = \"<12 hex digits>\"")
        bad = [k for k, v in e.items() if not isinstance(v, (str, datetime.date))]
        if bad:
            raise InputError(path, f"waiver {n}: {', '.join(bad)} must be text")
    return tuple(entries)


BASELINE = {"by": "baseline", "date": "", "reason": "already in the baseline"}


def apply(report: Report, config=None, known: frozenset | None = None) -> Report:
    """Fingerprint every issue and mark those waived for this article (a waiver is read
    again on every run: deleting it raises the issue again). `known`: the fingerprints of
    the article's issues in a baseline run (`backcheck batch --baseline`); those issues are
    marked waived by "baseline", so that only new ones count."""
    stamp(report)
    path = path_for(report.source, config)
    entries = load(path) if path is not None else []
    waived = {e["fingerprint"]: e for e in entries if e.get("article") in (None, report.id)}
    for issue in report.issues:
        e = waived.get(issue.fingerprint)
        issue.waived = None if e is None else {
            "by": str(e.get("by", "")), "date": str(e.get("date", "")),
            "reason": str(e.get("reason", ""))}
        if issue.waived is None and known and issue.fingerprint in known:
            issue.waived = dict(BASELINE)
    return report


# ---- writing ------------------------------------------------------------------------------

def _utf8(text: str) -> str:
    """Text that UTF-8 can write (a lone surrogate from a JSON escape or argv becomes �)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def add(path: Path, report: Report, fingerprints: list[str], by: str, reason: str,
        today: datetime.date | None = None) -> list[Issue]:
    """Append a waiver per fingerprint (a unique prefix of 6 or more digits will do) for the
    report's article; returns the issues waived. InputError for a fingerprint that is not
    in the report."""
    import tomli_w
    stamp(report)
    chosen: list[Issue] = []
    for fp in fingerprints:
        fp = fp.strip().lower()
        hits = {i.fingerprint: i for i in report.issues
                if len(fp) >= 6 and i.fingerprint.startswith(fp)}
        if len(hits) != 1:
            why = "matches several issues" if hits else "is not the fingerprint of an issue"
            raise InputError(fp, f"{why} in the report of {report.id}")
        issue = next(iter(hits.values()))
        if issue not in chosen:
            chosen.append(issue)
    have = {(e.get("article"), e["fingerprint"]) for e in load(path)}
    new = [i for i in chosen if (report.id, i.fingerprint) not in have]
    date = (today or datetime.date.today()).isoformat()
    text = "".join(
        "\n[[waiver]]\n" + tomli_w.dumps({k: _utf8(v) for k, v in {
            "fingerprint": i.fingerprint, "article": report.id, "type": i.type,
            "text": (i.en or i.pt).text if (i.en or i.pt) is not None else "",
            "by": by, "date": date, "reason": reason}.items()})
        for i in new)
    if text:
        try:
            exists = path.is_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as f:
                f.write(("" if exists else HEADER) + text)
        except OSError as e:
            raise InputError(path, f"cannot write the waivers file: {e.strerror or e}") from None
    return chosen
