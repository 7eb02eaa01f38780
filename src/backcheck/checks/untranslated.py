"""Portuguese left in the English.

Three levels, all on the English side of each aligned pair (bead), each with a score:
- `pt-sentence`: an English sentence whose lower-case words (names carry no language)
  language identification (lang.detect) calls Portuguese, with lingua's confidence as the
  score (the lowest of the whole and of each half for a long sentence: a sentence half in
  each language is a clause, below). A short one must also be mostly copied from the
  Portuguese of its pair, and one with as many function words only English has (the, and,
  of) as Portuguese-only ones (que, não, pelo) is English whatever its other words
  ("The festival celebrates maracatu and frevo"): score 0.
- `pt-clause`: the number of words in runs of `Params.min_run`+ words copied verbatim from
  the Portuguese of the pair that are themselves Portuguese (by language identification or
  by Portuguese-only function words: lang.words.own_function_words). Copied names,
  figures and acronyms are not Portuguese and do not count.
- `pt-word`: a single lower-case word copied from the Portuguese that the machine
  translation of the Portuguese, or Apertium's pt->en dictionary (lang.dictionary),
  translates into other words (so it is a Portuguese word, not a name), that the
  translation of the English leaves as it is, that neither the English dictionary nor
  WordNet knows (so it is not an English word: final, regular, centavo) and that the
  Portuguese dictionary does know (not a genre or loan Portuguese has from elsewhere:
  forró); the score is how Portuguese the word looks on its own (lingua).

Not flagged: names and short organisation names ("Banco do Brasil", "Praça Rui Barbosa":
data/connectors.pt.txt joins a name's words), quoted titles of works, a word quoted as a
word ("known as 'laranjas'"), terms glossed in
brackets or after a comma ("Libras", "centrão, a bloc of ..."), words English news keeps
(data/loanwords.en.txt: Selic, Ibovespa, favela, ...) and a newsroom's own `keep` list
(config `keep`: place names, brands, one entry a line, read by lang.lexicon.user), whose
entries count as names wherever they stand.

Decisions (thresholds in `Params`, calibrated on faithful real pairs): a sentence whose
score reaches `Params.sentence` is `critical` when independent evidence agrees (half its
words or more are copied from the Portuguese article, or the English-to-Portuguese
translation leaves most of it as it is), else `major`. Copied Portuguese reaching
`Params.clause` words is `major`, and `critical` from `Params.clause_critical` words (set
above every faithful pair). A single word reaching `Params.word` is `major`. A long
capitalised institution name left in Portuguese ("Código de Defesa do Consumidor") is
`minor` (not a place named after a person or saint: "São José do Rio Preto"). One issue per bead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from backcheck.checks.calibration import threshold
from backcheck.lang import dictionary, lexicon, names, thesaurus
from backcheck.lang.detect import confidence
from backcheck.lang.normalise import fold
from backcheck.lang.words import Token, own_function_words, tokens
from backcheck.report.model import Issue

NAME = "untranslated"


@dataclass(frozen=True)
class Params:
    """Thresholds of the untranslated check (see the module docstring)."""
    sentence: float = threshold(0.6, score="pt-sentence", floor=0.5,
                                doc="lingua's confidence that a sentence is Portuguese")
    clause: float = threshold(4, score="pt-clause", floor=4,
                              doc="Portuguese words copied from the source")
    clause_critical: float = threshold(8, score="pt-clause", budget=0.0, floor=8,
                                       doc="above every faithful pair: critical")
    word: float = threshold(0.9, score="pt-word", floor=0.85,
                            doc="how Portuguese a copied, untranslated word looks")
    # Fixed, not calibrated:
    min_run: int = 4                  # words in a copied run worth judging
    copied: float = 0.5               # share of a sentence's words found in the Portuguese
    kept_by_engine: float = 0.7       # share of its words the en->pt translation leaves
    min_word_len: int = 5             # a single word shorter than this is not judged


QUOTES = frozenset("'\"‘’“”«»")
PUNCT = re.compile(r"[;:()\[\]“”\"«»—–]|[,.!?](?=\s|$)")


class Keep:
    """What is never Portuguese evidence: built-in loanwords and the user's keep list
    (single words, or phrases kept as a whole: "Praça da Sé" keeps "da" only there); and
    the names English writes as Portuguese does (`names`)."""

    def __init__(self, config):
        user = lexicon.user(config)
        entries = user.keep
        self.words = (lexicon.words("loanwords.en", folded=True)
                      | {e for e in entries if " " not in e})
        self.phrases = [tuple(e.split()) for e in entries if " " in e]
        self.gazetteer = names.gazetteer(user)

    def mark(self, toks: list[Token]) -> set[int]:
        """Indices of the tokens that are kept."""
        folds = [t.fold for t in toks]
        out = {i for i, f in enumerate(folds) if f in self.words}
        for ph in self.phrases:
            n = len(ph)
            for i in range(len(folds) - n + 1):
                if tuple(folds[i:i + n]) == ph:
                    out.update(range(i, i + n))
        return out

    def names(self, toks: list[Token]) -> set[int]:
        """Indices of the tokens inside an English form of a gazetteer name: English writes
        "Rio Grande do Sul" and "Mato Grosso do Sul" as Portuguese does, so such a name is
        no Portuguese name left untranslated."""
        return set(self.gazetteer.find([t.text for t in toks], "en", [t.fold for t in toks]))


def copied_runs(en: str, pt: str, min_len: int = 1) -> list[list[Token]]:
    """Maximal runs of English words that also occur, in the same order and
    consecutively, in the Portuguese (case- and accent-insensitive). Runs do not cross
    punctuation, so a list of copied names is not one long run."""
    pt_ngrams = " " + " ".join(t.fold for t in tokens(pt)) + " "
    runs, start = [], 0
    for m in list(PUNCT.finditer(en)) + [None]:
        end = m.start() if m else len(en)
        chunk = [Token(t.text, t.fold, t.start + start, t.end + start)
                 for t in tokens(en[start:end])]
        runs += _runs(chunk, pt_ngrams, min_len)
        start = m.end() if m else end
    return runs


def _runs(ew: list[Token], pt_ngrams: str, min_len: int) -> list[list[Token]]:
    runs, i = [], 0
    while i < len(ew):
        j = i
        while j < len(ew) and f" {' '.join(t.fold for t in ew[i:j + 1])} " in pt_ngrams:
            j += 1
        if j > i:
            if j - i >= min_len:
                runs.append(ew[i:j])
            i = j
        else:
            i += 1
    return runs


def _is_name_run(run: list[Token], kept: set[int], en_toks: dict[int, int]) -> bool:
    content = [t for t in run if t.fold not in lexicon.words("connectors.pt", folded=True)]
    return bool(content) and all(t.text[0].isupper() or t.text[0].isdigit()
                                 or en_toks.get(t.start) in kept for t in content)


def _quoted_or_glossed(run: list[Token], en: str) -> bool:
    """A title in quotes, or a term followed by a gloss in brackets."""
    before, after = en[:run[0].start], en[run[-1].end:]
    return bool(re.search(r"[“\"‘'«]\s*$", before) or re.match(r"\s*[”\"’'»]?\s*\(", after))


def _portuguese(words: list[str]) -> bool:
    """Portuguese by language identification, or by its function words: two that only
    Portuguese has and none that only English has."""
    low = [w.lower() for w in words if w.isalpha()]
    if len(low) < 4:
        return False
    if _pt_confidence(" ".join(low)) >= 0.6:
        return True
    folded = [fold(w) for w in low]
    return sum(w in own_function_words("pt") for w in folded) >= 2 and \
        not any(w in own_function_words("en") for w in folded)


@lru_cache(maxsize=8192)
def _pt_confidence(text: str) -> float:
    return confidence(text)["pt"] if text.strip() else 0.0


# ---- scores ---------------------------------------------------------------------------------

def sentence_score(sentence: str, pt: str, keep: Keep, floor: float,
                   min_copied: float = 0.5) -> float | None:
    """How surely an English sentence is Portuguese (None: too few words to tell)."""
    toks = tokens(sentence)
    kept = keep.mark(toks)
    low = [t.text for k, t in enumerate(toks) if t.text.islower() and k not in kept]
    if len(low) < 3:
        return None
    if len(low) < 6 and pt:
        # a short sentence must also be mostly copied from its Portuguese
        pt_words = {t.fold for t in tokens(pt)}
        if sum(t.fold in pt_words for t in toks) < min_copied * len(toks):
            return None
    # grammar first: a sentence with as many function words only English has as
    # Portuguese-only ones is English, however Portuguese its other words look
    # ("The festival celebrates maracatu and frevo")
    folded = [t.fold for t in toks]
    pt_fw = sum(f in own_function_words("pt") for f in folded)
    en_fw = sum(f in own_function_words("en") for f in folded)
    if en_fw and en_fw >= pt_fw:
        return 0.0
    score = _pt_confidence(" ".join(low))
    if len(low) >= 6 and score >= floor:
        half = len(low) // 2
        score = min(score, _pt_confidence(" ".join(low[:half])),
                    _pt_confidence(" ".join(low[half:])))
    return round(score, 4)


def _share(words: list[Token], vocab: set[str]) -> float:
    return sum(t.fold in vocab for t in words) / len(words) if words else 0.0


def _single_words(en: str, pt: str, pt2en: str, en2pt: str, keep: Keep,
                  p: Params) -> list[tuple[str, float]]:
    """(word, score) for copied Portuguese words the translations treat as Portuguese."""
    pt_words = {t.fold for t in tokens(pt)}
    mt_en = {t.fold for t in tokens(pt2en)}
    mt_pt = {t.fold for t in tokens(en2pt)}
    toks = tokens(en)
    kept = keep.mark(toks)
    cands = []
    for k, t in enumerate(toks):
        w, f = t.text, t.fold
        if (len(w) < p.min_word_len or not w.islower() or k in kept or f not in pt_words
                or f not in mt_pt):
            continue
        if en[t.start - 1:t.start] in QUOTES and en[t.end:t.end + 1] in QUOTES:
            continue            # a word quoted as a word: "front men known as 'laranjas'"
        if re.match(r"(?:\s+[^\W\d_]+){0,2}?\s*(\(|,\s+(a|an|the)\b)", en[t.end:]):
            continue            # glossed: "centrão, a bloc of centrist parties", a term of
                                # up to three words: "alojamento local, the short-term lets"
        cands.append(t)
    if not cands:
        return []
    # Apertium's dictionaries, when installed: a word English knows (final, regular) is
    # no evidence; one that Portuguese translates into other words is
    words = [t.text for t in cands]
    en_lemmas = dictionary.lemmas(words, "en")
    pt_lemmas = dictionary.lemmas(words, "pt")
    pt_en = dictionary.translations(words, "pt", "en")
    out = []
    for t in cands:
        tr = pt_en.get(t.text, frozenset())
        if en_lemmas.get(t.text) or t.fold in tr or _english_word(t.text):
            continue
        if t.fold in mt_en and not tr:
            continue            # neither the translation nor the dictionary translates it
        if dictionary.available() and not pt_lemmas.get(t.text):
            continue            # nor does Portuguese know it: a genre, a loan ("forró",
                                # which the pivot garbles as Spanish "forró", "lined")
        out.append((t.text, round(_pt_confidence(t.text), 4)))
    return out


def _english_word(word: str) -> bool:
    """WordNet has the word (or its singular): English uses it ("a single centavo",
    "samba"), whatever Apertium's English dictionary lacks."""
    w = word.lower()
    return bool(thesaurus.synonyms(w) or (w.endswith("s") and thesaurus.synonyms(w[:-1])))


