"""Dates: month names ("maio" = "May" = 5), weekdays ("quarta-feira" = "Wednesday"),
years (soft: "em 2024" may be "last year"), decades ("anos 90" = "the '90s"), year ranges
("1950-53" = "entre 1950 e 1953") and a weekday's date ("quarta-feira (19)", which English
often drops; "last Tuesday, Nov. 3", which it adds).

Entry points: `months(text, lang)`, `weekdays(text, lang)`, `is_year(raw, value)`,
`decade(raw, value, before, glued, lang)`, `range_end(raw, before)`, `weekday_date(before,
after, lang)`, `calendar_words(folded=True)`, `month_names(lang, abbreviations)`,
`weekday_names(lang, abbreviations)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import Figure, alternation
from backcheck.lang.normalise import fold


@lru_cache(maxsize=2)
def _months(lang: str) -> tuple[dict[str, int], set[str], set[str]]:
    """({form: month}, abbreviations, ambiguous full names), lower case."""
    value, abbrevs, ambiguous = {}, set(), set()
    for row in lexicon.rows("months"):
        if row["lang"] != lang:
            continue
        for f in lexicon.variants(row["names"]):
            value[f.lower()] = int(row["value"])
        for f in lexicon.variants(row["abbrevs"]):
            value.setdefault(f.lower(), int(row["value"]))
            abbrevs.add(f.lower())
        ambiguous |= {f.lower() for f in lexicon.variants(row["ambiguous"])}
    return value, abbrevs, ambiguous


@lru_cache(maxsize=2)
def _cue_re(lang: str) -> re.Pattern:
    forms = [f.lower() for row in lexicon.rows("date_cues") if row["lang"] == lang
             for f in lexicon.variants(row["forms"])]
    return re.compile(r"\b(?:" + alternation(forms) + r")\s*$")


@lru_cache(maxsize=2)
def _weekday_re(lang: str) -> str:
    return alternation(f.lower() for row in lexicon.rows("weekdays") if row["lang"] == lang
                       for f in lexicon.variants(row["names"]))


@lru_cache(maxsize=8)
def month_names(lang: str | None = None, abbreviations: bool = False) -> frozenset[str]:
    """Month names of one language (both when None), lower case, with their
    abbreviations when asked."""
    cols = ("names", "abbrevs") if abbreviations else ("names",)
    return frozenset(f.lower() for row in lexicon.rows("months") if lang in (None, row["lang"])
                     for c in cols for f in lexicon.variants(row[c]))


@lru_cache(maxsize=8)
def weekday_names(lang: str | None = None, abbreviations: bool = False) -> frozenset[str]:
    """Weekday names of one language (both when None), lower case ("segunda-feira" also
    as "segunda" and "feira"), with their abbreviations when asked."""
    cols = ("names", "abbrevs") if abbreviations else ("names",)
    return frozenset(w for row in lexicon.rows("weekdays") if lang in (None, row["lang"])
                     for c in cols for f in lexicon.variants(row[c])
                     for w in {f.lower(), *f.lower().split("-")})


@lru_cache(maxsize=2)
def calendar_words(folded: bool = True) -> frozenset[str]:
    """Month names, their abbreviations and weekday names of both languages (folded when
    asked): words that are dates, not names (for the name and segmentation readers)."""
    out = month_names(None, True) | weekday_names(None)
    return frozenset(fold(w) if folded else w for w in out)


@lru_cache(maxsize=2)
def _weekdays(lang: str) -> tuple[dict[str, int], frozenset[str]]:
    """({weekday name: 1-7}, the names that are also other words), lower case."""
    value = {f.lower(): int(row["value"]) for row in lexicon.rows("weekdays")
             if row["lang"] == lang for f in lexicon.variants(row["names"])}
    ambiguous = {f.lower() for row in lexicon.rows("weekdays") if row["lang"] == lang
                 for f in lexicon.variants(row.get("ambiguous") or "")}
    return value, frozenset(ambiguous)


@lru_cache(maxsize=2)
def _next_weekday_re(lang: str) -> re.Pattern:
    """Another weekday right after one: "(segunda) para terça-feira", "(segunda) a sexta"."""
    return re.compile(r"\s+(?:a|para|e|ou|até)\s+(?:" + _weekday_re(lang) + r")\b")


def weekdays(text: str, lang: str) -> list[Figure]:
    """Every weekday named in the text: a soft figure of kind `weekday` (a translation
    may drop "na quarta-feira" or say "yesterday", so only another weekday on the other
    side is a difference: "quarta-feira" rendered "Thursday"). A capitalised Portuguese
    weekday inside a sentence is part of a name ("Plácido Domingo"); an English one is
    capitalised. A name that is also another word ("segunda") is a weekday only before
    another weekday ("de segunda a sexta-feira")."""
    value, ambiguous = _weekdays(lang)
    out = []
    for m in re.finditer(r"\b[^\W\d_]+(?:-[^\W\d_]+)?", text):
        w = m.group(0)
        if w.lower() not in value:
            continue
        if w.lower() in ambiguous and not _next_weekday_re(lang).match(text[m.end():].lower()):
            continue                                   # "de segunda para terça-feira"
        inside = bool(re.search(r"[^\s.!?:;\"“(«—–-]\s*$", text[:m.start()]))
        if (lang == "pt" and w[0].isupper() and inside) or (lang == "en" and w[0].islower()):
            continue
        out.append(Figure(frozenset({value[w.lower()]}), w, kind="weekday", soft=True,
                          written=True, start=m.start(), end=m.end()))
    return out


def _beside_digits(text: str, start: int, end: int) -> bool:
    """A day or a year right before or after the word ("3 de jan.", "Jan. 3", "May 2019")."""
    return bool(re.search(r"\d(?:º|ª|st|nd|rd|th)?\s*(?:de\s*)?$", text[max(0, start - 8):start])
                or re.match(r"\.?\s*(?:de\s*|/)?\d", text[end:end + 8]))


def months(text: str, lang: str) -> list[Figure]:
    """Every month name of the text. A full name is a month ("Rio de Janeiro" aside); an
    abbreviation only beside a day or a year, or (English) capitalised with its dot
    ("on Sept."); an ambiguous name ("May", "March") only capitalised beside a day or a
    year, or after a word that introduces a date ("in May", not "Mrs May")."""
    value, abbrevs, ambiguous = _months(lang)
    out = []
    for m in re.finditer(r"\b([^\W\d_]+)(\.?)", text):
        w = m.group(1)
        wl = w.lower()
        if wl not in value:
            continue
        start, end = m.start(), m.start() + len(w)
        dot = bool(m.group(2))
        if lang == "pt" and w[0].isupper() and re.search(r"[A-Z]\w*\s+de\s+$", text[:start]):
            continue            # part of a name: "Rio de Janeiro"
        beside = _beside_digits(text, start, end)
        if wl in ambiguous:
            if not w[0].isupper() or not (beside or _cue_re(lang).search(text[:start].lower())):
                continue        # "Mrs May", "Areas May Benefit", "may", "march"
        elif wl in abbrevs:
            capital_dot = lang == "en" and dot and w[0].isupper()
            if not (beside or capital_dot):
                continue        # "no mar.", "set", "out": words, not months
        out.append(Figure(frozenset({value[wl]}), w + ("." if dot and wl in abbrevs else ""),
                          kind="month", start=start, end=end))
    return out


def is_year(raw: str, value: float) -> bool:
    return bool(re.fullmatch(r"\d{4}", raw)) and 1800 <= value <= 2100


def decade(raw: str, value: float, before: str, glued: str | None, lang: str) -> bool:
    """Is a two-digit figure a decade ("anos 90", "the '90s")?"""
    if not re.fullmatch(r"\d0", raw):
        return False
    if lang == "pt":
        return bool(re.search(r"\banos\s*(?:\d0\s*(?:,|e)\s*)*$", before))
    return bool(re.search(r"['’]$", before)) and glued == "s"


def range_end(raw: str, before: str) -> float | None:
    """The year a two-digit end of a year range stands for ("1950-53": 1953)."""
    m = re.search(r"\b(1[89]|20)(\d\d)\s?[-–/]\s?$", before)
    if not m or not re.fullmatch(r"\d\d", raw) or int(raw) <= int(m.group(2)):
        return None
    return float(int(m.group(1)) * 100 + int(raw))


def weekday_date(before: str, after_num: str, lang: str) -> bool:
    """Is the figure the day of a weekday's date, which a translation adds or drops for
    its readers: in brackets ("quarta-feira (19)", "Friday (4th)") or after a comma with
    its month ("last Tuesday, Nov. 3", "Tuesday, 3 November", "terça-feira, 3 de
    novembro")? Lower-case text."""
    bracket, month_first, day_first, month_after = _weekday_date_patterns(lang)
    if bracket.search(before):
        return bool(re.match(r"(?:st|nd|rd|th|º|o)?\s*\)", after_num))
    if month_first.search(before):
        return not re.match(r"\s*\d", after_num)       # "Nov. 3", not "Nov. 3 2020"
    return bool(day_first.search(before) and month_after.match(after_num))


@lru_cache(maxsize=2)
def _weekday_date_patterns(lang: str) -> tuple[re.Pattern, ...]:
    weekday = r"(?:" + _weekday_re(lang) + r")"
    month = r"(?:" + alternation(month_names(lang, abbreviations=True)) + r")\.?"
    return (re.compile(weekday + r"\s*\(\s*$"), re.compile(weekday + r",\s*" + month + r"\s*$"),
            re.compile(weekday + r",\s*$"),
            re.compile(r"(?:st|nd|rd|th|º|o)?\s*(?:de\s+|of\s+)?" + month + r"(?!\w)"))
