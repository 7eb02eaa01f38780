"""Omission and addition: content on one side that the other side does not carry.

Signals, strongest first:
- a 1-0 bead (Portuguese sentence with no English) is an omission, a 0-1 bead an addition
  (not in partial-source mode, where the English has no full Portuguese source);
  unless the sentence's content turns up in the neighbouring beads (the aligner put it
  next door), which makes it an `info` hint;
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

from dataclasses import dataclass

import math
import re
import unicodedata
from functools import lru_cache

from backcheck.report.model import Issue

NAME = "coverage"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# Function words carry no evidence of content. A short hand list: stop-word packages
# need data downloads, and these lists must match how news text is tokenised here.
_EN_STOP = """a an the of in on at to for from by with and or but that this these those is are
was were be been being has have had do does did it its as not no than then also will would
shall should can could may might must which who whom whose their his her they he she we our
us you your i me my him them there here what when where why how all any some such only just
more most very so if into about over under after before up down out off again once other
another each both few many much own same too now said says say while since until because
though although between during through against among upon within without via ago yet still
even s t""".split()
_PT_STOP = """a o as os um uma uns umas de do da dos das em no na nos nas num numa ao aos à às
por pelo pela pelos pelas para pra com sem sob sobre entre e ou mas que se não nem como mais
menos já também foi é são ser será seu sua seus suas ele ela eles elas isso este esta estes
estas esse essa esses essas aquele aquela aquilo isto lhe lhes me te vos eu tu você vocês nós
quem qual quais cujo cuja onde quando porque pois porém contudo todavia assim então ainda após
até desde durante está estão estava estavam era eram foram sido ter tem têm tinha tinham há
houve vai vão ia seria seriam fosse pode podem poderia deve devem muito muitos muita muitas
pouco outro outra outros outras todo toda todos todas cada mesmo mesma disse afirmou
segundo""".split()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Casefold and strip accents: 'Ação' -> 'acao'."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(c))


STOP = {"en": {fold(w) for w in _EN_STOP}, "pt": {fold(w) for w in _PT_STOP}}


def words(text: str | None) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text or "")]


def content(text: str | None, lang: str) -> list[str]:
    """Folded content words of `text` (function words and 1-2 letter tokens dropped)."""
    return list(_content(text or "", lang))


# A figure is one word whatever its spelling: "1,6 milhões" and "1.6m" are one token each
# (the same one), not "1 6 milhoes" against "1 6m" (the number check compares values).
FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)+|\d+(?=\s?[a-zà-ú]))"
                    r"(?:\s?(mil milhões|milhões|milhão|milhoes|milhao|bilhões|bilhão|mil|"
                    r"million|billion|thousand|bn|mn|m|k)\b)?")
MULT = {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "milhao": 1e6, "milhoes": 1e6,
        "bilhão": 1e9, "bilhões": 1e9, "mil milhões": 1e9, "thousand": 1e3, "k": 1e3,
        "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}


def _figure(m: re.Match, lang: str) -> str:
    from backcheck.checks.number import parse_number   # one reading of figures for both checks
    if not m.group(2) and not re.search(r"[.,]", m.group(1)):
        return m.group(0)
    v = parse_number(m.group(1), lang)
    if v is None:
        return m.group(0)
    v *= MULT.get(m.group(2) or "", 1)
    return " " + (str(int(v)) if v == int(v) else f"{v:g}".replace(".", "d")) + " "


@lru_cache(maxsize=8192)
def _content(text: str, lang: str) -> tuple[str, ...]:
    out = []
    text = FIGURE.sub(lambda m: _figure(m, lang), text)
    for w in words(text):
        f = fold(w)
        if f in STOP[lang] or (len(f) < 3 and not f.isdigit()):
            continue
        out.append(f)
    return tuple(out)


def same_word(a: str, b: str) -> bool:
    """Equal, or one inflection of the other: a shared prefix of 4+ letters that leaves at
    most 2 letters of either word (rise/rises, motorista/motoristas, react/reacted; not
    valor/valoriza)."""
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 4 or max(len(a), len(b)) - n > 2:
        return False
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k >= 4 and k >= n - 2


def supported(word: str, vocab) -> bool:
    return word in vocab or any(same_word(word, v) for v in vocab)


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


def sentence_support(ctx, side: str, k: int, other_idx) -> float | None:
    """How much of sentence k of `side` the other side's sentences `other_idx` support:
    the better of the two directions (the sentence's words against the other side's
    translation, and the sentence's own translation against the other side)."""
    if side == "en":
        text, own_tr = ctx.seg.en[k].text, (ctx.en2pt[k] if ctx.en2pt else "")
        other = " ".join(ctx.seg.pt[i].text for i in other_idx)
        other_tr = " ".join(ctx.pt2en[i] for i in other_idx) if ctx.pt2en else ""
        lang, olang = "en", "pt"
    else:
        text, own_tr = ctx.seg.pt[k].text, (ctx.pt2en[k] if ctx.pt2en else "")
        other = " ".join(ctx.seg.en[j].text for j in other_idx)
        other_tr = " ".join(ctx.en2pt[j] for j in other_idx) if ctx.en2pt else ""
        lang, olang = "pt", "en"
    v_other = set(content(other, olang))
    a = support_ratio(text, lang, v_other, set(content(other_tr, lang)))
    b = support_ratio(own_tr, olang, v_other) if own_tr else None
    vals = [x for x in (a, b) if x is not None]
    return max(vals) if vals else None


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


# An unaligned English sentence this well supported by an unaligned Portuguese one
# translates (part of) it: the aligner could not pair them. Next to each other, less
# evidence is needed than for a sentence moved elsewhere.
PAIR_SUPPORT = 0.5
ADJACENT_PAIR_SUPPORT = 0.25
# A moved sentence is looked for this many beads away at most (keeps the search linear).
MOVE_WINDOW = 12


def matched_unpaired(ctx) -> list[tuple[int, int]]:
    """Pairs (n_pt, n_en) of a 1-0 bead and a 0-1 bead in the same field whose sentences
    carry the same content: a moved sentence (far apart) or a sentence so changed
    that the aligner left both sides unpaired (adjacent). Computed once per context."""
    if "matched_unpaired" in ctx.extra:
        return ctx.extra["matched_unpaired"]
    ones = [(n, b) for n, b in enumerate(ctx.beads) if bool(b.src) != bool(b.tgt)]
    pt = [(n, b) for n, b in ones if b.src]
    en = [(n, b) for n, b in ones if b.tgt]
    pairs, used = [], set()
    for n, b in pt:
        best = None
        for m, c in en:
            if (m in used or abs(m - n) > MOVE_WINDOW
                    or ctx.seg.pt[b.src[0]].field != ctx.seg.en[c.tgt[0]].field):
                continue
            sup = max((s for j in c.tgt if (s := sentence_support(ctx, "en", j, b.src))
                       is not None), default=0.0)
            need = ADJACENT_PAIR_SUPPORT if adjacent(ctx, n, m) else PAIR_SUPPORT
            if sup >= need and (best is None or sup > best[0]):
                best = (sup, m)
        if best:
            used.add(best[1])
            pairs.append((n, best[1]))
    ctx.extra["matched_unpaired"] = pairs
    return pairs


def adjacent(ctx, n: int, m: int) -> bool:
    """No bead with both sides lies between beads n and m."""
    lo, hi = sorted((n, m))
    return all(not (b.src and b.tgt) for b in ctx.beads[lo + 1:hi])


def _pair_issue(ctx, n: int, m: int) -> Issue:
    """One issue for an adjacent 1-0 + 0-1 pair that carry the same content."""
    src, tgt = ctx.beads[n].src, ctx.beads[m].tgt
    pt = " ".join(ctx.seg.pt[i].text for i in src)
    en = " ".join(ctx.seg.en[j].text for j in tgt)
    n_pt, n_en = len(content(pt, "pt")), len(content(en, "en"))
    v_pt2en = set(content(" ".join(ctx.pt2en[i] for i in src), "en")) if ctx.pt2en else set()
    v_en2pt = set(content(" ".join(ctx.en2pt[j] for j in tgt), "pt")) if ctx.en2pt else set()
    if n_pt >= LENGTH_RATIO * n_en and n_pt - n_en >= MIN_GAP // 2:
        missing = _tail(support_flags(pt, "pt", set(content(en, "en")), v_en2pt))
        return _issue(ctx, "omission", "major", src, tgt,
                      f"the English translates only part of the Portuguese ({n_en} of "
                      f"{n_pt} content words)", missing=missing)
    if n_en >= LENGTH_RATIO * n_pt and n_en - n_pt >= MIN_GAP // 2:
        extra = _tail(support_flags(en, "en", set(content(pt, "pt")), v_pt2en))
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
    for n, m in matched_unpaired(ctx):
        paired |= {n, m}
        if adjacent(ctx, n, m):
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
        elif n_words < 2:
            out.append(_issue(ctx, kind, "info", pt_idx, en_idx,
                              f"short {'Portuguese' if side == 'pt' else 'English'} fragment "
                              "has no counterpart", neighbour_support=round(sup, 2)))
        else:
            msg = ("Portuguese sentence has no English translation" if side == "pt"
                   else "English sentence has no Portuguese source")
            out.append(_issue(ctx, kind, "major", pt_idx, en_idx, msg,
                              neighbour_support=round(sup, 2)))
    return out


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
            here = max((sentence_support(ctx, side, k, [j]) or 0.0) for k in idx)
            own = sentence_support(ctx, other, j, theirs)
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
                sup = sentence_support(ctx, side, k, other)
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
                                      support=round(sup, 2), extra=content(segs[k].text, side)))
                elif (n, "omission") not in explained:
                    hits.add((n, "omission"))
                    out.append(_issue(ctx, "omission", "major", (k,), bead.tgt,
                                      "Portuguese sentence not carried into the English",
                                      support=round(sup, 2), missing=content(segs[k].text, side)))
    explained |= hits        # a bead-level report would repeat these
    return out


