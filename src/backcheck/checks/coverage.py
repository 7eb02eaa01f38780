"""Omission and addition: content on one side that the other side does not carry.

Signals, strongest first:
- a 1-0 bead (Portuguese sentence with no English) is an omission, a 0-1 bead an addition
  (not in partial-source mode, where the English has no full Portuguese source);
  unless the sentence's content turns up in the neighbouring beads (the aligner put it
  next door), which makes it an `info` hint; one of a single content word is a hint
  too unless it is a whole sentence ("Eles estão só brincando.": minor);
- inside a bead of several sentences, a sentence the other side supports weakly and
  without which the bead balances better (an added English sentence the aligner merged
  into a 1-2 bead);
- a bead whose English has far fewer content words than the Portuguese (or far more),
  with a run of unsupported words: the second half of a long sentence dropped;
- a 1-0 next to a 0-1 whose sentences share content: the aligner could not pair a
  sentence that lost (or gained) most of its content; one issue, not two.

"Support" is word-level and checked in both directions, because back-translation is
noisy: a word of one side counts as supported when it (or an inflection of it) appears
in the translation of the other side, or verbatim on the other side (names, numbers).
Thresholds come from what translation legitimately does, not from the errors: on the
faithful dev pairs the content-word length ratio of a bead stays within 0.57-1.6 (limit:
2), with 95% of beads above 0.77.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from types import SimpleNamespace

from backcheck.checks import PAIR_SUPPORT
from backcheck.checks.calibration import threshold
from backcheck.lang import dictionary
from backcheck.lang.figures import calendar_words
from backcheck.lang.words import content, content_tokens, furniture, supported
from backcheck.report.model import Issue

NAME = "coverage"


@dataclass(frozen=True)
class Params:
    """Thresholds on the gap scores of `gap_score` (content words left unexplained)."""
    omitted: float = threshold(6.0, score="omitted", floor=3.0,
                               doc="a Portuguese clause this long missing from the English")
    added: float = threshold(6.0, score="added", floor=3.0,
                             doc="an English clause this long with no Portuguese source")
    dropped_clause: float = threshold(3.0, score="dropped clause", floor=2.0,
                                      doc="a wholly unsupported last Portuguese clause")
    appended_clause: float = threshold(2.0, score="appended clause", floor=2.0,
                                       doc="a wholly unsupported last English clause")


def support_flags(text: str, lang: str, *vocabs) -> list[tuple[str, bool]]:
    """Each content word of `text` with whether any of `vocabs` supports it."""
    return [(w, any(supported(w, v) for v in vocabs)) for w in content(text, lang)]


def support_ratio(text: str, lang: str, *vocabs) -> float | None:
    flags = support_flags(text, lang, *vocabs)
    return sum(ok for _, ok in flags) / len(flags) if flags else None


class BeadText:
    """Texts of one bead: both sides, both translations, and their content vocabularies."""

    def __init__(self, ctx, bead):
        self.bead = bead
        self.pt = " ".join(ctx.seg.pt[i].text for i in bead.src)
        self.en = " ".join(ctx.seg.en[j].text for j in bead.tgt)
        self.pt2en = " ".join(ctx.pt2en[i] for i in bead.src) if ctx.pt2en else ""
        self.en2pt = " ".join(ctx.en2pt[j] for j in bead.tgt) if ctx.en2pt else ""
        # names and numbers survive verbatim: the other side's raw words support them too
        self.v_pt = set(content(self.pt, "pt"))
        self.v_en = set(content(self.en, "en"))
        self.v_pt2en = set(content(self.pt2en, "en"))
        self.v_en2pt = set(content(self.en2pt, "pt"))


# A sentence shorter than this (in content words) is too short to judge by its words.
MIN_WORDS = 3
# A sentence inside a merged bead is suspect when the other side supports less than half
# of its words (faithful merged sentences go as low as 0.2 with Apertium, so support
# alone is not enough)...
WEAK_SUPPORT = 0.5
# ...and the bead balances better without it, the rest's content-word length ratio still
# at least what 95% of faithful beads reach (0.77-0.79 on the dev pairs).
BALANCED = 0.75
# A sentence its bead supports less than any faithful merged sentence does (0.2, above)
# needs only the rest of the bead inside the range faithful beads span (0.57-1.6 for
# en/pt content words, i.e. 0.62-1.75 either way round).
NO_SUPPORT = 0.2
FAITHFUL_RANGE = (0.57, 1.75)
# With this much support in the neighbouring beads, a 1-0/0-1 sentence was only misplaced.
NEIGHBOUR_SUPPORT = 0.6
# Content-word length ratios outside [1/LENGTH_RATIO, LENGTH_RATIO] are not translation
# variation; the missing or extra part must also be at least MIN_GAP content words.
LENGTH_RATIO = 2.0
MIN_GAP = 6


def _issue(ctx, kind, severity, pt_idx, en_idx, message, **evidence) -> Issue:
    return Issue(kind, severity, ctx.loc("pt", pt_idx), ctx.loc("en", en_idx), message,
                 evidence)


def _residual_support(ctx, n: int, side: str, k: int) -> tuple[float, set[int]]:
    """How much of the unaligned sentence k (of `side`, in bead n) turns up in what the
    neighbouring beads' other side says beyond their own counterpart: the aligner may have
    glued this sentence's translation onto a neighbour."""
    me = ctx.seg.pt[k] if side == "pt" else ctx.seg.en[k]
    olang = "en" if side == "pt" else "pt"
    resid, resid_tr, near = set(), set(), set()
    for m in (n - 1, n + 1):
        if not 0 <= m < len(ctx.beads) or not (ctx.beads[m].src and ctx.beads[m].tgt):
            continue
        t = BeadText(ctx, ctx.beads[m])
        if ctx.seg.pt[ctx.beads[m].src[0]].field != me.field:
            continue
        near.add(m)
        if side == "pt":   # English words of the neighbour its Portuguese does not explain
            resid |= {w for w in t.v_en if not supported(w, t.v_pt2en | t.v_pt)}
            resid_tr |= {w for w in t.v_en2pt if not supported(w, t.v_pt | t.v_en)}
        else:
            resid |= {w for w in t.v_pt if not supported(w, t.v_en2pt | t.v_en)}
            resid_tr |= {w for w in t.v_pt2en if not supported(w, t.v_en | t.v_pt)}
    own_tr = (ctx.pt2en[k] if side == "pt" else ctx.en2pt[k]) if (ctx.pt2en and ctx.en2pt) else ""
    a = support_ratio(me.text, side, resid_tr) or 0.0
    b = support_ratio(own_tr, olang, resid) or 0.0
    return max(a, b), near


