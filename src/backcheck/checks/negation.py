"""Polarity flips: a negated statement rendered as positive, or the reverse.

Signal 1, negation: each side of a bead counts its negated clauses (clauses split at
sentence ends, commas, semicolons, colons and brackets, so that Portuguese negative
concord, "não ... ninguém", counts once). When the counts differ, the back-translation is asked: if the translation of
the English has the polarity of the Portuguese (or the translation of the Portuguese
has the polarity of the English), the wording differs but the meaning does not.
Weak negators ("sem"/"without", implicit negatives such as "failed"/"declined",
"não" before a participle used as an adjective, as in "pênalti não marcado", and
litotes such as "não poupou críticas" = "was scathing") may absorb a difference but
never create one. "no-confidence", "não-governamental" are compounds, not negations.

Signal 2, direction words (rise/fall, approve/reject, win/lose, ahead/behind,
bring forward/postpone, add/remove): when one side uses only one pole of a pair and
the other side only the opposite pole, with the translation agreeing, the meaning is
reversed. When both signals fire in one bead they cancel ("não aprovou" = "rejected").

Severity policy: a polarity flip is `critical` when the back-translation confirms it
(it reverses what the article says) and `major` without a translation to confirm it;
a direction-word swap is reported as `mistranslation`, `major`. One issue per bead.
"""
from __future__ import annotations

from dataclasses import dataclass

import re

from backcheck.report.model import Issue

NAME = "negation"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


NEG_PT = {"não", "nunca", "nem", "jamais", "nenhum", "nenhuma", "ninguém", "nada",
          "tampouco", "nenhuns", "nenhumas"}
NEG_EN = {"not", "never", "neither", "nor", "none", "nobody", "nothing", "no", "cannot"}
# Implicit negatives: they may absorb a difference in counts but never create one.
WEAK_PT = {"sem", "falhou", "falharam", "recusou", "recusaram", "negou", "negaram",
           "impossível", "incapaz", "ausência", "deixou", "deixaram", "deixa", "evitou",
           "evitaram", "sequer", "desconhece", "desconhecem", "desconhecido",
           "incerto", "incerta", "insuficiente", "falta", "faltou", "faltam", "ausente",
           "descartou", "descarta", "impediu", "impede", "invicto", "invicta", "invictos",
           "invictas", "ileso", "ilesa", "ilesos", "ilesas", "inédito", "inédita", "pouco", "pouca",
           "poucos", "poucas", "mal"}
WEAK_EN = {"without", "rather", "instead", "fail", "fails", "failed", "failing", "unable",
           "lack", "lacks", "lacked", "lacking", "refuse", "refused", "refuses", "decline",
           "declined", "deny", "denied", "denies", "impossible", "absence", "absent",
           "hardly", "barely", "unlikely", "stopped", "ceased", "yet", "avoid", "avoided",
           "missed", "unclear", "unknown", "uncertain",
           "unsure", "unaware", "insufficient", "inadequate", "ruled", "prevent", "prevented",
           "little", "few", "scarcely", "seldom", "rarely",
           # verbs that carry a negation ("não jogará" = "will miss", "não aceitou o recurso"
           # = "threw out the appeal", "não passou" = "was defeated")
           "miss", "misses", "dismiss", "dismissed", "dismisses", "threw", "thrown", "defeated",
           "blocked", "overturned", "withheld", "shelved", "stayed", "kept", "ignored",
           "ignore", "ignores", "ignoring"}
# English negative adjectives and participles ("unbeaten" = "não perdia", "unpaid" = "não
# pago"): implicit negatives, so weak. "under-", "uni-" and the like are not negations.
UN_WORD = re.compile(r"^un(?!der|til|ion|it|iv|iq|ique|animous|less|cle|veil|leash|lock|fold|pack|load|dergo)"
                     r"[a-z]{3,}(?:ed|en|able|ible|ful|ing|ly|ent|ant|ive|al|ic|wn)$")
QUANTIFIERS = {"little", "few", "pouco", "pouca", "poucos", "poucas"}
# A downtoned negator ("quase não" = "hardly", "almost nothing" = "little") is weak.
DOWNTONER = {"quase", "almost", "nearly"}
# idioms that contain a negator but do not negate
IDIOM_PT = re.compile(r"\bnão-(?=\w)|\bnão (?:\w+ ){0,2}(só|somente|apenas)\b|\bnem só\b|\bnão é à toa\b|"
                      r"\bnão por acaso\b|\b(nada|não) (menos|mais) (que|de|do que)\b", re.I)
IDIOM_EN = re.compile(r"\bno-(?=\w)|(?:\bnot|n't) (?:\w+ ){0,2}(only|just|merely)\b|\bnot least\b|\bno\.\s*\d|"
                      r"\bnothing but\b|\bno doubt\b|\bno sooner\b|\bno (wonder|coincidence|surprise)\b|"
                      r"\bnot (surprisingly|by chance)\b|\bno (more|less|fewer) than\b|"
                      # "não antes de 2027" and "só em 2027" are both "not until 2027"
                      r"(?:\bnot|n't)\b(?=(?:\s+[\w'’-]+){0,6}\s+until\b)", re.I)
