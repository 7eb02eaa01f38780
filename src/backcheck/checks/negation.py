"""Polarity flips: a negated statement rendered as positive, or the reverse.

Evidence, per aligned pair (bead):
1. Each side's negated clauses (lang.polarity: negators, concord, implicit negatives,
   idioms). A difference that weak negators on the other side cannot absorb is a
   candidate ("não pertence nem a X, nem a Y" = "did not belong to X or Y" is none);
   against an English negation, a Portuguese word that the dictionary renders only as
   English implicit negatives is a weak negator too ("insatisfeita": unsatisfied).
2. The machine translations: if the translation of either side has the other side's
   polarity, the wording differs but the meaning does not (no candidate).
3. An opposite on the positive side of the words the negative side negates: "não
   aprovou" = "rejected", "não subiu" = "fell", "não é raro" = "is common"
   (lang.thesaurus.opposite over lemmas, or WordNet antonyms): no candidate.
4. Literalness: a negator added to or dropped from an otherwise faithful sentence leaves
   everything around it supported word for word, while translators who turn a negative
   into a positive reword the clause ("não estava inspirado" = "short of inspiration").
   The score (see `score`) grows with the word-level support (lang.support) of the
   positive side and falls with every unsupported word there or in the negated clauses.
   Measured on the NTREX development pairs against negations injected into them, this
   separated better than the support of the whole pair or of the negated clause alone.

5. A stranded word: the English keeps a word that needs a negator in its clause ("That
   has happened yet" for "Tal ainda não aconteceu"; lang.polarity.stranded), so the
   negator was lost whatever the score says.

Decision: a candidate whose score reaches `Params.major`, or whose English strands such a
word, is reported; it is `critical` when the score also reaches `Params.critical` (set
above every faithful pair of the calibration corpus) and the flip is confirmed: the
back-translation confirms it (the translation of the negative side keeps the negation the
positive side lacks) and the positive side says the very word the negator negates ("não
trocam" / "exchanged": the negator alone went missing; a short headline reworded around
its negation, "não sai da memória" / "lingers in the memory", has the translation's
negator too). The severity policy makes a confirmed flip in the headline critical. Below
`major`, it is an `info` hint. One issue per bead.
"""
from __future__ import annotations

from dataclasses import dataclass

from backcheck.checks.calibration import threshold
from backcheck.lang import polarity as pol
from backcheck.lang import thesaurus
from backcheck.report.model import Issue

NAME = "negation"


@dataclass(frozen=True)
class Params:
    """Thresholds on the flip score (see the module docstring)."""
    # a flipped polarity reverses what the article says: its budget is three times the
    # base false-alarm rate (the evidence rarely separates a literal flip from a free
    # rewording, and a miss costs more than a look)
    major: float = threshold(0.3, score="flip", budget=3.0, floor=0.25,
                             doc="a polarity difference this literal is reported")
    # floor 0.8: fitted on one half of the NTREX development articles, the critical
    # threshold (0.7) sat below a faithful pair of the other half (0.717, "não está certo
    # que seja tão fácil ... que vivem fora" = "it cannot be right ... who don't live in");
    # on all of them it is 0.825. The floor keeps a smaller newsroom corpus from going
    # below that
    critical: float = threshold(0.8, score="flip", budget=0.0, floor=0.8, margin=1.15,
                                doc="above every faithful pair: critical when confirmed")


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in pol.CLAUSE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _in_negated_clauses(text: str, words, lang: str) -> list:
    """The content words of `text` (lang.support Words) in its clauses that hold a strong
    negator, the negators themselves left out."""
    forms = set(pol.negators(text, lang))
    spans = [(a, b) for a, b in _clause_spans(text) if forms and pol.negators(text[a:b], lang)]
    return [w for w in words if w.fold not in forms
            and any(a <= w.token.start < b for a, b in spans)]


def _head_kept(text: str, words, lang: str) -> bool:
    """Does the other side say the word a negator of `text` negates (its first content
    word after it), by evidence firmer than a WordNet synonym? "não trocam embaixadores"
    against "have exchanged ambassadors" keeps it; "que não sai da memória" against
    "that lingers in the memory" does not: the words under the negator were reworded."""
    forms = set(pol.negators(text, lang))
    for m in pol.WORD.finditer(text.replace("’", "'")):
        if m.group(0).lower() not in forms:
            continue
        head = next((w for w in words if w.token.start >= m.end()), None)
        if head is not None and head.by - {"syn"}:
            return True
    return False


def _opposed(sup, pt: str, en: str, pt_negative: bool) -> bool:
    """The positive side says the opposite of a word under the negative side's negator:
    "não aprovou" = "rejected", "did not rise" = "caiu". Only the negated words count: an
    opposite elsewhere in the sentence ("the last straw" for a "primeiro ministro" that the
    dictionary also renders "first") says nothing about the negation."""
    en_l, sug = set(sup.en_lemmas), set(sup.suggested_en)
    if pt_negative:
        negated = {x for w in sup.pt if pol.negated(pt, [w.text], "pt")
                   for x in sup.pt_translations.get(w.fold, ())}
        return any(_contrary(a, b) for a in en_l - sug for b in negated - en_l)
    negated = {x for w in sup.en if pol.negated(en, [w.text], "en") for x in w.lemmas}
    return any(_contrary(a, b) for a in negated - sug for b in sug - en_l)


