"""Words: tokens, content words, inflections and cognates, the units of word-level evidence.

Entry points: `tokens(text)`, `content(text, lang)`, `content_tokens(text, lang)`,
`same_word(a, b)`, `supported(word, vocab)`, `cognate(a, b)`, `stopwords(lang)`,
`own_function_words(lang)`, `furniture(text)` (page furniture: "Leia também: ...").

A content word is a folded word (lower case, no accents) that is not a function word of
its language (data/stopwords.LANG.txt) and has three letters or more, or a figure. A
figure is one token whatever its spelling ("1,6 milhões" and "1.6m" both give "1600000"),
so the two languages' figures meet as equal words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from backcheck.lang import lexicon
from backcheck.lang.figures import value_tokens
from backcheck.lang.normalise import fold

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@lru_cache(maxsize=2)
def stopwords(lang: str) -> frozenset[str]:
    return lexicon.words(f"stopwords.{lang}", folded=True)


@lru_cache(maxsize=2)
def own_function_words(lang: str) -> frozenset[str]:
    """Function words of `lang` ("pt" or "en") that the other language does not have
    (folded): "que", "não", "pelo" are Portuguese only, "the", "of", "which" English only;
    "a", "no", "do" belong to both."""
    return stopwords(lang) - stopwords("en" if lang == "pt" else "pt")


@dataclass(frozen=True)
class Token:
    text: str          # as written
    fold: str          # folded (figures: their value)
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return list(_tokens(text or ""))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[Token, ...]:
    # every check tokenizes the same sentences and translations again (a tenth of the
    # checking time went to it); Tokens are frozen, the list handed out is a copy
    return tuple(Token(m.group(0), fold(m.group(0)), m.start(), m.end())
                 for m in WORD.finditer(text))


@lru_cache(maxsize=16384)
def content_tokens(text: str, lang: str) -> tuple[Token, ...]:
    """The content words of `text` with their place in it (figures read as values)."""
    text = text or ""
    figures = value_tokens(text, lang)     # a figure with decimals or a multiplier: one value
    stop = stopwords(lang)
    out, k = [], 0
    for t in tokens(text):
        while k < len(figures) and figures[k][1] <= t.start:
            k += 1
        if k < len(figures) and figures[k][0] <= t.start < figures[k][1]:
            s, e, v = figures[k]
            if not out or out[-1].start != s:
                out.append(Token(text[s:e], v, s, e))
            continue
        if t.fold in stop or (len(t.fold) < 3 and not t.fold.isdigit()):
            continue
        out.append(t)
    return tuple(out)


def content(text: str | None, lang: str) -> list[str]:
    """Folded content words of `text`."""
    return [t.fold for t in content_tokens(text or "", lang)]


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


# Cognates across the two languages (presidente/president, nacional/national,
# tecnologia/technology): long words spelt nearly alike. The ratio is what separates
# cognates from unrelated words of similar length; 0.8 was chosen on the NTREX
# development pairs (see docs/benchmarks.md).
COGNATE_MIN_LEN = 5
COGNATE_RATIO = 0.8


def cognate(a: str, b: str) -> bool:
    """Folded words spelt nearly alike (a shared stem of five letters or more), once
    the regular Portuguese endings are given their English form (data/cognate_endings.tsv:
    "informacao" is compared as "information", "totalmente" as "totally")."""
    if a == b:
        return True
    if min(len(a), len(b)) < COGNATE_MIN_LEN or a.isdigit() or b.isdigit():
        return False
    return any(x[:3] == y[:3] and Indel.normalized_similarity(x, y) >= COGNATE_RATIO
               for x, y in ((a, b), (_anglicised(a), _anglicised(b))))


@lru_cache(maxsize=65536)
def _anglicised(word: str) -> str:
    """A folded Portuguese word with its regular ending (and a "des-" before a consonant)
    in English form. Both words of a pair go through it, so an English word that happens
    to end so ("america") changes too; `cognate` compares the words as written as well,
    so the endings can only add cognates, never lose one."""
    for pt, en in _endings():
        if word.endswith(pt) and len(word) - len(pt) >= 2:
            word = word[: len(word) - len(pt)] + en
            break
    if word.startswith("des") and len(word) > 6 and word[3] not in "aeiouh":
        word = "de" + word[3:]
    return word


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, str], ...]:
    return tuple((r["pt"], r["en"]) for r in lexicon.rows("cognate_endings"))


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    phrases = "|".join(re.escape(w) for w in sorted(lexicon.phrases("boilerplate"),
                                                    key=lambda w: (-len(w), w)))
    return re.compile(rf"^(?:{phrases})\b(?:\s*[:.!]|\s*$|(?=.{{0,60}}:))", re.IGNORECASE)


def furniture(text: str) -> re.Match | None:
    """Does `text` open with page furniture a CMS leaves in article text ("Leia também:
    ...", "Read more: ...": data/boilerplate.txt)? Not content of the article: the
    artifact check reports it, the coverage check does not count it as a sentence."""
    return _furniture().search(text)

