"""Names (people, places, organisations) that one side has and the other lacks or swaps.

Names are compared as names, not through the translation alone: rule-based engines
turn names into common words (Sorriso -> "Smile", Pequim -> "Peking"). A capitalised
word (or a known demonym) of one side is supported when the other side has it
(accent-insensitive, with a transliteration skeleton so Zelenski = Zelensky), when
both sides name the same place in their own language (data/exonyms.tsv: Pequim/Beijing,
EUA/U.S., uruguaio/Uruguayan, SP/São Paulo, ...), when it is a reordered acronym
(BID/IDB), or when it is explained by a bracketed acronym the other side has
("Brazilian Football Confederation (CBF)").

The translation then tells names from common words: a capitalised English word that
appears in the translation of the Portuguese is a translated word ("Central Bank" for
"Banco Central"), not a swapped name; one that the back-translation copies unchanged
is a name (engines copy names). Sentence-initial words and Title Case headlines say
nothing about names. Without a translation (--engine none) cognates ("Senado"/"Senate")
cannot be told from swapped names, so only known names (the exonym list) and acronyms
are compared.

The home country is context: English may add "Brazil's" or "Brazilian" where Portuguese
says "do país"; only the Portuguese side's "Brasil" counts as a name to keep.

Severity policy: a name on each side with no counterpart on the other, at about the
same place in the sentence (a replaced person, place or organisation: "Menezes" vs
"Mendes", "Lisboa" vs "Porto") is `major`. A name on one side only is `info` (not scored): English legitimately adds
context ("the Rio club", "Brazil's") and the omission check weighs what is dropped.
Names that appear in a neighbouring bead are alignment slop, not errors. A country or
its demonym against its capital (data/metonyms.tsv: "governo argentino" = "Buenos
Aires", "europeu" = "EU") is metonymy, not a swap. One issue per bead.
"""
from __future__ import annotations

from dataclasses import dataclass

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from backcheck.report.model import Issue

NAME = "entity"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)?", re.U)
CONNECT = {"de", "do", "da", "dos", "das", "e", "of", "the", "and", "for", "del", "van", "von"}
SKIP = {
    # months and weekdays (the number check compares dates)
    "janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
    "outubro", "novembro", "dezembro", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "segunda", "terca",
    "quarta", "quinta", "sexta", "sabado", "domingo", "feira", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday",
    # titles and forms of address
    "president", "presidente", "minister", "ministro", "ministra", "dr", "dra", "mr", "mrs", "ms",
    "sr", "sra", "justice", "governor", "governador", "deputy", "deputado", "deputada",
    "senator", "senador", "secretary", "secretario", "secretaria", "chief", "judge", "ceo",
    "professor", "prof", "jr", "junior", "filho", "neto", "sobrinho",
}
END = re.compile(r"[.!?:;]\s*[“”\"‘’'(\[«»—–-]*\s*$")   # a gap that ends a sentence


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.casefold())
                   if unicodedata.category(c) != "Mn")


def skeleton(s: str) -> str:
    """Transliteration-insensitive form: Zelenski/Zelensky, Volodimir/Volodymyr."""
    s = fold(s)
    for a, b in (("ph", "f"), ("th", "t"), ("dj", "j"), ("y", "i"), ("k", "c"), ("w", "v"),
                 ("sch", "sh"), ("tch", "ch")):
        s = s.replace(a, b)
    return re.sub(r"(.)\1", r"\1", s)


def _strip(tok: str) -> str:
    return re.sub(r"['’]s?$", "", tok)


@lru_cache(maxsize=1)
def exonyms() -> tuple[dict, dict]:
    """({pt phrase tuple: group}, {en phrase tuple: group}) from data/exonyms.tsv."""
    pt, en = {}, {}
    text = resources.files("backcheck").joinpath("data/exonyms.tsv").read_text("utf-8")
    for g, line in enumerate(text.splitlines()):
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        ptf, enf = line.split("\t", 1)
        for form in ptf.split("|"):
            for f in _inflect(form.strip()):
                pt[tuple(TOKEN.findall(f))] = g
        for form in enf.split("|"):
            en[tuple(TOKEN.findall(form.strip()))] = g
    return pt, en


