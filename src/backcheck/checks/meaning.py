"""Mistranslation: the English says something else than the Portuguese.

Sentence similarity cannot tell a mistranslation from a free paraphrase (on faithful
pairs it ranges as widely as on wrong ones), so this check looks for word-level evidence:

- direction and polarity words: the Portuguese says one pole of a pair (rise/fall,
  approve/reject, win/lose, add/remove, early/late, accept/challenge, import/export,
  open/close, allow/forbid, convict/acquit, hire/fire, profit/loss, above/below,
  maximum/minimum, strengthen/weaken, more/less, before/after) and the English only the
  opposite pole. Compared on the texts themselves
  (translation engines garble these words), with the back-translation as a veto;
- moved sentences: an unaligned Portuguese sentence whose translation is an unaligned
  English sentence elsewhere in the same field (alignment would have to cross);
- with a forced-decoding scorer (Marian engines: ctx.scorer), English words the model
  finds very unlikely given the Portuguese and that the back-translation does not
  support, reported as hints;
- a very low similarity on a 1-1 or merged bead, only as an `info` hint.
"""
from __future__ import annotations

from dataclasses import dataclass

import math
import re

from backcheck.checks.coverage import (BeadText, adjacent, content, fold, matched_unpaired,
                                       supported)
from backcheck.report.model import Issue

NAME = "mistranslation"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


