"""English synonyms and antonyms from WordNet (Princeton WordNet 3.0, the Debian package
`wordnet-base`), so that a free rendering supported by a synonym is not an alarm and an
antonym is recognised as one.

Entry points: `available()`, `synonyms(lemma) -> frozenset`, `antonyms(lemma) -> frozenset`,
`derived(lemma) -> frozenset`,
`poles(lemma)` and `opposite(a, b)` (the opposite poles of data/poles.en.tsv, and the
nouns WordNet derives from them: "growth" is "grow"'s pole).

Why a reader of our own: the database files are plain text in a documented format
(wndb(5WN)); nltk's WordNet reader refuses a directory that is not its own downloaded data
package (it wants files Debian does not ship), and the hub-free machines we run on cannot
download it. We read only what the checks use: which lemmas share a synset, the
derivational pointers between words ("fail" / "failure"), and the antonym pointers of
adjectives and adverbs (with their "similar to" satellites:
"wealthy" is similar to "rich", whose antonym is "poor"). Verb and noun antonyms are left
out on purpose: "come/go" and "take/give" alternate freely in translation.

The parsed tables are cached as a pickle in the user's cache directory (built once, in a
few seconds; then read in well under a second).
"""
from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

ROOTS = (Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet"))
FILES = ("data.noun", "data.verb", "data.adj", "data.adv")
CACHE_VERSION = 4


def _root() -> Path | None:
    env = os.environ.get("BACKCHECK_WORDNET")
    for r in ([Path(env)] if env else []) + list(ROOTS):
        if all((r / f).is_file() for f in FILES):
            return r
    return None


def available() -> bool:
    return _root() is not None


def _lemma(word: str) -> str:
    return word.split("(")[0].replace("_", " ").lower()


def _parse(root: Path) -> tuple[dict, dict, dict]:
    """({lemma: frozenset of lemmas sharing a synset}, {lemma: frozenset of antonyms},
    {lemma: frozenset of its derivationally related forms})."""
    syn: dict[str, set] = {}
    words_of: dict[tuple, list[str]] = {}
    ant_ptrs: list[tuple] = []
    der_ptrs: list[tuple] = []
    similar: dict[tuple, list[tuple]] = {}
    for name in FILES:
        pos = name.split(".")[1]
        with open(root / name, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  "):
                    continue                      # licence header
                fields = line.split(" | ", 1)[0].split()
                off, ss_type = fields[0], fields[2]
                n = int(fields[3], 16)
                words = [_lemma(fields[4 + 2 * k]) for k in range(n)]
                key = (pos, off)
                words_of[key] = words
                group = set(words)
                for w in words:
                    syn.setdefault(w, set()).update(group)
                k = 4 + 2 * n
                for p in range(int(fields[k])):
                    sym, toff, tpos, st = fields[k + 1 + 4 * p: k + 5 + 4 * p]
                    tpos = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}[tpos]
                    if sym == "!" and pos in ("adj", "adv"):
                        src, tgt = int(st[:2], 16), int(st[2:], 16)
                        ant_ptrs.append((key, src, (tpos, toff), tgt))
                    elif sym == "+" and st != "0000":
                        der_ptrs.append((key, int(st[:2], 16), (tpos, toff), int(st[2:], 16)))
                    elif sym == "&" and ss_type == "s":
                        similar.setdefault((tpos, toff), []).append(key)
    ant: dict[str, set] = {}
    for key, src, tkey, tgt in ant_ptrs:
        a = words_of[key][src - 1] if src else None
        b = words_of[tkey][tgt - 1] if tgt else None
        if not a or not b:
            continue
        # the head adjective's satellites share its antonym ("wealthy" ~ "rich" / "poor");
        # not the antonym's satellites: that would pair every shade of one pole with
        # every shade of the other
        for x in [a] + [w for s in similar.get(key, ()) for w in words_of[s]]:
            ant.setdefault(x, set()).add(b)
    der: dict[str, set] = {}
    for key, src, tkey, tgt in der_ptrs:     # lexical pointers: word to word, both ways
        a, b = words_of[key][src - 1], words_of[tkey][tgt - 1]
        if a != b:
            der.setdefault(a, set()).add(b)
            der.setdefault(b, set()).add(a)
    return ({k: frozenset(v) for k, v in syn.items()}, {k: frozenset(v) for k, v in ant.items()},
            {k: frozenset(v) for k, v in der.items()})


def _cache_path(root: Path) -> Path:
    from platformdirs import user_cache_dir
    stamp = int(max((root / f).stat().st_mtime for f in FILES))
    return Path(user_cache_dir("backcheck")) / f"wordnet-{CACHE_VERSION}-{stamp}.pickle"


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict, dict]:
    root = _root()
    if root is None:
        return {}, {}, {}
    path = _cache_path(root)
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    tables = _parse(root)
    try:                                          # atomic: concurrent workers may race
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wordnet.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass                                      # no writable cache: parse each time
    return tables