# Litotes: a negated verb that asserts the opposite pole ("não poupou críticas" = "was
# scathing", "não tomou conhecimento do adversário" = "brushed them aside", "made no
# secret"): translators render them either way, so they count as weak negators.
LITOTES_PT = re.compile(r"\b(?:não|nunca) (?:se |lhe |o |a )?(?:poup\w*|tom\w* conhecimento|deix\w* de|"
                        r"hesit\w*|escond\w*|med\w* esforços|perd\w* tempo|tard\w*|demor\w*|"
                        r"economiz\w*|esconde\w*)|\b(?:nunca|jamais) antes\b", re.I)
LITOTES_EN = re.compile(r"\b(?:not|never) (?:un\w+|without|fail\w* to)\b|"
                        r"\b(?:spared|made|wasted|lost|left) no \w+|\bno (?:small|mean|little)\b|"
                        r"\bnever before\b",
                        re.I)
CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s|[.!?](?=\s)")
WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?|n't", re.U)
# "não" + participle used as an adjective ("pênalti não marcado" = "unawarded penalty")
PARTICIPLE = re.compile(r"^(?:[^\W\d_]+(?:ad|id)[oa]s?)$")
AUX_PT = {"foi", "foram", "é", "são", "era", "eram", "será", "serão", "tem", "têm", "tinha",
          "tinham", "havia", "haviam", "está", "estão", "estava", "estavam", "ser", "sido",
          "ter", "seja", "sejam", "fosse", "fossem", "que", "se", "ficou", "ficaram", "tenha"}

# direction pairs: (name, pt pole A, pt pole B, en pole A, en pole B); stems match word
# starts (stems of three letters or fewer match whole words). Words with several senses
# ("up", "down", "later", "including", "passed") are left out on purpose: a swap is only
# reported when each side uses one pole unambiguously.
PAIRS = [
    ("rise/fall",
     ("subi", "sobe", "sobem", "alta", "aument", "cresc", "cresceu", "avanç", "elev", "dispar"),
     ("cai", "caí", "caiu", "caem", "queda", "baix", "recu", "diminu", "redu", "despenc", "encolh"),
     ("rose", "rise", "rising", "risen", "increas", "grew", "grow", "climb", "gain", "jump",
      "soar", "higher"),
     ("fell", "fall", "falling", "fallen", "drop", "declin", "decreas", "shrank", "shrink",
      "slump", "plung", "lower")),
    ("approve/reject",
     ("aprov",), ("rejeit", "reprov", "vetou", "vetar", "vetad"),
     ("approv", "endors"), ("reject", "veto", "vote down", "voted down")),
    ("win/lose",
     ("venceu", "vencer", "venceram", "ganhou", "ganharam"), ("perdeu", "perderam", "perder"),
     ("won", "win", "wins", "beat", "beats"), ("lost", "lose", "loses", "losing")),
    ("ahead/behind",
     ("antecip", "anteced", "adiant"), ("adia", "adiou", "adiad", "atras", "posterg"),
     ("ahead", "forward", "advance"),
     ("behind", "postpon", "delay", "put off")),
    ("surplus/deficit",
     ("excedente", "superávit", "superavit"), ("défice", "déficit", "deficit", "rombo"),
     ("surplus",), ("deficit", "shortfall")),
    ("profit/loss",
     ("lucro", "lucrou", "lucraram"), ("prejuízo", "prejuizo"),
     ("profit",), ("loss", "losses")),
    ("add/remove",
     ("acrescent", "adicion"), ("retir", "remov", "exclu", "elimin", "suprim"),
     ("add", "added", "adding", "adds", "insert"),
     ("remov", "delet", "exclud", "strik", "struck", "elimin", "scrap")),
]


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c.strip()]


def polarity(text: str, lang: str, source: str | None = None) -> tuple[int, int]:
    """(negated clauses, clauses with only a weak negator). `source` is the other
    side's text: an English "no" followed by words copied from it ("no primeiro
    semestre") is untranslated Portuguese, not a negator."""
    src = " ".join(WORD.findall(source.lower())) if source else ""
    strong = weak = 0
    idiom = IDIOM_PT if lang == "pt" else IDIOM_EN
    neg = NEG_PT if lang == "pt" else NEG_EN
    weakset = WEAK_PT if lang == "pt" else WEAK_EN
    litotes = LITOTES_PT if lang == "pt" else LITOTES_EN
    text = litotes.sub(" litotes ", idiom.sub(" ", text))
    for clause in _clauses(text):
        words = [w.lower() for w in WORD.findall(clause.replace("’", "'"))]
        hard = soft = False
        for i, w in enumerate(words):
            if lang == "en" and (w == "n't" or w.endswith("n't")):
                hard = True
            elif w in neg and i > 0 and words[i - 1] in DOWNTONER:
                soft = True
            elif w in neg:
                if (lang == "en" and w == "no" and src and i + 1 < len(words)
                        and f" no {words[i + 1]} " in f" {src} "):
                    continue
                elif (lang == "pt" and w == "não" and i + 1 < len(words)
                      and PARTICIPLE.match(words[i + 1]) and (i == 0 or words[i - 1] not in AUX_PT)):
                    soft = True
                else:
                    hard = True
            elif w in QUANTIFIERS and i > 0 and words[i - 1] in ("a", "um", "uma", "quite"):
                continue        # "a few", "um pouco": positive
            elif w in weakset or w == "litotes" or (lang == "en" and UN_WORD.match(w)):
                soft = True
        strong += hard
        weak += soft and not hard
    return strong, weak


