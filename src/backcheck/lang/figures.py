"""Figures: numbers, dates, amounts, units and times as the two locales write them.

Entry point: `parse_number(s, lang) -> float | None` (a digit string in the locale of
`lang`: 1.250,5 in Portuguese = 1,250.5 in English).
"""
from __future__ import annotations

import re


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
