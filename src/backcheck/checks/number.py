"""Numbers, dates, amounts, percentages and times that differ between pt and en.

Each side of a bead is read directly into figures by `backcheck.lang.figures` (numbers
survive machine translation badly); the two multisets are matched and what is left over
is a difference, unless something explains it:
- alignment slop: the same figure is left over in a neighbouring bead of the same field;
- the machine translation of the other side has it (a reading gap, not an error);
- a conversion: another unit of the same dimension, equal within the figures' rounding
  ("200 km" = "130 miles", "1,98 m" = "6-foot-6", "27 °C" = "80 degrees");
- a share of a figure said elsewhere on its side ("300 milhões" = "three-quarters");
- soft figures (written numbers, years, round periods, the day of a weekday's date) that a
  translation may add or drop: they count only when the other side has a leftover they
  could have become.

Scores and severity (calibrated: `Params`, see checks.calibration). Every finding gets a
score in [0, 1], higher = more suspicious:
- `changed`: a figure left over on both sides of the bead with no conversion, rounding or
  convention explaining it (3,2% vs 2.3%; 20 vs 15; a changed currency or unit) scores
  high (0.9 between figures written in digits, less when a written-out number, a name
  or a hedged, nearly faithful conversion is involved); `major` at or above
  `Params.changed`.
- `one-sided`: a figure on one side only scores lower (an omission or addition, which
  those checks weigh): figures with a unit, currency or percentage highest, then plain
  figures; small counts, ordinals, figures that name (Nord Stream 2, No.1), codes (WW1) and
  month names low. `minor` at or above `Params.one_sided`; never counted in the headline,
  where the severity policy would make it critical and headlines reword freely.
- below the thresholds: `info` (shown, not counted) when worth a look (a conversion the
  editor may check), nothing otherwise.
A changed figure is never `critical` here; the severity policy makes one in the headline
critical (report/score.py). One issue per bead.
"""
from __future__ import annotations

from dataclasses import dataclass

from backcheck.checks.calibration import threshold
from backcheck.lang import figures
from backcheck.lang.figures import Figure
from backcheck.report.model import Issue

NAME = "number"


@dataclass(frozen=True)
class Params:
    """Thresholds of the number check (calibrated on clean real translations)."""
    # Published translations do get figures wrong: on the 124 NTREX development
    # articles 11 of 1,779 aligned pairs carry a real changed figure (218 stores for 281,
    # 4h04 for 4.40 am, inches turned into millimetres). A budget of 5 (1% of pairs)
    # keeps the calibration from silencing them; the floor keeps a changed written-out
    # number (0.675) major whatever a small corpus says.
    changed: float = threshold(
        0.6, score="changed", budget=5.0, floor=0.6,
        doc="a figure on both sides that differs: major at or above")
    one_sided: float = threshold(
        0.5, score="one-sided", budget=1.0, floor=0.3,
        doc="a figure on one side only: minor at or above")
    # not calibrated: how far a hedged conversion ("about a mile") may be off and still
    # read as approximate rather than changed
    approx_conversion: float = 0.03


# ---- evidence -> score ------------------------------------------------------------------

CHANGED = 0.9          # a figure in digits on both sides that differs
ONE_SIDED = 0.55       # a plain figure in digits on one side only
INFO_FROM = 0.3        # findings below the thresholds but at least this are shown as info
REPEATED = 0.5         # a one-sided figure equal to one matched in the same bead


def _weight(f: Figure) -> float:
    """How much a figure's difference means: 1 for a figure in digits, less for the
    forms a translation handles freely."""
    if f.name:
        return 0.5           # "Nord Stream 2", "No.1"
    if f.written:
        return 0.75          # written-out numbers, periods and shares in words
    return 1.0


def _one_sided_weight(f: Figure) -> float:
    """How suspicious a figure on one side only is."""
    if f.kind == "month":
        return 0.35          # "em outubro" for "on Oct. 31" split off, "last month"
    if f.kind == "code" or f.name:
        return 0.45          # "WW1" for "I Guerra Mundial", "SS19", "No.1"
    if f.minute or (f.ordinal and not f.quantity):
        return 0.7           # "the 89th minute" for "no último minuto", "2º tempo"
    if f.currency or f.pct or f.pp or f.quantity:
        return 1.1
    if f.clock:
        return 1.0
    plain = {v for v in f.values if isinstance(v, float)}
    if plain and max(plain) <= 10 and not f.quantity:
        return 0.7           # small counts: "4-1", "two", scores, ranks
    return 1.0


