"""One problem, one issue.

Several checks may fire on the same sentence (a wrong number also lowers the similarity
and can look like a mistranslation). Issues that share a sentence on either side are one
problem; the kept issue is the most specific type:
number > entity > negation > untranslated > omission = addition > mistranslation.
One exception: an omission/addition of a sentence or a large part of one (evidence
"missing" or "extra") outranks the other types but untranslated, and keeps its own
severity: the figures, names or negators that went missing with it are symptoms.
Artifacts (CMS junk) are a separate problem and never merge with translation issues.
A counted polarity flip is not a symptom of a wrong figure or name (nor they of it: the
negation check looks only at negators): on a sentence with a number or entity issue it is
reported on its own. Nor is a figure, a name or a negated clause whose words are not in
the clause an omission/addition names as missing or extra: a second problem, reported on
its own.
The kept issue takes the worst severity of the counted issues it absorbs; `info` hints on
a sentence that has a counted issue are absorbed too (their messages stay in evidence).

Every issue's evidence is normalised from its bead: "pt2en" (back-translation of the
Portuguese side), "en2pt" (translation of the English side) and "similarity"; a missing
side's Loc is filled from the bead, so an issue names both sides' text where a bead exists.
"""
from __future__ import annotations

from backcheck.lang.words import tokens
from backcheck.report.model import SEVERITY_RANK, Issue, Loc

PRIORITY = {t: i for i, t in enumerate(
    ("number", "entity", "negation", "untranslated", "omission", "addition",
     "mistranslation"))}
PRIORITY["addition"] = PRIORITY["omission"]
# a polarity flip and a wrong figure or name cannot cause one another: never merged
FLIP_APART_FROM = ("number", "entity")


class _Index:
    """Sentences by (field, paragraph) and the bead of each sentence, built once per run
    so that consolidation stays linear in the article's length."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.by_place = {}
        for side, segs in (("pt", ctx.seg.pt), ("en", ctx.seg.en)):
            for i, s in enumerate(segs):
                self.by_place.setdefault((side, s.field, s.paragraph), []).append(i)
                self.by_place.setdefault((side, s.field, "*"), []).append(i)
        self.bead = {}
        for bead in ctx.beads:
            for i in bead.src:
                self.bead.setdefault(("pt", i), bead)
            for j in bead.tgt:
                self.bead.setdefault(("en", j), bead)

    def sentences(self, side: str, loc: Loc | None) -> set[int]:
        """Indices of the side's sentences the Loc covers (or lies within)."""
        if loc is None or not loc.text:
            return set()
        segs = self.ctx.seg.pt if side == "pt" else self.ctx.seg.en
        para = loc.paragraph if loc.field == "body" and loc.paragraph is not None else "*"
        return {i for i in self.by_place.get((side, loc.field, para), ())
                if segs[i].text in loc.text or loc.text in segs[i].text}

    def bead_of(self, pt: set[int], en: set[int]):
        for key in sorted(("pt", i) for i in pt) + sorted(("en", j) for j in en):
            if key in self.bead:
                return self.bead[key]
        return None


def _normalise(ctx, index: _Index, issue: Issue, pt: set[int], en: set[int]) -> None:
    """Fill the missing side from the bead, and the translations of the issue's own
    sentences (of the bead's, for a side the issue does not name)."""
    ev = issue.evidence
    if "back_translation" in ev and "pt2en" not in ev:
        ev["pt2en"] = ev["back_translation"]
    bead = index.bead_of(pt, en)
    if bead is not None:
        if issue.pt is None and bead.src:
            issue.pt = ctx.loc("pt", bead.src)
            pt = set(bead.src)
        if issue.en is None and bead.tgt:
            issue.en = ctx.loc("en", bead.tgt)
            en = set(bead.tgt)
        ev.setdefault("similarity", bead.score)
    if ctx.pt2en and pt:
        ev.setdefault("pt2en", " ".join(ctx.pt2en[i] for i in sorted(pt)))
    if ctx.en2pt and en:
        ev.setdefault("en2pt", " ".join(ctx.en2pt[j] for j in sorted(en)))


def _explains(issue: Issue) -> bool:
    return issue.type in ("omission", "addition") and ("missing" in issue.evidence
                                                         or "extra" in issue.evidence)


def _words(items) -> set[str]:
    return {t.fold for x in items or () for t in tokens(str(x))}


def _apart(keep: Issue, other: Issue) -> bool:
    """Is `other` a second problem on the sentence `keep` is reported for? A counted flip
    beside a wrong figure or name; a counted figure, name or flip beside a dropped or
    added clause that does not hold its words (the clause went missing, the negator was
    dropped from another clause of the sentence)."""
    if other.severity == "info":
        return False
    if _explains(keep):
        gap = _words(keep.evidence.get("missing") or keep.evidence.get("extra"))
        if other.type == "negation":      # the negated clause's words, not the negator
            mine = _words(other.evidence.get("negated"))
        elif other.type in ("number", "entity"):
            side = "pt_items" if keep.type == "omission" else "en_items"
            mine = _words(other.evidence.get(side))
        else:
            return False
        return bool(mine) and not mine & gap
    return other.type == "negation" and keep.type in FLIP_APART_FROM


def _rank(issue: Issue) -> tuple:
    counted = issue.severity != "info"
    prio = PRIORITY.get(issue.type, len(PRIORITY))
    if _explains(issue):
        prio = -1
    elif issue.type == "untranslated":
        prio = -2        # Portuguese left in the English also looks unsupported
    return (not counted, prio, -SEVERITY_RANK.get(issue.severity, 0))


def consolidate(ctx, issues: list[Issue]) -> list[Issue]:
    index = _Index(ctx)
    keys = [(index.sentences("pt", i.pt), index.sentences("en", i.en)) for i in issues]
    for issue, (pt, en) in zip(issues, keys):
        _normalise(ctx, index, issue, pt, en)
    # union-find over issues sharing a sentence; an artifact only joins an artifact of
    # the same kind (two kinds of junk in one sentence are two problems)
    parent = list(range(len(issues)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first: dict = {}
    for k, (issue, (pt, en)) in enumerate(zip(issues, keys)):
        kind = ("artifact", issue.message) if issue.type == "artifact" else "translation"
        for key in [("pt", i, kind) for i in pt] + [("en", j, kind) for j in en]:
            if key in first:
                parent[find(k)] = find(first[key])
            else:
                first[key] = k
    groups: dict[int, list[int]] = {}
    for k in range(len(issues)):
        groups.setdefault(find(k), []).append(k)
    out = []
    for members in sorted(groups.values()):
        ranked = sorted(members, key=lambda k: _rank(issues[k]))
        keep = issues[ranked[0]]
        apart = [k for k in ranked[1:] if _apart(keep, issues[k])]
        out.extend(issues[k] for k in apart)
        ranked = [k for k in ranked if k not in apart]
        others = [issues[k] for k in ranked[1:]]
        counted = [o for o in others if o.severity != "info"]
        worst = max([keep.severity] + [o.severity for o in counted],
                    key=SEVERITY_RANK.__getitem__)
        # an omission/addition that explains the others (their numbers, names or negators
        # went missing with it) keeps its own rating: the others are symptoms
        if keep.severity != "info" and not _explains(keep):
            keep.severity = worst
        if others:
            keep.evidence.setdefault("also", [f"{o.type}: {o.message}" for o in others])
        out.append(keep)
    return out