def synonyms(lemma: str) -> frozenset[str]:
    """Lemmas that share a WordNet synset with `lemma` (lower case; itself included when
    WordNet knows it; empty when it does not)."""
    return _tables()[0].get(lemma.lower(), frozenset())


def derived(lemma: str) -> frozenset[str]:
    """The lemmas WordNet links to `lemma` as derivationally related forms ("fail" /
    "failure", "refuse" / "refusal"); itself not included."""
    return _tables()[2].get(lemma.lower(), frozenset())


def antonyms(lemma: str) -> frozenset[str]:
    """WordNet antonyms of an adjective or adverb lemma (and of its satellites)."""
    return _tables()[1].get(lemma.lower(), frozenset())


@lru_cache(maxsize=2)
def _poles(lang: str = "en") -> dict[str, set[tuple[str, str]]]:
    """{lemma: {(pair name, pole)}} from data/poles.LANG.tsv (Portuguese folded)."""
    from backcheck.lang import lexicon
    from backcheck.lang.normalise import fold
    out: dict[str, set[tuple[str, str]]] = {}
    for row in lexicon.rows(f"poles.{lang}"):
        for pole in ("a", "b"):
            for lemma in lexicon.variants(row[pole]):
                out.setdefault(fold(lemma), set()).add((row["name"], pole))
    return out


@lru_cache(maxsize=2)
def phrases(lang: str = "en") -> tuple[str, ...]:
    """The pole entries of several words ("bring forward"), matched as written."""
    return tuple(sorted(k for k in _poles(lang) if " " in k))


@lru_cache(maxsize=1)
def neutral_phrases() -> tuple[str, ...]:
    """Phrases that hold a pole word without its pole ("at least", "lower court"),
    longest first (data/poles_neutral.en.txt)."""
    from backcheck.lang import lexicon
    return tuple(sorted(lexicon.phrases("poles_neutral.en", folded=True),
                        key=lambda p: (-len(p), p)))


def _bases(word: str) -> list[str]:
    """The word and the bases a regular English inflection may come from (decreased:
    decrease; rising: rise; cities: city); the dictionary's lemmas are used first, this
    covers words its analyser does not know."""
    w = word.lower()
    out = [w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.append(w[: len(w) - len(suffix)] + repl)
    return out


def poles(lemma: str, lang: str = "en") -> set[tuple[str, str]]:
    """The (pair, pole) memberships of a lemma in data/poles.LANG.tsv (English: also a
    regularly inflected word, or a word WordNet derives from a pole: "reduction";
    Portuguese: folded lemmas)."""
    table = _poles(lang)
    if lang != "en":
        return table.get(lemma, set())
    for base in _bases(lemma):
        if base in table:
            return table[base]
    # a noun WordNet derives from a pole verb is that pole ("growth": grow, "reduction":
    # reduce), as the table's own nouns are ("winner": win)
    found = set()
    for base in _bases(lemma):
        for d in derived(base):
            found |= table.get(d, set())
    return found


def opposite(a: str, b: str) -> str | None:
    """The name of the opposition between English lemmas a and b ("direction",
    "outcome"...): opposite poles of a pair in data/poles.en.tsv; else None."""
    pa, pb = poles(a), poles(b)
    for name, pole in pa:
        if (name, "b" if pole == "a" else "a") in pb:
            return name
    return None