@lru_cache(maxsize=1)
def home_group() -> int | None:
    """The exonym group of Brazil, the home country of the articles."""
    return exonyms()[0].get(("Brasil",))


@lru_cache(maxsize=1)
def home_groups() -> set:
    """Brazil and Portugal: English adds either as context for readers abroad
    ("Brazil's health regulator", "Portugal's recovery plan")."""
    return {g for g in (home_group(), exonyms()[0].get(("Portugal",))) if g is not None}


# An acronym as a compound modifier ("EU-funded", "US-backed", "UN-brokered") is context
# an English editor adds; the name it stands for is seldom in the Portuguese sentence.
CONTEXT_COMPOUND = re.compile(r"-(?:funded|backed|led|based|owned|financed|sponsored|"
                              r"brokered|made|run|linked|allied|imposed|wide)\b")


@lru_cache(maxsize=1)
def metonyms() -> set[tuple[int, int]]:
    """{(exonym group, group it stands for)} from data/metonyms.tsv."""
    pt = exonyms()[0]
    text = resources.files("backcheck").joinpath("data/metonyms.tsv").read_text("utf-8")
    out = set()
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        country, city = (pt.get(tuple(TOKEN.findall(f.strip()))) for f in line.split("\t", 1))
        if country is not None and city is not None:
            out.add((city, country))
    return out


def _inflect(form: str) -> list[str]:
    """A Portuguese demonym's feminine and plural forms (uruguaio: uruguaia, uruguaios...)."""
    if not form.islower():
        return [form]
    if form.endswith("ês"):
        return [form, form[:-2] + "esa", form[:-2] + "eses", form[:-2] + "esas"]
    if form.endswith("o"):
        return [form, form[:-1] + "a", form + "s", form[:-1] + "as"]
    if form.endswith("e") or form.endswith("a"):
        return [form, form + "s"]
    return [form]


class Side:
    """Tokens of one side of a bead, with their exonym groups."""

    def __init__(self, text: str, lang: str, headline: bool = False):
        self.text = text
        self.lang = lang
        self.toks = []          # (original token, start, end, sentence-initial)
        prev = 0
        for m in TOKEN.finditer(text):
            tok = _strip(m.group(0))
            # only the gap since the previous word can end a sentence (linear time)
            initial = not self.toks or bool(END.search(text[prev:m.start()]))
            self.toks.append((tok, m.start(), m.end(), initial))
            prev = m.end()
        self.folded = {fold(t) for t, *_ in self.toks}
        self.skeletons = {skeleton(t) for t, *_ in self.toks}
        self.acronyms = {"".join(sorted(t.replace(".", ""))) for t, *_ in self.toks
                         if t.isupper() and len(t) > 1}
        self.group_of = {}      # token index -> exonym group
        table = exonyms()[0 if lang == "pt" else 1]
        i = 0
        while i < len(self.toks):
            for n in range(5, 0, -1):
                words = tuple(t for t, *_ in self.toks[i:i + n])
                if len(words) < n:
                    continue
                g = _lookup(table, words)
                if g is not None:
                    for k in range(i, i + n):
                        self.group_of[k] = g
                    i += n - 1
                    break
            i += 1
        self.groups = set(self.group_of.values())
        self.runs = None        # capitalised runs, computed on demand
        # Title Case headlines capitalise common words: case says nothing about names there
        long_words = [t for t, *_ in self.toks if len(t) > 4]
        self.title_case = headline and len(long_words) >= 3 and \
            not any(t[0].islower() for t in long_words)


def _lookup(table: dict, words: tuple) -> int | None:
    """Exact case for acronyms and capitalised forms; lowercase forms (demonyms)
    also match when capitalised."""
    g = table.get(words)
    if g is not None:
        return g
    low = tuple(w.lower() for w in words)
    g = table.get(low)
    return g


def _parenthesised_after(text: str, end: int) -> str | None:
    m = re.match(r"\s*\(([^()]{1,40})\)", text[end:])
    return m.group(1) if m else None


