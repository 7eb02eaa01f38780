"""Names (people, places, organisations) that one side has and the other lacks or swaps.

Names are compared as names (`lang.names`); the translations and the dictionary only tell
names from common words. Per aligned pair (bead):

1. Candidates. A word of one side that may be a name (capitalised or a known name; not a
   title, month, connector or currency) and that the other side does not account for: not
   the same name (accents, transliteration, a short form), not the same gazetteer entry
   (Pequim/Beijing, Ministério da Saúde/Health Ministry), not an acronym of it or explained
   by it (BC/Central Bank, NHS/Serviço Nacional de Saúde through the dictionary), not in
   the other side's translation into this language (a translated word, "Central Bank" for
   "Banco Central", or a name the engine copied), not a dictionary translation of a word
   of the other side (Cruz/Cross). English context is no candidate: the home country
   ("Brazil's") and acronym compounds ("EU-funded"). The words of a Title Case headline say
   nothing about names, nor does a sentence's first word unless the engine copies it and
   the dictionary does not know it (a surname opening the sentence, not "Uh" or
   "Meanwhile"); without a translation (--engine none) only known names and acronyms are
   compared, since cognates ("Senado"/"Senate") cannot be told from swapped names.
2. Kind of each candidate: `known` (gazetteer), `acronym`, `name` (the engine copies it:
   engines copy names) or `word` (the engine translates it: a capitalised common word,
   "Grêmio", "Marinha", "Campeonato").
3. Pairs. Names (consecutive candidates) of the two sides are paired, and each pair gets a
   `swap` score from 0 to 1, higher when surer that one name replaced the other. For two
   words a and b:
       swap = (1 - likeness) × weight(a) × weight(b) × (1 - rendering) × place × elsewhere
   - likeness: the same name spelt two ways (lang.names.likeness; acronyms: same letters);
   - weight: 1, but WORD_IN_NAME for a common word inside a translated name or before a
     person's name (its words are rendered one by one: "Palácio das Nações", "o deputado
     Republicano Geoff Diehl");
   - rendering: how likely one is a free rendering of the other that the evidence cannot
     see: 0 for two known names and for a word of a person's name (after a given name both
     sides copy: "Conceição Lemos", "Ariana Grande": people's names are not translated);
     for two acronyms, the share of letters they have in common (TIJ/ICJ: one court, each
     language's word order); ACRONYM_RENDERING for an acronym against a word, which it may
     abbreviate in the other language (GOP/Republicano); otherwise how much a looks
     Portuguese times how much b looks English (lang.names.native): a Portuguese word
     against an English one may be one thing named in each language (Marinha/Navy,
     Campeonato/Premiership), while names that look alike on both sides (Menezes/Mendes,
     Trump/Muller, Grêmio/Internacional) were replaced. Against a known name whose
     English forms the gazetteer lists, that chance is halved;
   - place: FAR when the two sit far apart in their sentences (a name dropped at one end
     and another added at the other are two edits), 1 otherwise; two known names pair
     wherever the clause moved;
   - elsewhere: ELSEWHERE when each of the two names appears somewhere else in the other
     side's article (a person named where the other side says "the rapporteur", a court
     called "the Court"): a reference made differently, not a replaced name.
   A name's score is that of its worst word against its best counterpart, the lower of
   the two names' (each of the two must have a word the other cannot account for). No
   swap: a country and its capital (metonymy), a lower-case demonym against a name that is
   not a known place ("a capital mineira" = "Belo Horizonte"), and two `word`s: common
   words that the engine translates on both sides are no evidence of a name at all ("a
   Liga" = "the League", which the dictionary knows only as alloy, gang, connect); a
   changed common word is a mistranslation, not a swapped name.
   A name mentioned more often on one side (Trump twice, "Trump" once) joins the pairs
   when the other side has a name left over: the extra mention may be the replaced one
   (not a repetition in brackets, a translator's gloss: "Cinzas de Inhambane (Ashes of
   Inhambane)").
4. Policy. Names that a neighbouring bead accounts for are alignment slop. The bead's best
   pair reaching `Params.swap` is `major`; `critical` when it also reaches
   `Params.known_swap` as two known places, peoples or institutions (gazetteer) whose swap
   the back-translation confirms (the engine's English of the Portuguese has the
   Portuguese name's English form, not the English side's name). Names with no
   counterpart are `info`: English legitimately adds context ("the Rio club") and the
   omission check weighs what is dropped. One issue per bead.

Scores are observed per bead (`swap`; `known_swap` for pairs of known names) so that
`backcheck calibrate` chooses the thresholds on clean real translations.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from backcheck.checks.calibration import threshold
from backcheck.lang import dictionary, names
from backcheck.lang.lexicon import user
from backcheck.lang.normalise import fold
from backcheck.lang.words import stopwords
from backcheck.report.model import Issue

NAME = "entity"

# The shape of the score (see the module docstring); its thresholds are calibrated.
WORD_IN_NAME = 0.5       # a common word inside a translated name, or before a person's name
ACRONYM_RENDERING = 0.3  # an acronym against a word it may abbreviate in the other language
KNOWN_RENDERING = 0.5    # a known name's English forms are listed: a rendering is less likely
FAR = 0.25               # two names far apart in their sentences
FAR_APART = 0.4          # relative place in the sentence beyond which two names are far apart
ELSEWHERE = 0.5          # both names appear elsewhere in the other side's article
STEM = 5                 # letters of a shared stem that relate two words (empresa/empresarial)


@dataclass(frozen=True)
class Params:
    """Thresholds of the entity check (see checks.calibration)."""
    swap: float = threshold(0.65, score="swap", budget=1.0, floor=0.3,
                            doc="a name of one side replaced by another: major")
    known_swap: float = threshold(0.9, score="known_swap", budget=0.0, floor=0.9,
                                  doc="a known place, people or institution replaced by "
                                      "another, confirmed by the back-translation: critical")


@dataclass
class Cand:
    k: int                  # word index in its side's Mentions
    kind: str               # known, acronym, name, word
    weight: float = 1.0
    person: bool = False    # a word of a person's name (after a given name both sides copy)
    surplus: bool = False   # accounted for, but mentioned more often than on the other side
    elsewhere: bool = False  # the other side's article has it somewhere else


# ---- dictionary evidence ---------------------------------------------------------------------

class _Dictionary:
    """The dictionary's translations of the capitalised words of a whole article and the
    lemmas of all its words, looked up at once (as written, in lower case: the analysers
    need the accents); None when the dictionary is not installed."""

    def __init__(self, pt: names.Mentions, en: names.Mentions):
        self.tr = {"pt": dictionary.translations(
                       {t.text.lower() for t in pt.toks if t.capitalised}, "pt", "en"),
                   "en": dictionary.translations(
                       {t.text.lower() for t in en.toks if t.capitalised}, "en", "pt")}
        self.lem = {"pt": dictionary.lemmas({t.text.lower() for t in pt.toks}, "pt"),
                    "en": dictionary.lemmas({t.text.lower() for t in en.toks}, "en")}


class _Lexical:
    """What the dictionary says about the capitalised words of one bead."""

    def __init__(self, pt: names.Mentions, en: names.Mentions, d: _Dictionary | None):
        self.ok = d is not None
        self.sides = {"pt": pt, "en": en}
        if not self.ok:
            return
        self.tr = d.tr
        self.forms = {side: {t.fold for t in m.toks}.union(
                          *(d.lem[side].get(t.text.lower(), ()) for t in m.toks))
                      for side, m in (("pt", pt), ("en", en))}
        self.stems = {side: {f[:STEM] for f in forms if len(f) >= STEM}
                      for side, forms in self.forms.items()}

    def knows(self, word: str, lang: str) -> bool:
        """The dictionary translates `word`."""
        return self.ok and bool(self.tr[lang].get(word.lower()))

    def translates(self, word: str, lang: str) -> bool:
        """A dictionary translation of `word` is among the other side's words (as lemmas),
        or shares their stem (empresa/"empresarial" for Business)."""
        if not self.ok:
            return False
        other = "en" if lang == "pt" else "pt"
        tr = self.tr[lang].get(word.lower(), frozenset())
        return bool(tr & self.forms[other]) or any(
            len(w) >= STEM and w[:STEM] in self.stems[other] for w in tr)

    def initials(self, m: names.Mentions, k: int) -> set[str]:
        """The initials word k of `m` may have in the other language: its own, and those of
        its dictionary translations."""
        own = {m.toks[k].text[0].upper()}
        if not self.ok:
            return own
        return own | {w[0].upper() for w in self.tr[m.lang].get(m.toks[k].text.lower(), ()) if w}

    def spelled_out(self) -> set[tuple[str, int]]:
        """Acronyms of one side spelt out, translated, on the other, with the words that
        spell them (NHS / Serviço Nacional de Saúde: service, national, health)."""
        out = set()
        for side, other in (("pt", "en"), ("en", "pt")):
            m, o = self.sides[side], self.sides[other]
            for j in range(len(m.toks)):
                key = m.acronym(j)
                if not key or len(key) > 6:
                    continue
                for w in o.windows(len(key)):
                    if _spells(sorted(key), [self.initials(o, k) for k in w]):
                        out.add((side, j))
                        out.update((other, k) for k in w)
        return out


def _spells(letters: list[str], options: list[set[str]]) -> bool:
    """Some choice of one initial per word gives exactly these letters (in any order)."""
    if not options:
        return not letters
    for ch in options[0]:
        if ch in letters:
            rest = list(letters)
            rest.remove(ch)
            if _spells(rest, options[1:]):
                return True
    return False


# ---- candidates --------------------------------------------------------------------------------

def _mt_words(tr, idxs) -> set | None:
    if tr is None:
        return None
    return {fold(w) for i in idxs for w in names.TOKEN.findall(tr[i] or "")}


def candidates(m: names.Mentions, other: names.Mentions, own_mt: set | None,
               other_mt: set | None, lex: _Lexical, spelled: set) -> list[Cand]:
    """The words of `m` that may be names and that `other` does not account for.
    own_mt: folded words of the translation of `m` into the other language;
    other_mt: folded words of the translation of `other` into the language of `m`;
    spelled: (side, word) acronyms and words that spell each other out."""
    out = []
    for k, t in enumerate(m.toks):
        if not m.is_candidate(k) or names.accounted(m, k, other) or (m.lang, k) in spelled:
            continue
        if other_mt is not None and t.fold in other_mt:
            continue            # the other side's translation has it
        if lex.translates(t.text, m.lang):
            continue            # a common word the dictionary translates into the other side
        known, acronym = m.known(k), m.acronym(k)
        if known and m.lang == "en" and names.home(m.group_of[k], m.gaz):
            continue            # English adds "Brazil's", "Brazilian" as context for readers
        if acronym and m.lang == "en" and names.context_compound(m.text, t.end):
            continue
        if known:
            out.append(Cand(k, "known"))
        elif acronym and not lex.knows(t.text, m.lang):
            out.append(Cand(k, "acronym"))
        elif own_mt is None or m.title_case and not acronym:
            continue            # says nothing about names (see the module docstring)
        elif t.initial and (not lex.ok or lex.knows(t.text, m.lang) or t.fold not in own_mt
                            or t.fold in stopwords(m.lang)):
            continue            # a sentence's capital: a name only when the engine copies
                                # a word the dictionary does not know ("Russo", not "Uh")
        else:
            out.append(Cand(k, "word" if t.fold not in own_mt else "name"))
    return out


def _weigh(m: names.Mentions, c: Cand, other: names.Mentions, own_mt: set | None,
           lex: _Lexical) -> None:
    """A common word's weight and whether it belongs to a person's name."""
    if c.kind != "word":
        return
    rest = [j for j in m.run_of(c.k) if j != c.k and not names.never_name(m.toks[j].text)]
    if not rest:
        return                  # a word standing alone as a name ("o Grêmio")
    # the other words are names both sides copy, which the dictionary does not know
    copied = own_mt is not None and all(m.toks[j].fold in own_mt and m.toks[j].fold in
                                        other.folded and not lex.knows(m.toks[j].text, m.lang)
                                        for j in rest)
    if copied and rest[0] < c.k:
        c.person = True         # a surname that is also a word (Conceição Lemos)
    else:
        c.weight = WORD_IN_NAME


def _key(m: names.Mentions, k: int):
    return ("known", m.group_of[k]) if m.known(k) else ("name", names.skeleton(m.toks[k].text))


def _mentions(m: names.Mentions) -> list[int]:
    """The first word of each name mention (a known name of several words counts once)."""
    out = []
    for k in range(len(m.toks)):
        if not m.is_candidate(k) or m.toks[k].initial and not m.known(k):
            continue
        if k and m.known(k) and m.group_of.get(k - 1) == m.group_of[k]:
            continue
        out.append(k)
    return out


BRACKETED = re.compile(r"\([^()]*\)")


def surplus(m: names.Mentions, other: names.Mentions) -> list[Cand]:
    """Names that `m` mentions more often than `other` (Trump twice, "Trump" once). A
    mention in brackets that repeats a name said outside them is a gloss ("Cinzas de
    Inhambane (Ashes of Inhambane)"), not one more mention."""
    brackets = [(b.start(), b.end()) for b in BRACKETED.finditer(m.text)]
    mine = _mentions(m)
    inside = {k for k in mine if any(a < m.toks[k].start < b for a, b in brackets)}
    outside = {_key(m, k) for k in mine if k not in inside}
    mine = [k for k in mine if k not in inside or _key(m, k) not in outside]
    theirs = Counter(_key(other, k) for k in _mentions(other))
    counts = Counter(_key(m, k) for k in mine)
    out = []
    for k in mine:
        if counts[_key(m, k)] > theirs[_key(m, k)] >= 1:
            kind = "known" if m.known(k) else "acronym" if m.acronym(k) else "name"
            out.append(Cand(k, kind, surplus=True))
    return out


# ---- scores ------------------------------------------------------------------------------------

def _acronym_overlap(a: str, b: str) -> float:
    rest, common = list(b), 0
    for ch in a:
        if ch in rest:
            rest.remove(ch)
            common += 1
    return common / max(len(a), len(b))


def unrelated(pt: names.Mentions, a: Cand, en: names.Mentions, b: Cand) -> float:
    """How surely a Portuguese candidate `a` and an English candidate `b` are two different
    names at one place, 0 to 1 (the swap score before the words' weights)."""
    ta, tb = pt.toks[a.k], en.toks[b.k]
    both_known = a.kind == "known" and b.kind == "known"
    if a.kind == "word" and b.kind == "word":
        return 0.0      # two common words the engine translates: not names (docstring, 3)
    if both_known and names.metonym(pt.group_of[a.k], en.group_of[b.k], pt.gaz):
        return 0.0
    # a lower-case demonym rephrased as a name is a swap only against another known place
    for m, c, o in ((pt, a, b), (en, b, a)):
        if not m.toks[c.k].capitalised and o.kind != "known":
            return 0.0
    if a.kind == "acronym" and b.kind == "acronym":
        key_a, key_b = pt.acronym(a.k), en.acronym(b.k)
        like, rendering = float(sorted(key_a) == sorted(key_b)), _acronym_overlap(key_a, key_b)
    else:
        # two entries of the gazetteer are two names however alike they look (Paraná and
        # Pará are two states, not one spelt short)
        like = 0.0 if both_known and pt.group_of[a.k] != en.group_of[b.k] \
            else names.likeness(ta.text, tb.text)
        if both_known or a.person or b.person:
            rendering = 0.0
        elif "acronym" in (a.kind, b.kind):
            rendering = ACRONYM_RENDERING
        else:
            rendering = (names.native(ta.text, "pt") * names.native(tb.text, "en")) ** 2
            if "known" in (a.kind, b.kind):
                rendering *= KNOWN_RENDERING
    place = 1.0
    if not both_known and abs(pt.position(a.k) - en.position(b.k)) > FAR_APART:
        place = FAR
    elsewhere = ELSEWHERE if a.elsewhere and b.elsewhere and not both_known else 1.0
    return (1 - like) * (1 - rendering) * place * elsewhere


def _groups(m: names.Mentions, cs: list[Cand]) -> list[list[int]]:
    """Candidates grouped into the names they belong to (consecutive words of one name)."""
    out = []
    for c in sorted(cs, key=lambda c: c.k):
        if out and c.k == out[-1][-1] + 1 and not re.search(r"[,;.()]", m.gap(c.k)):
            out[-1].append(c.k)
        else:
            out.append([c.k])
    return out


def _name_score(pt, A, pcs, en, B, ecs) -> tuple[float, tuple[int, int]]:
    """The swap score of two names: each word, weighted, against its closest counterpart
    in the other name; the name's surest such word; the lower of the two names' (each must
    have a word the other cannot account for)."""
    u = {(a, b): unrelated(pt, pcs[a], en, ecs[b]) for a in A for b in B}
    pa = max(pcs[a].weight * min(u[a, b] for b in B) for a in A)
    pb = max(ecs[b].weight * min(u[a, b] for a in A) for b in B)
    return min(pa, pb), max(u, key=lambda ab: u[ab] * pcs[ab[0]].weight * ecs[ab[1]].weight)


def _extend(m: names.Mentions, k: int, cands: dict) -> list[int]:
    """The candidate words next to word k that belong to its name (Marcos Tavares)."""
    ks = [k]
    for step in (-1, 1):
        j = k + step
        while j in cands and not re.search(r"[,;.()]", m.gap(max(j, j - step))):
            ks.append(j)
            j += step
    return ks


def _span(m: names.Mentions, ks: list[int]) -> list[str]:
    """The names these words belong to, as written."""
    return [m.text[m.toks[g[0]].start:m.toks[g[-1]].end]
            for g in _groups(m, [Cand(k, "") for k in ks])]


def _confirmed(pt: names.Mentions, a: int, en: names.Mentions, b: int, bt: str | None) -> bool:
    """The back-translation of the Portuguese names the Portuguese place in English, not
    the English side's: the engine read the Portuguese name as the one it is."""
    if bt is None:
        return False
    back = names.mentions(bt, "en", gaz=pt.gaz)
    return pt.group_of[a] in back.groups and en.group_of[b] not in back.groups


# ---- the check --------------------------------------------------------------------------------

class _Article:
    """Both sides of the whole article and their translations: where else a name is; and
    the dictionary's knowledge of its words."""

    def __init__(self, ctx, gaz):
        self.pt = names.mentions(" ".join(s.text for s in ctx.seg.pt), "pt", gaz=gaz)
        self.en = names.mentions(" ".join(s.text for s in ctx.seg.en), "en", gaz=gaz)
        self.pt2en = _mt_words(ctx.pt2en, range(len(ctx.seg.pt))) or set()
        self.en2pt = _mt_words(ctx.en2pt, range(len(ctx.seg.en))) or set()
        self.dictionary = _Dictionary(self.pt, self.en) if dictionary.available() else None

    def has(self, m: names.Mentions, k: int) -> bool:
        """The other side's article accounts for word k of `m` somewhere."""
        other, mt = (self.en, self.en2pt) if m.lang == "pt" else (self.pt, self.pt2en)
        return bool(names.accounted(m, k, other)) or m.toks[k].fold in mt


def check(ctx) -> list:
    p = ctx.params(NAME, Params)
    gaz = names.gazetteer(user(ctx.config))
    whole = _Article(ctx, gaz)
    issues = []
    beads = ctx.beads
    text = lambda side, idxs: " ".join((ctx.seg.pt if side == "pt" else ctx.seg.en)[i].text
                                       for i in idxs)
    for n, bead in enumerate(beads):
        if not bead.src or not bead.tgt:
            continue
        head = ctx.seg.pt[bead.src[0]].field == "headline"
        pt = names.mentions(text("pt", bead.src), "pt", head, gaz)
        en = names.mentions(text("en", bead.tgt), "en", head, gaz)
        lex = _Lexical(pt, en, whole.dictionary)
        spelled = lex.spelled_out()
        pt2en, en2pt = _mt_words(ctx.pt2en, bead.src), _mt_words(ctx.en2pt, bead.tgt)
        pc = candidates(pt, en, pt2en, en2pt, lex, spelled)
        ec = candidates(en, pt, en2pt, pt2en, lex, spelled)
        if not pc and not ec:
            continue
        near = [beads[j] for j in (n - 1, n + 1) if 0 <= j < len(beads)]
        near_pt = names.mentions(" ".join(text("pt", b.src) for b in near), "pt", gaz=gaz)
        near_en = names.mentions(" ".join(text("en", b.tgt) for b in near), "en", gaz=gaz)
        # names a neighbouring bead accounts for are alignment slop: a pair needs one that is not
        slop = {("pt", c.k) for c in pc if names.accounted(pt, c.k, near_en)} | \
            {("en", c.k) for c in ec if names.accounted(en, c.k, near_pt)}
        if len(slop) == len(pc) + len(ec):
            continue
        if ec and not pc:       # a name left over on one side only
            pc = surplus(pt, en)
            slop |= {("pt", c.k) for c in pc}
        elif pc and not ec:
            ec = surplus(en, pt)
            slop |= {("en", c.k) for c in ec}
        for m, cs, other, mt in ((pt, pc, en, pt2en), (en, ec, pt, en2pt)):
            for c in cs:
                _weigh(m, c, other, mt, lex)
                c.elsewhere = whole.has(m, c.k)
        pcs, ecs = {c.k: c for c in pc}, {c.k: c for c in ec}
        bt = ctx.translation("pt", bead.src)
        best, best_known, pair = 0.0, 0.0, None
        pairs = [(A, B) for A in _groups(pt, pc) for B in _groups(en, ec)]
        pairs += [([a.k], [b.k]) for a in pc for b in ec if a.kind == b.kind == "known"]
        for A, B in pairs:
            if all(("pt", a) in slop for a in A) and all(("en", b) in slop for b in B):
                continue
            s, (a, b) = _name_score(pt, A, pcs, en, B, ecs)
            if s > best:
                best, pair = s, (a, b)
            if pcs[a].kind == "known" and ecs[b].kind == "known" and s > best_known \
                    and _confirmed(pt, a, en, b, bt):
                best_known = s
        if pc and ec:
            ctx.observe(NAME, "swap", best)
            ctx.observe(NAME, "known_swap", best_known)
        if pair and best >= p.swap:
            severity = "critical" if best_known >= p.known_swap else "major"
            pt_names = _span(pt, _extend(pt, pair[0], pcs))
            en_names = _span(en, _extend(en, pair[1], ecs))
            msg = f"name {', '.join(pt_names)} in Portuguese is {', '.join(en_names)} in English"
        else:
            severity = "info"
            pt_names = _span(pt, [k for k in pcs if ("pt", k) not in slop])
            en_names = _span(en, [k for k in ecs if ("en", k) not in slop])
            if not pt_names and not en_names:
                continue
            msg = "; ".join(
                [f"name {', '.join(pt_names)} in Portuguese is missing from the English"] * bool(pt_names)
                + [f"name {', '.join(en_names)} in English is not in the Portuguese"] * bool(en_names))
        issues.append(Issue("entity", severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                            msg, {"pt_items": pt_names, "en_items": en_names,
                                  "score": round(best, 3), "back_translation": bt,
                                  "en2pt": ctx.translation("en", bead.tgt),
                                  "similarity": bead.score}))
    return issues
