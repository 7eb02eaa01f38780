"""Digit strings in the two locales: 1.250,5 in Portuguese is 1,250.5 in English, and
"41 237" is grouped by a space in European Portuguese; multiplier words after a figure
("4,2 bilhões", "£3.2m").

Entry points: `parse_number(s, lang)`, `NUM` (the regex of a digit string),
`multipliers(lang)`, `multiplier_re(lang)`, `value_tokens(text, lang)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures.model import alternation

# thousands may be grouped by a (no-break, thin or, European Portuguese, plain) space
NUM = r"\d{1,3}(?: \d{3})+(?![\d,.]\d)|\d+(?:[.,\u00a0\u202f]\d+)*"


def parse_number(s: str, lang: str) -> float | None:
    """Read a digit string in the locale of `lang`; the other locale's separator is
    read as thousands only when exactly three digits follow it (lenient on purpose)."""
    s = s.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    dec, thou = (",", ".") if lang == "pt" else (".", ",")
    parts = re.split(r"([.,])", s)
    digits, frac = parts[0], ""
    for sep, grp in zip(parts[1::2], parts[2::2]):
        if sep == thou and len(grp) == 3 and not frac:
            digits += grp
        elif not frac:
            frac = grp
        else:
            return None
    try:
        return float(digits + ("." + frac if frac else ""))
    except ValueError:
        return None


@lru_cache(maxsize=2)
def multipliers(lang: str) -> dict[str, float]:
    """{multiplier word (lower case): value} of one language (data/multipliers.tsv)."""
    return {v.lower(): float(row["value"]) for row in lexicon.rows("multipliers")
            if row["lang"] == lang for v in lexicon.variants(row["form"])}


@lru_cache(maxsize=2)
def multiplier_re(lang: str) -> re.Pattern:
    """A multiplier word at the start of a string (after an optional space)."""
    return re.compile(r"\s?(" + alternation(multipliers(lang)) + r")\b")


@lru_cache(maxsize=1)
def _value_re() -> re.Pattern:
    # large multipliers of either language (a rule-based translation keeps the source's)
    big = {w for lang in ("pt", "en") for w, v in multipliers(lang).items() if v >= 1000}
    return re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)+|\d+(?=\s?[a-zà-ú]))"
                      r"(?:\s?(" + alternation(big) + r")\b)?")


def value_tokens(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Figures with decimals or a multiplier word as one word each, whatever their
    spelling: (start, end, value) with the value written as a token ("1,6 milhões" and
    "1.6m" both give "1600000", 3.5 gives "3d5"), for word-level comparisons."""
    mults = {**multipliers("en"), **multipliers("pt")}
    out = []
    for m in _value_re().finditer(text or ""):
        if not m.group(2) and not re.search(r"[.,]", m.group(1)):
            continue
        v = parse_number(m.group(1), lang)
        if v is None:
            continue
        v *= mults.get((m.group(2) or "").lower(), 1)
        out.append((m.start(), m.end(), str(int(v)) if v == int(v) else f"{v:g}".replace(".", "d")))
    return out
