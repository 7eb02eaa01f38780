"""Sentence splitting and language identification.

Entry points: `split(text, lang) -> list[str]`, `segment(article) -> Segmented`.
Language identification lives in `backcheck.lang.detect`.

Splitting starts from sentencex (rule-based, knows Portuguese and English abbreviations)
and then repairs the few boundaries it gets wrong on news text (see `_repair`). Every
non-whitespace character of the input appears exactly once, in order, in the output.

Sentences inside quotations are sentences: sentencex never splits inside quotation marks
(or parentheses), so a quote of three sentences would stay one. `split` therefore also
runs sentencex on the text with its quotation marks taken out and cuts the text where
sentencex found boundaries there (`_quote_free_pieces`); a closing mark stays with the sentence it ends, an
opening one goes with the sentence it starts, and an attribution after the quote stays
with the quote's last sentence ("“Foi um erro. Peço desculpas”, declarou o prefeito."
is two sentences, the second carrying "declarou o prefeito"). Real translations keep
sentence boundaries inside quotes (NTREX-128: one line per sentence, quotes included),
so this is what lets a quote align sentence by sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sentencex import segment as _sentencex

from backcheck.article import TEXT_FIELDS, Article, Side


@dataclass
class Segment:
    side: str                  # "pt" | "en"
    field: str                 # headline | standfirst | caption | body
    paragraph: int | None      # body paragraph index, None elsewhere
    text: str


@dataclass
class Segmented:
    pt: list[Segment]
    en: list[Segment]


# Titles always precede a name: a boundary after them is never a sentence end.
TITLES = {
    "sr", "sra", "srs", "sras", "dr", "dra", "drs", "dras", "prof", "profa", "profª", "eng",
    "dep", "sen", "gov", "pres", "des", "gen", "cel", "sgt", "pe", "mr", "mrs", "ms", "mme",
    "st", "rev", "hon", "lt", "col", "capt", "cmdr", "adm", "rep", "sens", "reps", "messrs",
    "mt", "av", "cia", "gal", "ministra", "exmo", "exma", "sto", "sta",
}
# Abbreviations that may also end a sentence: the boundary stays unless the next piece
# clearly continues the sentence (a digit, an opening parenthesis, a comma...).
ABBREVS = {
    "jr", "etc", "ltda", "lda", "s.a", "sa", "co", "corp", "ltd", "inc", "p.p", "p.m", "a.m",
    "u.s", "u.k", "e.u.a", "jan", "fev", "feb", "mar", "abr", "apr", "mai", "jun", "jul",
    "ago", "aug", "set", "sep", "sept", "out", "oct", "nov", "dez", "dec", "bi", "mi", "tri",
    "km", "kg", "h", "min", "seg", "mln", "bln", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "ter", "qua", "qui", "sex", "sáb", "dom", "par", "al",
    "item", "t", "approx", "aprox", "a.c", "d.c", "b.c", "a.d", "ph.d", "i.e", "e.g", "n",
    "no", "nos", "nº", "art", "arts", "fig", "pág", "pag", "p", "pp", "vol", "ft", "fr", "d",
    "r", "v", "tel", "cf", "vs", "cap", "ed", "ex", "op", "cit",
}
# Words that often start a sentence: after "plano B." they start a new one.
SENTENCE_STARTERS = set("""the this that these those there then they their his her its our
and but also after before when while what who how why here not for with from into yet
ele ela eles elas isso este esta esse essa mas também após antes quando segundo para
com sem uma uns umas nos nas dos das pelo pela não sim""".split())
WEEKDAYS_MONTHS = set("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december""".split())

WEEKDAY_ABBREVS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                   "seg", "ter", "qua", "qui", "sex", "sáb", "dom"}
MONTH_ABBREVS = {"jan", "feb", "fev", "mar", "apr", "abr", "may", "mai", "jun", "jul", "aug",
                 "ago", "sep", "set", "oct", "out", "nov", "dec", "dez"}
NUMBERED = {"inc", "art", "arts", "cap", "vol", "par", "item", "al", "fig", "no", "nº"}

_LAST_WORD = re.compile(r"(\S+?)\.\s*$")
_FIRST = re.compile(r"^\s*([\"'“‘«(\[]*)(\S?)")


def _last_abbrev(piece: str) -> str | None:
    """The word before the final period, lower-cased, without leading punctuation."""
    m = _LAST_WORD.search(piece)
    if not m:
        return None
    return m.group(1).lstrip("\"'“‘«([").lower()