def _tail(flags: list[tuple[str, bool]]) -> list[str]:
    """The longest run of unsupported words, allowing one supported word inside it
    (a name or number the two sides happen to share)."""
    best: list[str] = []
    run: list[str] = []
    spare = 1
    for w, ok in flags:
        if not ok:
            run.append(w)
        elif spare and run:
            spare -= 1
            run.append(w)
        else:
            run, spare = [], 1
        if len(run) > len(best):
            best = list(run)
    return best


def _partial(ctx, explained: set) -> list[Issue]:
    """Beads where one side carries far fewer content words than the other."""
    out = []
    for n, bead in enumerate(ctx.beads):
        if not bead.src or not bead.tgt:
            continue
        t = BeadText(ctx, bead)
        n_pt, n_en = len(content(t.pt, "pt")), len(content(t.en, "en"))
        if (n_pt >= LENGTH_RATIO * n_en and n_pt - n_en >= MIN_GAP
                and (n, "omission") not in explained):
            missing = _tail(support_flags(t.pt, "pt", t.v_en, t.v_en2pt))
            if len(missing) >= MIN_GAP // 2:
                out.append(_issue(ctx, "omission", "major", bead.src, bead.tgt,
                                  "the English translates only part of the Portuguese "
                                  f"({n_en} of {n_pt} content words); missing: "
                                  f"“{' '.join(missing[:12])}”", missing=missing))
        elif (not ctx.partial_source and n_en >= LENGTH_RATIO * n_pt
              and n_en - n_pt >= MIN_GAP and (n, "addition") not in explained):
            extra = _tail(support_flags(t.en, "en", t.v_pt, t.v_pt2en))
            if len(extra) >= MIN_GAP // 2:
                out.append(_issue(ctx, "addition", "major", bead.src, bead.tgt,
                                  "the English says more than the Portuguese "
                                  f"({n_en} vs {n_pt} content words); extra: "
                                  f"“{' '.join(extra[:12])}”", extra=extra))
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