def candidates(side: Side, other: Side, own_mt: set | None, other_mt: set | None,
               soft: list | None = None) -> list[int]:
    """Indices of name tokens of `side` that `other` does not support.
    own_mt: folded words of the machine translation of this side into the other language;
    other_mt: folded words of the translation of the other side into this language.
    soft, when given, receives the capitalised mid-sentence words left out only because
    the engine translates them (local names made of common words: Afogados, Grêmio)."""
    out = []
    toks = side.toks
    for k, (tok, start, end, initial) in enumerate(toks):
        f = fold(tok)
        known = k in side.group_of
        if not known and (not tok[:1].isupper() or f in CONNECT):
            continue
        if f in SKIP or len(tok) < 2 and not known or side.text[end:end + 1] == "$":
            continue            # "US$" is a currency
        if _acronym_match(side, other, k):
            continue
        if f in other.folded or skeleton(tok) in other.skeletons or _variant(f, other):
            continue
        if known and side.group_of[k] in other.groups:
            continue
        if tok.isupper() and "".join(sorted(tok)) in other.acronyms:
            continue
        if _explained(side, other, k):
            continue
        if other_mt is not None and f in other_mt:
            continue            # the other side's translation has it: a translated word
        if known and side.lang == "en" and side.group_of[k] in home_groups():
            continue            # English adds "Brazil's", "Brazilian" as context for readers
        if side.lang == "en" and tok.isupper() and CONTEXT_COMPOUND.match(side.text[end:end + 12]):
            continue
        if not known:
            if initial:
                continue        # a capitalised first word is usually a common word
            if own_mt is None and not (tok.isupper() and len(tok) > 1):
                continue        # without a translation only known names and acronyms count
            if side.title_case and not tok.isupper():
                continue
            if own_mt is not None and f not in own_mt:
                if soft is not None:
                    soft.append(k)
                continue        # the engine translates it: a common word, not a name
        out.append(k)
    return out


def _variant(f: str, other: Side) -> bool:
    """A spelling variant of a word of the other side (Theatro/Theatre, Museu/Museum,
    Francisco/Francis):
    same first four letters, length within one, nearly the same letters. Replaced names
    (Menezes/Mendes, Lemos/Lima) differ early."""
    if len(f) < 5:
        return False
    return any(len(w) >= 5 and w[:4] == f[:4] and (
        abs(len(w) - len(f)) <= 1 and fuzz.ratio(w, f) >= 85
        or abs(len(w) - len(f)) <= 2 and (w.startswith(f) or f.startswith(w)))  # Francisco/Francis
        for w in other.folded)


def _runs(side: Side) -> list[list[int]]:
    """Runs of capitalised tokens (connectors allowed inside), not across punctuation."""
    if side.runs is None:
        side.runs = _find_runs(side)
    return side.runs


def _find_runs(side: Side) -> list[list[int]]:
    runs, cur = [], []
    for k, (tok, start, end, _) in enumerate(side.toks):
        gap = side.text[side.toks[k - 1][2]:start] if k else ""
        if cur and re.search(r"[,;.()“”\"]", gap):
            runs.append(cur)
            cur = []
        if tok[:1].isupper():
            cur.append(k)
        elif cur and fold(tok) in CONNECT:
            continue
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _windows(side: Side, size: int):
    """Consecutive capitalised tokens (connectors skipped) of each run, `size` at a time."""
    for r in _runs(side):
        content = [k for k in r if fold(side.toks[k][0]) not in CONNECT]
        for i in range(len(content) - size + 1):
            yield content[i:i + size]


def _initials(side: Side, ks: list[int]) -> str:
    return "".join(sorted(side.toks[k][0][0].upper() for k in ks))


def _acronym_match(side: Side, other: Side, k: int) -> bool:
    """An acronym whose letters are the initials of capitalised words of the other side
    (BC / Central Bank, in any order), or a word of such a group when the acronym is
    on the other side."""
    tok = side.toks[k][0]
    if tok.isupper() and len(tok) > 1:
        letters = "".join(sorted(tok.replace(".", "")))
        if any(_initials(other, w) == letters for w in _windows(other, len(letters))):
            return True
    for letters in other.acronyms:
        if 1 < len(letters) <= 6:
            if any(k in w and _initials(side, w) == letters for w in _windows(side, len(letters))):
                return True
    return False