def _pair_issue(ctx, n: int, m: int) -> Issue:
    """One issue for an adjacent 1-0 + 0-1 pair that carry the same content."""
    src, tgt = ctx.beads[n].src, ctx.beads[m].tgt
    sup = ctx.support(SimpleNamespace(src=src, tgt=tgt))
    n_pt, n_en = len(sup.pt), len(sup.en)
    if n_pt >= LENGTH_RATIO * n_en and n_pt - n_en >= MIN_GAP // 2:
        missing = [w.text for w in _run(sup.pt)[0]]
        return _issue(ctx, "omission", "major", src, tgt,
                      f"the English translates only part of the Portuguese ({n_en} of "
                      f"{n_pt} content words)", missing=missing)
    if n_en >= LENGTH_RATIO * n_pt and n_en - n_pt >= MIN_GAP // 2:
        extra = [w.text for w in _run(sup.en)[0]]
        return _issue(ctx, "addition", "major", src, tgt,
                      f"the English says more than the Portuguese ({n_en} vs {n_pt} "
                      "content words)", extra=extra)
    return _issue(ctx, "mistranslation", "minor", src, tgt,
                  "the English differs so much from the Portuguese that they could "
                  "not be aligned")


def _unpaired(ctx, explained: set) -> list[Issue]:
    """1-0 and 0-1 beads. Adds to `explained` the (bead, kind) whose surplus an
    unaligned sentence accounts for."""
    out = []
    paired = set()
    for n, m in ctx.matched_unpaired():
        paired |= {n, m}
        if ctx.adjacent(n, m):
            out.append(_pair_issue(ctx, n, m))
        # far apart: a moved sentence, reported by checks.meaning
    for n, bead in enumerate(ctx.beads):
        if (bead.src and bead.tgt) or n in paired:
            continue
        side, idx = ("pt", bead.src) if bead.src else ("en", bead.tgt)
        segs = ctx.seg.pt if side == "pt" else ctx.seg.en
        if side == "en" and ctx.partial_source:
            continue     # the English has no Portuguese source to be checked against
        kind = "omission" if side == "pt" else "addition"
        text = " ".join(segs[i].text for i in idx)
        if furniture(text):
            continue     # page furniture ("Leia também: ..."): the artifact check's
        sup, near = max(_residual_support(ctx, n, side, k) for k in idx)
        n_words = len(content(text, side))
        pt_idx, en_idx = (idx, ()) if side == "pt" else ((), idx)
        slip = _misplaced(ctx, n, side, idx)
        if slip is not None and sup < NEIGHBOUR_SUPPORT:
            # the aligner paired this sentence's translation with a neighbour: one slip,
            # neither an omission here nor an addition there
            explained.add((slip, "addition" if side == "pt" else "omission"))
            out.append(_issue(ctx, kind, "info", pt_idx, en_idx,
                              f"{'Portuguese' if side == 'pt' else 'English'} sentence not "
                              "aligned, but a neighbouring sentence translates it",
                              neighbour_support=round(sup, 2)))
        elif sup >= NEIGHBOUR_SUPPORT:
            # the neighbour's extra words are this sentence: no addition/omission there
            explained |= {(m, "addition" if side == "pt" else "omission") for m in near}
            out.append(_issue(ctx, kind, "info", pt_idx, en_idx,
                              f"{'Portuguese' if side == 'pt' else 'English'} sentence not "
                              "aligned, but its content appears in the neighbouring sentences",
                              neighbour_support=round(sup, 2)))
        elif n_words < 2 and not _whole_sentence(text):
            out.append(_issue(ctx, kind, "info", pt_idx, en_idx,
                              f"short {'Portuguese' if side == 'pt' else 'English'} fragment "
                              "has no counterpart", neighbour_support=round(sup, 2)))
        elif n_words < 2:
            out.append(_issue(ctx, kind, "minor", pt_idx, en_idx,
                              f"short {'Portuguese' if side == 'pt' else 'English'} sentence "
                              "has no counterpart", neighbour_support=round(sup, 2)))
        else:
            msg = ("Portuguese sentence has no English translation" if side == "pt"
                   else "English sentence has no Portuguese source")
            out.append(_issue(ctx, kind, "major", pt_idx, en_idx, msg,
                              neighbour_support=round(sup, 2)))
    return out