# Pairs of opposite poles; each pole lists regexes over folded (accentless, lower-case)
# text, Portuguese then English. Stems, because both languages inflect.
POLES = {
    "direction": (
        ("rise", r"\bsub(iu|iram|ir|indo|iu-se)\b|\baument\w*|\bcresc(eu|eram|er|e|em|endo|ido|ida)\b|\belev(ou|aram|ar|acao)\b|\bdispar\w*|\bavanc(ou|aram|o)\b|\bem alta\b|\balta (de|do|da|dos|das)\b",
         r"\b(rise[sn]?|rose|rising|increas\w*|climb\w*|grows|growing|grown|grew|jump\w*|surg\w*|soar\w*|rais(e|ed|es|ing)|hike[sd]?)\b"),
        ("fall", r"\bca(iu|iram|ir|indo|em)\b|\bqueda\w*|\brecu(ou|aram|ar|o)\b|\bdiminu\w*|\bencolh\w*|\bdespenc\w*|\brecuo\b|\breduz\w*|\bredu(cao|coes)\b|\bcort(ou|aram|ar|ando)\b|\bbaix(ou|aram)\b|\bem baixa\b|\bbaixa (de|do|da|dos|das)\b",
         r"\b(fall\w*|fell|drop\w*|declin\w*|decreas\w*|shrank|shrink\w*|plung\w*|slump\w*|slid|tumbl\w*|reduc\w*|cuts?|cutting|lowered)\b"),
    ),
    "approval": (
        ("approve", r"\baprov(ou|aram|ar|a|ado|ada|acao)\b|\bsancion\w*",
         r"\b(approv\w*|passed|endors\w*|sign(ed)? into law)\b"),
        ("reject", r"\brejeit\w*|\brecus\w*|\bvet(ou|aram|ar|o)\b|\barquiv(ou|aram|ar)\b",
         r"\b(reject\w*|refus\w*|veto\w*|turn(ed)? down|vote[sd]? down|den(y|ied|ies))\b"),
    ),
    "outcome": (
        ("win", r"\bvenc(eu|eram|er|e)\b|\bvitoria\w*|\bganh(ou|aram|ar)\b",
         r"\b(win|wins|won|winning|victor\w*|beat|beats)\b"),
        ("lose", r"\bperd(eu|eram|er|e)\b|\bderrot\w*",
         r"\b(lose|loses|lost|losing|defeat\w*)\b"),
    ),
    "change": (
        ("add", r"\binclu(iu|ir|sao|iram)\b|\bacrescent\w*|\badicion\w*|\binser(iu|ir|cao)\b",
         r"\b(add|adds|added|adding|addition|includ\w*|insert\w*)\b"),
        ("remove", r"\bretir\w*|\bremov\w*|\bexclu(iu|ir|sao|iram)\b|\belimin\w*|\bsuprim\w*",
         r"\b(remov\w*|drop(ped|ping|s)?|delet\w*|scrap\w*|strip(ped|s)?|withdr\w*|eliminat\w*)\b"),
    ),
    "timing": (
        ("early", r"\bantecedencia\b|\bantecip\w*|\badiant\w*|\bcedo\b",
         r"\b(early|earlier|ahead of schedule|bring forward|brought forward|advance[sd]?|sooner)\b"),
        ("late", r"\batras\w*|\badi(ar|ou|aram|ado|ada|amento)\b|\bposterg\w*|\bprorrog\w*",
         r"\b(late|later|delay\w*|behind schedule|postpon\w*|defer\w*|put off)\b"),
    ),
    "stance": (
        ("accept", r"\brespeit(a|am|ar|ou|ara)\b|\bacat(a|am|ar|ou)\b|\baceit(a|am|ar|ou)\b",
         r"\b(respect\w*|accept\w*|compl(y|ies|ied)|abide\w*)\b"),
        ("challenge", r"\bcontest\w*|\brecorr(er|era|eu|a)\b|\bquestion(a|ar|ou|ara)\b",
         r"\b(challeng\w*|contest\w*|appeal(s|ed|ing)?|disput\w*)\b"),
    ),
    "trade flow": (
        ("import", r"\bimport(a|am|ou|aram|ar|acao|acoes|ado|ados|adora|adoras)\b",
         r"\bimport(s|ed|ing|er|ers)?\b"),
        ("export", r"\bexport(a|am|ou|aram|ar|acao|acoes|ado|ados|adora|adoras)\b",
         r"\bexport(s|ed|ing|er|ers)?\b"),
    ),
    "opening": (
        ("open", r"\babr(iu|e|em|ir|iram|ira)\b|\babertura\b|\breabr\w*",
         r"\b(open|opens|opened|opening|reopen\w*)\b"),
        ("close", r"\bfech(ou|a|am|ar|aram|ado|ada|amento)\b|\bencerr\w*",
         r"\b(clos(e|ed|es|ing|ure)|shut\w*)\b"),
    ),
    "permission": (
        ("allow", r"\bpermit(e|em|iu|iram|ir|ido|ida)\b|\bautoriz\w*",
         r"\b(allow\w*|permit(s|ted|ting)?|authori[sz]\w*)\b"),
        ("forbid", r"\bproib\w*|\bimped(e|em|iu|iram|ir)\b",
         r"\b(ban|bans|banned|banning|forbid\w*|forbade|prohibit\w*|barred|prevent\w*)\b"),
    ),
    "verdict": (
        ("convict", r"\bconden(ou|aram|ado|ada|ados|adas|acao)\b",
         r"\b(convict\w*|found guilty|sentenced)\b"),
        ("acquit", r"\babsolv\w*|\binocentad\w*",
         r"\b(acquit\w*|found not guilty|cleared)\b"),
    ),
    "jobs": (
        ("hire", r"\bcontrat(ou|aram|ar|ando|acao|acoes)\b",
         r"\b(hir(e|es|ed|ing)|recruit\w*)\b"),
        ("fire", r"\bdemit\w*|\bdemiss\w*",
         r"\b(fired|firing|lay(s|ing)? off|laid off|layoffs?|dismiss\w*)\b"),
    ),
    "balance": (
        ("gain", r"\blucr\w*|\bsuperavit\w*", r"\b(profit\w*|surplus\w*)\b"),
        ("shortfall", r"\bprejuizo\w*|\bdeficit\w*", r"\b(loss|losses|deficit\w*)\b"),
    ),
    "level": (
        ("above", r"\bacima\b", r"\b(above|exceed\w*)\b"),
        ("below", r"\babaixo\b", r"\b(below|short of)\b"),
    ),
    "extreme": (
        ("maximum", r"\bmaxim[oa]s?\b", r"\bmaximum\b"),
        ("minimum", r"\bminim[oa]s?\b", r"\bminimum\b"),
    ),
    "strength": (
        ("strong", r"\bfortalec\w*", r"\b(strengthen\w*|bolster\w*)\b"),
        ("weak", r"\benfraquec\w*", r"\b(weaken\w*|undermin\w*)\b"),
    ),
    "comparison": (
        ("more", r"\bmais\b|\bmaior(es)?\b|\bsuperior\w*",
         r"\b(more than|greater|larger|bigger|higher)\b"),
        ("less", r"\bmenos\b|\bmenor(es)?\b|\binferior\w*",
         r"\b(less than|fewer|smaller|lower)\b"),
    ),
    "rank": (
        ("top", r"\bmais alt[oa]s?\b|\bmaior(es)?\b|\brecorde\b",
         r"\b(highest|biggest|largest|record high)\b"),
        ("bottom", r"\bmais baix[oa]s?\b|\bmenor(es)?\b",
         r"\b(lowest|smallest|record low)\b"),
    ),
    "sufficiency": (
        ("enough", r"(?<!nao )(?<!nao e )(?<!nao sao )(?<!nao foi )\b(suficientes?|bast(a|am|ou|aram|ante|antes))\b",
         r"(?<!not )(?<!n't )\b(enough|sufficient|adequate)\b"),
        ("short", r"\binsuficientes?\b|\bescass\w*|\bnao (e |sao |foi )?(suficientes?|bast\w*)",
         r"\b(insufficient|inadequate|too (little|few)|scarce)\b|\b(not|n't) (nearly )?(enough|sufficient|adequate)\b"),
    ),
    "reaction": (
        ("praise", r"\bcomemor\w*|\belogi(ou|aram|ar|a|am)\b|\bcelebr(ou|aram|ar|a|am)\b|\bsaud(ou|aram)\b|\baplaud\w*",
         r"\b(welcom\w*|prais\w*|celebrat\w*|hail(s|ed|ing)?|applaud\w*)\b"),
        ("criticise", r"\bcritic(ou|aram|ar|a|am|ando)\b|\blament(ou|aram)\b|\bprotest(ou|aram|ar)\b|\brepudi\w*",
         r"\b(critici[sz]\w*|condemn\w*|denounc\w*|decr(y|ied|ies)|lament\w*|protest(s|ed|ing)?|slamm?\w*)\b"),
    ),
    "vote": (
        ("for", r"\ba favor\b", r"\bin favou?r\b|\bvot(ed|es|ing) for\b"),
        ("against", r"\bcontra\b", r"\bagainst\b"),
    ),
    "size": (
        ("small", r"\bmodest[oa]s?\b|\bpequen[oa]s?\b|\birrisori[oa]s?\b",
         r"\b(modest|small|meag(re|er)|paltry|tiny)\b"),
        ("large", r"\bgeneros[oa]s?\b|\bvultos[oa]s?\b|\benormes?\b",
         r"\b(generous|large|huge|hefty|sizeable|sizable|substantial|enormous)\b"),
    ),
    "threshold": (
        ("over", r"\b(mais de|acima de|superior a) \d", r"\b(over|above|more than) \d"),
        ("under", r"\b(menos de|abaixo de|inferior a) \d", r"\b(under|below|less than|fewer than) \d"),
    ),
    "age": (
        ("young", r"\badolescentes?\b|\bjove(m|ns)\b|\bcrianc[ao]s?\b|\bmenores de idade\b",
         r"\b(teen\w*|adolescent\w*|young|youths?|child|children|kids?|minors)\b"),
        ("old", r"\bidos[oa]s?\b|\bterceira idade\b|\bvelhice\b",
         r"\b(elderly|older (people|adults|patients)|old people|old age|pensioners|seniors?)\b"),
    ),
    "rush": (
        ("peak", r"\b(horarios?|horas?) de pico\b|\b(horarios?|horas?) de (maior|mais) movimento\b|\bhora de ponta\b|\bhoras de ponta\b",
         r"(?<!off-)(?<!off )\bpeak (times?|hours?|periods?)\b|\brush hours?\b|\bbusiest (times|hours)\b"),
        ("off-peak", r"\b(horarios?|horas?) de menor movimento\b|\bfora d[oa] (pico|ponta)\b|\bhorarios? de vale\b",
         r"\boff[- ]peak\b|\bquiet(er|est)? (times|hours|periods)\b"),
    ),
    "order": (
        ("before", r"\bantes\b", r"\b(before|prior to)\b"),
        ("after", r"\bdepois\b|\bapos\b", r"\b(after|afterwards)\b"),
    ),
}
# Fixed phrases that contain a pole word without meaning it.
NEUTRAL = {
    "pt": r"\bpelo menos\b|\ba menos que\b|\bmais ou menos\b|\bcada vez mais\b|\bnem mais\b|\bo mais\b|\bainda mais\b|\bsem mais\b|\bmais uma vez\b|\bmais tarde\b|\b(nunca|nao) mais\b",
    "en": r"\bat least\b|\bmore or less\b|\bno more than\b|\bmore than ever\b|\bmost\b|\bunless\b|\blower (house|chamber|courts?)\b",
}
_COMPILED = {name: tuple((pole, re.compile(p), re.compile(e)) for pole, p, e in poles)
             for name, poles in POLES.items()}
