"""Portuguese left in the English.

Three levels, all on the English side of each bead:
- a whole sentence that language identification (lang.detect) calls Portuguese;
- a run of at least 4 words copied verbatim from the Portuguese of the bead that is
  itself Portuguese (copied text is what an untranslated clause looks like; copied
  names, figures and acronyms are not Portuguese and do not count);
- a single lower-case word copied from the Portuguese that the machine translation
  of the Portuguese translates (so it is a Portuguese word, not a name or loanword) and
  that the translation of the English leaves as it is (so it is not an English word).

Not flagged: names and short organisation names ("Banco do Brasil", "Praça Rui
Barbosa"), quoted titles of works, terms glossed in brackets or after a comma
("Libras", "centrão, a bloc of ..."), and loanwords English news keeps (Selic, Copom,
Ibovespa, favela, ...).

Severity policy: MQM counts untranslated text as critical. A whole sentence, or a run
of 8 words or more, is `critical`; a shorter clause or a single word is `major`; a long
capitalised institution name left in Portuguese ("Código de Defesa do Consumidor") is
`minor`. One issue per bead.
"""
from __future__ import annotations

from dataclasses import dataclass

import re
import unicodedata

from backcheck.report.model import Issue

NAME = "untranslated"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


PUNCT = re.compile(r"[;:()\[\]“”\"«»—–]|[,.!?](?=\s|$)")
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.U)
# Words English-language news about Brazil keeps as they are.
LOANWORDS = {"selic", "copom", "ibovespa", "favela", "favelas", "real", "reais", "pix",
             "centrão", "caipirinha", "samba", "bossa", "nova", "carnaval", "capoeira",
             "feijoada", "cachaça", "sertão", "quilombo", "quilombola", "quilombolas",
             "bolsa", "família", "mensalão", "petrolão", "lava", "jato", "brasileirão",
             "torcida", "seleção", "jeitinho", "saudade", "churrasco", "açaí", "cerrado",
             "caatinga", "pantanal", "maracanã", "etc"}
CONNECTORS = {"de", "do", "da", "dos", "das", "e", "em", "no", "na", "nos", "nas", "a", "o",
              "para", "por", "com"}
# Portuguese function words that English does not share: a copied run needs some.
PT_ONLY = {"do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "os", "um", "uma", "que",
           "para", "pelo", "pela", "pelos", "pelas", "com", "é", "são", "não", "ao", "aos",
           "à", "às", "seu", "sua", "mais", "muito", "muitos", "o", "e", "de", "se", "foi"}


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower())
                   if unicodedata.category(c) != "Mn")


def _detect(text: str) -> str | None:
    from backcheck.lang.detect import detect
    return detect(text)


def _pt_confidence(word: str) -> float:
    from backcheck.lang.detect import confidence
    return confidence(word)["pt"]


def _words(text: str) -> list[str]:
    return [w for w in TOKEN.findall(text)]


def copied_runs(en: str, pt: str, min_len: int = 1) -> list[list[str]]:
    """Maximal runs of English words that also occur, in the same order and
    consecutively, in the Portuguese (case- and accent-insensitive). Runs do not cross
    punctuation, so a list of copied names is not one long run."""
    pw = [_fold(w) for w in _words(pt)]
    pt_ngrams = " " + " ".join(pw) + " "
    runs = []
    for chunk in PUNCT.split(en):
        runs += _runs(_words(chunk), pt_ngrams, min_len)
    return runs


def _runs(ew: list[str], pt_ngrams: str, min_len: int) -> list[list[str]]:
    runs, i = [], 0
    while i < len(ew):
        j = i
        while j < len(ew) and f" {' '.join(_fold(w) for w in ew[i:j + 1])} " in pt_ngrams:
            j += 1
        if j > i:
            if j - i >= min_len:
                runs.append(ew[i:j])
            i = j
        else:
            i += 1
    return runs


