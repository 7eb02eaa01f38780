"""Currencies: a symbol before a figure ("R$ 4,2", "£3.2m") or a word after it ("45
dólares", "3,2 milhões de euros"), as an ISO code (data/currencies.tsv).

Entry points: `symbols()` (a regex of the symbols), `code(symbol_or_word)`, `after(text)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import alternation


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    symbols, words = {}, {}
    for row in lexicon.rows("currencies"):
        for s in lexicon.variants(row["symbols"]):
            symbols[s.lower()] = row["code"]
        for w in lexicon.variants(row["words"]):
            words[w.lower()] = row["code"]
    return symbols, words


def symbols() -> str:
    """A regex alternation of the currency symbols (to be matched ignoring case)."""
    return alternation(_table()[0])


def code(form: str | None) -> str | None:
    """The ISO code of a currency symbol or word (None when it is neither)."""
    if not form:
        return None
    symbols_, words = _table()
    f = form.lower().strip()
    return symbols_.get(f) or words.get(f)


@lru_cache(maxsize=1)
def _after_re() -> re.Pattern:
    return re.compile(r"\s?(?:de\s)?(" + alternation(_table()[1]) + r")\b")


def after(text: str) -> str | None:
    """The currency named at the start of `text` (what follows a figure), or None."""
    m = _after_re().match(text)
    return _table()[1][m.group(1)] if m else None