def pair_score(a: Figure, b: Figure) -> float:
    """Score of a pt figure and an en figure left over together (a changed figure)."""
    return CHANGED * min(_weight(a), _weight(b))


def one_sided_score(f: Figure) -> float:
    return min(1.0, ONE_SIDED * _one_sided_weight(f))


# ---- matching ---------------------------------------------------------------------------

def _durations(f: Figure) -> frozenset:
    return frozenset(v for v in f.values if isinstance(v, tuple) and v[0] == "s")


def _compatible(a: Figure, b: Figure) -> bool:
    """Same kind and a common reading; two periods must be the same length ("seis meses"
    is not "six weeks", though both say six; "48 horas" is "two days"). A match minute
    is compared by its clock readings ("aos 31 minutos" of the second half = "the 76th")."""
    if a.kind != b.kind:
        return False
    da, db = _durations(a), _durations(b)
    if da and db and not (a.minute or b.minute):
        return bool(da & db)
    return bool(a.values & b.values)


def match(pt: list[Figure], en: list[Figure]):
    """Maximum matching of compatible figures (Kuhn's algorithm: lists are tiny).
    Returns (pt leftovers, en leftovers, matched pairs)."""
    owner: dict[int, int] = {}

    def augment(i, seen):
        for j, b in enumerate(en):
            if j in seen or not _compatible(pt[i], b):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # hard figures first so that soft written-out words do not steal their partners
    for i in sorted(range(len(pt)), key=lambda i: pt[i].soft):
        augment(i, set())
    got = set(owner.values())
    pairs = [(pt[i], en[j]) for j, i in owner.items()]
    return ([a for i, a in enumerate(pt) if i not in got],
            [b for j, b in enumerate(en) if j not in owner], pairs)


def _changed_on_match(a: Figure, b: Figure) -> bool:
    """A matched value whose currency or percent sort differs (units: see _units_off)."""
    if a.currency and b.currency and a.currency != b.currency and not (a.quantity or b.quantity):
        return True
    return (a.pp and b.pct) or (a.pct and b.pp)


def _units_off(a: Figure, b: Figure) -> float | None:
    """How far two figures' quantities are from one converted into the other (0: the
    same quantity; 1.0: another dimension); None when either has no unit."""
    if not (a.quantity and b.quantity):
        return None
    if a.quantity.dimension != b.quantity.dimension:
        return 1.0
    off = figures.mismatch(a.quantity, b.quantity)
    return 0.0 if off is None else off


def sort_of(f: Figure) -> str:
    """What a figure measures, for pairing leftovers: a changed figure keeps its sort."""
    if f.clock:
        return "clock"
    if f.minute:
        return "minute"
    if f.pct or f.pp or f.share is not None:
        return "pct"
    if f.currency and not f.quantity:
        return "money"
    if f.quantity:
        return f.quantity.dimension
    if any(isinstance(v, tuple) and v[0] == "s" for v in f.values):
        return "duration"
    return "plain"


def pairable(a: Figure, b: Figure) -> bool:
    """Can a pt leftover and an en leftover be one changed figure? Same kind, and the same
    sort, or one of them plain (a unit not repeated) or a share (of an amount), never a
    match minute against another sort; a time in two units is also a clock ("30:48")."""
    if a.kind != b.kind:
        return False
    sa, sb = sort_of(a), sort_of(b)
    if sa == sb or {sa, sb} == {"duration", "clock"}:
        return True
    loose = {"plain"} | ({"pct"} if a.share is not None or b.share is not None else set())
    return bool({sa, sb} & loose) and "minute" not in (sa, sb)


def _classify(a, b, off, p, approx, misconverted) -> None:
    """A conversion that is off: approximate when hedged and close, else a change."""
    if off <= p.approx_conversion and (a.approx or b.approx):
        approx.append((a, b))
    else:
        misconverted.append((a, b, off))


