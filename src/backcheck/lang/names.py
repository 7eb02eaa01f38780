"""Names: people, places and organisations as Portuguese and English write them.

Entry points:
- `mentions(text, lang, headline=False, gaz=None) -> Mentions`: the words of a text with
  what is known about each as a name: capitalised or not, first of its sentence, an acronym,
  an entry of the gazetteer, a title ("Presidente", "Rev.") or a calendar word ("Maio",
  "Monday") that is never a name; and the text's capitalised runs ("Banco Central do Brasil").
- `gazetteer(user=None) -> Gazetteer`: names that the two languages spell differently
  (data/exonyms.tsv: Pequim/Beijing, EUA/U.S., uruguaio/Uruguayan, SP/São Paulo, PS/Socialists;
  data/institutions.tsv: Parlamento Europeu/European Parliament; ministries composed from
  data/offices.tsv and data/portfolios.tsv: Ministério da Saúde/Health Ministry), merged with
  a newsroom's own names.csv (`lang.lexicon.user(config)`): one entry, one name.
- `accounted(m, k, other) -> str | None`: how a text in the other language accounts for word
  `k` of `m` as a name, and by which evidence: "same" (the same name up to accents and
  transliteration: Zelenski/Zelensky), "known" (the same gazetteer entry), "acronym" (an
  acronym and the initials of a name: BC/Central Bank, BID/IDB, NYC/New York; AMs/AM),
  "explained" (a bracketed acronym and its expansion: "Confederação ... (CBF)"), "metonym"
  (a place the other side names by its seat: Bruxelas/EU, Itamaraty/Foreign Ministry).
- `likeness(a, b) -> float`: how alike two names are spelt, from 0 (unrelated) to 1 (one
  name: Cloiseau/Clouseau, Francisco/Francis, Uzbequistão/Uzbekistan); replaced names differ
  early or widely (Menezes/Mendes stays well below 1).
- `metonym(g, h)`: a place that news names by another (a country and its capital, the EU and
  Brussels: data/metonyms.tsv); `home(g)`: the articles' home countries (data/home.txt).
- `native(word, lang) -> float`: how much a word looks like a word of `lang` (lingua, on the
  word alone). A capitalised English word opposite a translated Portuguese common word may be
  English's own name for the thing (Navy for "Marinha"); a Portuguese-looking word in English
  text is a name kept as written, which the Portuguese must have.
- `context_compound(text, end)`: an acronym made context by an English compound ("EU-funded").

All word lists are data files (titles, name connectors, transliteration, demonym endings,
home countries, context compounds; months and weekdays are the figures' own lexicons).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz.distance import Indel

from backcheck.lang import lexicon
from backcheck.lang.normalise import fold
from backcheck.lang.words import stopwords

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)?", re.U)
END = re.compile(r"[.!?:;]\s*[“”\"‘’'(\[«»—–-]*\s*$"   # a gap that ends a sentence
                 r"|(?:^|\s)[“\"‘«(\[]\s*$")                # or opens a quotation
BREAK = re.compile(r"[,;.()“”\"]")                        # a gap no name runs across

# Spelling similarity (Indel ratio of the transliteration skeletons) at or below LOW: two
# names; at or above HIGH: one name spelt two ways. Between them the likeness rises
# linearly. Typos and transliterations of one name measured 0.86-0.93 on the NTREX
# development pairs (Cloiseau/Clouseau, Petrial/Pretrial, Catalunha/Catalonia); replaced
# surnames stay at or under 0.77 (Menezes/Mendes 0.77, Kong/Jong 0.75).
LOW, HIGH = 0.76, 0.86
PREFIX = 4            # a shared start of this many letters: a name and its short form


# ---- word lists ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def connectors() -> frozenset[str]:
    return lexicon.words("name_connectors", folded=True)


@lru_cache(maxsize=1)
def never_names() -> frozenset[str]:
    """Folded words that are capitalised without being names: titles and forms of address,
    ranks, name suffixes (data/titles.txt)."""
    return lexicon.words("titles", folded=True)


def never_name(word: str) -> bool:
    """A title, rank, form of address or name suffix (plurals too)."""
    f = _fold(word)
    nn = never_names()
    return f in nn or f.endswith("s") and (f[:-1] in nn or f[:-2] in nn)


@lru_cache(maxsize=1)
def _transliteration() -> tuple[tuple[str, str], ...]:
    return tuple((r["from"], r["to"]) for r in lexicon.rows("transliteration"))


@lru_cache(maxsize=1)
def _compound_re() -> re.Pattern:
    words = sorted(lexicon.words("context_compounds.en"), key=len, reverse=True)
    return re.compile(r"-(?:" + "|".join(map(re.escape, words)) + r")\b")


def context_compound(text: str, end: int) -> bool:
    """The acronym ending at `end` makes an English compound of context ("EU-funded")."""
    return bool(_compound_re().match(text[end:end + 16]))


# ---- spelling ---------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The transliteration-insensitive form of a name: Zelenski/Zelensky, Volodimir/Volodymyr,
    Aragão/Aragon."""
    s = fold(word)
    for a, b in _transliteration():
        if a.endswith("$"):
            s = s[:-len(a) + 1] + b if s.endswith(a[:-1]) else s
        else:
            s = s.replace(a, b)
    return re.sub(r"(.)\1", r"\1", s)


