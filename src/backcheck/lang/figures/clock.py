"""Clock times, in hours: "19h" = "7 p.m." = 19.0; "14h30" = "2:30 p.m." = 14.5;
"17:30h" = "5.30pm"; "2h:30" = "02:30"; "às três da tarde" = "3 p.m."; "meio-dia" (see
phrases). Match clocks: "aos 31 minutos" may be the 76th minute; "two minutes into
stoppage time" the 47th or the 92nd; "aos 90+3" is the 93rd, or the third of stoppage time.

Entry points: `HOURS` (the regex group after the digits of a clock time), `hours(value,
mark, raw, after, lang)`, `written(text, lang, taken)`, `match_minutes(value, before,
after, ordinal, lang)`, `from_half(text, lang)`, `stoppage(text, taken)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures import numerals, ordinals
from backcheck.lang.figures.model import Figure, Spans, alternation, rounded

# what follows the hour's digits: "h", "h30", "h:30", ":30", ":30h"
HOURS = r"h:?\d\d\b|h\b|:\d\d(?:\s?h\b)?"


@lru_cache(maxsize=2)
def _dayparts(lang: str) -> tuple[re.Pattern, dict[str, float]]:
    shift = {f.lower(): float(row["shift"]) for row in lexicon.rows("dayparts")
             if row["lang"] == lang for f in lexicon.variants(row["forms"])}
    return re.compile(r"\s*(" + alternation(shift) + r")(?![^\W\d_])"), shift


def daypart(after: str, lang: str) -> tuple[float, int] | None:
    """(hours to add, length) of a part of the day at the start of `after` ("da tarde",
    "p.m."), or None."""
    rx, shift = _dayparts(lang)
    m = rx.match(after)
    return (shift[m.group(1)], m.end()) if m else None


def hours(value: float, mark: str | None, raw: str, after: str, lang: str):
    """(hours, length of `after` used) of a figure read as a clock time, or None when it
    is not one. `mark` is what HOURS matched after the digits; `after` the text after."""
    v = value
    if mark:
        m = re.fullmatch(r"h:?(\d\d)|h|:(\d\d)(?:\s?h)?", mark.lower())
        mins = (m.group(1) or m.group(2)) if m else None
        if mark.lower().startswith("h") and lang != "pt" and not mins:
            return None                  # "5h" in English: not a clock (a duration, a code)
        v = value + (int(mins) / 60 if mins else 0)
        if 24 <= v < 25:
            v -= 24                      # "até às 24h00" is midnight, hour 0
    part = daypart(after, lang)
    if part is None:
        return (rounded(v), 0) if mark else None
    if not mark:
        hm = re.fullmatch(r"(\d{1,2})[.:](\d\d)", raw)      # British "6.30 p.m."
        if hm:
            v = int(hm.group(1)) + int(hm.group(2)) / 60
        elif not re.fullmatch(r"\d{1,2}", raw):
            return None
    if v >= 13:
        return rounded(v), part[1]
    shifted = v % 12 + part[0] if part[0] else (v % 12 if lang == "en" else v)
    return rounded(shifted), part[1]


def written(text: str, lang: str, taken: Spans) -> list[Figure]:
    """A clock hour in words before a part of the day: "às duas da tarde", "at three in
    the afternoon" is rare in English news; Portuguese spells hours out."""
    out = []
    low = text.lower()
    for m in re.finditer(r"\b([^\W\d_]+)\b", low):
        if taken.overlaps(m.start(), m.end()):
            continue
        if lang == "en" and m.group(1) in ("a", "an"):
            continue            # "an AM" is an Assembly Member ("à uma da tarde" is 13h)
        n = numerals.cardinal(m.group(1), lang, one=True)
        if n is None or not 1 <= n <= 12:
            continue
        part = daypart(low[m.end():], lang)
        if part is None:
            continue
        end = m.end() + part[1]
        out.append(Figure(frozenset({rounded(n % 12 + part[0])}), text[m.start():end],
                          clock=True, start=m.start(), end=end))
        taken.add(m.start(), end)
    return out


@lru_cache(maxsize=2)
def _halves(lang: str) -> dict[str, tuple[int, ...]]:
    return {f.lower(): tuple(int(b) for b in lexicon.variants(row["bases"]))
            for row in lexicon.rows("match_clock") if row["lang"] == lang
            for f in lexicon.variants(row["phrase"])}


def match_minutes(value: float, before: str, after: str, ordinal: bool,
                  lang: str) -> tuple[set, bool]:
    """(readings, whether they replace the figure's own) of a match minute: "aos 31
    minutos" may also be the 76th; "2 minutos do segundo tempo" is the 47th only; "the
    76th minute" may also be "aos 31". No readings when the figure is no match minute."""
    if lang == "pt":
        halves = _halves("pt")
        m = re.match(r"\s?(?:minutos|min\b|')\s*(" + alternation(halves) + ")?", after)
        if m and m.group(1):
            return {rounded(value + b) for b in halves[m.group(1)]}, True
        if m and re.search(r"\baos?\s*$|\bos\s*$", before):
            return {rounded(value + 45), rounded(value + 90), rounded(value + 105)}, False
        return set(), False
    if ordinal and re.match(r"(?:-|\s)minute", after):
        return {rounded(value - 45), rounded(value - 90), rounded(value - 105)}, False
    return set(), False


@lru_cache(maxsize=1)
def _stoppage_re() -> re.Pattern:
    """A minute of stoppage time written from the end of a period ("90+3", "45 + 2"): the
    periods end where data/match_clock.tsv says periods start."""
    ends = sorted({int(b) for lang in ("pt", "en") for bases in _halves(lang).values()
                   for b in bases}, reverse=True)
    return re.compile(r"(?<![\d+])(" + "|".join(map(str, ends)) + r")\s?\+\s?(\d{1,2})(?![\d+])")


def stoppage(text: str, taken: Spans) -> list[Figure]:
    """"Aos 90+3" = "the 93rd minute" = "the third minute of stoppage time": one match
    minute read both ways, not the figures 90 and 3."""
    out = []
    for m in _stoppage_re().finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        base, extra = int(m.group(1)), int(m.group(2))
        out.append(Figure(frozenset({float(base + extra), float(extra)}), m.group(0),
                          minute=True, start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out


def from_half(text: str, lang: str) -> list[Figure]:
    """English match clock told from a half: "seven minutes into the second half" (52nd),
    "the second minute of stoppage time" (47th or 92nd)."""
    halves = _halves(lang)
    if lang != "en" or not halves:
        return []
    out = []
    low = text.lower()
    for m in re.finditer(r"\b(\w+) minutes? (" + alternation(halves) + r")\b", low):
        n = numerals.cardinal(m.group(1), lang, one=True) or ordinals.value(m.group(1), lang)
        if n is None and m.group(1).isdigit():
            n = int(m.group(1))
        if n:
            vals = {float(n)} | {float(b + n) for b in halves[m.group(2)]}
            out.append(Figure(frozenset(vals), text[m.start():m.end()], soft=True, written=True,
                              minute=True, start=m.start(), end=m.end()))
    return out