def _explained(side: Side, other: Side, k: int) -> bool:
    """Part of a capitalised run followed by "(X)" where the other side has X, or the
    "(X)" itself after a run: expansions and acronyms explain each other."""
    toks = side.toks
    j = k
    while j + 1 < len(toks) and (toks[j + 1][0][:1].isupper() or fold(toks[j + 1][0]) in CONNECT) \
            and not re.search(r"[,;.()]", side.text[toks[j][2]:toks[j + 1][1]]):
        j += 1
    inside = _parenthesised_after(side.text, toks[j][2])
    if inside and any(fold(w) in other.folded for w in TOKEN.findall(inside)):
        return True
    # the token is inside brackets right after a run: "(IDB)" after "Inter-American ..."
    before = side.text[:toks[k][1]]
    if re.search(r"\(\s*$", before) and k > 0:
        return True
    return False


def _spans(side: Side, idxs: list[int]) -> list[str]:
    """Group candidate tokens into the names they belong to, as written."""
    spans, cur = [], []
    for k in idxs:
        if cur and k == cur[-1] + 1 and not re.search(r"[,;.()]", side.text[side.toks[cur[-1]][2]:side.toks[k][1]]):
            cur.append(k)
        else:
            if cur:
                spans.append(cur)
            cur = [k]
    if cur:
        spans.append(cur)
    return [side.text[side.toks[s[0]][1]:side.toks[s[-1]][2]] for s in spans]


def _mt_words(tr, idxs) -> set | None:
    if tr is None:
        return None
    return {fold(w) for i in idxs for w in TOKEN.findall(tr[i] or "")}


def check(ctx) -> list:
    issues = []
    beads = ctx.beads
    text = lambda side, idxs: " ".join((ctx.seg.pt if side == "pt" else ctx.seg.en)[i].text for i in idxs)
    for k, bead in enumerate(beads):
        if not bead.src or not bead.tgt:
            continue
        head = ctx.seg.pt[bead.src[0]].field == "headline"
        pt, en = Side(text("pt", bead.src), "pt", head), Side(text("en", bead.tgt), "en", head)
        pt2en, en2pt = _mt_words(ctx.pt2en, bead.src), _mt_words(ctx.en2pt, bead.tgt)
        soft_pt, soft_en = [], []
        strict_pt = candidates(pt, en, pt2en, en2pt, soft_pt)
        strict_en = candidates(en, pt, en2pt, pt2en, soft_en)
        if not strict_pt and not strict_en:
            continue
        near = [beads[j] for j in (k - 1, k + 1) if 0 <= j < len(beads)]
        near_pt = Side(" ".join(text("pt", b.src) for b in near), "pt")
        near_en = Side(" ".join(text("en", b.tgt) for b in near), "en")
        left_pt = [i for i in strict_pt if not _supported_by(pt, i, near_en)]
        left_en = [i for i in strict_en if not _supported_by(en, i, near_pt)]
        # a name against a capitalised word the engine translated, neither found on the
        # other side: a name replaced by a local name made of common words
        # ("garagem de Afogados" -> "Casa Amarela depot", "o Grêmio" -> "Internacional")
        if left_en and not strict_pt and _local(en, left_en):
            left_pt = [i for i in soft_pt if _lone(pt, i, en) and not _supported_by(pt, i, near_en)]
            strict_pt = left_pt
        elif left_pt and not strict_en and _local(pt, left_pt):
            left_en = [i for i in soft_en if _lone(en, i, pt) and not _supported_by(en, i, near_pt)]
            strict_en = left_en
        # a place named by its seat on one side ("Washington") and its country on the
        # other ("US") is metonymy, whatever else the sentence names
        meto = [(a, b) for a in left_pt for b in left_en if _metonym(pt, [a], en, [b])]
        if meto:
            left_pt = [a for a in left_pt if all(a != x for x, _ in meto)]
            left_en = [b for b in left_en if all(b != y for _, y in meto)]
            strict_pt = [a for a in strict_pt if all(a != x for x, _ in meto)]
            strict_en = [b for b in strict_en if all(b != y for _, y in meto)]
            if not left_pt and not left_en and not strict_pt and not strict_en:
                continue
        pt_names, en_names = _spans(pt, left_pt or strict_pt), _spans(en, left_en or strict_en)
        if (left_pt and strict_en and _swapped(pt, left_pt, en, strict_en)) or \
                (left_en and strict_pt and _swapped(pt, strict_pt, en, left_en)):
            severity = "major"
            msg = f"name {', '.join(pt_names)} in Portuguese is {', '.join(en_names)} in English"
        elif left_pt and left_en:
            severity = "info"
            msg = (f"name {', '.join(pt_names)} in Portuguese is missing from the English; "
                   f"name {', '.join(en_names)} in English is not in the Portuguese")
        elif left_pt:
            severity = "info"
            msg = f"name {', '.join(pt_names)} in Portuguese is missing from the English"
            en_names = []
        elif left_en:
            severity = "info"
            msg = f"name {', '.join(en_names)} in English is not in the Portuguese"
            pt_names = []
        else:
            continue
        bt = ctx.translation("pt", bead.src)
        e2p = ctx.translation("en", bead.tgt)
        issues.append(Issue("entity", severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                            msg, {"pt_items": pt_names, "en_items": en_names,
                                  "back_translation": bt, "en2pt": e2p,
                                  "similarity": bead.score}))
    return issues


