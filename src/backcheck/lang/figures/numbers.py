"""Figures written with digits, with everything around them that says what they are: a
currency ("R$ 4,2 bilhões"), a multiplier ("38,7 mil"), a percentage or percentage points,
a clock time, a unit of measure, a unit of time, a year, a decade, a weekday's date, a
match minute; and codes, letters with digits ("H3N2", "G20", "Covid-19").

Entry points: `read(text, lang, taken)`, `codes(text, taken)`, `ranges(figures, text)`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from backcheck.lang.figures import clock, currency, dates, durations, hedges, ordinals
from backcheck.lang.figures import percent, units
from backcheck.lang.figures.digits import NUM, multiplier_re, multipliers, parse_number
from backcheck.lang.figures.model import Figure, Spans, rounded, step_of
from backcheck.lang.normalise import fold

CODE = re.compile(r"\b[^\W\d_]+-?\d\w*(?:-\w+)*")


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    return re.compile(
        r"(?P<cur>" + currency.symbols() + r")?\s?"
        r"(?P<num>" + NUM + r")"
        r"(?P<ord>" + ordinals.MARK + r")?"
        r"(?P<h>" + clock.HOURS + r")?"
        r"(?P<pct>" + percent.pattern() + r")?", re.I)


@lru_cache(maxsize=2)
def _glue_ok(lang: str) -> frozenset[str]:
    """Letters that may follow digits directly ("30km", "4bn", "1990s", "3x", "7pm"): the
    readers' own marks. Anything else glued to digits is CMS junk (the artifact check's)."""
    from backcheck.lang.figures.durations import abbreviations
    return frozenset(units.unit_forms() | set(multipliers(lang)) | abbreviations()
                     | {"s", "x", "am", "pm"})


def codes(text: str, taken: Spans) -> list[Figure]:
    """Letter-first tokens with digits (H3N2, BR-163, G20, Covid-19); "over-60s",
    "sub-20", "top-10" are a word and a figure."""
    out = []
    for m in CODE.finditer(text):
        if re.match(r"[a-z]+-\d", m.group(0)):
            continue
        out.append(Figure(frozenset({fold(m.group(0)).replace("-", "")}), m.group(0),
                          kind="code", start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out


# a number sign: "No.1", "nº 5", "n.º 3"
NUMBER_SIGN = re.compile(r"(?:\b[Nn]o\.|\bN[Oo]\.|nº|n\.º|n°|N°)\s?$")


def _names(text: str, start: int, end: int) -> bool:
    """Does the figure name or rank rather than count ("Nord Stream 2", "No.1", "nº 5")?
    After a number sign, or right after a capitalised word inside the sentence that is
    not a month or a weekday ("May 13" is a date), unless a score or a range goes on
    ("Livingston 1-1", "Flamengo 2 x 1")."""
    if re.match(r"\s?[-–x×:/]\s?\d", text[end:end + 4]):
        return False
    before = text[max(0, start - 30):start]
    if NUMBER_SIGN.search(before):
        return True
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return False            # a headline in title case: every word is capitalised
    m = re.search(r"(?:^|[^.!?:;\"“(]\s)([A-Z][^\W\d_]+)\s$", before)
    return bool(m) and m.start(1) > 0 and fold(m.group(1)) not in dates.calendar_words()


# words that join the two ends of a range: "5 a 10 cm", "2 to 4 inches", "entre 3 e 4%"
RANGE = re.compile(r"\s*(?:a|e|to|and|-|–|até|ou|or)\s*", re.I)


def ranges(figures: list[Figure], text: str) -> list[Figure]:
    """The first end of a range takes what is written only after the second: its unit
    ("5 a 10 cm"), percent sign ("entre 3 e 4%"), currency word ("5 a 10 dólares") and
    multiplier ("entre 5 e 10 milhões", kept as a second reading)."""
    out = list(figures)
    order = sorted((k for k in range(len(out)) if out[k].kind == "num" and out[k].start >= 0),
                   key=lambda k: out[k].start)
    for i, j in zip(order, order[1:]):
        a, b = out[i], out[j]
        if b.start < a.end or not RANGE.fullmatch(text[a.end:b.start]) or a.soft != b.soft:
            continue
        if a.quantity or a.currency or a.pct or a.clock or a.year or b.clock or b.year:
            continue
        changes = {}
        if b.quantity:
            unit = units.unit_named(b.quantity.unit)
            if unit is not None:
                av = max(v for v in a.values if isinstance(v, float))
                changes["quantity"] = units.make(unit, av, a.step)
        if b.pct:
            changes["pct"] = True
        if b.currency:
            changes["currency"] = b.currency
        if b.scale > 1 and a.scale == 1:
            changes["values"] = a.values | {rounded(v * b.scale) for v in a.values
                                            if isinstance(v, float)}
        if changes:
            out[i] = replace(a, **changes)
    return out


def read(text: str, lang: str, taken: Spans) -> list[Figure]:
    """Every figure written with digits, not already read by another reader."""
    out = []
    low = text.lower()
    for m in _token_re().finditer(text):
        if taken.hit(m.start()) or taken.hit(m.start("num")):
            continue
        ordmark = m.group("ord")
        end = m.end()
        if ordmark and ordmark.lower() in ("o", "a") and lang != "pt":
            continue                      # "4a" in English: not a figure we know
        glued = re.match(r"[^\W\d_]+", text[end:])
        if glued and glued.group(0).lower() not in _glue_ok(lang):
            continue                      # digits glued to a word: CMS junk
        raw = m.group("num")
        start = m.start("cur") if m.group("cur") else m.start("num")
        v = parse_number(raw, lang)
        if v is None:
            continue
        pos = end                          # where `after` starts in the text
        after = low[end:end + 40]
        before = low[max(0, start - 40):start]
        cur = currency.code(m.group("cur"))
        shown = m.group(0).strip()
        step = step_of(raw, lang)
        is_pct = bool(m.group("pct"))
        vals = {v}
        soft = is_clock = False
        q = None
        scale = 1.0
        if not is_pct:
            got = clock.hours(v, m.group("h"), raw, after, lang)
            if got:
                vals, is_clock = {got[0]}, True
                if got[1]:
                    shown += " " + text[pos:pos + got[1]].strip()
                    after, pos = after[got[1]:], pos + got[1]
        mm = multiplier_re(lang).match(after) if not (is_pct or is_clock) else None
        if mm:
            mult = multipliers(lang)[mm.group(1)]
            if lang == "en" and mm.group(1) == "m" and not cur:
                q = units.quantity(after, v, step)     # "10,000m" on a track: metres
                vals = {rounded(v * mult), rounded(v)}
            else:
                vals = {rounded(x * mult) for x in vals}
            step *= mult
            scale = mult
            shown += " " + mm.group(1)
            after, pos = after[mm.end():], pos + mm.end()
        symbol = bool(cur)
        if not cur:
            cur = currency.after(after)
        pp = 0 if is_pct or cur else percent.points(after, lang)
        bp = 0 if is_pct or cur or pp else percent.basis_points(after, lang)
        if bp:      # 50 basis points are 0.5 percentage points
            vals, step, pp = {rounded(x / 100) for x in vals}, step / 100, bp
        if pp:
            mark = text[pos:pos + pp]
            shown += mark if mark.startswith("-") else " " + mark.strip()
        year = not cur and not is_pct and dates.is_year(raw, v)
        full = dates.range_end(raw, before)
        if full and not cur and not is_pct:
            vals.add(full)
            year = True
        if not cur and not is_pct and dates.decade(raw, v, before,
                                                  glued.group(0).lower() if glued else None, lang):
            vals |= {1900 + v, 2000 + v}
            year = True
        day = dates.weekday_date(before, low[m.end("num"):], lang)
        soft = year or day or (is_pct and v == 100) or durations.round_period(after, v)
        d = durations.seconds(after, v) if not (is_pct or is_clock or cur) else None
        if d:
            vals.add(d)
        readings, replace = clock.match_minutes(v, before, after, bool(ordmark), lang)
        vals = readings if replace else vals | readings
        if q is None and not symbol and not is_pct and not is_clock:
            # "550 pounds" may be money or weight: both readings are kept
            q = units.quantity(after, v, step)
            if q is not None:
                shown += " " + text[pos:pos + units.unit_length(after)].strip()
            elif ordmark in ("º", "°") and not re.match(r"\s*de\s", after):
                q = units.quantity("°c", v, step)  # "estavam 26º": degrees, or the 26th
        out.append(Figure(frozenset(vals), shown, currency=cur, quantity=q, pct=is_pct,
                          pp=bool(pp), year=year, day=day, soft=soft, clock=is_clock,
                          approx=hedges.hedged(before, lang),
                          ordinal=bool(ordmark),
                          name=not (cur or is_pct or q or year) and _names(text, start, m.end("num")),
                          minute=bool(readings), scale=scale, step=step, start=start, end=max(end, pos)))
        taken.add(start, end)
    return out
