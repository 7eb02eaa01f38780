"""Word-level support between a Portuguese sentence and its English counterpart: which
content words of each side the other side accounts for, and by which evidence.

Entry point: `support(pt, en, pt2en=None, en2pt=None, dictionary=None) -> Support`.

Sources of support, each measured on its own on the NTREX development pairs
(docs/benchmarks.md):
- `copy`: the word itself, or a cognate (presidente/president), is on the other side:
  names, figures and shared vocabulary survive translation verbatim;
- `mt`: the machine translation of the other side contains the word or an inflection of
  it (the translation engine's single choice);
- `dict`: a dictionary translation of the word is among the other side's words, compared
  as lemmas (Apertium's bilingual dictionaries through `lang.dictionary`: every
  translation of every reading, not only the one the engine picked).
A word with no source is unsupported: the other side does not say it, as far as the
evidence goes. Checks turn these flags into scores (omission, addition, mistranslation,
negation) and calibrate them on real text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from backcheck.lang.words import Token, cognate, content_tokens, same_word, tokens

SOURCES = ("copy", "mt", "dict")


@dataclass(frozen=True)
class Word:
    token: Token
    by: frozenset[str]          # the sources that support it (empty: unsupported)

    @property
    def text(self) -> str:
        return self.token.text

    @property
    def fold(self) -> str:
        return self.token.fold

    @property
    def supported(self) -> bool:
        return bool(self.by)


@dataclass(frozen=True)
class Support:
    pt: tuple[Word, ...]
    en: tuple[Word, ...]

    def side(self, lang: str) -> tuple[Word, ...]:
        return self.pt if lang == "pt" else self.en

    def unsupported(self, lang: str) -> list[Word]:
        return [w for w in self.side(lang) if not w.supported]

    def ratio(self, lang: str | None = None) -> float | None:
        """Share of supported content words (of one side, or of both); None without words."""
        ws = self.side(lang) if lang else self.pt + self.en
        return sum(w.supported for w in ws) / len(ws) if ws else None

    @cached_property
    def counts(self) -> tuple[int, int, int, int]:
        """(pt words, pt unsupported, en words, en unsupported)."""
        return (len(self.pt), len(self.unsupported("pt")), len(self.en),
                len(self.unsupported("en")))


def _vocab(text: str | None, lang: str) -> set[str]:
    return {t.fold for t in content_tokens(text or "", lang)}


def _inflected(word: str, vocab: set[str]) -> bool:
    return word in vocab or any(same_word(word, v) for v in vocab)


class _Dict:
    """The dictionary evidence of one sentence pair, looked up in batches."""

    def __init__(self, dictionary, pt_words, en_words):
        self.ok = dictionary is not None and dictionary.available()
        if not self.ok:
            return
        self.pt_lemmas = dictionary.lemmas(pt_words, "pt")
        self.en_lemmas = dictionary.lemmas(en_words, "en")
        self.pt2en = dictionary.translations(pt_words, "pt", "en")
        self.en2pt = dictionary.translations(en_words, "en", "pt")
        # everything the other side's words can mean, as lemmas of this side
        self.en_from_pt = set().union(*self.pt2en.values()) if self.pt2en else set()
        self.pt_from_en = set().union(*self.en2pt.values()) if self.en2pt else set()
        self.en_forms = set().union(*self.en_lemmas.values(), set(en_words)) if en_words else set()
        self.pt_forms = set().union(*self.pt_lemmas.values(), set(pt_words)) if pt_words else set()

    def supports(self, word: str, lang: str) -> bool:
        if not self.ok:
            return False
        if lang == "en":
            mine = self.en_lemmas.get(word, frozenset()) | {word}
            return bool(mine & self.en_from_pt) or bool(self.en2pt.get(word, frozenset()) & self.pt_forms)
        mine = self.pt_lemmas.get(word, frozenset()) | {word}
        return bool(mine & self.pt_from_en) or bool(self.pt2en.get(word, frozenset()) & self.en_forms)


def support(pt: str, en: str, pt2en: str | None = None, en2pt: str | None = None,
            dictionary=None, sources=SOURCES) -> Support:
    """Which content words of `pt` and `en` the other side supports, and how.
    `dictionary` is an object with available(), lemmas() and translations() (see
    lang.dictionary); None leaves the dictionary out."""
    ptt, ent = content_tokens(pt or "", "pt"), content_tokens(en or "", "en")
    pt_all = {t.fold for t in tokens(pt)} | {t.fold for t in ptt}
    en_all = {t.fold for t in tokens(en)} | {t.fold for t in ent}
    v_pt2en, v_en2pt = _vocab(pt2en, "en"), _vocab(en2pt, "pt")
    d = _Dict(dictionary if "dict" in sources else None,
              [t.fold for t in ptt if not t.fold.isdigit()],
              [t.fold for t in ent if not t.fold.isdigit()])

    def flags(tok: Token, lang: str, other_all: set[str], other_content, mt: set[str]):
        by = set()
        if "copy" in sources and (tok.fold in other_all
                                  or any(cognate(tok.fold, o.fold) for o in other_content)):
            by.add("copy")
        if "mt" in sources and mt and _inflected(tok.fold, mt):
            by.add("mt")
        if not tok.fold.isdigit() and d.supports(tok.fold, lang):
            by.add("dict")
        return Word(tok, frozenset(by))

    return Support(tuple(flags(t, "pt", en_all, ent, v_en2pt) for t in ptt),
                   tuple(flags(t, "en", pt_all, ptt, v_pt2en) for t in ent))
