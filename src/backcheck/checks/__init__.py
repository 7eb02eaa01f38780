"""The checks. Every check module exposes `NAME`, a frozen `Params` dataclass (its
thresholds, calibrated on real text: see checks.calibration) and
`check(ctx: Context) -> list[Issue]`.

Entry point: `run(ctx) -> list[Issue]`: all checks, then consolidation (one problem, one issue).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from backcheck.checks.calibration import DEFAULTS, Calibration
from backcheck.report.model import Issue, Loc


PAIR_SUPPORT = 0.5
ADJACENT_PAIR_SUPPORT = 0.25
MOVE_WINDOW = 12


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

    def texts(self, bead) -> tuple[str, str, str | None, str | None]:
        """(pt, en, pt2en, en2pt) of a bead: both sides and their translations, joined."""
        pt = " ".join(self.seg.pt[i].text for i in bead.src)
        en = " ".join(self.seg.en[j].text for j in bead.tgt)
        return pt, en, self.translation("pt", bead.src), self.translation("en", bead.tgt)

    def support(self, bead):
        """Word-level support between the bead's two sides (lang.support), computed once
        per bead, with the dictionary and thesaurus when they are installed."""
        key = ("support", tuple(bead.src), tuple(bead.tgt))
        if key not in self.extra:
            from backcheck.lang import dictionary, support, thesaurus
            self.extra[key] = support.support(*self.texts(bead), dictionary=dictionary,
                                              thesaurus=thesaurus)
        return self.extra[key]

    # -- sentences the aligner left unpaired ------------------------------------------

    def sentence_support(self, side: str, k: int, other_idx) -> float | None:
        """How much of sentence k of `side` the other side's sentences `other_idx` support:
        the better of the two directions (the sentence's words against the other side's
        translation, and the sentence's own translation against the other side)."""
        from backcheck.lang.words import content, supported
        mine, theirs = (self.seg.en, self.seg.pt) if side == "en" else (self.seg.pt, self.seg.en)
        own_tr = self.translation(side, [k]) or ""
        other_side = "pt" if side == "en" else "en"
        other = " ".join(theirs[i].text for i in other_idx)
        other_tr = self.translation(other_side, other_idx) or ""
        v_other = set(content(other, other_side))
        v_other_tr = set(content(other_tr, side))

        def ratio(words, *vocabs):
            return (sum(any(supported(w, v) for v in vocabs) for w in words) / len(words)
                    if words else None)
        vals = [x for x in (ratio(content(mine[k].text, side), v_other, v_other_tr),
                            ratio(content(own_tr, other_side), v_other) if own_tr else None)
                if x is not None]
        return max(vals) if vals else None

    def adjacent(self, n: int, m: int) -> bool:
        """No bead with both sides lies between beads n and m."""
        lo, hi = sorted((n, m))
        return all(not (b.src and b.tgt) for b in self.beads[lo + 1:hi])

    def matched_unpaired(self) -> list[tuple[int, int]]:
        """Pairs (n_pt, n_en) of a 1-0 bead and a 0-1 bead in the same field whose
        sentences carry the same content: a moved sentence (far apart) or a sentence so
        changed that the aligner left both sides unpaired (adjacent). Computed once.
        An unaligned English sentence at least PAIR_SUPPORT supported by an unaligned
        Portuguese one translates (part of) it; next to each other, less evidence is
        needed (ADJACENT_PAIR_SUPPORT); a moved sentence is looked for MOVE_WINDOW beads
        away at most (keeps the search linear)."""
        if "matched_unpaired" in self.extra:
            return self.extra["matched_unpaired"]
        ones = [(n, b) for n, b in enumerate(self.beads) if bool(b.src) != bool(b.tgt)]
        pt = [(n, b) for n, b in ones if b.src]
        en = [(n, b) for n, b in ones if b.tgt]
        pairs, used = [], set()
        for n, b in pt:
            best = None
            for m, c in en:
                if (m in used or abs(m - n) > MOVE_WINDOW
                        or self.seg.pt[b.src[0]].field != self.seg.en[c.tgt[0]].field):
                    continue
                sup = max((s for j in c.tgt if (s := self.sentence_support("en", j, b.src))
                           is not None), default=0.0)
                need = ADJACENT_PAIR_SUPPORT if self.adjacent(n, m) else PAIR_SUPPORT
                if sup >= need and (best is None or sup > best[0]):
                    best = (sup, m)
            if best:
                used.add(best[1])
                pairs.append((n, best[1]))
        self.extra["matched_unpaired"] = pairs
        return pairs

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