def _is_name_run(run: list[str]) -> bool:
    content = [w for w in run if w.lower() not in CONNECTORS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _letters(run: list[str]) -> list[str]:
    return [w for w in run if w.isalpha()]


def _quoted_or_glossed(run: list[str], en: str) -> bool:
    """A title in quotes, or a term followed by a gloss in brackets."""
    phrase = re.escape(run[0]) + r".*?" + re.escape(run[-1])
    m = re.search(phrase, en)
    if not m:
        return False
    before, after = en[:m.start()], en[m.end():]
    if re.search(r"[“\"‘'«]\s*$", before) or re.match(r"\s*[”\"’'»]?\s*\(", after):
        return True
    return False


def _portuguese(run: list[str]) -> bool:
    low = [w.lower() for w in _letters(run)]
    if len(low) < 4:
        return False
    if _detect(" ".join(low)) == "pt":
        return True
    return sum(w in PT_ONLY for w in low) >= 2 and not any(w in ("the", "of", "and") for w in low)


def check(ctx) -> list:
    issues = []
    for bead in ctx.beads:
        if not bead.tgt:
            continue
        en_sents = [ctx.seg.en[j].text for j in bead.tgt]
        en = " ".join(en_sents)
        pt = " ".join(ctx.seg.pt[i].text for i in bead.src)
        pt2en = ctx.translation("pt", bead.src)
        en2pt = ctx.translation("en", bead.tgt)
        found = None   # (severity, shown text, kind)
        whole = [s for s in en_sents if _whole_sentence_pt(s, pt)]
        if whole:
            found = ("critical", " ".join(whole), "sentence")
        if not found and pt:
            runs = []
            for run in copied_runs(en, pt, 4):
                if _is_name_run(run):
                    if _untranslated_name(run, en, pt2en):
                        runs.append(("minor", run))
                    continue
                if _quoted_or_glossed(run, en) or not _portuguese(run):
                    continue
                runs.append(("critical" if len(run) >= 8 else "major", run))
            if runs:
                rank = {"minor": 0, "major": 1, "critical": 2}
                sev, run = max(runs, key=lambda r: (rank[r[0]], len(r[1])))
                if sev != "minor":
                    # all Portuguese clauses of the bead, as written ("em muitos casos, é o ...")
                    clauses = [r for s_, r in runs if s_ != "minor"]
                    total = sum(len(r) for r in clauses)
                    sev = "critical" if total >= 8 else "major"
                    found = (sev, _span(en, clauses[0][0], clauses[-1][-1]), "clause")
                else:
                    found = (sev, _span(en, run[0], run[-1]), "name")
        if not found and pt and pt2en is not None and en2pt is not None:
            words = _single_words(en, pt, pt2en, en2pt)
            if words:
                found = ("major", ", ".join(words), "word")
        if not found:
            continue
        sev, shown, kind = found
        msg = {"sentence": f"the English sentence is in Portuguese: \"{shown}\"",
               "clause": f"Portuguese left untranslated in the English: \"{shown}\"",
               "name": f"Portuguese name left untranslated (translate or gloss it): \"{shown}\"",
               "word": f"Portuguese word(s) left untranslated in the English: {shown}"}[kind]
        issues.append(Issue("untranslated", sev, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                            msg, {"pt_items": [], "en_items": [shown], "back_translation": pt2en,
                                  "en2pt": en2pt, "similarity": bead.score}))
    return issues


def _span(text: str, first: str, last: str) -> str:
    """The original text from word `first` to word `last` (keeps commas and figures)."""
    m = re.search(re.escape(first) + r".*" + re.escape(last), text)
    return m.group(0) if m else f"{first} ... {last}"


def _whole_sentence_pt(sentence: str, pt: str) -> bool:
    """Portuguese by language identification on its lower-case words (names carry no
    language); a short one must also be mostly copied from the Portuguese."""
    words = _words(sentence)
    low = [w for w in words if w.islower()]
    if len(low) < 3 or _detect(" ".join(low)) != "pt":
        return False
    if len(low) >= 6:
        # long enough to trust, even if aligned to another sentence, when both halves
        # are Portuguese (a sentence half in each language is a clause, found below)
        half = len(low) // 2
        return _detect(" ".join(low[:half])) == "pt" and _detect(" ".join(low[half:])) == "pt"
    if not pt:
        return True
    pt_words = {_fold(w) for w in _words(pt)}
    return sum(_fold(w) in pt_words for w in words) >= 0.5 * len(words)


def _untranslated_name(run: list[str], en: str, pt2en: str | None) -> bool:
    """A long institution name left in Portuguese: it has connectors (de, do, da...),
    three or more capitalised words, and the machine translation translates at least
    two of them (so they are common nouns, not a person's names)."""
    if pt2en is None or _quoted_or_glossed(run, en):
        return False
    content = [w for w in run if w.lower() not in CONNECTORS]
    if len(content) < 3 or len(content) == len(run):
        return False
    mt = {_fold(w) for w in _words(pt2en)}
    return sum(_fold(w) not in mt for w in content if w.isalpha()) >= 2


def _single_words(en: str, pt: str, pt2en: str, en2pt: str) -> list[str]:
    pt_words = {_fold(w) for w in _words(pt)}
    mt_en = {_fold(w) for w in _words(pt2en)}
    mt_pt = {_fold(w) for w in _words(en2pt)}
    out = []
    for m in TOKEN.finditer(en):
        w = m.group(0)
        f = _fold(w)
        if (len(w) < 5 or not w.islower() or f in LOANWORDS or f not in pt_words
                or f in mt_en or f not in mt_pt):
            continue
        if re.match(r"\s*(\(|,\s+(a|an|the)\b)", en[m.end():]):
            continue            # glossed: "centrão, a bloc of centrist parties"
        if _pt_confidence(w) < 0.9:
            continue            # could be English as well ("capital", "real")
        out.append(w)
    return out
