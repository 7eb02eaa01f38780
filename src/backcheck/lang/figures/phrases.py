"""Figures said in set phrases (data/figure_phrases.tsv): periods ("meio século" = "half a
century" = 50 years), shares ("três quartos" = "three-quarters", comparable with 75%),
percentage points ("half-point" = "meio ponto"), hours ("meio-dia" = "noon") and vague
magnitudes ("centenas" = "hundreds", compared only with another magnitude: "hundreds"
turned into "thousands" is a changed figure).

Entry point: `read(text, lang, taken)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures import numerals
from backcheck.lang.figures.model import Figure, Spans, alternation, rounded


# a share said with an article is one only before "of"/"de" or a punctuation mark
ARTICLES = {"a", "an", "one", "um", "uma"}
# an ordinal or "each" before "half"/"metade" makes it a half of a period
HALF_OF_A_PERIOD = re.compile(r"\b(?:first|second|1st|2nd|each|either|both|primeira|segunda|"
                              r"1\.?ª|2\.?ª)\s+$")


@lru_cache(maxsize=2)
def _phrases(lang: str) -> dict[str, dict]:
    return {f.lower(): row for row in lexicon.rows("figure_phrases") if row["lang"] == lang
            for f in lexicon.variants(row["phrase"])}


@lru_cache(maxsize=2)
def _re(lang: str) -> re.Pattern:
    # not inside a hyphenated word: "first-half", "half-time" are no shares
    return re.compile(r"(?<![^\W\d_])(?<!-)(" + alternation(_phrases(lang)) + r")(?![^\W\d_]|-)")


def read(text: str, lang: str, taken: Spans) -> list[Figure]:
    """Every set phrase of the text not already read by another reader; where phrases
    overlap, the one that starts first, then the longer, wins (the regex's own order)."""
    out = []
    low = text.lower()
    for m in _re(lang).finditer(low):
        if taken.overlaps(m.start(), m.end()):
            continue
        row = _phrases(lang)[m.group(1)]
        shown = text[m.start():m.end()]
        vals = [float(v) for v in lexicon.variants(row["values"])]
        kind = row["kind"]
        if kind == "share":
            if HALF_OF_A_PERIOD.search(low[:m.start()]) and m.group(1) in ("half", "metade"):
                continue        # "the first half", "a segunda metade": a part of a match
                                # or a year (a period), no share of anything
            if m.group(1).split()[0] in ARTICLES and not re.match(
                    r"\s+(?:of|do|da|dos|das)\b|\s*(?:[,.;:)]|$)", low[m.end():]):
                continue        # "a third defeat", "um quarto de hotel": no share (a room)
            out.append(numerals.share(vals[0], shown, m.start(), m.end()))
        elif kind == "magnitude":
            prev = re.search(r"([^\W_]+)\s+(?:de\s+|of\s+)?$", low[:m.start()])
            if prev and (prev.group(1).isdigit() or numerals.cardinal(prev.group(1), lang, one=True)):
                continue        # "duas dezenas", "3 milhões": a counted group, read elsewhere
            out.append(Figure(frozenset(vals), shown, kind="magnitude", soft=True, written=True,
                              start=m.start(), end=m.end()))
        elif kind == "points":
            out.append(Figure(frozenset({rounded(v) for v in vals}), shown, pp=True, written=True,
                              start=m.start(), end=m.end()))
        else:
            extra = {("s", int(row["seconds"]))} if row.get("seconds") else set()
            out.append(Figure(frozenset({rounded(v) for v in vals} | extra), shown, soft=True, written=True,
                              clock=kind == "clock", start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out
