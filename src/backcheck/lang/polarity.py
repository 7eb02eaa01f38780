"""Polarity: which clauses of a sentence are negated, and with what strength.

Entry points: `polarity(text, lang, source=None) -> (strong, weak)`,
`negators(text, lang) -> list[str]`, `negated(text, words, lang) -> bool`,
`implicit_negative(word)`, `implicit_negative_translated(translations)`.

Negations are counted as negator tokens (data/negators.tsv: não/nunca/nem...,
not/never/no...), since translators move clause boundaries freely. Portuguese negative
concord counts once per clause ("não ... ninguém"), and a "nem" clause that continues a
negated one ("não pertence nem a X, nem a Y") is the same negation, not a new one, as is
an English clause opening with "not" after a negated one ("couldn't look away, not with
the vote so close").
Implicit negatives (weak: "sem", "failed", "unbeaten", litotes such as "não poupou
críticas", a negator after "quase", "no-deal" compounds, English words whose prefix
negates a word WordNet pairs them with as antonyms: "ineligible", "powerless",
"dissatisfied", and English words WordNet derives from a weak negator: "failure",
"refusal") may absorb a difference between the two sides but never create one. Idioms
that contain a negator without negating ("não só", "no doubt") are removed first
(data/negation_patterns.tsv).
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon, thesaurus
from backcheck.lang.normalise import fold

CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s|[.!?](?=\s)")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?:'[a-z]+)?|n't", re.U)
# English negative prefixes and suffix: a word built so is an implicit negative when the
# word without it is its antonym in WordNet (un-happy, in-eligible, dis-satisfied, power-less)
NEG_PREFIX = re.compile(r"^(?:un|in|im|il|ir|dis|non-?|mis)(?=[a-z]{3,})")
NEG_SUFFIX = re.compile(r"(?<=[a-z]{3})less$")


@lru_cache(maxsize=None)
def _forms(lang: str, kind: str) -> frozenset[str]:
    for row in lexicon.rows("negators"):
        if row["lang"] == lang and row["kind"] == kind:
            return frozenset(lexicon.variants(row["forms"]))
    return frozenset()


@lru_cache(maxsize=None)
def _pattern(lang: str, kind: str) -> re.Pattern | None:
    """The patterns of one language and kind in data/negation_patterns.tsv, as one regex."""
    alts = [row["pattern"] for row in lexicon.rows("negation_patterns")
            if row["lang"] == lang and row["kind"] == kind]
    return re.compile("|".join(f"(?:{a})" for a in alts), re.I) if alts else None


def _sub(kind: str, lang: str, repl: str, text: str) -> str:
    p = _pattern(lang, kind)
    return p.sub(repl, text) if p else text


def clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c.strip()]


@lru_cache(maxsize=65536)
def implicit_negative(word: str) -> bool:
    """An English word whose negative prefix or suffix undoes a word it is the WordNet
    antonym of ("unhappy", "ineligible", "powerless"); "unless", "industry" are not."""
    w = word.lower()
    ants = thesaurus.antonyms(w)
    if not ants:
        return False
    m = NEG_PREFIX.match(w)
    if m and (w[m.end():] in ants or any(fold(a) == w[m.end():] for a in ants)):
        return True
    if NEG_SUFFIX.search(w):
        stem = w[:-4]
        return any(a.startswith(stem) for a in ants)
    return False


@lru_cache(maxsize=65536)
def _derived_negative(word: str) -> bool:
    """An English word WordNet derives from a weak negator: "failure" (fail), "refusal"
    (refuse), "denials" (deny)."""
    w, weak = word.lower(), _forms("en", "weak")
    return any(d in weak for base in {w, w[:-1] if w.endswith("s") else w}
               for d in thesaurus.derived(base))


def implicit_negative_translated(translations) -> bool:
    """A word whose every dictionary translation into English is an English implicit
    negative: "insatisfeita" (unsatisfied), "incapaz" (unable)."""
    return bool(translations) and all(polarity(t, "en")[1] for t in translations)


# Portuguese negative concord: after "não" these repeat the same negation ("não vi
# ninguém", "não disse nada"); English "nor"/"neither" continue one.
CONCORD = {"pt": {"nada", "nenhum", "nenhuma", "nenhuns", "nenhumas", "ninguém", "nunca",
                  "jamais", "nem", "tampouco"},
           "en": {"nor", "neither", "either", "any"}}
CONJUNCTIONS = {"and", "or", "but", "e", "ou", "mas"}
FILLERS = {"uh", "um", "er", "oh", "ah", "well", "so", "hum", "é", "e", "mas", "but", "and"}


def polarity(text: str, lang: str, source: str | None = None) -> tuple[int, int]:
    """(negations, implicit negatives) of `text`: negator tokens, a concord counting once
    per clause and a "nem" clause continuing a negated one counting with it; a negator
    that is a whole clause ("Não.", "No, uh no") is an answer, not a negated statement.
    `source` is the other side's text: an English "no" followed by words copied from it
    ("no primeiro semestre") is untranslated Portuguese, not a negator."""
    src = " ".join(WORD.findall(source.lower())) if source else ""
    strong_forms, weak_forms = _forms(lang, "strong"), _forms(lang, "weak")
    quantifiers, downtoners = _forms(lang, "quantifier"), _forms(lang, "downtoner")
    aux = _forms("pt", "auxiliary")
    participle = _pattern("pt", "participle")
    un_word = _pattern("en", "un-word")
    if lang == "en":    # "a no-deal Brexit", "no-fly zone": compounds, implicit negatives
        text = re.sub(r"\bno-(?=\w)", "non-", text, flags=re.I)
    text = _sub("idiom", lang, " ", text)
    text = _sub("weak", lang, " weakneg ", _sub("litotes", lang, " weakneg ", text))
    strong = weak = 0
    prev_negated = False
    for clause in clauses(text):
        words = [w.lower() for w in WORD.findall(clause.replace("’", "'"))]
        if words and all(w in strong_forms or w in FILLERS for w in words):
            continue            # "Não." / "No, uh no": an answer
        negated = False
        for i, w in enumerate(words):
            is_neg = (lang == "en" and (w == "n't" or w.endswith("n't"))) or w in strong_forms
            if is_neg:
                # the same negation continued: "não ... nem", "não vi ninguém", "not X and
                # not Y"; a negative word that opens a coordinated clause ("não foi morto
                # e nunca soube") negates that clause anew
                after_and = i > 0 and words[i - 1] in CONJUNCTIONS
                continued = (w in ("nem", "nor")
                             or (w in CONCORD[lang] and not after_and)
                             or (w in ("not", "não") and after_and)
                             # a closing "também não" repeats the clause's
                             # negation ("não há nenhum sinal também não": "either")
                             or (w == "não" and i == len(words) - 1 and i > 0
                                 and words[i - 1] == "também"))
                if i > 0 and words[i - 1] in downtoners:
                    weak += 1
                elif (lang == "en" and w == "no" and src and i + 1 < len(words)
                      and f" no {words[i + 1]} " in f" {src} "):
                    continue
                elif (lang == "pt" and w == "não" and i + 1 < len(words) and participle
                      and participle.match(words[i + 1])
                      and (i == 0 or words[i - 1] not in aux)):
                    weak += 1
                elif negated and continued:
                    weak += 1
                elif w in ("nem", "nor") and not negated and prev_negated and not after_and:
                    continue    # "não pertence nem a X, nem a Y"; but "..., but nor
                                # could I support it" negates a clause of its own
                elif lang == "en" and w == "not" and i == 0 and prev_negated:
                    continue    # "couldn't look away, not with the vote so close"
                else:
                    strong += 1
                    negated = True
            elif w in quantifiers and i > 0 and words[i - 1] in ("a", "um", "uma", "quite"):
                continue        # "a few", "um pouco": positive
            elif (w in weak_forms or w == "weakneg"
                  or (lang == "en" and un_word and un_word.match(w))
                  or (lang == "en" and (w.startswith("non-") or implicit_negative(w)
                                        or _derived_negative(w)))):
                weak += 1
        prev_negated = negated or (prev_negated and not words)
    return strong, weak


def stranded(text: str, lang: str) -> bool:
    """Does a clause of `text` keep a word that needs a negator, with no negator (strong
    or weak) in that clause ("That has happened yet": data/negation_patterns.tsv, kind
    `stranded`)? A question, or a word of kind `licensor` earlier in the clause ("if
    they had their tickets yet", "their best season yet"), licenses it without one."""
    pattern, licensor = _pattern(lang, "stranded"), _pattern(lang, "licensor")
    if pattern is None or "?" in text:
        return False
    for clause in clauses(text):
        for m in pattern.finditer(clause):
            if licensor and licensor.search(clause[:m.start()]):
                continue
            if polarity(clause, lang) == (0, 0):
                return True
    return False


def universals(text: str, lang: str) -> tuple[int, int]:
    """(limited, plain) "all" words of `text` (data/negators.tsv, kind `universal`): right
    after a strong negator ("nem todos", "not always"), or in a clause with no negator
    at all ("All exhibitors are happy")."""
    forms, strong = _forms(lang, "universal"), _forms(lang, "strong")
    limited = plain = 0
    for clause in clauses(text):
        words = [w.lower() for w in WORD.findall(clause.replace("’", "'"))]
        negative = any(w in strong or w.endswith("n't") for w in words)
        for i, w in enumerate(words):
            if w in forms:
                if i > 0 and words[i - 1] in strong:
                    limited += 1
                elif not negative:
                    plain += 1
    return limited, plain


def negators(text: str, lang: str) -> list[str]:
    """The strong negators of `text`, as written (lower case)."""
    forms = _forms(lang, "strong")
    return [w.lower() for w in WORD.findall(text.replace("’", "'"))
            if w.lower() in forms or w.lower().endswith("n't")]


def negated(text: str, words, lang: str) -> bool:
    """Is one of `words` under a negator (within three words after it)? A pole word
    under a negator says the other pole, or neither."""
    neg = "|".join(sorted(map(re.escape, {fold(w) for w in _forms(lang, "strong")}
                              | ({"sem"} if lang == "pt" else {"without"}))))
    pattern = rf"(?:\b(?:{neg})\b|n't\b)\W+(?:[\w'-]+\W+){{0,3}}?"
    t = fold(text)
    return any(re.search(pattern + re.escape(fold(w)), t) for w in words)
