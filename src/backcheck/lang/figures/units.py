"""Units of measure and conversions: "80 km/h" = "50mph", "25 hectares" = "a 62-acre
site", "30 °C" = "86°F", "1,98 m" = "6-foot-6", "30 meters (100 feet)".

Entry points: `quantity(after, value, step)`, `unit_length(after)`, `make(unit, value, step)`, `heights(text, taken)`,
`mismatch(a, b)`, `restatements(figures, text)`, `unit_forms()`.

A translator converts and rounds: 130 miles become "200 km", 40 miles "60 km". A
conversion is accepted when the two quantities agree within the rounding of either
figure (200 km: to the nearest 100 km), capped at ROUNDING_CAP of the value so that a
changed figure is not excused by its round shape, and always within CONVERSION_SLACK
(conversion factors rounded in the head: a mile taken as 1.6 km).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures import hedges
from backcheck.lang.figures.model import Figure, Quantity, Spans, alternation, rounded

CONVERSION_SLACK = 0.02          # relative difference always accepted
ROUNDING_CAP = 0.08              # relative: the most a figure's rounding may excuse
TEMPERATURE_SLACK = (1.0, 2.0)   # degrees C: always accepted / the most rounding excuses


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    readings: tuple[tuple[float, float], ...]     # (factor, offset) to the base unit


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, Unit], dict[str, Unit]]:
    """({form: Unit} read with or without a space, {form: Unit} read only when glued)."""
    spaced, glued = {}, {}
    for row in lexicon.rows("units"):
        factors = [float(x) for x in lexicon.variants(row["factor"])]
        offsets = [float(x) for x in lexicon.variants(row["offset"])] or [0.0]
        offsets += [offsets[-1]] * (len(factors) - len(offsets))
        unit = Unit(row["unit"], row["dimension"], tuple(zip(factors, offsets)))
        for f in lexicon.variants(row["forms"]):
            spaced[f.lower()] = unit
        for f in lexicon.variants(row["glue_only"]):
            glued[f.lower()] = unit
    return spaced, glued


def unit_forms() -> set[str]:
    """Every form of every unit (lower case): letters that may follow digits directly."""
    spaced, glued = _units()
    return set(spaced) | set(glued)


@lru_cache(maxsize=1)
def _res() -> tuple[re.Pattern, re.Pattern]:
    spaced, glued = _units()
    end = r"(?![^\W\d_])"
    return (re.compile(r"[\s-]?(" + alternation(spaced) + ")" + end),
            re.compile("(" + alternation(glued) + ")" + end))


def _unit_after(after: str) -> tuple[Unit, int] | None:
    spaced_re, glued_re = _res()
    m = glued_re.match(after)
    if m:
        return _units()[1][m.group(1)], m.end()
    m = spaced_re.match(after)
    if m:
        return _units()[0][m.group(1)], m.end()
    return None


def unit_after(after: str) -> str | None:
    """The name of the unit at the start of `after` (what follows a figure), or None."""
    got = _unit_after(after.lower())
    return got[0].name if got else None


def make(unit: Unit, value: float, step: float) -> Quantity:
    base = frozenset(rounded(value * f + o) for f, o in unit.readings)
    return Quantity(unit.dimension, base, unit.name, abs(step * max(f for f, _ in unit.readings)))


def unit_named(name: str) -> Unit | None:
    """The unit of that name (the first column of units.tsv)."""
    return next((u for u in _units()[0].values() if u.name == name), None)


def unit_length(after: str) -> int:
    """Length of the unit that `after` (lower case) starts with, 0 when none."""
    got = _unit_after(after)
    return got[1] if got else 0


def quantity(after: str, value: float, step: float = 1.0) -> Quantity | None:
    """The quantity of a figure followed by `after` (lower case; the text right after the
    digits), or None when no unit follows."""
    got = _unit_after(after)
    return make(got[0], value, step) if got else None


# "6-foot-6", "6 ft 6 in", "5ft 10in", "6 feet 2 inches": a height in feet and inches
HEIGHT = re.compile(r"\b(\d{1,2})(?:-|\s?)(?:foot|feet|ft)(?:-|\s?)(\d{1,2})(?:\s?(?:in|inches)\b"
                    r"|(?![\d.]))")


def heights(text: str, taken: Spans) -> list[Figure]:
    """Heights in feet and inches, as one quantity ("6-foot-6" = 1.98 m)."""
    out = []
    for m in HEIGHT.finditer(text.lower()):
        ft, inch = int(m.group(1)), int(m.group(2))
        if inch >= 12:
            continue
        metres = ft * 0.3048 + inch * 0.0254
        q = Quantity("length", frozenset({rounded(metres)}), "ft-in", 0.0254)
        out.append(Figure(frozenset({("ft-in", ft, inch)}), text[m.start():m.end()],
                          quantity=q, start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out


def mismatch(a: Quantity, b: Quantity) -> float | None:
    """How far two quantities in different units are from being one converted into the
    other, beyond rounding (0.0: a faithful conversion; 0.1: 10% off); None when they
    cannot be compared (another dimension, or the same unit)."""
    if a.dimension != b.dimension or a.unit == b.unit:
        return None
    best = None
    for x in a.base:
        for y in b.base:
            size = max(abs(x), abs(y))
            if a.dimension == "temperature":
                lo, hi = TEMPERATURE_SLACK
                tol = min(max(a.step, b.step) / 2, hi)
                tol = max(tol, lo)
                # no zero to be relative to: 20 degrees is the scale of a difference
                off = max(0.0, abs(x - y) - tol) / max(size, 20.0)
            else:
                tol = min(max(a.step, b.step) / 2, ROUNDING_CAP * size)
                tol = max(tol, CONVERSION_SLACK * size)
                off = max(0.0, abs(x - y) - tol) / size if size else 0.0
            best = off if best is None else min(best, off)
    return best


# a conversion the writer adds in brackets: "30 meters (100 feet)", "5 km (3 miles)"
@lru_cache(maxsize=1)
def _bracket() -> re.Pattern:
    # the unit's words, then the bracket: "30 meters (100 feet)", "5 km (about 3 miles)"
    return re.compile(r"(?:[\s-]?[^\W\d_/²]+\.?){0,3}\s*[(\[]\s*(?:(?:" + hedges.pattern()
                      + r"|approx\.|c\.|or|ou)\s*)?", re.I)


def restatements(figures: list[Figure], text: str) -> list[Figure]:
    """The figures, with a bracketed conversion of the quantity or amount just before it
    marked absorb-only: it restates that figure, it is not a figure of its own. An amount
    in another currency ("5 billion reais ($1.2 billion)", "R$ 5 bilhões (US$ 1 bilhão)")
    is taken on trust: checking it would need the day's exchange rate."""
    out = list(figures)
    order = sorted(range(len(out)), key=lambda k: out[k].start)
    for i, j in zip(order, order[1:]):
        a, b = out[i], out[j]
        if a.start < 0 or b.start < a.end or not _bracket().fullmatch(text[a.end:b.start]):
            continue
        if a.quantity and b.quantity:
            off = mismatch(a.quantity, b.quantity)
            if off is not None and off <= ROUNDING_CAP:
                out[j] = replace(b, absorb_only=True)
        elif a.currency and b.currency and a.currency != b.currency \
                and not (a.quantity or b.quantity):
            out[j] = replace(b, absorb_only=True)
    return out
