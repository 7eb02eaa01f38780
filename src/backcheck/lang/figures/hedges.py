"""Hedges: words that make the next figure approximate ("cerca de 1,5 km", "about a
mile"), from data/hedges.tsv.

Entry points: `hedged(before, lang)`, `pattern()`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import alternation


@lru_cache(maxsize=3)
def forms(lang: str | None = None) -> tuple[str, ...]:
    """The hedges of one language (both when None), lower case."""
    return tuple(f.lower() for row in lexicon.rows("hedges") if lang in (None, row["lang"])
                 for f in lexicon.variants(row["forms"]))


def pattern(lang: str | None = None) -> str:
    """A regex alternation of the hedges."""
    return alternation(forms(lang))


@lru_cache(maxsize=2)
def _before_re(lang: str) -> re.Pattern:
    return re.compile(r"\b(?:" + pattern(lang) + r")\s+(?:(?:de|a|an|the|os|as|o)\s+)?"
                      r"(?:[^\W\d_]{1,3}\$|[$€£])?\s?$")


def hedged(before: str, lang: str) -> bool:
    """Does `before` (lower case, the text just before a figure) end with a hedge?"""
    return bool(_before_re(lang).search(before))