def _local(side: Side, idx: list[int]) -> bool:
    """Capitalised names, not lower-case demonyms (those are weighed by _swapped)."""
    return not any(side.toks[k][0][:1].islower() for k in idx)


def _lone(side: Side, k: int, other: Side) -> bool:
    """A capitalised word standing alone (a district, a club: "Afogados", "Grêmio"), or
    whose name's other words the other side copies ("Conceição Lemos" / "Conceição
    Lima"). Words of a translated name ("Palácio das Nações", "Ordem dos Médicos") are
    rendered word by word, so their vanishing proves nothing."""
    for r in _runs(side):
        if k in r:
            rest = [j for j in r if j != k and fold(side.toks[j][0]) not in CONNECT]
            return all(fold(side.toks[j][0]) in other.folded for j in rest)
    return False


def _close(pt: Side, pt_idx: list[int], en: Side, en_idx: list[int]) -> bool:
    """A replaced name sits at about the same place in both sentences; a name dropped at
    one end and another added at the other are two unrelated edits."""
    def rel(side, k):
        return side.toks[k][1] / max(len(side.text), 1)
    return any(abs(rel(pt, a) - rel(en, b)) <= 0.4 for a in pt_idx for b in en_idx)


def _swapped(pt: Side, pt_idx: list[int], en: Side, en_idx: list[int]) -> bool:
    """A replaced name: close in place, and not a lower-case demonym rephrased as a
    name ("a capital mineira" = "Belo Horizonte"): a demonym counts as swapped only
    against another known place or people."""
    def weak(side, idx, other, other_idx):
        return all(side.toks[k][0][:1].islower() for k in idx) and \
            not any(k in other.group_of for k in other_idx)
    if weak(pt, pt_idx, en, en_idx) or weak(en, en_idx, pt, pt_idx):
        return False
    if _metonym(pt, pt_idx, en, en_idx):
        return False
    if all(k in pt.group_of for k in pt_idx) and all(k in en.group_of for k in en_idx):
        return True         # a known place or people for another, wherever the clause went
    return _close(pt, pt_idx, en, en_idx)


def _metonym(pt: Side, pt_idx: list[int], en: Side, en_idx: list[int]) -> bool:
    """A country (or its people) on one side and its capital on the other: news names a
    government by its seat ("o governo argentino respondeu" = "Buenos Aires replied",
    "Bruxelas propõe" = "EU proposes")."""
    gp = {pt.group_of.get(k) for k in pt_idx}
    ge = {en.group_of.get(k) for k in en_idx}
    if None in gp or None in ge:
        return False
    cap = metonyms()
    rel = lambda a, b: (a, b) in cap or (b, a) in cap
    return all(any(rel(a, b) for b in ge) for a in gp) and \
        all(any(rel(a, b) for a in gp) for b in ge)


def _supported_by(side: Side, k: int, other: Side) -> bool:
    tok = side.toks[k][0]
    if fold(tok) in other.folded or skeleton(tok) in other.skeletons:
        return True
    return k in side.group_of and side.group_of[k] in other.groups