def _contrary(a: str, b: str) -> bool:
    """Opposite poles (data/poles.en.tsv) or WordNet antonyms: "não é raro" = "is
    common". Only here, under a negator: as a reversal of meaning (the mistranslation
    check) WordNet's antonyms fire on faithful text ("all"/"no", "high"/"low")."""
    return (bool(thesaurus.opposite(a, b))
            or b in thesaurus.antonyms(a) or a in thesaurus.antonyms(b))


def _implicit_pt(sup, pt: str) -> int:
    """Portuguese words, not under a negator, that the dictionary renders only as English
    implicit negatives ("insatisfeita": unsatisfied; "incapaz": unable)."""
    n = 0
    for w in sup.pt:
        if (pol.implicit_negative_translated(sup.pt_translations.get(w.fold, ()))
                and not pol.negated(pt, [w.text], "pt")):
            n += 1
    return n


def score(pt: str, en: str, sup, sp: int, se: int) -> float:
    """How literal the pair is around the difference, in [0, 1]: the support ratio of
    the positive side, averaged with 1 / (1 + its unsupported words + the unsupported
    words of the negated clauses). A translator who renders a negative positively rewords
    ("short of inspiration"); a dropped or added negator leaves the rest in place."""
    neg_text, neg_words, lang = (pt, sup.pt, "pt") if sp > se else (en, sup.en, "en")
    pos_lang = "en" if lang == "pt" else "pt"
    unsupported = len(sup.unsupported(pos_lang)) + sum(
        not w.supported for w in _in_negated_clauses(neg_text, neg_words, lang))
    return 0.5 * (sup.ratio(pos_lang) or 0.0) + 0.5 / (1 + unsupported)


def check(ctx) -> list:
    p = ctx.params(NAME, Params)
    issues = []
    for bead in ctx.beads:
        if not bead.src or not bead.tgt:
            continue
        pt, en, pt2en, en2pt = ctx.texts(bead)
        (sp, wp), (se, we) = pol.polarity(pt, "pt"), pol.polarity(en, "en", pt)
        if not ((sp > se + we) or (se > sp + wp)):
            continue
        if se > sp + wp:
            # Portuguese implicit negatives, through the dictionary: "insatisfeita" is
            # "unsatisfied", which English knows as one
            wp += _implicit_pt(ctx.support(bead), pt)
            if not se > sp + wp:
                continue
        confirmed = False
        if pt2en or en2pt:
            # the translation of either side agreeing with the other side means no flip
            if en2pt and pol.polarity(en2pt, "pt")[0] == sp:
                continue
            if pt2en and pol.polarity(pt2en, "en")[0] == se:
                continue
            confirmed = True
        sup = ctx.support(bead)
        if _opposed(sup, pt, en, sp > se):
            continue
        s = round(score(pt, en, sup, sp, se), 3)
        ctx.observe(NAME, "flip", s)
        # the English keeps a word that needs the negator it lost ("That has happened
        # yet" for "Tal ainda não aconteceu"): no free rewording reads like that
        stranded = sp > se and pol.stranded(en, "en")
        # the other side says plainly the "all" a negator limited: "Nem todos os
        # participantes" / "All exhibitors" (no rewording of "not all" says "all")
        neg_side, pos_side = ((pt, "pt"), (en, "en")) if sp > se else ((en, "en"), (pt, "pt"))
        limited = pol.universals(*neg_side)[0] > 0 and pol.universals(*pos_side)[1] > 0
        # the back-translation's confirmation counts only where the English keeps the
        # word negated: a reworded clause has the translation's negator too
        confirmed = confirmed and (_head_kept(pt, sup.pt, "pt") if sp > se
                                   else _head_kept(en, sup.en, "en"))
        if s >= p.critical and confirmed:
            severity = "critical"
        elif s >= p.major or stranded or limited:
            severity = "major"
        else:
            severity = "info"
        pt_neg, en_neg = sorted(set(pol.negators(pt, "pt"))), sorted(set(pol.negators(en, "en")))
        if sp > se:
            msg = (f"polarity flipped: the Portuguese is negative (\"{', '.join(pt_neg)}\") "
                   "but the English is not")
        else:
            msg = (f"polarity flipped: the English is negative (\"{', '.join(en_neg)}\") "
                   "but the Portuguese is not")
        negated = [w.text for w in (_in_negated_clauses(pt, sup.pt, "pt") if sp > se
                                    else _in_negated_clauses(en, sup.en, "en"))]
        issues.append(Issue(
            NAME, severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
            f"{msg} ({sp} negated clause(s) in Portuguese, {se} in English)",
            {"pt_items": pt_neg, "en_items": en_neg, "negated": negated,
             "back_translation": pt2en,
             "en2pt": en2pt, "similarity": bead.score, "score": s,
             "confirmed": confirmed, "stranded": stranded, "limited": limited}))
    return issues