_NEUTRAL = {k: re.compile(v) for k, v in NEUTRAL.items()}


def poles(text: str, lang: str) -> dict[str, dict[str, list[str]]]:
    """{pair name: {pole: [matched words]}} found in `text`."""
    t = _NEUTRAL[lang].sub(" ", fold(text))
    out: dict = {}
    for name, pair in _COMPILED.items():
        for pole, rp, re_ in pair:
            found = [m.group(0) for m in (rp if lang == "pt" else re_).finditer(t)]
            if found:
                out.setdefault(name, {})[pole] = found
    return out


def polarity_flips(pt: str, en: str, en2pt: str = "") -> list[tuple[str, str, str, list, list]]:
    """(pair, pt pole, en pole, pt words, en words) where the Portuguese has only one
    pole of a pair and the English only the other; vetoed when the back-translation of
    the English still has the Portuguese pole (the English word meant the same)."""
    p, e = poles(pt, "pt"), poles(en, "en")
    back = poles(en2pt, "pt") if en2pt else {}
    out = []
    for name in p.keys() & e.keys():
        if len(p[name]) != 1 or len(e[name]) != 1:
            continue
        (pp, pw), = p[name].items()
        (ep, ew), = e[name].items()
        if _negated(pt, pw, "pt") or _negated(en, ew, "en"):
            continue            # "não aceitou" = "threw out", "não há vagas suficientes" = "too few"
        if pp != ep and pp not in back.get(name, {}):
            out.append((name, pp, ep, pw, ew))
    return out