def _untranslated_name(run: list[Token], en: str, pt2en: str | None,
                       kept: set[int], index: dict[int, int]) -> bool:
    """A long institution name left in Portuguese: it has connectors (de, do, da...),
    three or more capitalised words, and the machine translation translates at least
    two of them that are not kept (so they are common nouns, not a person's names). A
    name that opens with a person's given name ("São José do Rio Preto", "Santa Rita do
    Sapucaí": the dictionary's anthroponyms) is a place or a saint's, which English keeps."""
    if pt2en is None or _quoted_or_glossed(run, en):
        return False
    content = [t for t in run if t.fold not in lexicon.words("connectors.pt", folded=True)]
    if len(content) < 3 or len(content) == len(run):
        return False
    if dictionary.given_names([t.text for t in content[:2]], "pt"):
        return False
    mt = {t.fold for t in tokens(pt2en)}
    return sum(t.fold not in mt for t in content
               if t.text.isalpha() and index.get(t.start) not in kept) >= 2


def _span(text: str, first: Token, last: Token) -> str:
    """The original text from one word to another (keeps commas and figures)."""
    return text[first.start:last.end]


# ---- the check ------------------------------------------------------------------------------

def check(ctx) -> list:
    p = ctx.params(NAME, Params)
    keep = Keep(ctx.config)
    article_pt = {t.fold for s in ctx.seg.pt for t in tokens(s.text)}
    issues = []
    for bead in ctx.beads:
        if not bead.tgt:
            continue
        found = _bead(ctx, bead, p, keep, article_pt)
        if not found:
            continue
        sev, shown, kind, en_idx = found
        pt2en = ctx.translation("pt", bead.src)
        en2pt = ctx.translation("en", bead.tgt)
        msg = {"sentence": f"the English sentence is in Portuguese: \"{shown}\"",
               "clause": f"Portuguese left untranslated in the English: \"{shown}\"",
               "name": f"Portuguese name left untranslated (translate or gloss it): \"{shown}\"",
               "word": f"Portuguese word(s) left untranslated in the English: {shown}"}[kind]
        issues.append(Issue("untranslated", sev, ctx.loc("pt", bead.src), ctx.loc("en", en_idx),
                            msg, {"pt_items": [], "en_items": [shown], "back_translation": pt2en,
                                  "en2pt": en2pt, "similarity": bead.score}))
    return issues