@lru_cache(maxsize=65536)
def likeness(a: str, b: str) -> float:
    """How alike two names are spelt: 1 for one name (the same skeleton, a short form that
    keeps the start: Francisco/Francis, Minis/Mini), 0 for unrelated names, in between by
    the Indel ratio of their skeletons (see LOW, HIGH)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 1.0
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= PREFIX and long_.startswith(short):
        # a shortened name keeps its start (Mini/Minis, Francis/Francisco, Livi/Livingston):
        # one letter more is an inflection, two a variant of a long name; more, a nickname
        extra = len(long_) - len(short)
        return 1.0 if extra == 1 or extra == 2 and len(short) >= 6 else 0.75
    r = Indel.normalized_similarity(sa, sb)
    return max(0.0, min(1.0, (r - LOW) / (HIGH - LOW)))


def acronym_key(tok: str) -> str | None:
    """The letters of an acronym (N.F.L. -> NFL, AMs -> AM), or None for other words."""
    t = tok.replace(".", "")
    if len(t) > 2 and t.endswith("s") and t[:-1].isupper():
        t = t[:-1]                  # a plural: AMs, WMPs
    return t if len(t) > 1 and t.isupper() and t.isalpha() else None


# ---- the gazetteer: names the two languages spell differently ------------------------------

class Gazetteer:
    """Known names: {phrase (tuple of words): entry} for each language. Capitalised forms
    match as written; lower-case forms (demonyms) also match capitalised; a newsroom's
    names match folded (accents and case aside)."""

    def __init__(self, rows, user_names=()):
        self.pt: dict[tuple, int] = {}
        self.en: dict[tuple, int] = {}
        self.pt_folded: dict[tuple, int] = {}
        self.en_folded: dict[tuple, int] = {}
        self.labels: list[str] = []
        self._forms = None
        self._first = None
        for row in rows:
            g = len(self.labels)
            pt_forms = lexicon.variants(row["pt"])
            self.labels.append(pt_forms[0] if pt_forms else row["en"])
            for form in pt_forms:
                for f in _inflect(form):
                    self.pt[_words(f)] = g
            for form in lexicon.variants(row["en"]):
                self.en[_words(form)] = g
        for pt_form, en_forms in user_names:
            # a newsroom's name joins the built-in entry it shares a form with, if any
            g = next((h for h in [self.lookup(_words(pt_form), "pt")]
                      + [self.lookup(_words(f), "en") for f in en_forms] if h is not None), None)
            if g is None:
                g = len(self.labels)
                self.labels.append(pt_form)
            self.pt_folded[_words(fold(pt_form))] = g
            for form in en_forms:
                self.en_folded[_words(fold(form))] = g

    def lookup(self, words: tuple, lang: str) -> int | None:
        table, folded = (self.pt, self.pt_folded) if lang == "pt" else (self.en, self.en_folded)
        g = table.get(words)
        if g is None:
            g = table.get(tuple(w.lower() for w in words))
        if g is None and folded:
            g = folded.get(tuple(fold(w) for w in words))
        return g

    def forms(self, g: int, lang: str) -> list[str]:
        """The forms of entry `g` in `lang`, as written."""
        if self._forms is None:
            self._forms = {}
            for table, l in ((self.pt, "pt"), (self.en, "en"), (self.pt_folded, "pt"),
                             (self.en_folded, "en")):
                for words, h in table.items():
                    self._forms.setdefault((h, l), []).append(" ".join(words))
        return self._forms.get((g, lang), [])

    def group(self, form: str, lang: str = "pt") -> int | None:
        return self.lookup(_words(form), lang)

    def first_words(self) -> frozenset[str]:
        """The folded first words of every known phrase (a phrase starts with one)."""
        if self._first is None:
            self._first = frozenset(fold(words[0]) for table in (
                self.pt, self.en, self.pt_folded, self.en_folded) for words in table if words)
        return self._first

    def find(self, words: list[str], lang: str, folded: list[str] | None = None) -> dict[int, int]:
        """{word index: entry} for the longest known phrases of `words`, left to right
        (`folded`: the words folded, when the caller has them)."""
        out, i = {}, 0
        first = self.first_words()
        folded = folded or [_fold(w) for w in words]
        while i < len(words):
            if folded[i] not in first:
                g = self.derived(words[i], lang)
                if g is not None:
                    out[i] = g
                i += 1
                continue
            for n in range(min(5, len(words) - i), 0, -1):
                g = self.lookup(tuple(words[i:i + n]), lang)
                if g is None and n == 1:
                    g = self.derived(words[i], lang)
                if g is not None:
                    out.update((k, g) for k in range(i, i + n))
                    i += n - 1
                    break
            i += 1
        return out

    def derived(self, word: str, lang: str) -> int | None:
        """The entry of a capitalised word derived from a one-word name by a short ending:
        a demonym or plural the data does not list (Malaysian, Koreas, Indonesians)."""
        if not word[:1].isupper() or len(word) < 6:
            return None
        table = self.pt if lang == "pt" else self.en
        for cut in (1, 2, 3):
            stem = word[:-cut]
            if len(stem) >= 5 and (stem,) in table:
                return table[(stem,)]
        return None


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return fold(word)


def _words(form: str) -> tuple[str, ...]:
    return tuple(_strip(m.group(0)) for m in TOKEN.finditer(form.strip()))


def _strip(tok: str) -> str:
    """A word without its possessive or contraction (Brazil's, I'd, we'll)."""
    return re.sub(r"['’](?:s|d|m|ll|ve|re)?$", "", tok)


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = lexicon.rows("demonyms.pt")
    return tuple((r["ending"], tuple(lexicon.variants(r["forms"]))) for r in rows)


def _inflect(form: str) -> list[str]:
    """A Portuguese demonym's feminine and plural forms (uruguaio: uruguaia, uruguaios...)."""
    if not form.islower():
        return [form]
    for ending, forms in _endings():
        if form.endswith(ending):
            stem = form[:-len(ending)]
            return [form] + [stem + f for f in forms]
    return [form]


@lru_cache(maxsize=16)
def gazetteer(user=None) -> Gazetteer:
    """The built-in names (data/exonyms.tsv), with a newsroom's names.csv when `user` (a
    `lexicon.UserLexicon`) has any."""
    rows = lexicon.rows("exonyms") + lexicon.rows("institutions") + _ministries()
    return Gazetteer(rows, user.names if user is not None else ())


def _ministries() -> tuple[dict, ...]:
    """One gazetteer row per portfolio (data/portfolios.tsv), its forms composed with the
    offices that take it (data/offices.tsv): "Ministério da Saúde", "Ministra da Saúde";
    "Ministry of Health", "Health Secretary", "Secretary for Health"."""
    offices = lexicon.rows("offices")
    pt_off = [o for r in offices for o in lexicon.variants(r["pt"])]
    en_off = [o for r in offices for o in lexicon.variants(r["en"])]
    out = []
    for row in lexicon.rows("portfolios"):
        pt = [f"{o} {c} {p}" for p in lexicon.variants(row["pt"]) for o in pt_off
              for c in ("de", "da", "do", "das", "dos")]
        en = [f for p in lexicon.variants(row["en"]) for o in en_off
              for f in (f"{p} {o}", f"{o} of {p}", f"{o} of the {p}", f"{o} for {p}")]
        en += lexicon.variants(row["institution"])
        out.append({"pt": "|".join(pt), "en": "|".join(en)})
    return tuple(out)


@lru_cache(maxsize=16)
def _metonyms(gaz: Gazetteer) -> frozenset[tuple[int, int]]:
    out = set()
    for row in lexicon.rows("metonyms"):
        a, b = gaz.group(row["name"]), gaz.group(row["metonym"])
        if a is not None and b is not None:
            out.update({(a, b), (b, a)})
    return frozenset(out)


def metonym(g: int, h: int, gaz: Gazetteer | None = None) -> bool:
    """Entries `g` and `h` name one another in news (Argentina/Buenos Aires, UE/Bruxelas)."""
    return (g, h) in _metonyms(gaz or gazetteer())


@lru_cache(maxsize=16)
def _home(gaz: Gazetteer) -> frozenset[int]:
    return frozenset(g for w in lexicon.words("home") if (g := gaz.group(w)) is not None)


def home(g: int, gaz: Gazetteer | None = None) -> bool:
    """Entry `g` is a home country of the articles (Brazil, Portugal)."""
    return g in _home(gaz or gazetteer())


# ---- how a word looks --------------------------------------------------------------------

@lru_cache(maxsize=16384)
def native(word: str, lang: str) -> float:
    """How much `word`, on its own, looks like a word of `lang` (0..1, lingua's confidence
    between the two languages)."""
    from backcheck.lang.detect import confidence
    return confidence(word).get(lang, 0.0)


# ---- the names of one text ------------------------------------------------------------------

@dataclass(frozen=True)
class Tok:
    text: str           # as written, a possessive 's dropped
    fold: str
    start: int
    end: int
    initial: bool       # first word of its sentence

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Mentions:
    """The words of one text and what is known about each as a name."""

    def __init__(self, text: str, lang: str, headline: bool = False, gaz: Gazetteer | None = None):
        self.text, self.lang = text, lang
        self.gaz = gaz or gazetteer()
        toks, prev = [], 0
        for m in TOKEN.finditer(text):
            t = _strip(m.group(0))
            # only the gap since the previous word can end a sentence (linear time)
            initial = not toks or bool(END.search(text[prev:m.start()]))
            toks.append(Tok(t, _fold(t), m.start(), m.end(), initial))
            prev = m.end()
        self.toks: list[Tok] = toks
        self.group_of: dict[int, int] = self.gaz.find([t.text for t in toks], lang,
                                                      [t.fold for t in toks])
        self.groups = set(self.group_of.values())
        self.folded = {t.fold for t in toks}
        self.acronyms = {"".join(sorted(k)) for t in toks if (k := acronym_key(t.text))}
        # Title Case headlines capitalise common words: case says nothing about names there
        long_words = [t.text for t in toks if len(t.text) > 4]
        self.title_case = headline and len(long_words) >= 3 and \
            not any(w[0].islower() for w in long_words)

    @cached_property
    def skeletons(self) -> set[str]:
        return {skeleton(t.text) for t in self.toks}

    @cached_property
    def by_start(self) -> dict[str, list[Tok]]:
        """Capitalised words and long words, by the first letter of their skeleton (the
        words a name may be spelt like)."""
        out: dict[str, list[Tok]] = {}
        for t in self.toks:
            if t.capitalised or len(t.text) >= 5:
                out.setdefault(skeleton(t.text)[:1], []).append(t)
        return out

    def known(self, k: int) -> bool:
        return k in self.group_of

    def acronym(self, k: int) -> str | None:
        return acronym_key(self.toks[k].text)

    def gap(self, k: int) -> str:
        """The text between word k-1 and word k."""
        return self.text[self.toks[k - 1].end:self.toks[k].start] if k else ""

    def is_candidate(self, k: int) -> bool:
        """Could word k be a name: capitalised or known, not a title, month, connector or
        currency code ("350 000 USD", "US$")."""
        t = self.toks[k]
        if not t.capitalised and not self.known(k):
            return False
        if t.fold in connectors() or never_name(t.text):
            return False
        if len(t.text) < 2 and not self.known(k):
            return False
        after = self.text[t.end:t.end + 1]
        if after == "$":
            return False
        if self.acronym(k) and (re.search(r"\d\s*$", self.text[max(0, t.start - 4):t.start])
                                or re.match(r"\s*\d", self.text[t.end:t.end + 3])):
            return False        # a code beside a figure is a currency or a unit
        return True

    @cached_property
    def runs(self) -> list[list[int]]:
        """Runs of capitalised words (connectors allowed inside), never across punctuation."""
        runs, cur = [], []
        for k, t in enumerate(self.toks):
            if cur and BREAK.search(self.gap(k)):
                runs.append(cur)
                cur = []
            if t.capitalised and not (t.initial and t.fold in stopwords(self.lang)):
                cur.append(k)
            elif cur and t.fold in connectors():
                continue
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return [r for r in runs if r]

    def run_of(self, k: int) -> list[int]:
        """The content words of the capitalised run holding word k (just [k] outside one)."""
        for r in self.runs:
            if k in r:
                return [j for j in r if self.toks[j].fold not in connectors()]
        return [k]

    def windows(self, size: int):
        """Consecutive capitalised words (connectors skipped) of each run, `size` at a time."""
        for r in self.runs:
            content = [k for k in r if self.toks[k].fold not in connectors()]
            for i in range(len(content) - size + 1):
                yield content[i:i + size]

    def initials(self, ks: list[int]) -> str:
        return "".join(sorted(self.toks[k].text[0].upper() for k in ks))

    def position(self, k: int) -> float:
        """Where word k sits in the text, 0 (start) to 1 (end)."""
        return self.toks[k].start / max(len(self.text), 1)


@lru_cache(maxsize=4096)
def mentions(text: str, lang: str, headline: bool = False, gaz: Gazetteer | None = None) -> Mentions:
    return Mentions(text, lang, headline, gaz)


# ---- how the other language accounts for a name ------------------------------------------------

def accounted(m: Mentions, k: int, other: Mentions) -> str | None:
    """How `other` (the other language's text) accounts for word k of `m` as a name:
    "same", "known", "acronym", "explained", or None when it does not."""
    t = m.toks[k]
    if t.fold in other.folded or skeleton(t.text) in other.skeletons:
        return "same"
    key = m.acronym(k)
    if key and "".join(sorted(key)) in other.acronyms:
        return "same"           # BID/IDB, N.F.L./NFL, AMs/AM
    if any(likeness(t.text, o.text) >= 1.0 for o in other.by_start.get(skeleton(t.text)[:1], ())):
        return "same"           # Cloiseau/Clouseau; Pipistrellus/pipistrelles
    if key and not m.known(k) and any(_abbreviates(key, o) for o in other.toks if o.capitalised):
        return "same"           # SIDA/Aids, AZ/Arizona, TV/Televisão
    if not key and t.capitalised and any(
            (ok := other.acronym(j)) and not other.known(j) and _abbreviates(ok, t)
            for j in range(len(other.toks))):
        return "same"           # Aids/SIDA
    if m.known(k) and (m.group_of[k] in other.groups or any(
            _has_phrase(other, f) for f in m.gaz.forms(m.group_of[k], other.lang))):
        return "known"          # in any case: "Relações Exteriores" / "foreign minister"
    if m.known(k) and any(metonym(m.group_of[k], g, m.gaz) for g in other.groups - m.groups):
        return "metonym"        # Bruxelas / EU, Itamaraty / Foreign Ministry
    if _acronym_match(m, k, other):
        return "acronym"
    if _explained(m, k, other):
        return "explained"
    return None


def _has_phrase(m: Mentions, form: str) -> bool:
    """`m` has the words of `form`, in order, in any case (not acronyms: "us" is no US)."""
    words = _phrase(form)
    if not words:
        return False
    seq = [t.fold for t in m.toks]
    n = len(words)
    return any(seq[i:i + n] == words for i in range(len(seq) - n + 1))


@lru_cache(maxsize=65536)
def _phrase(form: str) -> list[str]:
    """The folded words of a form; none for a one-word acronym ("us" is no US)."""
    words = _words(form)
    return [] if len(words) == 1 and acronym_key(form) else [_fold(w) for w in words]


def _acronym_match(m: Mentions, k: int, other: Mentions) -> bool:
    """An acronym whose letters are the initials of capitalised words of the other side
    (BC / Central Bank, in any order; NYC / New York, the initials starting it), or a word
    of such a group when the acronym is on the other side."""
    key = m.acronym(k)
    if key:
        letters = "".join(sorted(key))
        if any(other.initials(w) == letters for w in other.windows(len(letters))):
            return True
        if len(key) >= 3 and any(_starts(other, w, key) for w in other.windows(len(key) - 1)):
            return True         # NYC = New York (City)
        if any(len(i) >= 2 and (i == key or len(key) >= 3 and i == key[:-1])
               for g in other.groups for f in m.gaz.forms(g, m.lang)
               if (i := _initials_of(f))):
            return True         # NYC = Nova Iorque, through its English name
    for letters in other.acronyms:
        if 1 < len(letters) <= 6:
            if any(k in w and m.initials(w) == letters for w in m.windows(len(letters))):
                return True
    return False


def _abbreviates(key: str, o: Tok) -> bool:
    """Acronym letters that are the other word's own letters: in any order when as many
    (SIDA/Aids), or in order from its first letter (AZ/Arizona, TV/Televisão)."""
    up = o.text.upper()
    if len(up) == len(key) and sorted(up) == sorted(key):
        return True
    if len(up) <= len(key) or up[0] != key[0]:
        return False
    it = iter(up[1:])
    return all(ch in it for ch in key[1:])


def _initials_of(form: str) -> str:
    """The initials of a name of several words ("New York" -> "NY"); "" for one word."""
    ws = [w for w in form.split() if w[:1].isupper()]
    return "".join(w[0].upper() for w in ws) if len(ws) > 1 else ""


def _starts(m: Mentions, ks: list[int], key: str) -> bool:
    return "".join(m.toks[j].text[0].upper() for j in ks) == key[:len(ks)]


def _explained(m: Mentions, k: int, other: Mentions) -> bool:
    """Part of a capitalised run followed by "(X)" where the other side has X, or the "(X)"
    itself after a run: expansions and acronyms explain each other."""
    toks = m.toks
    j = k
    while j + 1 < len(toks) and (toks[j + 1].capitalised or toks[j + 1].fold in connectors()) \
            and not re.search(r"[,;.()]", m.gap(j + 1)):
        j += 1
    inside = re.match(r"\s*\(([^()]{1,40})\)", m.text[toks[j].end:])
    if inside and any(fold(w) in other.folded for w in TOKEN.findall(inside.group(1))):
        return True
    # the word is inside brackets right after a run: "(IDB)" after "Inter-American ..."
    return k > 0 and bool(re.search(r"\(\s*$", m.text[:toks[k].start]))