def _covered(f: Figure, pool: list[Figure]) -> bool:
    return any(_compatible(f, p) for p in pool)


def _excused(f: Figure, readings: list[list[Figure]], matched: list[Figure]) -> bool:
    """Does the translation of the other side (in either locale's reading) carry the
    figure more times than the figures already matched on its own side account for?"""
    have = max((sum(_compatible(f, p) for p in pool) for pool in readings), default=0)
    return have > sum(_compatible(f, m) for m in matched)


def _keep_soft(mine: list[Figure], other: list[Figure]) -> list[Figure]:
    """Soft figures may come and go; one stays only when the other side has a leftover
    it could have become (a year for a year; two soft figures of different sorts, a
    dropped "sexta-feira (27)" and an added "three months", are two free choices)."""
    def partner(a: Figure) -> bool:
        return any(b.kind == a.kind and b.year == a.year
                   and (not (a.soft and b.soft) or a.day == b.day)
                   for b in other)
    return [a for a in mine if not a.soft or partner(a)]


def _totals(article: list[Figure]) -> set[float]:
    """The plain figures of one side of the article (computed once per check)."""
    return {w for a in article if a.kind == "num" and a.share is None
            for w in a.values if isinstance(w, float)}


def _derived(f: Figure, other: list[Figure], totals: set[float]) -> bool:
    """Is the figure a share said on the other side of a figure found elsewhere on its
    own side ("300 milhões" of "400 milhões" = "three-quarters")?"""
    shares = [o.share for o in other if o.share]
    return bool(shares) and not f.soft and any(
        abs(v - s * w) <= 0.02 * abs(v) for v in f.values if isinstance(v, float) and v
        for s in shares for w in totals if w > v)


def _restated(f: Figure, other: list[Figure]) -> bool:
    """An amount in brackets (lang.figures: a restatement) left over against another one
    on the other side: both sides restate, and the restatements differ."""
    return bool(f.currency) and any(o.absorb_only and o.currency == f.currency
                                    for o in other)


def _fmt(fs: list[Figure]) -> str:
    return ", ".join(f.shown for f in fs)


# ---- the check --------------------------------------------------------------------------