# A short unaligned text that is a whole sentence (a capital, three words or more, a final
# full stop, question or exclamation mark: "Eles estão só brincando.") is a dropped or
# added sentence even with one content word; other short leftovers (a label, a credit, a
# stray word of the page) stay hints. No faithful pair of the NTREX development half, the
# dev corpus or our held-out set leaves such a sentence unaligned.
WHOLE_SENTENCE = re.compile(r"""^\W*([^\W\d_])[^\W_]*(?:\s+\S+){2,}[.!?]+["'”’)»]*\s*$""")


def _whole_sentence(text: str) -> bool:
    m = WHOLE_SENTENCE.match(text)
    return bool(m) and m.group(1).isupper()


def _misplaced(ctx, n: int, side: str, idx) -> int | None:
    """The nearby bead holding a sentence that translates the unaligned sentences
    `idx` (of `side`, bead n) better than its own bead's counterpart supports it: the
    aligner shifted a pair by one. Returns that bead's index."""
    other = "en" if side == "pt" else "pt"
    field = (ctx.seg.pt if side == "pt" else ctx.seg.en)[idx[0]].field
    # two steps away: a run of unaligned sentences sits between the slip's two ends
    for m in (n - 1, n + 1, n - 2, n + 2):
        if not 0 <= m < len(ctx.beads) or not (ctx.beads[m].src and ctx.beads[m].tgt):
            continue
        mine, theirs = (ctx.beads[m].tgt, ctx.beads[m].src) if side == "pt" else \
            (ctx.beads[m].src, ctx.beads[m].tgt)
        if (ctx.seg.en if side == "pt" else ctx.seg.pt)[mine[0]].field != field:
            continue
        for j in mine:
            here = max((ctx.sentence_support(side, k, [j]) or 0.0) for k in idx)
            own = ctx.sentence_support(other, j, theirs)
            if own is not None and here >= PAIR_SUPPORT and own < WEAK_SUPPORT and here > own:
                return m
    return None