def _joins(left: str, right: str) -> bool:
    """Should the boundary between two sentencex pieces be removed?"""
    if not re.search(r"\w", right):
        return True                      # a lone quote, bracket or dash belongs to the left
    m = _FIRST.match(right)
    opener, first = m.group(1), m.group(2)
    if first and first.islower() and not opener.startswith(("“", '"', "«")):
        return True                      # a sentence never starts in lower case in news text
    if first in ("º", "ª"):
        return True                      # "n.º", "1.ª"
    if re.search(r"(?:^|[\s\"'“‘«(])[A-Z]\.$", left.rstrip()) and re.match(r"\s*[A-Z]\.", right):
        return True                      # a run of initials: "O.K.", "J. K. Rowling"
    ab = _last_abbrev(left)
    if ab is None:
        return False
    if ab in TITLES:
        return True
    if ab in ABBREVS:
        if first.isdigit() or opener.startswith("(") or first in ",;:%)":
            return True
        word = re.match(r"\s*(\w+)", right)
        nxt = word.group(1).lower() if word else ""
        if ab in ("p.m", "a.m") and nxt in WEEKDAYS_MONTHS:
            return True                  # "10 a.m. Monday"
        if ab in WEEKDAY_ABBREVS and (nxt in WEEKDAYS_MONTHS or nxt[:3] in MONTH_ABBREVS):
            return True                  # "Wed. Feb. 5"
        if ab in NUMBERED and re.fullmatch(r"[IVXLC]{1,5}", word.group(1) if word else ""):
            return True                  # "inc. II do art. 37"
    # "George W. Bush", "D. Pedro": an initial, then a name (not a word that starts sentences)
    word = re.match(r"\s*(\w+)", right)
    if re.search(r"(?:^|\s)[A-Z]\.\s*$", left) and not opener and word and \
            word.group(1)[0].isupper() and len(word.group(1)) >= 3 and \
            word.group(1).lower() not in SENTENCE_STARTERS:
        return True
    return False


def _repair(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for p in pieces:
        if out and _joins(out[-1], p):
            out[-1] = out[-1] + p        # pieces keep their own whitespace
        else:
            out.append(p)
    return out


# Quotation marks, double and single (an apostrophe taken out of "don't" or "players'"
# changes no sentence boundary, so single marks need no disambiguation).
QUOTE_MARKS = frozenset("\"“”„‟«»‘’‚‛‹›'")


def split(text: str, lang: str) -> list[str]:
    """Split running text into sentences (whitespace inside is normalised to single spaces)."""
    text = " ".join((text or "").split())
    if not text:
        return []
    lang = lang if lang in ("pt", "en") else "en"
    pieces = _quote_free_pieces(text, lang)
    if pieces is None:
        pieces = list(_sentencex(lang, text))
        if "".join(pieces) != text:      # never lose text, whatever sentencex does
            pieces = _pieces_from(text, pieces)
    pieces = [p for p in pieces if p.strip()]
    if len(pieces) > 1 and not re.search(r"\w", pieces[0]):
        pieces[:2] = [pieces[0] + pieces[1]]          # a leading lone quote or dash
    return [p.strip() for p in _repair(pieces)]


def _quote_free_pieces(text: str, lang: str) -> list[str] | None:
    """`text` cut where sentencex, run on the text without its quotation marks, starts a
    sentence (None when the text has no marks, or if sentencex altered the text). Each
    cut falls after the space that follows the sentence's last character, so closing
    marks stay left and opening marks go right."""
    keep = [i for i, c in enumerate(text) if c not in QUOTE_MARKS]
    if len(keep) == len(text) or not keep:
        return None
    bare = "".join(text[i] for i in keep)
    pieces = list(_sentencex(lang, bare))
    if "".join(pieces) != bare:
        return None
    cuts, pos = [0], 0
    for p in pieces[:-1]:
        last = keep[pos + len(p.rstrip()) - 1] + 1 if p.strip() else None
        pos += len(p)
        if last is None:
            continue
        nxt = keep[pos]                  # first character of the next sentence
        space = text.find(" ", last, nxt)
        cuts.append(space + 1 if space >= 0 else nxt)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _pieces_from(text: str, pieces: list[str]) -> list[str]:
    """Re-cut `text` at the ends of sentencex's pieces, found in order (a safety net:
    if sentencex ever altered characters, the text itself still comes out whole)."""
    out, start = [], 0
    for p in pieces:
        p = p.strip()
        i = text.find(p, start) if p else -1
        if i < 0:
            continue
        out.append(text[start:i + len(p)])
        start = i + len(p)
    out.append(text[start:])
    return out


# --- article -> segments ---------------------------------------------------------------

def segment_side(side: Side, lang: str) -> list[Segment]:
    out: list[Segment] = []
    for f in TEXT_FIELDS:
        for s in split(getattr(side, f), lang):
            out.append(Segment(lang, f, None, s))
    for p, para in enumerate(side.body):
        for s in split(para, lang):
            out.append(Segment(lang, "body", p, s))
    return out


def segment(article: Article) -> Segmented:
    return Segmented(segment_side(article.pt, "pt"), segment_side(article.en, "en"))
