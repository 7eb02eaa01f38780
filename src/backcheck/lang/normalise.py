"""Text normalisation for fuzzy comparison, shared by the aligner and the checks.

`fold` removes what typography and keyboards change without changing meaning
(case, curly quotes, accents, compatibility forms); `norm` also turns punctuation
into single spaces, so "4.45", "4,45" and "4 45" all become "4 45".
"""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
})
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
_CAP = re.compile(r"\b[^\W\d_][^\W_]*")


def fold(text: str) -> str:
    """Casefolded text with straight quotes and no accents."""
    t = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """Folded words and digit runs, punctuation dropped."""
    return _WORD.findall(fold(text))


def norm(text: str) -> str:
    """Folded text, words separated by single spaces, no punctuation."""
    return " ".join(words(text))


def numbers(text: str) -> list[str]:
    """Digit runs: "3,2%" and "3.2%" both give ["3", "2"] (separators differ by language)."""
    return _DIGITS.findall(text)


def capitalised(text: str) -> list[str]:
    """Folded capitalised words (names, acronyms): evidence shared across languages."""
    return [fold(w) for w in _CAP.findall(text) if w[0].isupper() and len(w) > 1]
