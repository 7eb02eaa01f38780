#!/usr/bin/env python3
"""Inject realistic translation errors into the English side of clean corpus-format articles.

Reads every CLEAN_DIR/*.json (the corpus format of ../shared/corpus/FORMAT.md: `pt` is the
source, `en` its faithful translation, unit k of `en` translating unit k of `pt`) and writes a
complete scoring corpus to OUT_DIR:

  OUT_DIR/clean/<id>.json          byte copies of the input articles
  OUT_DIR/corrupted/<id>-a.json    the English corrupted, with a `gold` list (FORMAT.md)
  OUT_DIR/inject.json              the settings and the number of errors of each type

so that `python ../shared/corpus/score.py OUT_DIR REPORTS_DIR` scores a checker's reports on
real text. Seeded and deterministic: the same input, seed and options give byte-identical
files (every random choice comes from a random.Random seeded with the seed, the article id
and the variant; nothing depends on set order or the hash seed).

The eight error types, in the forms a newsroom meets (word lists: benchmarks/inject_data/):
  number          a figure changed: digits changed or transposed, a year moved, x10,
                  a written-out number or a magnitude ("thousands" -> "millions"), a month
                  next to a day ("June 19" -> "August 19")
  negation        a negation dropped ("did not say" -> "said", "is not" -> "is", "never")
                  or added ("said" -> "did not say", "will" -> "will not")
  entity          a person's surname, a place, a nationality, an organisation swapped for
                  another of the same kind, including inside multi-word names
                  ("Ministry of Health" -> "Ministry of Defence", "Business Secretary")
  mistranslation  one content word replaced by an antonym or a plausible wrong word
                  (police -> army, rose -> fell, daughter -> niece), grammar kept
  omission        a whole unit dropped (en_unit null), or its second half cut off at a
                  comma or a conjunction
  addition        a sentence of ANOTHER story of the corpus inserted as a unit of its own
                  (pt_unit null), or a clause appended to a sentence
  untranslated    the unit's Portuguese left in place of the English, or its last clause
  artifact        CMS junk: leftover HTML tags or entities, placeholders ([TK]), a CMS id
                  glued to a word, a duplicated fragment, a doubled word
Types are kept roughly balanced over the whole run (the type with the fewest errors so far
goes first when it applies); each error touches a unit of its own; a few land in the headline
(`field: "headline"`, null units). Gold indices point into the corrupted file's own bodies:
`pt` is never changed, so `pt_unit` is the clean index; `en_unit` counts the inserted and
dropped units (a paragraph left empty by a drop is removed).

usage: inject.py CLEAN_DIR OUT_DIR [--seed N] [--variants N] [--errors 2,3,3,3] [--force]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "inject_data"
TYPES = ("number", "negation", "entity", "mistranslation", "omission", "addition",
         "untranslated", "artifact")
# types that may land in the headline, and how often when they can
HEADLINE_TYPES = ("number", "negation", "entity", "mistranslation", "untranslated", "artifact")
HEADLINE_SHARE = 0.08


class InjectError(Exception):
    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")


# ---------------------------------------------------------------- word lists (data files)

def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def phrase_re(phrase: str) -> str:
    """A phrase as a regex: words separated by any whitespace, either apostrophe."""
    words = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    return r"\s+".join(words)


def bounded(alternatives) -> re.Pattern:
    """Whole-word alternation, longest first (so "New York" beats "York")."""
    alts = sorted(dict.fromkeys(alternatives), key=lambda s: (-len(s), s))
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrase_re(a) for a in alts) + r")(?![\w-])")


class Lexicon:
    """Everything the injector knows about English, read once from inject_data/*.tsv."""

    def __init__(self):
        g = {}
        for cls, word in read_tsv("grammar.tsv"):
            g.setdefault(cls, []).append(word)
        self.det = g["det"]
        self.modal = g["modal"]
        self.pronoun = g["pronoun"]
        self.aux = g["aux"]
        self.adverb = g["adverb"]
        self.function = [w for ws in g.values() for w in ws]
        self.negators = ["not", "n't", "never", "no", "nothing", "nobody", "none", "neither",
                         "nor", "cannot"]
        # mistranslation pairs: word -> [(other, pos)]
        self.subs: dict[str, list[tuple[str, str]]] = {}
        for row in read_tsv("substitutions.tsv"):
            a, b, flags = row[0], row[1], (row[2] if len(row) > 2 else "")
            pos = "n" if "n" in flags else "v" if "v" in flags else ""
            self.subs.setdefault(a, []).append((b, pos))
            if ">" not in flags:
                self.subs.setdefault(b, []).append((a, pos))
        self.subs_re = bounded(list(self.subs) + [w[0].upper() + w[1:] for w in self.subs])
        # verbs
        self.verbs = {}                      # base -> (3sg, past, pp)
        self.base_of_past, self.base_of_3sg = {}, {}
        for base, s3, past, pp in read_tsv("verbs.tsv"):
            self.verbs[base] = (s3, past, pp)
            if base not in ("have", "do", "be"):
                self.base_of_past.setdefault(past, base)
                self.base_of_3sg.setdefault(s3, base)
        # negation templates
        self.keep_re = bounded([r[1] for r in read_tsv("negation.tsv") if r[0] == "keep"])
        self.negation = []                   # (direction, regex, to, guard)
        rows = [r for r in read_tsv("negation.tsv") if r[0] in ("drop", "add")]
        rows.sort(key=lambda r: -len(r[1].split()))     # longer patterns first (stable)
        for r in rows:
            direction, src, to = r[0], r[1], r[2] if len(r) > 2 else ""
            guard = r[3] if len(r) > 3 else ""
            self.negation.append((direction, self._template(src), to, guard))
        # names
        # names: class -> [aliases of one thing]; every alias -> (class, index)
        ent: dict[str, list[list[str]]] = {}
        for cls, name in read_tsv("entities.tsv"):
            ent.setdefault(cls, []).append([a.strip() for a in name.split(" = ")])
        self.entities = ent
        flat = {cls: [a for aliases in rows for a in aliases] for cls, rows in ent.items()}
        self.first_names = flat["first_name"]
        self.surnames = flat["surname"]
        self.not_surname = flat["not_surname"]
        self.portfolios = flat["portfolio"]
        skip = ("first_name", "surname", "title", "not_surname", "portfolio")
        self.name_of: dict[str, tuple[str, int]] = {}
        for cls, rows in ent.items():
            if cls not in skip:
                for k, aliases in enumerate(rows):
                    for a in aliases:
                        self.name_of.setdefault(a, (cls, k))
        self.names_re = bounded(self.name_of)
        first = "|".join(re.escape(f) for f in self.first_names)
        name = r"(?:Mc|Mac|O')?[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
        surname = r"(" + name + r"(?:\s+" + name + r")?)(?![\w-])"     # "Blasey Ford"
        self.titles = flat["title"]
        # (regex, keep): after a known first name every capitalised word is a surname
        # ("Christine Blasey Ford"); after a title only the last one ("Sen. Dianne Feinstein")
        self.person_res = [
            (re.compile(r"(?<![\w-])(?:" + first + r")(?:\s+[A-Z]\.)?\s+" + surname), "all"),
            (re.compile(r"(?<![\w-])(?:" + "|".join(phrase_re(t) for t in self.titles)
                        + r")\s+(?:(?:" + first + r")\s+)?(?:[A-Z]\.\s+)?" + surname), "last")]
        port = "|".join(phrase_re(p) for p in sorted(self.portfolios, key=len, reverse=True))
        self.portfolio_re = re.compile(
            r"(?:\b(?:Ministry|Minister|Department|Secretary|Secretariat|Committee|Office)"
            r"\s+(?:of|for)\s+(?:the\s+)?(?P<a>" + port + r")(?![\w-])"
            r"|(?<![\w-])(?P<b>" + port + r")\s+(?:Secretary|Minister|Ministry|Department|"
            r"Committee|Office|[Ss]ecretary|[Mm]inister|[Mm]inistry|[Dd]epartment|spokesman|"
            r"spokeswoman|spokesperson)\b)")
        # numbers
        self.numwords: dict[str, list[tuple[str, float]]] = {}
        for cls, word, value in read_tsv("numbers.tsv"):
            self.numwords.setdefault(cls, []).append((word, float(value)))
        self.numword_class = {w: c for c, ws in self.numwords.items() for w, _ in ws
                              if c in ("card", "mag", "mags")}
        self.numword_re = bounded(list(self.numword_class)
                                  + [w.capitalize() for w in self.numword_class])
        months = [w for w, _ in self.numwords["month"]]
        abbr = [w for w, _ in self.numwords["month_abbr"]]
        self.month_re = re.compile(
            r"(?<![\w-])(?P<m>" + "|".join(re.escape(m) for m in abbr + months) + r")"
            r"(?=\s+\d)|(?<=\d\s)(?P<m2>" + "|".join(months) + r")(?![\w-])")
        # junk and additions
        self.junk: dict[str, list[str]] = {}
        for kind, text in read_tsv("junk.tsv"):
            self.junk.setdefault(kind, []).append(text)
        self.clauses = [r[0] for r in read_tsv("additions.tsv")]

    def _template(self, src: str) -> re.Pattern:
        parts = []
        for tok in src.split():
            if tok == "{V}":
                parts.append(r"(?P<V>" + "|".join(sorted(self.verbs, key=len, reverse=True))
                             + r")")
            elif tok == "{PAST}":
                parts.append(r"(?P<PAST>" + "|".join(sorted(self.base_of_past, key=len,
                                                            reverse=True)) + r")")
            elif tok == "{3SG}":
                parts.append(r"(?P<S3>" + "|".join(sorted(self.base_of_3sg, key=len,
                                                          reverse=True)) + r")")
            else:
                parts.append(phrase_re(tok))
        return re.compile(r"(?<![\w'’-])" + r"\s+".join(parts) + r"(?![\w'’-])", re.I)


# ---------------------------------------------------------------- small text helpers

WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*")
WORDS = re.compile(r"\w+")
QUOTE_OPEN = "\"“‘'"


def at_sentence_start(text: str, i: int) -> bool:
    return re.search(r"(?:^|[.!?][\"”’']?\s+)[\"“‘']?$", text[:i]) is not None


def prev_word(text: str, i: int) -> str | None:
    """The word right before position i, separated by spaces only (no punctuation)."""
    m = re.search(r"(?<![\w'’.])([A-Za-zÀ-ÿ][\w'’.]*)\s+$", text[:i])
    return m.group(1) if m else None


def next_word(text: str, j: int) -> str | None:
    m = re.match(r"\s+([A-Za-zÀ-ÿ][\w'’]*)", text[j:])
    return m.group(1) if m else None


def capitalise_like(new: str, old: str) -> str:
    if old[:1].isupper() and new[:1].islower():
        return new[0].upper() + new[1:]
    return new


def fix_article(text: str, start: int, new_word: str) -> tuple[str, int]:
    """Make an 'a'/'an' right before `start` agree with new_word; returns (text, shift)."""
    m = re.search(r"(?<![\w-])([Aa]n?)\s+$", text[:start])
    if not m:
        return text, 0
    want = "an" if new_word[:1].lower() in "aeiou" else "a"
    old = m.group(1)
    if old.lower() == want:
        return text, 0
    rep = capitalise_like(want, old)
    return text[:m.start(1)] + rep + text[m.end(1):], len(rep) - len(old)


def n_words(text: str) -> int:
    return len(WORDS.findall(text))


@dataclass
class Change:
    text: str
    note: str


# ---------------------------------------------------------------- the eight transforms
# Each takes the text of one unit (and what it needs) and returns a Change, or None when it
# does not apply to that text. They never touch anything but that text.

def change_number(text: str, rng: random.Random, lex: Lexicon) -> Change | None:
    kinds = []
    digits = [m for m in re.finditer(r"(?<![\w.,])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                                     r"|\d+(?:\.\d+)?)(?!\d)", text)]
    if digits:
        kinds += ["digits"] * 7
    words = [m for m in lex.numword_re.finditer(text)
             if m.group(0).islower() or at_sentence_start(text, m.start())]
    if words:
        kinds += ["word"] * 2
    months = list(lex.month_re.finditer(text))
    if months:
        kinds += ["month"]
    if not kinds:
        return None
    kind = rng.choice(kinds)
    if kind == "digits":
        m = rng.choice(digits)
        old = m.group(0)
        new = _new_figure(old, rng)
        end = m.end()
        suffix = re.match(r"(st|nd|rd|th)\b", text[end:])
        if suffix and "." not in new and "," not in new:
            n = int(new)
            suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            new, end = new + suf, end + len(suffix.group(0))
            old = old + suffix.group(0)
        return Change(text[:m.start()] + new + text[end:], f"{old} -> {new}")
    if kind == "word":
        m = rng.choice(words)
        old = m.group(0)
        cls = lex.numword_class[old.lower()]
        table = lex.numwords[cls]
        value = dict(table)[old.lower()]
        if cls == "card":
            near = [w for w, v in table if w != old.lower()
                    and (abs(v - value) <= 3 if value <= 20 else abs(v - value) in (10, 20))
                    and v >= 2]
        else:
            order = [w for w, _ in table]
            i = order.index(old.lower())
            near = [order[k] for k in (i - 1, i + 1) if 0 <= k < len(order)]
        if not near:
            return None
        new = capitalise_like(rng.choice(near), old)
        return Change(text[:m.start()] + new + text[m.end():], f"{old} -> {new}")
    m = rng.choice(months)
    g = "m" if m.group("m") else "m2"
    old = m.group(g)
    table = lex.numwords["month_abbr" if old.endswith(".") else "month"]
    order = [w for w, _ in table]
    i = order.index(old)
    new = order[(i + rng.choice([-2, -1, 1, 2, 3])) % len(order)]
    return Change(text[:m.start(g)] + new + text[m.end(g):], f"{old} -> {new}")


def _new_figure(old: str, rng: random.Random) -> str:
    """A different, plausible figure of the same shape (separators kept in place)."""
    if re.fullmatch(r"(1[89]|20)\d\d", old):
        return str(int(old) + rng.choice([-3, -2, -1, 1, 2, 3]))
    if old.isdigit() and int(old) < 100:
        n = int(old)
        near = [k for k in range(max(1, n - 5), n + 6) if k != n]
        if len(old) == 2 and old[0] != old[1] and old[1] != "0" and rng.random() < 0.3:
            return old[::-1]
        return str(rng.choice(near))
    pos = [i for i, c in enumerate(old) if c.isdigit()]
    ways = ["digit"]
    if len(pos) >= 2 and any(old[a] != old[b] for a, b in zip(pos, pos[1:])
                             if not (a == pos[0] and old[b] == "0")):
        ways += ["swap", "swap"]
    if old.isdigit() and len(old) <= 3 and old != "0":
        ways += ["x10"]
    way = rng.choice(ways)
    chars = list(old)
    if way == "swap":
        pairs = [(a, b) for a, b in zip(pos, pos[1:]) if old[a] != old[b]
                 and not (a == pos[0] and old[b] == "0")]
        a, b = rng.choice(pairs)
        chars[a], chars[b] = chars[b], chars[a]
        return "".join(chars)
    if way == "x10":
        if old.endswith("0") and len(old) > 1 and rng.random() < 0.5:
            return old[:-1]
        return old + "0"
    # change one of the two leading digits (a visible change, not a rounding)
    i = rng.choice(pos[:2])
    chars[i] = rng.choice([d for d in "0123456789"
                           if d != old[i] and not (i == pos[0] and d == "0")])
    return "".join(chars)


def flip_negation(text: str, rng: random.Random, lex: Lexicon,
                  want: str | None = None) -> Change | None:
    taken = [(m.start(), m.end()) for m in lex.keep_re.finditer(text)]
    found = {"drop": [], "add": []}
    for direction, rx, to, guard in lex.negation:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue
            first = m.group(0)
            if first[:1].isupper() and not at_sentence_start(text, s):
                continue                           # "May", "Will": names, not modals
            if not _negation_guard(text, m, guard, lex):
                continue
            if direction == "add" and _negated_nearby(text, s, e, lex):
                continue                           # no double negatives
            taken.append((s, e))
            found[direction].append((m, to))
    directions = [d for d in ("drop", "add") if found[d] and want in (None, d)]
    if not directions:
        return None
    direction = rng.choice(directions)
    m, to = rng.choice(found[direction])
    base = None
    gd = m.groupdict()
    if gd.get("V"):
        base = gd["V"].lower()
    elif gd.get("PAST"):
        base = lex.base_of_past[gd["PAST"].lower()]
    elif gd.get("S3"):
        base = lex.base_of_3sg[gd["S3"].lower()]
    new = to
    if base:
        s3, past, _ = lex.verbs[base]
        new = (new.replace("{V.past}", past).replace("{V.3sg}", s3).replace("{V}", base))
    old = m.group(0)
    if new:
        new = capitalise_like(new, old)
        out = text[:m.start()] + new + text[m.end():]
    else:
        s, rest = m.start(), text[m.end():].lstrip()
        if at_sentence_start(text, s) and rest:
            rest = rest[0].upper() + rest[1:]
        elif s > 0 and text[s - 1] == " " and rest[:1] in ",.;:!?":
            s -= 1
        out = text[:s] + rest
    note = f"negation {'dropped' if direction == 'drop' else 'added'}: '{old}' -> '{new}'"
    return Change(out, note)


def _negated_nearby(text: str, s: int, e: int, lex: Lexicon) -> bool:
    near = WORD.findall(text[:s])[-4:] + WORD.findall(text[e:])[:3]
    return any(w.lower() in lex.negators or w.lower().endswith(("n't", "n’t")) for w in near)


def _negation_guard(text: str, m: re.Match, guard: str, lex: Lexicon) -> bool:
    nxt = next_word(text, m.end())
    prev = prev_word(text, m.start())
    if re.match(r"['’]", text[m.end():m.end() + 1]):
        return False
    if guard == "next":
        if (nxt is None or nxt.lower() in lex.negators or nxt.lower() in lex.adverb
                or nxt.lower().endswith(("n't", "n’t")) or nxt.lower().startswith("un")):
            return False
        return prev is None or prev.lower() not in lex.det
    if guard == "subject":
        # the subject right before: a pronoun or a name ("he said", "Warren said"), and an
        # object after (not the '..." he said.' of a quotation)
        if prev is None or nxt is None:
            return False
        if prev.lower() in lex.pronoun and prev.lower() not in ("it", "who"):
            return True
        return (prev[:1].isupper() and prev.lower() not in lex.function
                and not prev.endswith(("'s", "’s", ".")))
    if guard == "noun":
        return nxt is not None and nxt.islower() and nxt not in lex.function
    return True


def swap_entity(text: str, rng: random.Random, lex: Lexicon, people: list[str],
                article_text: str) -> Change | None:
    groups: dict[str, list] = {}
    taken = []

    def add(kind, s, e, old, choices):
        if any(s < b and a < e for a, b in taken):
            return
        choices = [c for c in choices if c != old]
        if choices:
            taken.append((s, e))
            groups.setdefault(kind, []).append((s, e, old, choices))

    others = [n for n in lex.surnames if n not in article_text]
    elsewhere = [n for n in people if n not in text]      # people of the article, not here
    for name in people:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            pool = elsewhere if (elsewhere and rng.random() < 0.3) else others
            add("person", m.start(), m.end(), name, pool)
    for m in lex.portfolio_re.finditer(text):
        g = "a" if m.group("a") else "b"
        add("portfolio", m.start(g), m.end(g), m.group(g),
            [p for p in lex.portfolios if p.lower() != m.group(g).lower()
             and p not in ("Home", "Foreign", "State", "Treasury", "Scotland", "Wales",
                           "Northern Ireland")])
    for m in lex.names_re.finditer(text):
        old = m.group(0)
        cls, k = lex.name_of.get(old) or lex.name_of.get(old.replace("’", "'"), (None, 0))
        if cls is None or _inside_longer_name(text, m.start(), m.end()):
            continue
        kind = ("place" if cls in PLACES else "nationality" if cls == "nationality"
                else "org")
        rows = [r for j, r in enumerate(lex.entities[cls]) if j != k]
        if ABBR.fullmatch(old):
            rows = [r for r in rows if any(ABBR.fullmatch(a) for a in r)] or rows
        elif cls == "country" and re.search(r"\b[Tt]he\s+$", text[:m.start()]):
            rows = [r for r in rows if _takes_the(r[0])]     # "the Netherlands"
        fresh = [r for r in rows if not any(a in article_text for a in r)] or rows
        add(kind, m.start(), m.end(), old, [_same_form(r, old) for r in fresh])
    if not groups:
        return None
    kind = rng.choice(sorted(groups))
    s, e, old, choices = rng.choice(groups[kind])
    new = rng.choice(choices)
    return Change(text[:s] + new + text[e:], f"{kind} '{old}' -> '{new}'")


PLACES = ("country", "city", "us_state", "region", "sea", "province")
ABBR = re.compile(r"[A-Z.]{2,}")


def _same_form(aliases: list[str], old: str) -> str:
    """The alias that reads like `old`: an abbreviation for an abbreviation."""
    abbr = [a for a in aliases if ABBR.fullmatch(a)]
    if ABBR.fullmatch(old) and abbr:
        return abbr[0]
    return aliases[0]


def _takes_the(country: str) -> bool:
    """Does the country's name go with 'the' ("the United States", "the Philippines")?"""
    return (country.startswith("United ") or "Republic" in country
            or country in ("Netherlands", "Philippines"))


def _inside_longer_name(text: str, s: int, e: int) -> bool:
    """Is text[s:e] part of a longer capitalised name ("Oxford Grove", "Rapid Vienna")?"""
    after = re.match(r"\s+([A-Z][a-z]+)", text[e:])
    before = re.search(r"([A-Z][a-z]+)\s+$", text[:s])
    return bool(after) or bool(before and not at_sentence_start(text, before.start(1))
                               and before.group(1) not in ("The", "In", "On", "At", "From"))


def people_of(article_text: str, lex: Lexicon) -> list[str]:
    """Surnames of the people an article names ("Elizabeth Warren", "Mr Clark"), in order."""
    found = sorted((m.start(1), m.group(1), keep) for rx, keep in lex.person_res
                   for m in rx.finditer(article_text))
    out = []
    for _, names, keep in found:
        names = names.split()
        if any(n in lex.not_surname for n in names):
            continue                            # "Victoria Station", "Tom Daley Park"
        for sur in (names if keep == "all" else names[-1:]):
            if (sur in lex.first_names or sur in lex.titles or sur.lower() in lex.function
                    or sur in out or (keep == "last" and sur in lex.name_of)):
                continue
            out.append(sur)
    return out


def swap_word(text: str, rng: random.Random, lex: Lexicon) -> Change | None:
    by_word: dict[str, list] = {}
    for m in lex.subs_re.finditer(text):
        old = m.group(0)
        key = old
        if old not in lex.subs:
            if old[:1].isupper() and at_sentence_start(text, m.start()):
                key = old[0].lower() + old[1:]
            if key not in lex.subs:
                continue
        prev = prev_word(text, m.start())
        prev_l = prev.lower() if prev else None
        fits = []
        for other, pos in lex.subs[key]:
            if pos == "n" and not (prev_l in lex.det or (prev or "").endswith(("'s", "’s"))):
                continue
            if pos == "v" and not (prev_l in lex.modal or prev_l in lex.pronoun):
                continue
            fits.append(other)
        if fits:
            by_word.setdefault(key, []).append((m, fits))
    if not by_word:
        return None
    key = rng.choice(sorted(by_word))
    m, fits = rng.choice(by_word[key])
    old = m.group(0)
    new = capitalise_like(rng.choice(fits), old)
    out = text[:m.start()] + new + text[m.end():]
    out, _ = fix_article(out, m.start(), new)
    return Change(out, f"'{old}' -> '{new}'")


CUT = re.compile(r",\s+|;\s+|\s+[-–—]{1,2}\s+|:\s+|\s+(?=(?:and|but|while|which|who|after|before|"
                 r"because|as|when|although|though|where|since|until|so|with|including)\s)")


def cut_half(text: str, rng: random.Random) -> Change | None:
    total = n_words(text)
    cuts = []
    for m in CUT.finditer(text):
        kept = text[:m.start()]
        k = n_words(kept)
        if k >= 4 and total - k >= 4 and 0.3 <= 1 - k / total <= 0.75:
            # a clause boundary ("..., but", "..., which") reads better than any comma
            clause = re.match(r"\s*[,;:-–—]*\s*(?:and|but|while|which|who|after|before|because|"
                              r"as|when|although|though|where|since|until|so|with|including|"
                              r"according)\b", text[m.start():])
            cuts += [m.start()] * (3 if clause else 1)
    if not cuts:
        return None
    at = rng.choice(cuts)
    kept = text[:at].rstrip(" ,;:-–—")
    dropped = text[at:].strip(" ,;:-–—")
    if kept[-1:] not in ".!?":
        kept += "."
    if kept.count('"') % 2:
        kept += '"'
    if kept.count("“") > kept.count("”"):
        kept += "”"
    return Change(kept, f"second part dropped: '{dropped}'")


def append_clause(text: str, rng: random.Random, lex: Lexicon) -> Change | None:
    if not re.search(r"[\w)]\.$", text) or n_words(text) < 6:
        return None
    clause = rng.choice(lex.clauses)
    return Change(text[:-1] + ", " + clause + ".", f"clause appended: '{clause}'")


def leave_portuguese(en: str, pt: str, rng: random.Random) -> Change | None:
    if not pt or not en:
        return None
    en_words = {w.lower() for w in WORDS.findall(en)}
    pt_words = [w.lower() for w in WORDS.findall(pt)]
    if len(pt_words) < 4 or sum(w not in en_words for w in pt_words) < 0.5 * len(pt_words):
        return None                      # the Portuguese reads like the English (names, figures)
    en_parts = [m.end() for m in re.finditer(r",\s+", en)]
    pt_parts = [m.end() for m in re.finditer(r",\s+", pt)]
    if en_parts and pt_parts and rng.random() < 0.5:
        e, p = en_parts[-1], pt_parts[-1]
        tail = pt[p:]
        if n_words(tail) >= 3 and n_words(en[e:]) >= 3 and n_words(en[:e]) >= 3:
            return Change(en[:e] + tail, f"last clause left in Portuguese: '{tail}'")
    return Change(pt, "whole unit left in Portuguese")


def add_junk(text: str, rng: random.Random, lex: Lexicon) -> Change | None:
    words = text.split(" ")
    if len(words) < 4:
        return None
    entities = ["space"]
    if re.search(r"['’]", text):
        entities.append("apos")
    if re.search(r"[\"“”]", text):
        entities.append("quote")
    if " & " in text:
        entities.append("amp")
    if re.search(r" (?:-|--|–|—) ", text):
        entities.append("dash")
    form = rng.choice(["tag", "entity", "placeholder", "glued", "fragment", "doubled"])
    if form == "entity":
        form = rng.choice(entities)
    spaces = [i for i, c in enumerate(text) if c == " "]
    if form == "tag":
        tag = rng.choice(lex.junk["tag"])
        i = rng.choice(spaces)
        if tag.startswith("</") or tag.startswith("<br"):
            out = text[:i] + tag + text[i:]              # glued to the word before
        elif tag.startswith("<!--"):
            out = text[:i] + " " + tag + text[i:]
        else:
            out = text[:i + 1] + tag + text[i + 1:]      # glued to the word after
        return Change(out, f"leftover HTML tag '{tag}'")
    if form == "space":
        ent = rng.choice(lex.junk["entity_space"])
        i = rng.choice(spaces)
        return Change(text[:i] + ent + text[i + 1:], f"HTML entity '{ent}' for a space")
    if form in ("apos", "quote", "amp", "dash"):
        pattern = {"apos": r"['’]", "quote": r"[\"“”]", "amp": r"&",
                   "dash": r"(?<= )(?:--|-|–|—)(?= )"}[form]
        m = rng.choice(list(re.finditer(pattern, text)))
        ent = rng.choice(lex.junk[f"entity_{form}"])
        return Change(text[:m.start()] + ent + text[m.end():],
                      f"HTML entity '{ent}' for '{m.group(0)}'")
    if form == "placeholder":
        ph = rng.choice(lex.junk["placeholder"])
        where = rng.choice(["end", "middle", "start"])
        if where == "end" and text[-1:] in ".!?":
            out = text[:-1] + " " + ph + text[-1]
        elif where == "start":
            out = ph + " " + text
        else:
            i = rng.choice(spaces)
            out = text[:i] + " " + ph + text[i:]
        return Change(out, f"placeholder '{ph}' left in the copy")
    if form == "glued":
        cms_id = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                                  for _ in range(rng.randint(4, 7)))
        if rng.random() < 0.5:
            return Change(cms_id + text, f"CMS id '{cms_id}' glued to the start")
        i = rng.choice(spaces)
        return Change(text[:i] + cms_id + text[i:], f"CMS id '{cms_id}' glued to a word")
    if form == "fragment":
        n = rng.randint(2, 4)
        k = rng.randrange(0, max(1, len(words) - n))
        frag = words[k:k + n]
        out = " ".join(words[:k + n] + frag + words[k + n:])
        return Change(out, f"duplicated fragment '{' '.join(frag)}'")
    cands = [k for k, w in enumerate(words) if re.fullmatch(r"[A-Za-z]{2,}", w)]
    if not cands:
        return None
    k = rng.choice(cands)
    out = " ".join(words[:k + 1] + [words[k]] + words[k + 1:])
    return Change(out, f"doubled word '{words[k]}'")


# ---------------------------------------------------------------- one corrupted variant

@dataclass(eq=False)
class Unit:
    text: str
    clean: tuple[int, int] | None          # (paragraph, unit) in the clean article / pt
    deleted: bool = False
    touched: bool = False


class Draft:
    """The English of one article being corrupted; gold is worked out at the end."""

    def __init__(self, art: dict):
        self.art = art
        en, pt = art["en"], art["pt"]
        self.body = [[Unit(t, (p, u)) for u, t in enumerate(_units(para))]
                     for p, para in enumerate(en.get("body") or [])]
        self.pt_body = [_units(para) for para in pt.get("body") or []]
        self.headline = Unit(en.get("headline") or "", None)
        self.pt_headline = pt.get("headline") or ""
        self.gold: list[tuple[str, Unit | None, str, str]] = []   # (type, unit, field, note)
        self.text = " ".join([self.headline.text] + [u.text for p in self.body for u in p])

    def free_units(self) -> list[Unit]:
        return [u for p in self.body for u in p if not u.touched and not u.deleted
                and u.clean is not None]

    def pt_of(self, unit: Unit) -> str:
        if unit is self.headline:
            return self.pt_headline
        p, u = unit.clean
        para = self.pt_body[p] if p < len(self.pt_body) else []
        return para[u] if u < len(para) else ""

    def write(self, new_id: str) -> dict:
        out_body, where = [], {}
        for para in self.body:
            kept = [u for u in para if not u.deleted]
            if not kept:
                continue                    # a paragraph whose only unit was dropped
            for k, u in enumerate(kept):
                where[u] = [len(out_body), k]
            out_body.append([u.text for u in kept])
        art = json.loads(json.dumps(self.art))
        art["id"] = new_id
        if self.headline.touched:
            art["en"]["headline"] = self.headline.text
        art["en"]["body"] = out_body
        gold = []
        for kind, unit, field, note in self.gold:
            if field == "headline":
                gold.append({"type": kind, "field": "headline", "pt_unit": None,
                             "en_unit": None, "note": note})
            else:
                gold.append({"type": kind, "field": "body",
                             "pt_unit": list(unit.clean) if unit.clean else None,
                             "en_unit": where.get(unit), "note": note})
        art["gold"] = gold
        return art


def _units(para) -> list[str]:
    return [para] if isinstance(para, str) else list(para)


def try_type(kind: str, d: Draft, rng: random.Random, lex: Lexicon, pool: list[str],
             people: list[str]) -> bool:
    """Inject one error of `kind` into a free unit (or the headline); False if none fits."""
    units = d.free_units()
    rng.shuffle(units)
    if (kind in HEADLINE_TYPES and not d.headline.touched and d.headline.text
            and rng.random() < HEADLINE_SHARE):
        units.insert(0, d.headline)
    if kind == "addition" and rng.random() < 0.7 and _insert_sentence(d, rng, pool):
        return True
    want = rng.choice(["drop", "add"]) if kind == "negation" else None
    if want == "drop":       # most units can take an added negation; a drop needs one there
        units = sorted(units, key=lambda u: flip_negation(u.text, rng, lex, "drop") is None)
    for unit in units:
        text = unit.text
        if kind == "number":
            ch = change_number(text, rng, lex)
        elif kind == "negation":
            ch = flip_negation(text, rng, lex)
        elif kind == "entity":
            ch = swap_entity(text, rng, lex, people, d.text)
        elif kind == "mistranslation":
            ch = swap_word(text, rng, lex)
        elif kind == "untranslated":
            ch = leave_portuguese(text, d.pt_of(unit), rng)
        elif kind == "artifact":
            ch = add_junk(text, rng, lex)
        elif kind == "addition":
            ch = append_clause(text, rng, lex)
        elif kind == "omission":
            # a unit, or most of it, missing: the half cut 40% of the time when it can be
            ch = cut_half(text, rng) if rng.random() < 0.4 else None
            live = sum(1 for p in d.body for u in p if not u.deleted)
            if ch is None and live > 2 and n_words(text) >= 5:
                unit.deleted = unit.touched = True
                d.gold.append(("omission", unit, "body", f"unit dropped: '{text}'"))
                return True
            if ch is None:
                ch = cut_half(text, rng)
        else:
            raise ValueError(kind)
        if ch is None or ch.text == text:
            continue
        unit.text, unit.touched = ch.text, True
        field = "headline" if unit is d.headline else "body"
        d.gold.append((kind, unit, field, ch.note))
        return True
    return False


def _insert_sentence(d: Draft, rng: random.Random, pool: list[str]) -> bool:
    choices = [s for s in pool if s not in d.text]
    if not choices or not d.body:
        return False
    sentence = rng.choice(choices)
    p = rng.randrange(len(d.body))
    k = rng.randint(0, len(d.body[p]))
    unit = Unit(sentence, None, touched=True)
    d.body[p].insert(k, unit)
    d.gold.append(("addition", unit, "body", f"sentence of another story inserted: "
                                             f"'{sentence}'"))
    return True


def sentence_pool(articles: list[dict]) -> list[tuple[str, str]]:
    """(story key, sentence) for every English unit fit to be inserted into another story."""
    out = []
    for art in articles:
        key = (art["en"].get("headline") or "") + "|" + _first_unit(art)
        for para in art["en"].get("body") or []:
            for s in _units(para):
                if (8 <= n_words(s) <= 35 and s[:1].isupper() and s[-1:] in ".!?"
                        and s.count('"') % 2 == 0 and s.count("“") == s.count("”")):
                    out.append((key, s))
    return out


def _first_unit(art: dict) -> str:
    body = art["en"].get("body") or [[""]]
    return _units(body[0])[0] if body and _units(body[0]) else ""


def corrupt(art: dict, variant: int, seed: int, n_errors: list[int], lex: Lexicon,
            pool: list[tuple[str, str]], counts: Counter) -> dict:
    letter = "abcdefghijklmnopqrstuvwxyz"[variant]
    rng = random.Random(f"{seed}:{art['id']}:{letter}")
    d = Draft(art)
    key = (art["en"].get("headline") or "") + "|" + _first_unit(art)
    others = [s for k, s in pool if k != key]
    people = people_of(d.text, lex)
    used: list[str] = []
    for _ in range(rng.choice(n_errors)):
        # fewest so far first; types already in this variant last (a mix per article)
        order = sorted(TYPES, key=lambda t: (t in used, counts[t], rng.random()))
        for kind in order:
            if try_type(kind, d, rng, lex, others, people):
                counts[kind] += 1
                used.append(kind)
                break
    return d.write(f"{art['id']}-{letter}")


# ---------------------------------------------------------------- command line

def load_articles(clean_dir: Path) -> list[tuple[Path, dict]]:
    if not clean_dir.is_dir():
        raise InjectError(clean_dir, "not a directory")
    paths = sorted(clean_dir.glob("*.json"))
    if not paths:
        raise InjectError(clean_dir, "no *.json articles")
    out = []
    for p in paths:
        try:
            art = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InjectError(p, f"not a readable JSON article ({e})") from None
        if (not isinstance(art, dict) or not isinstance(art.get("en"), dict)
                or not isinstance(art.get("pt"), dict)
                or not isinstance(art["en"].get("body"), list)):
            raise InjectError(p, "not an article in the corpus format (pt, en, body)")
        art.setdefault("id", p.stem)
        if art.get("gold"):
            raise InjectError(p, "already has gold errors: give clean articles")
        out.append((p, art))
    return out


def inject(clean_dir: Path, out_dir: Path, seed: int = 1, variants: int = 1,
           n_errors=(2, 3, 3, 3), force: bool = False) -> Counter:
    """Write OUT_DIR/clean, OUT_DIR/corrupted and OUT_DIR/inject.json; return the counts."""
    items = load_articles(clean_dir)
    if not 1 <= variants <= 26:
        raise InjectError(out_dir, "--variants must be between 1 and 26")
    clean_out, bad_out = out_dir / "clean", out_dir / "corrupted"
    for d in (clean_out, bad_out):
        old = sorted(d.glob("*.json")) if d.is_dir() else []
        if old and not force:
            raise InjectError(d, "already holds articles (use --force to replace them)")
        for p in old:
            p.unlink()
        d.mkdir(parents=True, exist_ok=True)
    lex = Lexicon()
    pool = sentence_pool([a for _, a in items])
    counts: Counter = Counter()
    for path, art in items:
        shutil.copyfile(path, clean_out / path.name)
        for v in range(variants):
            bad = corrupt(art, v, seed, list(n_errors), lex, pool, counts)
            (bad_out / f"{bad['id']}.json").write_text(
                json.dumps(bad, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    manifest = {"seed": seed, "variants": variants, "errors": list(n_errors),
                "clean": len(items), "corrupted": len(items) * variants,
                "gold": sum(counts.values()), "by_type": {t: counts[t] for t in TYPES}}
    (out_dir / "inject.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                         encoding="utf-8")
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="inject.py", description=__doc__.splitlines()[0])
    ap.add_argument("clean_dir", help="directory of clean corpus-format articles (*.json)")
    ap.add_argument("out_dir", help="where OUT/clean, OUT/corrupted and OUT/inject.json go")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", type=int, default=1,
                    help="corrupted variants per clean article (-a, -b, ...)")
    ap.add_argument("--errors", default="2,3,3,3",
                    help="errors per variant, drawn from this list (default 2,3,3,3)")
    ap.add_argument("--force", action="store_true",
                    help="replace the articles already in OUT/clean and OUT/corrupted")
    args = ap.parse_args(argv)
    try:
        n_errors = [int(x) for x in args.errors.split(",")]
        if not n_errors or min(n_errors) < 1:
            raise ValueError
    except ValueError:
        print(f"inject: error: --errors {args.errors}: give counts like 2,3,3,3",
              file=sys.stderr)
        return 2
    try:
        counts = inject(Path(args.clean_dir), Path(args.out_dir), args.seed, args.variants,
                        n_errors, args.force)
    except InjectError as e:
        print(f"inject: error: {e}", file=sys.stderr)
        return 2
    print(f"{sum(counts.values())} errors in {args.out_dir}/corrupted (seed {args.seed}): "
          + ", ".join(f"{t} {counts[t]}" for t in TYPES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
