"""Terminology: a Portuguese term from the glossary whose required English rendering is
missing from the aligned English.

Glossary file (config.glossary): CSV, UTF-8, two columns `pt,en`; `en` lists the accepted
renderings separated by `|` ("Supremo Tribunal Federal,Supreme Federal Court|STF").
An optional header row `pt,en`, blank lines and lines starting with `#` are ignored.

Matching is case- and accent-insensitive on word boundaries, on both sides; longer terms
win over terms they contain. An English rendering may carry a plural `s`/`es` or a
possessive `'s`. One issue per term per bead, type `mistranslation`, message starting
"terminology", severity minor unless `[severity] glossary = "..."` says otherwise (an
override of `mistranslation` applies to them too, being their type).
Beads with no English (omissions) are left to the omission check.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from backcheck.errors import InputError
from backcheck.lang.normalise import fold
from backcheck.report.model import Issue

NAME = "glossary"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""



@dataclass(frozen=True)
class Term:
    pt: str
    renderings: tuple[str, ...]
    pattern: re.Pattern
    en_patterns: tuple[re.Pattern, ...]


def _words_pattern(phrase: str, suffix: str = "") -> re.Pattern:
    words = fold(phrase).split()
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}{suffix}(?!\w)")


_cache: dict[tuple, list[Term]] = {}


def load(path) -> list[Term]:
    """Parse the glossary, once per (path, mtime, size): a batch loads it once per process."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise InputError(p, "glossary file not found") from None
    if not p.is_file():
        raise InputError(p, "glossary is not a file")
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _cache:
        _cache.clear()
        _cache[key] = parse(p)
    return _cache[key]


def parse(p: Path) -> list[Term]:
    try:
        text = p.read_text("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(p, f"not UTF-8 ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror}") from None
    terms: list[Term] = []
    seen: set[str] = set()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            line = reader.line_num
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2:
                raise InputError(p, f"line {line}: expected 2 columns (pt,en), got {len(row)}")
            pt, en = row[0].strip(), row[1].strip()
            if not terms and not seen and (fold(pt), fold(en)) == ("pt", "en"):
                continue                                    # header row
            renderings = tuple(r.strip() for r in en.split("|") if r.strip())
            if not pt or not renderings:
                raise InputError(p, f"line {line}: empty Portuguese term or English rendering")
            if fold(pt) in seen:
                raise InputError(p, f"line {line}: duplicate term {pt!r}")
            seen.add(fold(pt))
            terms.append(Term(pt, renderings, _words_pattern(pt),
                              tuple(_words_pattern(r, r"(?:e?s|'s|’s)?") for r in renderings)))
    except csv.Error as e:
        raise InputError(p, f"line {reader.line_num}: bad CSV ({e})") from None
    # longest first, so "Supremo Tribunal Federal" claims its words before "Tribunal"
    terms.sort(key=lambda t: -len(fold(t.pt)))
    return terms


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """fold(text) and, for each folded character, the index of its original character."""
    out, where = [], []
    for i, c in enumerate(text):
        f = fold(c)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def _found_terms(terms: list[Term], text: str) -> list[tuple[Term, str]]:
    """(term, the text as written) for each glossary term in text, longest terms first."""
    folded, where = _fold_with_map(text)
    taken: list[tuple[int, int]] = []
    found: dict[Term, str] = {}
    for t in terms:
        for m in t.pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            found.setdefault(t, text[where[m.start()]:where[m.end() - 1] + 1])
    return list(found.items())


def _rendering_text(renderings) -> str:
    quoted = [f"'{r}'" for r in renderings]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def check(ctx) -> list[Issue]:
    path = getattr(ctx.config, "glossary", None)
    if not path:
        return []
    terms = load(path)
    if not terms:
        return []
    severity = (getattr(ctx.config, "severity", None) or {}).get("glossary", "minor")
    issues = []
    for bead in ctx.beads:
        if not bead.src or not bead.tgt:
            continue
        pt_text = " ".join(ctx.seg.pt[i].text for i in bead.src)
        en_folded = fold(" ".join(ctx.seg.en[j].text for j in bead.tgt))
        for t, written in _found_terms(terms, pt_text):
            if any(p.search(en_folded) for p in t.en_patterns):
                continue
            bt = [ctx.pt2en[i] for i in bead.src] if ctx.pt2en else None
            issues.append(Issue(
                "mistranslation", severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                f"terminology: '{t.pt}' should be rendered as {_rendering_text(t.renderings)}",
                {"term": t.pt, "renderings": list(t.renderings), "pt_items": [written],
                 "en_items": [], "back_translation": " ".join(bt) if bt else None,
                 "similarity": bead.score}))
    return issues
