"""Percentages, percentage points and basis points: "3,5%" = "3.5 percent"; "0,5 p.p."
= "0.5 percentage point", which is not "0.5%"; "50 basis points" = "0,50 ponto
percentual" (data/percent.tsv).

Entry points: `pattern()` (the percent sign or words, after a figure), `points(after,
lang)` (the length of a percentage-point mark at the start of `after`, or 0),
`basis_points(after, lang)` (the same for a basis-point mark).
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import alternation


@lru_cache(maxsize=1)
def pattern() -> str:
    """Regex of a percent mark after a figure, any language (e.g. "%", "por cento")."""
    forms = {f for row in lexicon.rows("percent") for f in lexicon.variants(row["percent"])}
    return r"\s?(?:" + alternation(forms) + r")(?![^\W\d_])"


@lru_cache(maxsize=4)
def _mark_re(lang: str, column: str) -> re.Pattern:
    forms = {f for row in lexicon.rows("percent") if row["lang"] == lang
             for f in lexicon.variants(row[column])}
    return re.compile(r"[\s-]?(?:" + alternation(forms) + r")(?![^\W\d_])", re.I)


def points(after: str, lang: str) -> int:
    """Length of the percentage-point mark that `after` starts with (0 when none)."""
    m = _mark_re(lang, "points").match(after)
    return m.end() if m else 0


def basis_points(after: str, lang: str) -> int:
    """Length of the basis-point mark that `after` starts with ("25-basis-point"; 0 when
    none): the figure is a hundredth of as many percentage points."""
    m = _mark_re(lang, "basis").match(after)
    return m.end() if m else 0
