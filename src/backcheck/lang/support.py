"""Word-level support between a Portuguese sentence and its English counterpart: which
content words of each side the other side accounts for, and by which evidence.

Entry point: `support(pt, en, pt2en=None, en2pt=None, dictionary=None, thesaurus=None)
-> Support`.

Sources of support, each measured on its own on the NTREX development pairs
(docs/benchmarks.md):
- `copy`: the word itself, or a cognate (presidente/president), is on the other side:
  names, figures and shared vocabulary survive translation verbatim;
- `mt`: the machine translation of the other side contains the word or an inflection of
  it (the translation engine's single choice);
- `dict`: a dictionary translation of the word is among the other side's words, compared
  as lemmas (Apertium's bilingual dictionaries through `lang.dictionary`: every
  translation of every reading, not only the one the engine picked);
- `syn`: an English synonym (WordNet, `lang.thesaurus`) of what the Portuguese says is
  there: "boats" for a Portuguese word the dictionary renders "ship" is supported;
- `name`: a name the two languages write differently, found by `lang.names` on both
  sides as one entry of its gazetteer (SP / São Paulo, Pequim / Beijing, Itamaraty /
  Foreign Ministry): every word of both forms is supported.
A word with no source is unsupported: the other side does not say it, as far as the
evidence goes. Checks turn these flags into scores (omission, addition, mistranslation,
negation) and calibrate them on real text.

Besides the flags, `Support` carries what each side *suggests* in the other language
(`suggested_en`: the English lemmas of the machine translation of the Portuguese and of
the dictionary translations of its words; `suggested_pt` the reverse), each side's own
lemmas, and every token (function words too) of the English and of its machine
translation, as multisets: the mistranslation check compares them ("the Portuguese says
*rise*, the English says *fall*").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from backcheck.lang import names
from backcheck.lang.words import Token, cognate, content_tokens, same_word, stopwords, tokens

SOURCES = ("copy", "mt", "dict", "syn", "name")


@dataclass(frozen=True)
class Word:
    token: Token
    by: frozenset[str]                 # the sources that support it (empty: unsupported)
    lemmas: frozenset[str] = frozenset()

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
    pt_lemmas: Counter = field(default_factory=Counter)      # lemmas of the Portuguese words
    en_lemmas: Counter = field(default_factory=Counter)      # lemmas of the English words
    suggested_en: Counter = field(default_factory=Counter)   # English the Portuguese suggests
    suggested_pt: Counter = field(default_factory=Counter)   # Portuguese the English suggests
    pt_translations: dict = field(default_factory=dict)   # {pt word: dictionary translations}
    mt_lemmas: Counter = field(default_factory=Counter)   # lemmas of the translation alone
    back_en: Counter = field(default_factory=Counter)     # the English's back-translation, in English
    mt_en: Counter = field(default_factory=Counter)   # every folded token of the translation
    tokens_en: Counter = field(default_factory=Counter)   # every folded token of the English

    def side(self, lang: str) -> tuple[Word, ...]:
        return self.pt if lang == "pt" else self.en

    def unsupported(self, lang: str) -> list[Word]:
        return [w for w in self.side(lang) if not w.supported]

    def ratio(self, lang: str | None = None) -> float | None:
        """Share of supported content words (of one side, or of both); None without words."""
        ws = self.side(lang) if lang else self.pt + self.en
        return sum(w.supported for w in ws) / len(ws) if ws else None


def _inflected(word: str, vocab) -> bool:
    return word in vocab or any(same_word(word, v) for v in vocab)


def _surface(ts) -> list[str]:
    """The words to look up, as written but lower case: the dictionary needs the accents
    ("polícia" is the police, "policia" a form of policiar)."""
    return [t.text.lower() for t in ts if not t.fold.isdigit()]


def _by_fold(found: dict, ts, lang: str) -> dict[str, frozenset[str]]:
    """Results keyed by the words' folds, without function-word lemmas ("Toyota's" has
    the lemma "be", "set" the translation "por": no evidence of content)."""
    stop = stopwords(lang)
    out: dict[str, set] = {}
    for t in ts:
        out.setdefault(t.fold, set()).update(x for x in found.get(t.text.lower(), ())
                                             if x not in stop)
    return {k: frozenset(v) for k, v in out.items()}


def _lemmas(dictionary, ts, lang: str) -> dict[str, frozenset[str]]:
    got = (_by_fold(dictionary.lemmas(_surface(ts), lang), ts, lang)
           if dictionary is not None else {})
    return {t.fold: got.get(t.fold, frozenset()) | {t.fold} for t in ts if not t.fold.isdigit()}


def _expand(lemmas, thesaurus) -> set[str]:
    out = set(lemmas)
    if thesaurus is not None:
        for x in lemmas:
            out |= thesaurus.synonyms(x)
    return out


def _named(pt: str, en: str) -> tuple[set[int], set[int]]:
    """Where (character offsets) each side has a gazetteer name that the other side
    accounts for as the same entry, or as its seat (a metonym)."""
    gaz = names.gazetteer()
    first = gaz.first_words()
    if not (first & {t.fold for t in tokens(pt)} and first & {t.fold for t in tokens(en)}):
        return set(), set()     # no known name on a side: no mentions to build
    mp, me = names.mentions(pt, "pt", gaz=gaz), names.mentions(en, "en", gaz=gaz)

    def found(m, other):
        return {m.toks[k].start for k in m.group_of
                if names.accounted(m, k, other) in ("known", "metonym")}
    return found(mp, me), found(me, mp)


def support(pt: str, en: str, pt2en: str | None = None, en2pt: str | None = None,
            dictionary=None, thesaurus=None, sources=SOURCES) -> Support:
    """Which content words of `pt` and `en` the other side supports, and how.
    `dictionary` has available(), lemmas() and translations() (lang.dictionary),
    `thesaurus` available() and synonyms() (lang.thesaurus); either may be None."""
    if dictionary is not None and not dictionary.available():
        dictionary = None
    if thesaurus is not None and not thesaurus.available():
        thesaurus = None
    ptt, ent = content_tokens(pt or "", "pt"), content_tokens(en or "", "en")
    mtt, bkt = content_tokens(pt2en or "", "en"), content_tokens(en2pt or "", "pt")
    pt_all = {t.fold for t in tokens(pt)} | {t.fold for t in ptt}
    en_all = {t.fold for t in tokens(en)} | {t.fold for t in ent}
    v_pt2en, v_en2pt = {t.fold for t in mtt}, {t.fold for t in bkt}
    L_pt, L_en = _lemmas(dictionary, ptt, "pt"), _lemmas(dictionary, ent, "en")
    L_mt, L_bk = _lemmas(dictionary, mtt, "en"), _lemmas(dictionary, bkt, "pt")
    use_dict = dictionary is not None and "dict" in sources
    def tr(ts, src, tgt):
        return (_by_fold(dictionary.translations(_surface(ts), src, tgt), ts, tgt)
                if use_dict else {})
    T_pt, T_en, T_bk = tr(ptt, "pt", "en"), tr(ent, "en", "pt"), tr(bkt, "pt", "en")

    def lem(t, table):
        return table.get(t.fold, frozenset({t.fold}))

    pt_lemmas = Counter(x for t in ptt for x in lem(t, L_pt))
    en_lemmas = Counter(x for t in ent for x in lem(t, L_en))
    suggested_en = Counter(x for t in mtt for x in lem(t, L_mt))
    mt_lemmas = Counter(suggested_en)
    suggested_pt = Counter(x for t in bkt for x in lem(t, L_bk))
    # sorted: a frozenset's order changes with the hash seed, and reports must not
    for tr in T_pt.values():
        suggested_en.update(sorted(tr))
    for tr in T_en.values():
        suggested_pt.update(sorted(tr))
    dict_en = set().union(*T_pt.values()) if T_pt else set()      # English from pt words
    dict_pt = set().union(*T_en.values()) if T_en else set()
    syn_en = _expand(set(suggested_en), thesaurus) if "syn" in sources else set()
    en_syn_lemmas = _expand(set(en_lemmas), thesaurus) if "syn" in sources else set()

    named_pt, named_en = _named(pt or "", en or "") if "name" in sources else (set(), set())

    def direct(t: Token, named: set, other_all: set, other: list, mt: set) -> set[str]:
        """The sources that need no dictionary: a name, the word itself, the engine's."""
        by = {"name"} if t.start in named else set()
        if "copy" in sources and (t.fold in other_all or any(cognate(t.fold, o.fold)
                                                             for o in other)):
            by.add("copy")
        if "mt" in sources and mt and _inflected(t.fold, mt):
            by.add("mt")
        return by

    def en_word(t: Token) -> Word:
        by, mine = direct(t, named_en, pt_all, ptt, v_pt2en), lem(t, L_en)
        if use_dict and not t.fold.isdigit() and (
                mine & dict_en or T_en.get(t.fold, frozenset()) & set(pt_lemmas)):
            by.add("dict")
        if thesaurus is not None and not by and mine & syn_en:
            by.add("syn")
        return Word(t, frozenset(by), mine)

    def pt_word(t: Token) -> Word:
        by, mine = direct(t, named_pt, en_all, ent, v_en2pt), lem(t, L_pt)
        own = T_pt.get(t.fold, frozenset())
        if use_dict and not t.fold.isdigit() and (mine & dict_pt or own & set(en_lemmas)):
            by.add("dict")
        if thesaurus is not None and not by and _expand(own, thesaurus) & en_syn_lemmas:
            by.add("syn")
        return Word(t, frozenset(by), mine)

    return Support(tuple(pt_word(t) for t in ptt), tuple(en_word(t) for t in ent),
                   pt_lemmas, en_lemmas, suggested_en, suggested_pt, dict(T_pt), mt_lemmas,
                   Counter(x for tr in T_bk.values() for x in sorted(tr)),
                   Counter(t.fold for t in tokens(pt2en or "")),
                   Counter(t.fold for t in tokens(en or "")))
