"""Ordinals: words ("terceiro" = "third" = 3) and marks after digits ("3º", "1ª", "25th",
"1o" as Brazilian keyboards write it). An ordinal word absorbs a figure ("3º trimestre" =
"third quarter") but is never a difference alone: "segundo" is also "according to",
"quarta" a weekday.

Entry points: `MARK` (the regex of an ordinal mark after digits, any language),
`words(text, lang)`, `value(word, lang)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import Figure

# "°" is an ordinal only when not a temperature ("30 °C"); "o"/"a" only glued to the
# digits and before a word boundary ("1o de outubro", "2a fase")
MARK = r"º|ª|°(?!\s?[CFcf]\b)|st\b|nd\b|rd\b|th\b|[oa]\b(?=\s)"


@lru_cache(maxsize=2)
def _ordinals(lang: str) -> dict[str, int]:
    return {f.lower(): int(row["value"]) for row in lexicon.rows("ordinals")
            if row["lang"] == lang for f in lexicon.variants(row["forms"])}


def value(word: str, lang: str) -> int | None:
    """The number of one ordinal word or digits with an ordinal mark ("second", "2nd",
    "segundo", "2º"); None for any other word."""
    m = re.fullmatch(r"(\d+)" + MARK, word)
    return int(m.group(1)) if m else _ordinals(lang).get(word.lower())


def words(text: str, lang: str) -> list[Figure]:
    """Every ordinal word of the text, absorb-only (weekdays "quarta-feira" aside)."""
    ords = _ordinals(lang)
    out = []
    for m in re.finditer(r"[^\W\d_]+", text):
        w = m.group(0).lower()
        if w in ords and not re.match(r"-feira", text[m.end():]):
            out.append(Figure(frozenset({float(ords[w])}), m.group(0), soft=True, written=True,
                              absorb_only=True, ordinal=True, start=m.start(), end=m.end()))
    return out
