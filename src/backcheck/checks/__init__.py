"""The checks. Every check module exposes `NAME`, a frozen `Params` dataclass (its
thresholds, calibrated on real text: see checks.calibration) and
`check(ctx: Context) -> list[Issue]`.

Entry point: `run(ctx) -> list[Issue]`: all checks, then consolidation (one problem, one issue).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from backcheck.checks.calibration import DEFAULTS, Calibration
from backcheck.report.model import Issue, Loc


@dataclass
class Context:
    article: object                     # backcheck.article.Article
    seg: object                         # backcheck.segment.Segmented
    pt2en: list[str] | None             # translation of each seg.pt sentence into English
    en2pt: list[str] | None             # translation of each seg.en sentence into Portuguese
    beads: list                         # list[backcheck.align.Bead] over seg.pt / seg.en indices
    config: object                      # backcheck.config.Config
    partial_source: bool = False        # pt has no body: en body has no source
    scorer: object | None = None        # optional forced-decoding scorer (Marian engines)
    extra: dict = field(default_factory=dict)
    calibration: Calibration = DEFAULTS  # thresholds of every check
    observations: dict | None = None    # {check: {score: [per-unit max]}} when calibrating

    def params(self, name: str, params_cls):
        """The check's Params (class `params_cls`, check `name`) under this context's
        calibration: `ctx.params(NAME, Params)` inside a check module."""
        key = ("params", name)
        if key not in self.extra:
            self.extra[key] = self.calibration.params(name, params_cls)
        return self.extra[key]

    def observe(self, check: str, score: str, value: float) -> None:
        """Record one unit's highest value of a score (only while calibrating). Call it
        once per unit (aligned pair) examined, also when nothing is reported."""
        if self.observations is not None:
            self.observations.setdefault(check, {}).setdefault(score, []).append(float(value))

    def loc(self, side: str, idxs) -> Loc | None:
        """A Loc covering the given sentence indices of one side (None when empty)."""
        segs = [(self.seg.pt if side == "pt" else self.seg.en)[i] for i in idxs]
        if not segs:
            return None
        return Loc(segs[0].field, segs[0].paragraph, " ".join(s.text for s in segs))

    def translation(self, side: str, idxs) -> str | None:
        """The machine translation of the given sentences of one side (pt: into English,
        en: into Portuguese), joined; None without a translator."""
        tr = self.pt2en if side == "pt" else self.en2pt
        return None if tr is None else " ".join(tr[i] or "" for i in idxs)


def modules():
    """The check modules, in order. Imported lazily so one check's import cost stays its own."""
    from backcheck.checks import artifact, coverage, glossary, meaning
    from backcheck.checks import entity, negation, number, untranslated
    return [artifact, glossary, coverage, meaning, number, entity, negation, untranslated]


def run(ctx: Context) -> list[Issue]:
    issues: list[Issue] = []
    for check in modules():
        issues.extend(check.check(ctx))
    from backcheck.checks.consolidate import consolidate
    return consolidate(ctx, issues)