class _Reader:
    """Figures of each sentence, read once per check."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.cache: dict = {}

    def sentence(self, side: str, i: int) -> list[Figure]:
        key = (side, i)
        if key not in self.cache:
            segs = self.ctx.seg.pt if side == "pt" else self.ctx.seg.en
            self.cache[key] = figures.read(segs[i].text, side)
        return self.cache[key]

    def bead(self, side: str, idxs) -> list[Figure]:
        return [f for i in idxs for f in self.sentence(side, i)]

    def translated(self, side: str, idxs) -> list[list[Figure]]:
        """Figures of the machine translation of the given sentences, read in each
        locale (rule-based engines keep the source's separators): one list per locale."""
        tr = self.ctx.pt2en if side == "pt" else self.ctx.en2pt
        if not tr:
            return []
        target = "en" if side == "pt" else "pt"
        return [[f for i in idxs if tr[i] for f in figures.read(tr[i], lang)]
                for lang in (target, side)]


def _field(ctx, bead) -> str | None:
    segs = [ctx.seg.pt[i] for i in bead.src] + [ctx.seg.en[j] for j in bead.tgt]
    return segs[0].field if segs else None


def check(ctx) -> list:
    p = ctx.params(NAME, Params)
    reader = _Reader(ctx)
    beads = ctx.beads
    pt_totals = _totals([f for i in range(len(ctx.seg.pt)) for f in reader.sentence("pt", i)])
    en_totals = _totals([f for j in range(len(ctx.seg.en)) for f in reader.sentence("en", j)])
    # first pass: what each bead leaves over on its own (a bead with one side only leaves
    # all its figures over): the pool that alignment slop may explain a neighbour by
    fields = [_field(ctx, b) for b in beads]
    left = []
    for b in beads:
        lp, le, _ = match(reader.bead("pt", b.src), reader.bead("en", b.tgt))
        left.append((lp, le))
    issues = []
    for k, bead in enumerate(beads):
        if not bead.src or not bead.tgt:
            continue        # whole-sentence omissions and additions belong to other checks
        pt, en = reader.bead("pt", bead.src), reader.bead("en", bead.tgt)
        if not pt and not en:
            continue
        left_pt, left_en, pairs = match(pt, en)
        changed = [(a, b) for a, b in pairs if _changed_on_match(a, b)]
        converted, approx, misconverted = [], [], []
        for a, b in pairs:                 # the same number in two units: "30 metros" vs "30 yards"
            off = _units_off(a, b)
            if off:
                _classify(a, b, off, p, approx, misconverted)
        # Two excuses for a figure that has no leftover on the other side it could have
        # become ("três" against "two" is a changed figure whatever the neighbours say):
        lone_pt = [a for a in left_pt if not any(pairable(a, b) for b in left_en)]
        lone_en = [b for b in left_en if not any(pairable(a, b) for a in left_pt)]
        # alignment slop: the value is left over in a neighbouring bead of the same field
        # (one further when an unaligned sentence sits in between)
        near = [j for j in (k - 1, k + 1) if 0 <= j < len(beads)]
        near += [j for j, mid in ((k - 2, k - 1), (k + 2, k + 1))
                 if 0 <= j < len(beads) and not (beads[mid].src and beads[mid].tgt)]
        near = [j for j in near if fields[j] == fields[k]]
        near_pt = [f for j in near for f in left[j][0]]
        near_en = [f for j in near for f in left[j][1]]
        left_pt = [a for a in left_pt if a not in lone_pt or not _covered(a, near_en)]
        left_en = [b for b in left_en if b not in lone_en or not _covered(b, near_pt)]
        # tie-breaker: the translation of the other side carries the value after all
        # (counted: a translation's "1" excuses one "1", not a second one); "20" against
        # "a score of people" is a reading gap
        if lone_pt:
            pool = reader.translated("en", bead.tgt)
            left_pt = [a for a in left_pt
                       if a not in lone_pt or not _excused(a, pool, [x for x, _ in pairs])]
        if lone_en:
            pool = reader.translated("pt", bead.src)
            left_en = [b for b in left_en
                       if b not in lone_en or not _excused(b, pool, [y for _, y in pairs])]
        # conversions: another unit of the same dimension, within the figures' rounding
        for a in list(left_pt):
            best = None
            for b in left_en:
                off = figures.mismatch(a.quantity, b.quantity) if a.quantity and b.quantity else None
                if off is not None and (best is None or off < best[0]):
                    best = (off, b)
            if best is None:
                continue
            off, b = best
            left_pt.remove(a)
            left_en.remove(b)
            if off == 0:
                converted.append((a, b))
            else:
                _classify(a, b, off, p, approx, misconverted)
        # a figure re-expressed as a share of another figure of the article
        left_pt = [a for a in left_pt if not _derived(a, en, pt_totals)]
        left_en = [b for b in left_en if not _derived(b, pt, en_totals)]
        # an ordinal in digits left over against a different ordinal word ("3º trimestre"
        # vs "second quarter") is a changed figure
        for a, b in [(a, b) for a in left_pt for b in left_en
                     if a.ordinal and b.ordinal and (a.absorb_only != b.absorb_only)]:
            if a in left_pt and b in left_en:
                left_pt.remove(a)
                left_en.remove(b)
                changed.append((a, b))
        # absorb-only figures (ordinal words, bracketed restatements) are never a
        # difference alone; two amounts restated in brackets that differ are a change
        left_pt = [a for a in left_pt if not a.absorb_only or _restated(a, left_en)]
        left_en = [b for b in left_en if not b.absorb_only or _restated(b, left_pt)]
        left_pt, left_en = _keep_soft(left_pt, left_en), _keep_soft(left_en, left_pt)

        # scores. `changed`: figures left over together that one could have become
        # (3,2% / 2.3%), a matched value whose currency, unit or percent sort differs, a
        # conversion that is off; a hedged conversion within rounding is only shown
        scored = [(a, b, CHANGED * min(_weight(a), _weight(b))) for a, b in changed]
        scored += [(a, b, CHANGED * (0.75 if off <= p.approx_conversion else 1.0)
                    * min(_weight(a), _weight(b))) for a, b, off in misconverted]
        scored += [(a, b, pair_score(a, b)) for a in left_pt for b in left_en if pairable(a, b)]
        s_changed = max((sc for _, _, sc in scored), default=0.0)
        # `one-sided`: a figure in no pair strong enough to be a change
        strong = {id(x) for a, b, sc in scored if sc >= p.changed for x in (a, b)}
        alone = [f for f in left_pt + left_en if id(f) not in strong]
        alone += [x for a, b, sc in scored if sc < p.changed for x in (a, b)
                  if x not in left_pt + left_en and id(x) not in strong]
        headline = fields[k] == "headline"
        # a figure repeated on one side ("of 106 million tonnes of 106 million tonnes") is
        # no new figure: the artifact check weighs doubled fragments
        matched = [x for x, _ in pairs] + [y for _, y in pairs]
        one_scores = [0.0 if headline or f.soft else
                      one_sided_score(f) * (REPEATED if _covered(f, matched) else 1.0)
                      for f in alone]
        s_one = max(one_scores, default=0.0)
        ctx.observe(NAME, "changed", s_changed)
        ctx.observe(NAME, "one-sided", s_one)

        # the issue of this bead, if any
        if s_changed >= p.changed:
            severity = "major"
        elif s_one >= p.one_sided:
            severity = "minor"
        elif max(s_changed, s_one) >= INFO_FROM or converted or approx:
            severity = "info"
        else:
            continue
        shown_pt = [a for a, _ in changed] + [a for a, _, _ in misconverted] + \
            [a for a, _ in approx] + left_pt
        shown_en = [b for _, b in changed] + [b for _, b, _ in misconverted] + \
            [b for _, b in approx] + left_en
        if severity == "info" and not (left_pt or left_en or changed or misconverted or approx):
            shown_pt, shown_en = [a for a, _ in converted], [b for _, b in converted]
            msg = "converted: " + "; ".join(f"{a.shown} = {b.shown}" for a, b in converted)
        elif approx and not (left_pt or left_en or changed or misconverted):
            msg = "approximate conversion: " + "; ".join(f"{a.shown} ≈ {b.shown}" for a, b in approx)
        elif shown_pt and shown_en:
            msg = f"number {_fmt(shown_pt)} in Portuguese is {_fmt(shown_en)} in English"
            periods = [(min(_durations(a)), min(_durations(b))) for a in shown_pt
                       for b in shown_en if _durations(a) and _durations(b)
                       and not _durations(a) & _durations(b) and a.values & b.values]
            if periods:     # the same count of another unit: say which ("six" / "six")
                msg += " (" + "; ".join(f"{figures.describe_period(x[1])} ≠ "
                                        f"{figures.describe_period(y[1])}"
                                        for x, y in periods) + ")"
        elif shown_pt:
            msg = f"number {_fmt(shown_pt)} in Portuguese is missing from the English"
        else:
            msg = f"number {_fmt(shown_en)} in English is not in the Portuguese"
        issues.append(Issue(
            "number", severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt), msg,
            {"pt_items": [a.shown for a in shown_pt], "en_items": [b.shown for b in shown_en],
             "pt_spans": _spans_of(ctx, "pt", bead.src, shown_pt, reader),
             "en_spans": _spans_of(ctx, "en", bead.tgt, shown_en, reader),
             "score": round(max(s_changed, s_one), 3),
             "back_translation": ctx.translation("pt", bead.src),
             "en2pt": ctx.translation("en", bead.tgt), "similarity": bead.score}))
    return issues


def _spans_of(ctx, side: str, idxs, fs: list[Figure], reader: _Reader) -> list[list[int]]:
    """Character spans of the figures in the Loc text of the sentences (ctx.loc joins
    them with one space)."""
    segs = ctx.seg.pt if side == "pt" else ctx.seg.en
    want = {id(f) for f in fs}
    out, offset = [], 0
    for i in idxs:
        for f in reader.sentence(side, i):
            if id(f) in want and f.start >= 0:
                out.append([offset + f.start, offset + f.end])
        offset += len(segs[i].text) + 1
    return out