def _surplus(n_all: int, n_k: int, n_other: int, loose: bool = False) -> bool:
    """Does the bead balance better without this sentence (n_k of the side's n_all content
    words), the rest still as long relative to the other side as faithful beads are
    (`loose`: anywhere in the range faithful beads span)?"""
    if n_other == 0 or n_all == n_k:
        return False
    with_k, without_k = n_all / n_other, (n_all - n_k) / n_other
    low, high = FAITHFUL_RANGE if loose else (BALANCED, 1 / BALANCED)
    return abs(math.log(without_k)) < abs(math.log(with_k)) and low <= without_k <= high


def _inside(ctx, explained: set) -> list[Issue]:
    """Sentences of a many-sentence bead that the other side supports weakly and without
    which the bead balances better: the aligner merged an added or untranslated sentence
    into its neighbour's bead."""
    out, hits = [], set()
    for n, bead in enumerate(ctx.beads):
        if not bead.src or not bead.tgt:
            continue
        for side, idx, other in (("en", bead.tgt, bead.src), ("pt", bead.src, bead.tgt)):
            if len(idx) < 2:
                continue
            segs, osegs = (ctx.seg.en, ctx.seg.pt) if side == "en" else (ctx.seg.pt, ctx.seg.en)
            olang = "pt" if side == "en" else "en"
            sizes = {k: len(content(segs[k].text, side)) for k in idx}
            n_other = sum(len(content(osegs[i].text, olang)) for i in other)
            found = []
            for k in idx:
                if sizes[k] < MIN_WORDS:
                    continue
                sup = ctx.sentence_support(side, k, other)
                if sup is None or sup >= WEAK_SUPPORT:
                    continue
                # no support at all is stronger evidence than any length can be
                if _surplus(sum(sizes.values()), sizes[k], n_other, loose=sup < NO_SUPPORT):
                    found.append((sup, k))
            # one per bead side: the least supported sentence is the one that does not belong
            for sup, k in sorted(found)[:1]:
                if side == "en":
                    if (n, "addition") in explained or ctx.partial_source:
                        continue
                    hits.add((n, "addition"))
                    out.append(_issue(ctx, "addition", "major", bead.src, (k,),
                                      "English sentence not supported by the Portuguese",
                                      support=round(sup, 2), extra=_written(segs[k].text, side)))
                elif (n, "omission") not in explained:
                    hits.add((n, "omission"))
                    out.append(_issue(ctx, "omission", "major", (k,), bead.tgt,
                                      "Portuguese sentence not carried into the English",
                                      support=round(sup, 2), missing=_written(segs[k].text, side)))
    explained |= hits        # a bead-level report would repeat these
    return out


def _written(text: str, lang: str) -> list[str]:
    """The content words of `text` as written (messages quote the text, not its folding)."""
    return [t.text for t in content_tokens(text, lang)]


def _run(words) -> tuple[list, bool]:
    """The longest run of unsupported content words (one supported word allowed inside
    it: a name or figure both sides happen to share; a word only a WordNet synonym
    supports neither ends nor lengthens it), and whether it ends the sentence
    (within its last two content words: a stray match at the very end does not move a
    dropped clause)."""
    best, cur, spare, at_end = [], [], 1, False
    for i, w in enumerate(words):
        if not w.supported:
            cur.append(w)
        elif cur and w.by == {"syn"}:
            continue            # a synonym alone is weak support: it does not end a run
        elif cur and spare and i + 1 < len(words) and not words[i + 1].supported:
            spare -= 1
            cur.append(w)
        else:
            cur, spare = [], 1
        if len(cur) > len(best):
            best, at_end = list(cur), i >= len(words) - 2
    return best, at_end


def gap_score(words, other_unsupported: int) -> tuple[float, list]:
    """How much of one side the other side leaves unexplained, in content words: the
    longest unsupported run (counted in full when it ends the sentence, where a dropped
    second half or an appended clause sits, else at MIDDLE_WEIGHT), less the other side's
    unsupported words (a free rewording leaves both sides unexplained; a dropped or added
    clause only one)."""
    run, at_end = _run(words)
    return len(run) * (1.0 if at_end else MIDDLE_WEIGHT) - other_unsupported, run


MIDDLE_WEIGHT = 0.6
# the last clause of a sentence: after its last comma, semicolon, colon or dash
CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")


