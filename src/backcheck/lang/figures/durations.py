"""Durations, compared in seconds: "48 horas" = "two days", "seis décadas" = "60 years",
"um ano e meio" = "18 months"; a time in two units ("30 minutos e 48 segundos" = "30:48",
"2h05min" = "2:05"); round periods a translation may drop or reword ("12 meses" = "a
year", "24 horas" = "a day").

Entry points: `seconds(after, value)`, `describe(secs)`, `abbreviations()`, `round_period(after, value)`, `compound(text, lang,
taken)`, `and_a_half(text, lang, cardinal, taken)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures import hedges
from backcheck.lang.figures.model import Figure, Spans, alternation, rounded


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, float], dict[str, float], set[tuple[float, str]], dict[str, str]]:
    """({form: seconds}, {abbreviation: seconds}, {(round count, form)}, {form: unit})."""
    forms, abbrevs, round_, unit = {}, {}, set(), {}
    for row in lexicon.rows("periods"):
        secs = float(row["seconds"])
        for f in lexicon.variants(row["forms"]):
            forms[f.lower()] = secs
            unit[f.lower()] = row["unit"]
            for n in lexicon.variants(row["round"]):
                round_.add((float(n), f.lower()))
        for f in lexicon.variants(row["abbrevs"]):
            abbrevs[f.lower()] = secs
            unit[f.lower()] = row["unit"]
    return forms, abbrevs, round_, unit


def describe(secs: int) -> str:
    """A duration in the largest unit of data/periods.tsv that counts it whole
    (15768000: "6 months"; 3628800: "6 weeks")."""
    forms, _, _, unit_of = _units()
    sizes = {unit_of[f]: size for f, size in forms.items()}
    for unit, size in sorted(sizes.items(), key=lambda x: -x[1]):
        if secs % size == 0:
            n = secs // int(size)
            return f"{n} {unit}{'' if n == 1 else 's'}"
    return f"{secs} seconds"


def abbreviations() -> set[str]:
    """Short forms of the units of time ("h", "min", "s"), lower case."""
    return set(_units()[1])


@lru_cache(maxsize=1)
def _after_re() -> re.Pattern:
    return re.compile(r"[\s-]?(" + alternation(_units()[0]) + r")(?![^\W\d_])")


def seconds(after: str, value: float) -> tuple[str, int] | None:
    """("s", seconds) of a figure followed by a unit of time (`after`: lower case), else
    None. A tagged value, so that a duration only ever meets another duration."""
    m = _after_re().match(after)
    return ("s", round(value * _units()[0][m.group(1)])) if m else None


def round_period(after: str, value: float) -> bool:
    """Is the figure a round count of its unit of time ("12 meses", "24 hours")?"""
    m = _after_re().match(after)
    return bool(m) and (value, m.group(1)) in _units()[2]


@lru_cache(maxsize=1)
def _compound_re() -> re.Pattern:
    forms, abbrevs, _, _ = _units()
    unit = "(" + alternation(set(forms) | set(abbrevs)) + ")"
    return re.compile(r"\b(\d+)\s*" + unit + r"\s*(?:,\s*|(?:e|and)\s+)?(\d+)\s*" + unit
                      + r"(?![^\W\d_])")


def compound(text: str, lang: str, taken: Spans) -> list[Figure]:
    """A time in two units, read as a count of the larger with a fraction: "30 minutos e
    48 segundos" = 30:48 = 30.8; "2 horas e 15 minutos" = 2.25; "2h05min" = "2:05"."""
    out = []
    low = text.lower()
    forms, abbrevs, _, unit = _units()
    secs = {**forms, **abbrevs}
    for m in _compound_re().finditer(low):
        a, b = secs[m.group(2)], secs[m.group(4)]
        if not a / b in (60.0,) or unit[m.group(2)] not in ("hour", "minute"):
            continue                      # only hours+minutes and minutes+seconds
        v = rounded(int(m.group(1)) + int(m.group(3)) / 60)
        out.append(Figure(frozenset({v, ("s", int(m.group(1)) * a + int(m.group(3)) * b)}),
                          text[m.start():m.end()], start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out


def and_a_half(text: str, lang: str, cardinal, taken: Spans) -> list[Figure]:
    """"Um ano e meio" = "a year and a half" = "18 months"; "duas horas e meia" = 150
    minutes; "um quilómetro e meio" = 1.5 km. `cardinal(word, lang, one=True)` reads the
    count."""
    from backcheck.lang.figures import units
    forms = _units()[0]
    unit = "(" + alternation(set(forms) | units.unit_forms()) + ")"
    rx = (r"\b(\w+) " + unit + r" e (?:meio|meia)\b" if lang == "pt"
          else r"\b(\w+) " + unit + r" and a half\b|\b(\w+)[ -]and[ -]a[ -]half[ -]" + unit + r"\b")
    out = []
    for m in re.finditer(rx, text.lower()):
        g = [x for x in m.groups() if x]
        n = cardinal(g[0], lang, one=True) or (int(g[0]) if g[0].isdigit() else None)
        if n:
            x = n + 0.5
            vals = {rounded(x)} | ({("s", round(x * forms[g[1]]))} if g[1] in forms else set())
            q = None if g[1] in forms else units.quantity(" " + g[1], x, 0.5)
            out.append(Figure(frozenset(vals), text[m.start():m.end()], soft=True, written=True, quantity=q,
                              approx=hedges.hedged(text[max(0, m.start() - 40):m.start()].lower(), lang),
                              start=m.start(), end=m.end()))
            taken.add(m.start(), m.end())
    return out
