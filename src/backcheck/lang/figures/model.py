"""What a figure reader returns: `Figure` (one figure of a text, normalised) and
`Quantity` (a figure with a unit of measure), and the few helpers the readers share.

Entry points: `Figure`, `Quantity`, `Spans`, `alternation(forms)`, `step_of(raw, lang)`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """A figure with a unit of measure, in its dimension's base unit (metres, kilograms,
    km/h, °C...). `base` holds the readings (English "80 degrees" may be °C or °F);
    `step` is the base-unit size of the figure's last written digit (200 km: 100 km),
    the rounding a translator's conversion may hide behind."""
    dimension: str
    base: frozenset
    unit: str
    step: float


@dataclass(frozen=True)
class Figure:
    """One figure of a text. `values` are its acceptable normalised readings (a clock
    time in hours, a duration also as ("s", seconds), a percentage as its number);
    `shown` is the text as written (for messages: never with a sentence's full stop)."""
    values: frozenset
    shown: str
    kind: str = "num"              # num | month | weekday | code | times | magnitude
    soft: bool = False             # may legitimately be added or dropped by a translation
    written: bool = False          # in words ("dois", "half a century"), not digits
    currency: str | None = None    # ISO code
    quantity: Quantity | None = None
    pct: bool = False              # a percentage
    pp: bool = False               # percentage points
    year: bool = False             # a year or a decade
    day: bool = False              # a weekday's date, "quarta-feira (19)", "Tuesday, Nov. 3"
    share: float | None = None     # a fraction of a whole said in words (three-quarters)
    absorb_only: bool = False      # matches a figure, never a difference alone
    approx: bool = False           # hedged: "cerca de", "about"
    clock: bool = False            # a time of day
    minute: bool = False           # a match minute ("aos 31 minutos", "the 76th minute")
    name: bool = False             # part of a name or a model ("Nord Stream 2", "No.1")
    ordinal: bool = False          # "3º", "25th", "terceiro"
    scale: float = 1.0             # the multiplier word read with it ("38,7 mil": 1000)
    step: float = 1.0              # the size of its last written digit ("200": 100)
    start: int = -1
    end: int = -1


class Spans:
    """Character spans already read by an earlier reader (so that "2h05min" is not also
    read as 2 and 5, nor "Covid-19" as 19)."""

    def __init__(self):
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))

    def hit(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self._spans)


def alternation(forms) -> str:
    """A regex alternation of the forms, longest first, escaped."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def rounded(x: float) -> float:
    return round(x, 6)


def step_of(raw: str, lang: str) -> float:
    """The size of the last written digit of a digit string ("200": 100, "1,5": 0.1 in
    Portuguese, "130": 10): the rounding the writer may have applied."""
    s = re.sub(r"[\s\u00a0\u202f]", "", raw)
    dec = "," if lang == "pt" else "."
    parts = re.split(r"[.,]", s)
    seps = re.findall(r"[.,]", s)
    # a decimal part is the last group after the locale's decimal separator, or after
    # the other separator when it is not a group of three (read as in parse_number)
    if seps and (seps[-1] == dec or len(parts[-1]) != 3):
        return 10.0 ** -len(parts[-1])
    digits = "".join(parts)
    tz = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** min(tz, len(digits) - 1) if digits.strip("0") else 1.0