NEGATOR = {"pt": r"\b(?:nao|nunca|nem|sem|jamais)\b", "en": r"\b(?:not|never|no|without)\b|n't\b"}


def _negated(text: str, words: list[str], lang: str) -> bool:
    """A pole word under a negator (within three words after it): it says the other
    pole, or neither, and the negation check weighs the polarity."""
    t = fold(text)
    return any(re.search(NEGATOR[lang] + r"\W+(?:[\w'-]+\W+){0,3}?" + re.escape(w), t) for w in words)


def _flip_issues(ctx) -> list[Issue]:
    # without translations there is no veto and the alignment rests on length alone
    severity = "major" if ctx.en2pt else "info"
    out = []
    for bead in ctx.beads:
        if not bead.src or not bead.tgt:
            continue
        t = BeadText(ctx, bead)
        for name, pp, ep, pw, ew in polarity_flips(t.pt, t.en, t.en2pt):
            out.append(Issue("mistranslation", severity, ctx.loc("pt", bead.src),
                             ctx.loc("en", bead.tgt),
                             f"meaning reversed: Portuguese says “{pw[0]}” ({pp}), English "
                             f"says “{ew[0]}” ({ep})",
                             {"pt_items": pw, "en_items": ew, "similarity": bead.score}))
    return out


def _moved_issues(ctx) -> list[Issue]:
    if not ctx.pt2en or not ctx.en2pt:
        return []
    out = []
    for n, m in matched_unpaired(ctx):
        if adjacent(ctx, n, m):
            continue          # reported by checks.coverage
        out.append(Issue("mistranslation", "minor", ctx.loc("pt", ctx.beads[n].src),
                         ctx.loc("en", ctx.beads[m].tgt),
                         "sentence moved: its translation is elsewhere in the English",
                         {"moved": True}))
    return out


# Forced decoding: an English token the model gives less than this probability...
UNLIKELY = math.log(0.01)


def _scorer_issues(ctx) -> list[Issue]:
    beads = [b for b in ctx.beads if b.src and b.tgt]
    if ctx.scorer is None or not beads:
        return []
    texts = [BeadText(ctx, b) for b in beads]
    scores = ctx.scorer.score([t.pt for t in texts], [t.en for t in texts])
    out = []
    for bead, t, toks in zip(beads, texts, scores):
        spans = unlikely_words(toks)
        # ...counts only when the back-translation does not support the word either
        spans = [(w, lp) for w, lp in spans
                 if (cw := content(w, "en")) and not any(supported(x, t.v_pt2en | t.v_pt)
                                                         for x in cw)]
        if spans:
            out.append(Issue("mistranslation", "info", ctx.loc("pt", bead.src),
                             ctx.loc("en", bead.tgt),
                             "the translation model finds these English words unlikely: "
                             + ", ".join(f"“{w}”" for w, _ in spans),
                             {"unlikely": [[w, round(lp, 2)] for w, lp in spans],
                              "similarity": bead.score}))
    return out


def unlikely_words(tokens: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Join sentencepiece pieces ("▁" starts a word) into words with their lowest
    token log-probability; keep the words below UNLIKELY."""
    words: list[list] = []
    for piece, lp in tokens:
        if piece in ("</s>", "<pad>", "<unk>"):
            continue
        if piece.startswith("▁") or not words:
            words.append([piece.lstrip("▁"), lp])
        else:
            words[-1][0] += piece
            words[-1][1] = min(words[-1][1], lp)
    return [(w, lp) for w, lp in words if w and lp < UNLIKELY]


# Below this similarity a 1-1 or merged bead is worth a look (never counted: paraphrase
# scores as low as mistranslation; faithful dev pairs stay above 0.48 with Apertium).
LOW_SIMILARITY = 0.3


def _low_similarity(ctx) -> list[Issue]:
    return [Issue("mistranslation", "info", ctx.loc("pt", b.src), ctx.loc("en", b.tgt),
                  f"low similarity between the sentence and its back-translation ({b.score:.2f})",
                  {"similarity": b.score})
            for b in ctx.beads
            if b.src and b.tgt and b.score is not None and b.score < LOW_SIMILARITY]


def check(ctx) -> list[Issue]:
    return (_flip_issues(ctx) + _moved_issues(ctx)
            + _scorer_issues(ctx) + _low_similarity(ctx))
