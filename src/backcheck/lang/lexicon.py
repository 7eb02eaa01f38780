"""Lexicons: the word lists behind the checks, read from data files, never tables in code.

Entry points: `words(name)`, `phrases(name)`, `rows(name)`, `mapping(...)`, `user(config)`.

Files live in `src/backcheck/data/` and come in two shapes:
- `NAME.txt`: entries separated by white space (`words`), or one entry per line when
  entries have several words (`phrases`); `#` starts a comment; blank lines are ignored.
- `NAME.tsv`: a header line naming the columns, then one row per line, tab-separated;
  `#` lines are comments. A cell may hold several variants separated by `|`.

Every file is read once per process (cached). User lexicons named in the configuration
(`names`, `keep`) are read per file and merged by the checks with the built-in data.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from backcheck.errors import InputError
from backcheck.lang.normalise import fold


def _text(name: str) -> str:
    try:
        return resources.files("backcheck").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError:
        raise LookupError(f"no lexicon data/{name}") from None


def _lines(text: str):
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.rstrip("\r\n")


@lru_cache(maxsize=None)
def words(name: str, folded: bool = False) -> frozenset[str]:
    """The entries of data/NAME.txt (folded: lower-case, no accents, when asked)."""
    out = set()
    for line in _lines(_text(f"{name}.txt")):
        for w in line.split():
            out.add(fold(w) if folded else w)
    return frozenset(out)


@lru_cache(maxsize=None)
def phrases(name: str, folded: bool = False) -> tuple[str, ...]:
    """The lines of data/NAME.txt, one entry each (spaces inside kept, runs of white space
    made one), in file order."""
    out = []
    for line in _lines(_text(f"{name}.txt")):
        entry = " ".join(line.split())
        out.append(fold(entry) if folded else entry)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of data/NAME.tsv as {column: cell} (cells stripped, "" when absent)."""
    lines = list(_lines(_text(f"{name}.tsv")))
    if not lines:
        return ()
    head = [h.strip() for h in lines[0].split("\t")]
    out = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("\t")]
        cells += [""] * (len(head) - len(cells))
        out.append(dict(zip(head, cells)))
    return tuple(out)


def variants(cell: str) -> list[str]:
    """The `|`-separated variants of a cell, empty ones dropped."""
    return [v.strip() for v in cell.split("|") if v.strip()]


@lru_cache(maxsize=None)
def mapping(name: str, key: str, value: str, folded: bool = True) -> dict[str, str]:
    """{variant of column `key`: column `value`} from data/NAME.tsv."""
    out = {}
    for row in rows(name):
        for v in variants(row[key]):
            out[fold(v) if folded else v] = row[value]
    return out


# ---- user lexicons (config: names = "names.csv", keep = "keep.txt") -----------------------

@dataclass(frozen=True)
class UserLexicon:
    """A newsroom's own lexicons, merged with the built-in data by the checks.
    names: {folded Portuguese form: frozenset of accepted English forms (as written)};
    keep: folded entries never flagged as untranslated (place names, brands): a word, or
    a name of several words (single spaces) kept as a whole."""
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    keep: frozenset[str] = frozenset()

    def name_forms(self) -> dict[str, tuple[str, ...]]:
        return dict(self.names)


EMPTY = UserLexicon()


def user(config) -> UserLexicon:
    """The user lexicons the configuration names (empty when none)."""
    names = getattr(config, "names", None)
    keep = getattr(config, "keep", None)
    if not names and not keep:
        return EMPTY
    return _user(names, _mtime(names), keep, _mtime(keep))


def _mtime(path) -> float | None:
    try:
        return os.stat(path).st_mtime if path else None
    except OSError:
        return None


@lru_cache(maxsize=16)
def _user(names, _m1, keep, _m2) -> UserLexicon:
    return UserLexicon(names=_read_names(names) if names else (),
                       keep=_read_keep(keep) if keep else frozenset())


def _read(path) -> str:
    p = Path(path)
    try:
        return p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(p, "lexicon file not found") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a lexicon file") from None
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise InputError(p, f"not UTF-8 (byte {e.start})") from None


def _read_names(path) -> tuple:
    """names.csv: a header `pt,en`, then a Portuguese form and its accepted English forms
    separated by `|` (Pequim,Beijing|Peking)."""
    rows_ = list(csv.reader(io.StringIO(_read(path))))
    if not rows_ or [c.strip().lower() for c in rows_[0][:2]] != ["pt", "en"]:
        raise InputError(path, "line 1: expected the header 'pt,en'")
    out = []
    for n, row in enumerate(rows_[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2 or not row[0].strip() or not variants(row[1]):
            raise InputError(path, f"line {n}: expected a Portuguese form and English "
                                   "forms separated by '|'")
        out.append((fold(row[0].strip()), tuple(variants(row[1]))))
    return tuple(out)


def _read_keep(path) -> frozenset[str]:
    """keep.txt: words or names never to flag as untranslated, one entry a line ("favela",
    "Praça da Sé"); `#` starts a comment line. An entry of several words is kept as a
    whole: "Praça da Sé" does not keep "da" elsewhere."""
    return frozenset(" ".join(fold(line).split()) for line in _lines(_read(path)))