def _poles(text: str, lang: str) -> dict[str, set[str]]:
    """For each direction pair, which poles ('A'/'B') the text uses."""
    low = " " + text.lower() + " "
    words = WORD.findall(low)
    out: dict[str, set[str]] = {}
    for name, pa, pb, ea, eb in PAIRS:
        a, b = (pa, pb) if lang == "pt" else (ea, eb)
        got = set()
        for pole, stems in (("A", a), ("B", b)):
            for s in stems:
                if " " in s:
                    if f" {s}" in low:
                        got.add(pole)
                elif any(w.startswith(s) and (len(s) > 3 or w == s) for w in words):
                    got.add(pole)
        if got:
            out[name] = got
    return out


def _join(texts, idxs):
    return " ".join(texts[i] or "" for i in idxs) if texts is not None else None


def _flipped(pt: dict, en: dict) -> list[tuple[str, str, str]]:
    """Pairs where pt uses only one pole and en only the other."""
    out = []
    for name in pt.keys() & en.keys():
        if len(pt[name]) == 1 and len(en[name]) == 1 and pt[name] != en[name]:
            out.append((name, next(iter(pt[name])), next(iter(en[name]))))
    return out


def _pole_words(text: str, lang: str, name: str, pole: str) -> list[str]:
    for n, pa, pb, ea, eb in PAIRS:
        if n == name:
            stems = {"pt": {"A": pa, "B": pb}, "en": {"A": ea, "B": eb}}[lang][pole]
            return [w for w in WORD.findall(text) if any(w.lower().startswith(s) and (len(s) > 3 or w.lower() == s) for s in stems)]
    return []


def check(ctx) -> list:
    issues = []
    for bead in ctx.beads:
        if not bead.src or not bead.tgt:
            continue
        pt = " ".join(ctx.seg.pt[i].text for i in bead.src)
        en = " ".join(ctx.seg.en[j].text for j in bead.tgt)
        pt2en = _join(ctx.pt2en, bead.src)
        en2pt = _join(ctx.en2pt, bead.tgt)
        (sp, wp), (se, we) = polarity(pt, "pt"), polarity(en, "en", pt)
        neg_flip = (sp > se + we) or (se > sp + wp)
        confirmed = False
        if neg_flip and (pt2en or en2pt):
            # the translation of either side agreeing with the other side means no flip
            if en2pt and polarity(en2pt, "pt")[0] == sp:
                neg_flip = False
            elif pt2en and polarity(pt2en, "en")[0] == se:
                neg_flip = False
            else:
                confirmed = True
        flips = _flipped(_poles(pt, "pt"), _poles(en, "en"))
        if flips and (pt2en or en2pt):
            # keep a swap only if the translations do not use the English side's pole
            keep = []
            for name, a, b in flips:
                p2e = _poles(pt2en, "en").get(name, set()) if pt2en else set()
                e2p = _poles(en2pt, "pt").get(name, set()) if en2pt else set()
                if b not in p2e and a not in e2p:
                    keep.append((name, a, b))
            flips = keep
        ev = {"back_translation": pt2en, "en2pt": en2pt, "similarity": bead.score}
        if neg_flip and flips:
            continue        # a negated antonym says the same thing ("não aprovou" = "rejected")
        if neg_flip:
            pt_neg, en_neg = sorted(_negators(pt, "pt")), sorted(_negators(en, "en"))
            if sp > se:
                msg = (f"polarity flipped: the Portuguese is negative (\"{', '.join(pt_neg)}\") "
                       f"but the English is not")
            else:
                msg = (f"polarity flipped: the English is negative (\"{', '.join(en_neg)}\") "
                       f"but the Portuguese is not")
            issues.append(Issue(
                "negation", "critical" if confirmed else "major",
                ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                f"{msg} ({sp} negated clause(s) in Portuguese, {se} in English)",
                {"pt_items": pt_neg, "en_items": en_neg, **ev}))
        elif flips:
            name, a, b = flips[0]
            pw = _pole_words(pt, "pt", name, a)
            ew = _pole_words(en, "en", name, b)
            issues.append(Issue(
                "mistranslation", "major", ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                f"direction reversed ({name}): Portuguese \"{', '.join(pw)}\" but English "
                f"\"{', '.join(ew)}\"", {"pt_items": pw, "en_items": ew, **ev}))
    return issues


def _negators(text: str, lang: str) -> set[str]:
    neg = NEG_PT if lang == "pt" else NEG_EN
    return {w.lower() for w in WORD.findall(text.replace("’", "'"))
            if w.lower() in neg or w.lower().endswith("n't")}