def _bead(ctx, bead, p: Params, keep: Keep, article_pt: set[str]):
    """(severity, shown text, kind, English sentence indices) of the bead's finding."""
    en_sents = [(j, ctx.seg.en[j].text) for j in bead.tgt]
    en = " ".join(s for _, s in en_sents)
    pt = " ".join(ctx.seg.pt[i].text for i in bead.src)
    pt2en = ctx.translation("pt", bead.src)
    en2pt_of = (lambda j: ctx.en2pt[j] or "") if ctx.en2pt is not None else None

    # 1. whole sentences in Portuguese
    scored = [(j, s, sentence_score(s, pt, keep, p.sentence, p.copied)) for j, s in en_sents]
    scored = [(j, s, v) for j, s, v in scored if v is not None]
    if scored:
        ctx.observe(NAME, "pt-sentence", max(v for _, _, v in scored))
    whole = [(j, s) for j, s, v in scored if v >= p.sentence]
    if whole:
        confirmed = False
        for j, s in whole:
            toks = tokens(s)
            kept_by_engine = en2pt_of is not None and \
                _share(toks, {t.fold for t in tokens(en2pt_of(j))}) >= p.kept_by_engine
            confirmed |= _share(toks, article_pt) >= p.copied or kept_by_engine
        return ("critical" if confirmed else "major", " ".join(s for _, s in whole),
                "sentence", [j for j, _ in whole])

    # 2. clauses copied from the Portuguese
    clause, name_runs = [], []
    if pt:
        toks = tokens(en)
        kept, known = keep.mark(toks), keep.names(toks)
        index = {t.start: k for k, t in enumerate(toks)}
        for run in copied_runs(en, pt, p.min_run):
            if _is_name_run(run, kept, index):
                if (not all(index.get(t.start) in known for t in run)
                        and _untranslated_name(run, en, pt2en, kept, index)):
                    name_runs.append(run)
                continue
            if _quoted_or_glossed(run, en):
                continue
            # kept words at either end are not part of the clause ("Praça da Sé reuniu")
            while run and index.get(run[0].start) in kept:
                run = run[1:]
            while run and index.get(run[-1].start) in kept:
                run = run[:-1]
            words = [t.text for t in run if index.get(t.start) not in kept]
            if len(run) < p.min_run or not _portuguese(words):
                continue
            clause.append(run)
    n = sum(len(r) for r in clause)
    if n:
        ctx.observe(NAME, "pt-clause", n)
    if clause and n >= p.clause:
        sev = "critical" if n >= p.clause_critical else "major"
        return sev, _span(en, clause[0][0], clause[-1][-1]), "clause", list(bead.tgt)
    if name_runs:
        run = max(name_runs, key=len)
        return "minor", _span(en, run[0], run[-1]), "name", list(bead.tgt)

    # 3. single words
    en2pt = ctx.translation("en", bead.tgt)
    if pt and pt2en is not None and en2pt is not None:
        words = _single_words(en, pt, pt2en, en2pt, keep, p)
        if words:
            ctx.observe(NAME, "pt-word", max(v for _, v in words))
        words = [w for w, v in words if v >= p.word]
        if words:
            return "major", ", ".join(words), "word", list(bead.tgt)
    return None
