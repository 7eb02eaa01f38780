"""Numbers written in words: "vinte e cinco" = "twenty-five" = 25, "dois milhões", "a
hundred", "duas dezenas" = 20, "meio milhão" = "half a million", multiplying verbs
("duplicou" = "doubled"), proportions ("um em cada cinco" = "one in five" = 20%) and
fractions in digits ("1/12 do valor" = "one-twelfth of", a share).
Written numbers are soft: translations switch between words and digits, and "dois" may
become "both".

Entry points: `cardinal(word, lang, one=False)`, `read(text, lang, taken)`, `halves(...)`,
`multiplying(text, lang)`, `proportions(text, lang)`, `fractions(text, lang, taken)`,
`share(fraction, shown, ...)`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from backcheck.lang import lexicon
from backcheck.lang.figures import durations, hedges, units
from backcheck.lang.figures.digits import multiplier_re, multipliers
from backcheck.lang.figures.model import Figure, Spans, rounded

WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=2)
def _cardinals(lang: str) -> dict[str, int]:
    return {f.lower(): int(row["value"]) for row in lexicon.rows("numerals")
            if row["lang"] == lang for f in lexicon.variants(row["forms"])}


def cardinal(word: str, lang: str, one: bool = False) -> int | None:
    """The value of a written cardinal ("cinco", "twenty"); "um"/"a"/"one" only when
    `one` (alone they are articles)."""
    v = _cardinals(lang).get(word.lower())
    if v == 1 and not one:
        return None
    return v


def _compound(low: str, end: int, v: int, lang: str) -> tuple[int, int]:
    """Extend a written number by its smaller parts: "vinte e cinco", "cento e vinte e
    três", "twenty-five", "two hundred and fifty"."""
    while True:
        joiner = r"\s+e\s+" if lang == "pt" else (r"-" if v < 100 else r"\s+(?:and\s+)?")
        m = re.match(joiner + r"([^\W\d_]+)", low[end:])
        part = cardinal(m.group(1), lang) if m else None
        zeros = len(str(v)) - len(str(v).rstrip("0"))
        if part is None or part >= 10 ** zeros:
            return v, end
        v, end = v + part, end + m.end()


def halves(text: str, lang: str, taken: Spans) -> list[Figure]:
    """"Meio milhão" = "half a million" = 500,000; "meia dúzia" = "half a dozen" = 6."""
    out = []
    low = text.lower()
    mults = multipliers(lang)
    half = (r"\b(?:meio|meia)\s+(" if lang == "pt" else r"\bhalf\s+an?\s+(") + \
        "|".join(re.escape(k) for k in sorted(mults, key=len, reverse=True) if len(k) > 2) + r")\b"
    for m in re.finditer(half, low):
        if taken.overlaps(m.start(), m.end()):
            continue
        out.append(Figure(frozenset({rounded(mults[m.group(1)] / 2)}), text[m.start():m.end()],
                          soft=True, written=True, start=m.start(), end=m.end()))
        taken.add(m.start(), m.end())
    return out


def read(text: str, lang: str, taken: Spans) -> list[Figure]:
    """Every number written in words, with its multiplier, unit or unit of time."""
    out = []
    low = text.lower()
    mults = multipliers(lang)
    consumed = -1
    for m in WORD.finditer(low):
        if m.start() < consumed or taken.hit(m.start()):
            continue
        v = cardinal(m.group(0), lang, one=True)
        if v is None:
            continue
        start = m.start()
        v, end = _compound(low, m.end(), v, lang)
        mm = multiplier_re(lang).match(low[end:])
        if v == 1 and not mm and not units.quantity(low[end:end + 30], 1.0):
            continue                      # an article, not a number ("a mile" is one)
        value = float(v)
        if mm:
            value *= mults[mm.group(1)]
            end += mm.end()
            if value < 1000:              # "two hundred and fifty", "três centenas e meia"
                v2, end = _compound(low, end, int(value), lang)
                value = float(v2)
        consumed = end
        after = low[end:end + 30]
        q = None if mm else units.quantity(after, value, 1.0)
        vals = {rounded(value)}
        d = durations.seconds(after, value)
        if d:
            vals.add(d)
        shown = text[start:end + (units.unit_length(after) if q else 0)].strip()
        out.append(Figure(frozenset(vals), shown, soft=True, written=True, quantity=q,
                          approx=hedges.hedged(low[max(0, start - 40):start], lang),
                          start=start, end=end))
    return out


@lru_cache(maxsize=2)
def _multiplying(lang: str) -> tuple[tuple[str, int], ...]:
    """((stem or =word, value)...) of the multiplying verbs of one language."""
    out = []
    for row in lexicon.rows("multiplying"):
        if row["lang"] != lang:
            continue
        out += [(s.lower(), int(row["value"])) for s in lexicon.variants(row["stems"])]
        out += [("=" + w.lower(), int(row["value"])) for w in lexicon.variants(row["words"])]
    return tuple(out)


def multiplying(text: str, lang: str) -> list[Figure]:
    """Multiplying verbs ("duplicou" = "doubled"), compared only with each other: "doubled"
    may also be "rose 100%"."""
    out = []
    for m in WORD.finditer(text.lower()):
        w = m.group(0)
        v = next((v for s, v in _multiplying(lang)
                  if (w == s[1:] if s.startswith("=") else w.startswith(s))), None)
        if v is not None:
            out.append(Figure(frozenset({float(v)}), text[m.start():m.end()], kind="times",
                              soft=True, written=True, start=m.start(), end=m.end()))
    return out


def share(f: float, shown: str, start: int = -1, end: int = -1) -> Figure:
    """A proportion in words, comparable with a percentage (1/3 = 33% or 33.3%)."""
    pct = 100 * f
    return Figure(frozenset({rounded(pct), float(round(pct)), rounded(round(pct, 1))}), shown,
                  soft=True, written=True, share=f, start=start, end=end)


# a fraction in digits before "of"/"de": "1/12 do valor" (a date, "1/12", has no "do")
FRACTION = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,3})(?![\d/])"
                      r"(?=\s+(?:of|de|do|da|dos|das)\b)", re.I)


def fractions(text: str, lang: str, taken: Spans) -> list[Figure]:
    """"1/12 do valor" = "one-twelfth of" = 8.3%: a share, not the figures 1 and 12."""
    out = []
    for m in FRACTION.finditer(text):
        k, n = int(m.group(1)), int(m.group(2))
        if 0 < k < n and not taken.overlaps(m.start(), m.end()):
            out.append(share(k / n, m.group(0), m.start(), m.end()))
            taken.add(m.start(), m.end())
    return out


def proportions(text: str, lang: str) -> list[Figure]:
    """"Um em cada cinco" = "one in five" = "one out of every five" = 20%."""
    rx = (r"\b(\w+) em cada (\w+)\b" if lang == "pt"
          else r"\b(\w+) (?:in|out of) (?:every )?(\w+)\b")
    out = []
    for m in re.finditer(rx, text.lower()):
        k, n = (cardinal(g, lang, one=True) or (int(g) if g.isdigit() else None)
                for g in m.groups())
        if k and n and k < n <= 100:
            out.append(share(k / n, text[m.start():m.end()], m.start(), m.end()))
    return out