def tail_score(text: str, words, other_unsupported: int) -> tuple[float, list]:
    """An appended (or dropped) final clause: the content words of the sentence's last
    clause when none of them is supported, less half the other side's unsupported words.
    On the NTREX development pairs a wholly unsupported last clause is rare (a translator
    who rewords the end leaves words of both sides unexplained), and it is exactly what
    "..., a move critics called premature" looks like."""
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(text.rstrip(' ."”\'’!?'))), default=0)
    last = [w for w in words if w.token.start >= cut]
    if not cut or not last or any(w.supported for w in last):
        return 0.0, []
    if all(w.fold[:1].isdigit() or w.fold in calendar_words() for w in last):
        return 0.0, []          # a date for the reader ("last Tuesday, Nov. 3"): figures
                                # are the number check's to weigh
    return len(last) - 0.5 * other_unsupported, last


# an appositive that glosses the word before it: an article or a possessive first
GLOSS_START = re.compile(r"\s*(?:(?:the|a|an)\s|[A-Z][^\W\d_]*['’]s\s)")


def _gloss(text: str, words, other) -> list:
    """The content words of a last clause that glosses the word before it for English
    readers ("the TST, Brazil's top labour court"; "alojamento local, the short-term
    holiday lets"): the clause opens with an article or a possessive, and the word before
    its comma is the Portuguese's own word, as written there (a name, an acronym, a term
    kept as it is; `other`: the Portuguese words), and no word of it can only be a verb
    (a past form or an auxiliary: lang.dictionary.verb_forms). Empty otherwise.
    An appended clause follows the sentence's own English ("..., a fair result, a plan
    that has split the cabinet": "result" is a cognate, not the Portuguese word)."""
    cut = max((m.start() for m in CLAUSE_BREAK.finditer(text.rstrip(' ."”\'’!?'))), default=0)
    if not cut or not GLOSS_START.match(text[cut + 1:]):
        return []
    if dictionary.verb_forms(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text[cut + 1:]), "en"):
        return []               # a clause: "..., a move critics called premature"
    before = [w for w in words if w.token.end <= cut]
    if not before or before[-1].fold not in {w.fold for w in other}:
        return []
    return [w for w in words if w.token.start > cut]


def _partial(ctx, explained: set) -> list[Issue]:
    """Beads where one side carries a clause the other side does not: the second half of
    a Portuguese sentence dropped, or a clause appended to the English."""
    p = ctx.params(NAME, Params)
    out = []
    for n, bead in enumerate(ctx.beads):
        if not bead.src or not bead.tgt:
            continue
        sup = ctx.support(bead)
        u_pt, u_en = len(sup.unsupported("pt")), len(sup.unsupported("en"))
        pt, en = ctx.texts(bead)[:2]
        om, missing = gap_score(sup.pt, u_en)
        ad, extra = gap_score(sup.en, u_pt)
        tail_om, dropped = tail_score(pt, sup.pt, u_en)
        tail_ad, appended = tail_score(en, sup.en, u_pt)
        ctx.observe(NAME, "omitted", om)
        ctx.observe(NAME, "dropped clause", tail_om)
        if not ctx.partial_source:
            ctx.observe(NAME, "added", ad)
            ctx.observe(NAME, "appended clause", tail_ad)
        if tail_om >= p.dropped_clause and om < p.omitted:
            om, missing = p.omitted, dropped
        if tail_ad >= p.appended_clause and ad < p.added:
            ad, extra = p.added, appended
        if extra and (gloss := _gloss(en, sup.en, sup.pt)) and all(w in gloss for w in extra):
            ad, extra = 0.0, []         # a gloss for the reader, not an added clause
        if om >= p.omitted and (n, "omission") not in explained and om >= ad:
            words = [w.text for w in missing]
            out.append(_issue(ctx, "omission", "major", bead.src, bead.tgt,
                              "the English translates only part of the Portuguese; "
                              f"missing: “{' '.join(words[:12])}”", missing=words,
                              score=round(om, 2)))
        elif (not ctx.partial_source and ad >= p.added
              and (n, "addition") not in explained):
            words = [w.text for w in extra]
            out.append(_issue(ctx, "addition", "major", bead.src, bead.tgt,
                              "the English says more than the Portuguese; extra: "
                              f"“{' '.join(words[:12])}”", extra=words,
                              score=round(ad, 2)))
    return out


def check(ctx) -> list[Issue]:
    if not ctx.pt2en or not ctx.en2pt:
        # without translations the alignment rests on length and shared tokens alone:
        # an unpaired sentence is only a hint, and word support cannot be judged
        out = _unpaired(ctx, set())
        for issue in out:
            issue.severity = "info"
        return out
    explained: set = set()
    out = _unpaired(ctx, explained)
    return out + _inside(ctx, explained) + _partial(ctx, explained)
