"""Numbers, dates, amounts, percentages and times that differ between pt and en.

Each side of a bead is read directly (numbers survive machine translation badly)
into normalised items: 1.250 = 1,250; 3,5% = 3.5%; R$ 4,2 bilhões = R$4.2 billion;
38,7 mil = 38,700; dois = two; 19h = 7 p.m.; 14h30 = 2:30 p.m.; 1º = 1st; maio = May.
The two multisets are matched; what is left over is a difference. The back-translation
only breaks ties: a leftover pt value that the translation of the English also has
(or the reverse) was a parsing gap, not an error.

Traps handled on purpose: match-clock minutes ("aos 47 minutos do segundo tempo" =
"92nd minute"), years, small written-out numbers, bracketed weekday dates and round
periods that English may add or drop ("dois" vs "both", "em 2024" vs "last year",
"quarta-feira (19)" vs "Wednesday", "12 meses" vs "a year"), values that sit in a
neighbouring bead (alignment slop). Such soft figures only count when both sides
have one and they differ.

Severity policy: a value on both sides that differs (3,2% vs 2.3%, a changed date,
a changed currency, a unit conversion) is `major`; a figure present on only one side
is `minor` (it may be an omission or addition, which those checks weigh). One issue
per bead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from backcheck.lang.figures import parse_number
from backcheck.report.model import Issue

NAME = "number"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


MONTHS_PT = {"janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5,
             "junho": 6, "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10,
             "novembro": 11, "dezembro": 12, "jan": 1, "fev": 2, "mar": 3, "abr": 4,
             "jun": 6, "jul": 7, "ago": 8, "set": 9, "out": 10, "nov": 11, "dez": 12}
MONTHS_EN = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
             "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
             "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
             "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Abbreviations that are also common words count only when written with a dot.
DOTTED_ONLY = {"mar", "set", "out", "dez", "jun", "jul", "dec", "jan", "may"}

WORDS_PT = {"dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6,
            "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13,
            "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16, "dezasseis": 16,
            "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19, "dezanove": 19,
            "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60,
            "setenta": 70, "oitenta": 80, "noventa": 90, "cem": 100, "dúzia": 12}
WORDS_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
            "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
            "dozen": 12}
# European Portuguese: "mil milhões" is a billion and "bilião" a million million.
ORD_PT = {"primeiro": 1, "primeira": 1, "segundo": 2, "segunda": 2, "terceiro": 3,
          "terceira": 3, "quarto": 4, "quarta": 4, "quinto": 5, "quinta": 5, "sexto": 6,
          "sexta": 6, "sétimo": 7, "sétima": 7, "oitavo": 8, "oitava": 8, "nono": 9,
          "nona": 9, "décimo": 10, "décima": 10}
ORD_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
          "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
MULT_PT = {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "mi": 1e6, "bilhão": 1e9,
           "bilhões": 1e9, "bi": 1e9, "mil milhões": 1e9, "trilhão": 1e12, "trilhões": 1e12,
           "milhao": 1e6, "milhoes": 1e6, "bilhao": 1e9, "bilhoes": 1e9,
           "bilião": 1e12, "biliões": 1e12}
MULT_EN = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
           "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "k": 1e3}
CURRENCY = {"r$": "BRL", "us$": "USD", "u$": "USD", "$": "USD", "€": "EUR", "£": "GBP",
            "reais": "BRL", "real": "BRL", "dólares": "USD", "dólar": "USD",
            "dollars": "USD", "euros": "EUR", "euro": "EUR", "libras": "GBP",
            "pounds": "GBP", "usd": "USD", "brl": "BRL", "eur": "EUR"}
UNITS = {"°c": "C", "ºc": "C", "°f": "F", "km": "km", "mi": "mile", "miles": "mile",
         "milhas": "mile", "quilômetros": "km", "kilometers": "km", "kilometres": "km",
         "kg": "kg", "lb": "lb", "pounds": "lb", "libras": "lb", "m": "m", "metros": "m",
         "meters": "m", "metres": "m", "ft": "ft", "feet": "ft", "pés": "ft"}

# thousands may be grouped by a (no-break, thin or, European Portuguese, plain) space
WEEKDAY = (r"(segunda|terça|terca|quarta|quinta|sexta)(-feira)?|sábado|sabado|domingo|"
           r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
PERIODS = {(12, "meses"), (12, "months"), (24, "horas"), (24, "hours"), (7, "dias"), (7, "days"),
           (10, "anos"), (10, "years"), (100, "anos"), (100, "years"), (30, "dias"), (60, "minutos")}
# durations, compared in seconds ("48 horas" = "two days"); a tagged value, so that it
# only ever meets another duration
SECONDS = [(r"minutos?|minutes?", 60), (r"horas?|hours?", 3600), (r"dias?|days?", 86400),
           (r"semanas?|weeks?", 604800), (r"meses|mês|months?", 2628000), (r"anos?|years?", 31536000)]
# letters that may follow digits directly ("30km", "4bn", "1990s", "5G" is a code)
GLUE_OK = {"km", "kg", "m", "mm", "cm", "bn", "mn", "k", "mi", "bi", "s", "x", "am", "pm",
           "ha", "l", "ml", "g", "t", "mw", "gw", "kw", "mwh", "gwh", "kwh", "mph", "kph",
           "c", "f", "ft", "lb", "lbs"}
# Quantities an English editor may convert (80 km/h = 50mph, 25 hectares = 62 acres):
# (pattern after the figure, dimension, factor to a common base). Compared after
# conversion with a rounding tolerance; the first pattern that matches wins.
QUANTITY = [
    (r"km/h|kph|quil[oó]metros por hora|kilomet(?:re|er)s (?:per|an) hour", "speed", 1.0),
    (r"mph|miles (?:per|an) hour|milhas por hora", "speed", 1.609344),
    (r"hectares?|ha\b", "area", 1.0),
    (r"acres?\b", "area", 0.404686),
    (r"km²|km2|quil[oó]metros quadrados|square kilomet(?:re|er)s", "area", 100.0),
    (r"square miles?", "area", 258.999),
    (r"km\b|quil[oó]metros?|kilomet(?:re|er)s?", "length", 1000.0),
    (r"miles?\b|milhas?", "length", 1609.344),
    (r"metros?\b|met(?:re|er)s?\b|m\b", "length", 1.0),
    (r"ft\b|feet|foot\b|pés", "length", 0.3048),
    (r"kg\b|quilos?|kilos?|kilograms?|quilogramas?", "mass", 1.0),
    (r"lbs?\b|pounds?\b", "mass", 0.453592),
    (r"toneladas?|tonnes?|tons?\b", "mass", 1000.0),
    (r"°\s?c\b|ºc\b|c\b|graus", "temp", None),
    (r"°\s?f\b|f\b|fahrenheit", "temp", "F"),
]
NUM = r"\d{1,3}(?: \d{3})+(?![\d,.]\d)|\d+(?:[.,\u00a0\u202f]\d+)*"
TOKEN = re.compile(
    r"(?P<cur>R\$|US\$|U\$|€|£|\$)?\s?"
    r"(?P<num>" + NUM + r")"
    r"(?P<ord>º|ª|°(?![CF])|st\b|nd\b|rd\b|th\b)?"
    r"(?P<h>h(?:\d\d)?\b|:\d\d)?"
    r"(?P<pct>\s?%|\s?por cento|\s?percent\b|\s?per cent\b)?",
    re.I)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?", re.U)


@dataclass
class Item:
    values: frozenset          # acceptable normalised values (alternatives)
    shown: str                 # text shown in a message
    kind: str = "num"          # num | month | code
    soft: bool = False         # may legitimately be added or dropped by the translation
    currency: str | None = None
    unit: str | None = None
    extra: dict = field(default_factory=dict)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower())
                   if unicodedata.category(c) != "Mn")


def _r(x: float) -> float:
    return round(x, 6)


def extract(text: str, lang: str) -> list[Item]:
    """Every figure of one text, normalised."""
    items: list[Item] = []
    months = MONTHS_PT if lang == "pt" else MONTHS_EN
    words = WORDS_PT if lang == "pt" else WORDS_EN
    mults = MULT_PT if lang == "pt" else MULT_EN
    low = text.lower()
    taken = []  # character spans already read as digits

    # durations in two units: "30 minutos e 48 segundos" = "30:48", "2 horas e 15 minutos"
    dur = (r"\b(\d+)\s*(horas?|h|minutos?|min)\s+e\s+(\d+)\s*(minutos?|min|segundos?|s)\b" if lang == "pt"
           else r"\b(\d+)\s*(hours?|hrs?|minutes?|mins?)\s*(?:and\s+)?(\d+)\s*(minutes?|mins?|seconds?|secs?)\b")
    for m in re.finditer(dur, low):
        v = _r(int(m.group(1)) + int(m.group(3)) / 60)
        items.append(Item(frozenset({v}), text[m.start():m.end()], "num"))
        taken.append(m.span())
    # a race time glued: "2h05min" = "2:05", "1h58m"
    for m in re.finditer(r"\b(\d+)h(\d\d)(?:min|m)\b", low):
        items.append(Item(frozenset({_r(int(m.group(1)) + int(m.group(2)) / 60)}),
                          text[m.start():m.end()], "num"))
        taken.append(m.span())

    # codes: a letter-first token with digits in it (H3N2, BR-163, G20, Covid-19)
    for m in re.finditer(r"\b[^\W\d_]+-?\d[\w]*(?:-\w+)*", text):
        if re.match(r"[a-z]+-\d", m.group(0)):
            continue            # "over-60s", "sub-20", "top-10": a word and a figure
        items.append(Item(frozenset({_fold(m.group(0)).replace("-", "")}), m.group(0), "code"))
        taken.append(m.span())

    for m in TOKEN.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        glued = re.match(r"[^\W\d_]+", text[m.end():])
        if glued and glued.group(0).lower() not in GLUE_OK:
            continue            # digits glued to a word are CMS junk (the artifact check's)
        raw = m.group("num")
        v = parse_number(raw, lang)
        if v is None:
            continue
        after = low[m.end():m.end() + 40]
        before = low[max(0, m.start() - 40):m.start()]
        cur = (m.group("cur") or "").lower() or None
        shown = m.group(0).strip()
        vals = {v}
        soft = False
        unit = None
        is_pct = bool(m.group("pct"))
        h = m.group("h")
        if h and lang == "pt" and h.lower().startswith("h"):
            mins = h[1:]
            v = v + (int(mins) / 60 if mins else 0)
            if re.match(r"\s*da (tarde|noite)", after) and v < 12:
                v += 12
            vals = {_r(v)}
        elif h and h.startswith(":"):
            v = v + int(h[1:]) / 60
            vals = {_r(v)}
        # English clock: 7 p.m., 7pm, 7:30 a.m.
        if lang == "en" and not is_pct:
            ap = re.match(r"\s*([ap])\.?\s?m\b\.?", after)
            if ap:
                hm = re.fullmatch(r"(\d{1,2})\.(\d\d)", raw)    # British "6.30 p.m."
                if hm:
                    v = int(hm.group(1)) + int(hm.group(2)) / 60
                hour = v % 12 + (12 if ap.group(1) == "p" else 0)
                vals = {_r(hour)}
                shown += " " + ap.group(0).strip()
        # multipliers: 4,2 bilhões / 4.2 billion / 38 mil
        mm = re.match(r"\s?(" + "|".join(sorted(map(re.escape, mults), key=len, reverse=True)) + r")\b", after)
        if mm and not is_pct:
            metres = lang == "en" and mm.group(1) == "m" and not cur
            vals = {_r(x * mults[mm.group(1)]) for x in vals}
            if metres:          # "10,000m" is metres on a track, "1.6m people" a million
                vals |= {_r(v)}
            shown += " " + mm.group(1)
            after = after[mm.end():]
        if not cur:
            cm = re.match(r"\s?(?:de\s)?(reais|real|dólares|dólar|dollars|euros|euro|libras|pounds|usd|brl|eur)\b", after)
            if cm:
                cur = cm.group(1)
        um = re.match(r"\s?(°c|ºc|°f|km|mi|miles|milhas|quilômetros|kilometers|kilometres|kg|lb|pounds|libras|metros|meters|metres|ft|feet|pés)\b|\s?(°c|°f|ºc)", after)
        if um and not cur:
            unit = UNITS.get((um.group(1) or um.group(2)).lower())
        if m.group("ord") and m.group("ord") == "°" and after.startswith("c"):
            unit = "C"
        is_year = (re.fullmatch(r"\d{4}", raw) and 1800 <= v <= 2100 and not cur and not is_pct)
        if is_year:
            soft = True
        # "100% elétricos" is "all-electric", "100% seguro" "completely safe"
        if is_pct and v == 100:
            soft = True
        # a weekday's date in brackets, "quarta-feira (19)", is often dropped in English
        day = bool(re.search(r"(" + WEEKDAY + r")\s*\(\s*$", before)
                   and re.match(r"(?:st|nd|rd|th|º)?\s*\)", low[m.end("num"):]))
        if day:
            soft = True
        # "12 meses" may be "a year", "24 horas" "a day", "sete dias" "a week"
        unit_word = re.match(r"\s?(\w+)", after)
        if unit_word and (v, unit_word.group(1)) in PERIODS:
            soft = True
        # a duration is also compared in seconds: 48 horas = two days, 14 days = two weeks
        d = _duration(after, v)
        if d:
            vals.add(d)
        # match clock: "aos 31 minutos" may be the 76th minute (second half)
        if re.match(r"\s?(minutos|min\b|')", after) and re.search(r"\baos?\s*$|\bos\s*$", before):
            vals |= {_r(v + 45), _r(v + 90), _r(v + 105)}
        if re.match(r"\s?minutos do segundo tempo", after):
            vals = {_r(v + 45)}
        if lang == "en" and re.match(r"(?:-|\s)minute", after) and m.group("ord"):
            vals |= {_r(v - 45), _r(v - 90), _r(v - 105)}
        # percentage points are not percent: "0,5 p.p." = "0.5 percentage point" != "0.5%"
        pp = re.match(r"\s?(p\.\s?p\.|pontos? percentua\w*|percentage[ -]points?)", after)
        is_pp = bool(pp)
        if pp:
            shown += " " + text[m.end():m.end() + pp.end()].strip()
        # decades in two digits: "anos 90" = "the '90s" = the 1990s
        decade = (re.fullmatch(r"\d0", raw) and not cur and not is_pct
                  and (re.search(r"\banos\s*(?:\d0\s*(?:,|e)\s*)*$", before) if lang == "pt"
                       else (re.search(r"['’]$", before) and glued and glued.group(0) == "s")))
        if decade:
            vals |= {1900 + v, 2000 + v}
            soft = is_year = True
        if glued and glued.group(0).lower() in ("c", "f") and not cur:
            unit = glued.group(0).upper()
        extra = {"pct": is_pct, "pp": is_pp, "year": bool(is_year), "day": day}
        if not cur and not is_pct:
            q = _quantity(after.lstrip(" -"), v)
            if q:
                extra["q"] = q
        items.append(Item(frozenset(vals), shown, "num", soft,
                          CURRENCY.get(cur) if cur else None, unit, extra))
        taken.append(m.span())

    # months
    for m in re.finditer(r"\b([A-Za-zçÇ]+)(\.?)", text):
        w = m.group(1)
        wl = w.lower()
        if wl not in months:
            continue
        if lang == "pt" and w[0].isupper() and re.search(r"[A-Z]\w*\s+de\s+$", text[:m.start()]):
            continue            # part of a name: "Rio de Janeiro"
        if wl in DOTTED_ONLY and not m.group(2) and wl not in ("jan",):
            # "May" the month is capitalised and not sentence-initial; "mar"/"set"/... need a dot
            if not (lang == "en" and wl == "may" and w == "May" and m.start() > 0
                    and not re.search(r"[.!?“\"]\s*$", text[max(0, m.start() - 5):m.start()])):
                continue
        if len(wl) <= 4 and wl != "may" and not re.search(
                r"\d\s*(de\s*)?$", text[max(0, m.start() - 8):m.start()]) \
                and not re.match(r"\s*(de\s*|/)?\d", text[m.end():m.end() + 8]):
            continue            # an abbreviation is a month only next to a day or year ("no mar.")
        items.append(Item(frozenset({months[wl]}), w + m.group(2), "month", False))

    # written-out numbers (soft: translations often switch between words and digits)
    consumed = -1
    for m in WORD.finditer(text):
        if m.start() < consumed:
            continue
        w = m.group(0).lower()
        parts = w.split("-")
        if lang == "en" and len(parts) == 2 and parts[0] in words and parts[1] in words:
            v = words[parts[0]] + words[parts[1]]
        elif w in words:
            v = words[w]
            if lang == "pt":
                nxt = re.match(r"\s+e\s+(\w+)", text[m.end():])
                if nxt and nxt.group(1).lower() in words and v >= 20 and words[nxt.group(1).lower()] < 10:
                    v += words[nxt.group(1).lower()]
                    consumed = m.end() + nxt.end()
        else:
            continue
        if w in ("hundred", "dozen") and not re.search(r"\b(a|one)\s+$", low[:m.start()]):
            continue
        if re.search(r"\b(meio|meia)\s+$", low[:m.start()]):
            continue            # "meia dúzia": read below as a half
        after = low[m.end():m.end() + 20]
        shown = m.group(0)
        # counted tens and hundreds: "duas dezenas" = 20, "três centenas" = 300
        grp = re.match(r"\s(dezenas?|centenas?)\b", after) if lang == "pt" else None
        if grp:
            v *= 10 if grp.group(1).startswith("dezena") else 100
            shown += grp.group(0)
            after = after[grp.end():]
        mm = re.match(r"\s(" + "|".join(sorted(map(re.escape, mults), key=len, reverse=True)) + r")\b", after)
        if mm:
            v = v * mults[mm.group(1)]
        q = None if mm else _quantity(after.lstrip(" -"), v)
        d = _duration(after, v)
        items.append(Item(frozenset({_r(float(v))} | ({d} if d else set())), shown, "num",
                          soft=True, extra={"q": q} if q else {}))
    # halves: "meio milhão" = "half a million" = 500,000; "meia dúzia" = 6
    half = (r"\b(?:meio|meia)\s+(mil|milhão|milhao|bilhão|bilhao|dúzia)\b" if lang == "pt"
            else r"\bhalf\s+an?\s+(million|billion|dozen)\b")
    for m in re.finditer(half, low):
        base = mults.get(m.group(1)) or 12
        items.append(Item(frozenset({_r(base / 2)}), text[m.start():m.end()], "num", soft=True))
    # ordinal words (soft): "3º trimestre" = "third quarter"; never a difference alone,
    # "segundo" is also "according to" and "quarta" a weekday
    ords = ORD_PT if lang == "pt" else ORD_EN
    for m in WORD.finditer(text):
        w = m.group(0).lower()
        if w in ords and not re.match(r"-feira", text[m.end():]):
            items.append(Item(frozenset({float(ords[w])}), m.group(0), "num", soft=True,
                              extra={"absorb_only": True}))
    # multiplying verbs: "duplicou" = "doubled", "triplicou" = "tripled" (compared only
    # with each other: "doubled" may also be "rose 100%")
    times = ({"duplic": 2, "dobr": 2, "triplic": 3, "quadruplic": 4} if lang == "pt"
             else {"doubl": 2, "tripl": 3, "quadrupl": 4, "twofold": 2, "threefold": 3,
                   "fourfold": 4})
    for m in WORD.finditer(low):
        w = m.group(0)
        stem = next((t for t in times if w.startswith(t)), None)
        if stem is None or (lang == "pt" and stem == "dobr" and not re.match(r"dobr(ou|aram|ar|a|am|ado|ada)$", w)):
            continue            # "dobrar" also means to fold or turn a corner: verb forms only
        items.append(Item(frozenset({float(times[stem])}), text[m.start():m.end()], "times", soft=True))
    # periods and fractions said in words (soft): "half a century" = 50 anos,
    # "uma década" = 10 anos, "half off" = 50%, "metade" = 50%
    spans = ([(r"\bmeio século\b", 50), (r"\bum quarto de século\b", 25), (r"\bum século\b", 100),
              (r"\buma década\b", 10), (r"\bmetade\b", 50), (r"\bmeia hora\b", 30),
              (r"\bquinzena\b", (15, 14, 2))] if lang == "pt" else
             [(r"\bhalf a century\b", 50), (r"\ba quarter of a century\b", 25),
              (r"\b(?<!half )(?<!of )(a|one) century\b", 100), (r"\b(a|one) decade\b", 10),
              (r"\bhalf an hour\b", 30), (r"\bfortnight\b", (14, 2)),
              (r"\bhalf\b(?! a (century|million|billion|dozen)| an hour)", 50)])
    for pat, v in spans:
        for m in re.finditer(pat, low):
            vals = set(map(float, v)) if isinstance(v, tuple) else {float(v)}
            items.append(Item(frozenset(vals | ({0.5} if v == 50 else set())),
                              text[m.start():m.end()], "num", soft=True))
    # proportions: "um em cada cinco" = "one in five" = 20%; "três quartos" = "three-quarters"
    ratio = (r"\b(\w+) em cada (\w+)\b" if lang == "pt"
             else r"\b(\w+) (?:in|out of) (?:every )?(\w+)\b")
    ones = {"um": 1, "uma": 1, "one": 1, "a": 1}
    for m in re.finditer(ratio, low):
        k, n = (ones.get(g) or words.get(g) or (int(g) if g.isdigit() else None)
                for g in m.groups())
        if k and n and k < n <= 100:
            items.append(_proportion(k / n, text[m.start():m.end()]))
    fracs = ([(r"\btrês quartos\b", 0.75), (r"\bdois terços\b", 2 / 3), (r"\bum terço\b", 1 / 3),
              (r"\bum quarto\b(?! de século)", 0.25), (r"\bum quinto\b", 0.2), (r"\bum décimo\b", 0.1)]
             if lang == "pt" else
             [(r"\bthree[- ]quarters\b", 0.75), (r"\btwo[- ]thirds\b", 2 / 3),
              (r"\b(?:a|one)[- ]third\b", 1 / 3), (r"\b(?:a|one)[- ]quarter\b(?! of a century)", 0.25),
              (r"\b(?:a|one)[- ]fifth\b", 0.2), (r"\b(?:a|one)[- ]tenth\b", 0.1)])
    for pat, f in fracs:
        for m in re.finditer(pat, low):
            items.append(_proportion(f, text[m.start():m.end()]))
    # decades and centuries counted: "seis décadas" = "60 years", "two centuries" = 200 anos
    span = (r"\b(\w+) (décadas|séculos)\b" if lang == "pt" else r"\b(\w+) (decades|centuries)\b")
    for m in re.finditer(span, low):
        n = words.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            f = 10 if m.group(2)[0] == "d" else 100
            items.append(Item(frozenset({float(n), float(n * f)}), text[m.start():m.end()], "num", soft=True))
    # "um ano e meio" = "a year and a half" = "18 months"; "duas horas e meia" = 150 minutes
    span = (r"\b(\w+) (anos?|horas?) e (?:meio|meia)\b" if lang == "pt"
            else r"\b(\w+) (years?|hours?) and a half\b|\b(\w+) and a half (years|hours)\b")
    for m in re.finditer(span, low):
        g = [x for x in m.groups() if x]
        n = ({"um": 1, "uma": 1, "a": 1, "an": 1, "one": 1}.get(g[0]) or words.get(g[0])
             or (int(g[0]) if g[0].isdigit() else None))
        if n:
            x = n + 0.5
            items.append(Item(frozenset({_r(x), _r(x * (12 if g[1][0] in "ay" else 60))}),
                              text[m.start():m.end()], "num", soft=True))
    # match clock told from the half: "two minutes into stoppage time" may be the 47th
    # or the 92nd minute, "seven minutes into the second half" the 52nd
    if lang == "en":
        for m in re.finditer(r"\b(\w+) minutes? into (?:the )?(second half|stoppage time|added time|"
                             r"injury time|extra time)", low):
            n = words.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
            if n:
                base = {"second half": (45,), "extra time": (90,)}.get(m.group(2), (45, 90, 105, 120))
                items.append(Item(frozenset({float(n)} | {float(b + n) for b in base}),
                                  text[m.start():m.end()], "num", soft=True))
    # "um milhão", "a million", bare "mil pessoas"
    for m in re.finditer(r"\b(um|uma|a|one)\s+(mil|milhão|bilhão|thousand|million|billion)\b", low):
        if re.search(r"\bhalf\s+$", low[:m.start()]):
            continue            # "half a million": read above
        if (m.group(1) in ("um", "uma") and lang == "pt") or (m.group(1) in ("a", "one") and lang == "en"):
            items.append(Item(frozenset({_r(mults[m.group(2)])}), m.group(0), "num", soft=True))
    return items


def _proportion(f: float, shown: str) -> Item:
    """A proportion in words, comparable with a percentage (1/3 = 33% or 33.3%)."""
    pct = 100 * f
    return Item(frozenset({_r(pct), float(round(pct)), _r(round(pct, 1))}), shown, "num",
                soft=True, extra={"frac": f})


def _duration(after: str, v: float):
    m = re.match(r"[\s-]?(\w+)", after)
    for pat, sec in SECONDS:
        if m and re.fullmatch(pat, m.group(1)):
            return ("s", round(v * sec))
    return None


def _quantity(after: str, v: float):
    """(dimension, value in a common base) of a figure followed by a unit, or None."""
    for pat, dim, factor in QUANTITY:
        if re.match(pat, after):
            if dim == "temp":
                return (dim, (v - 32) * 5 / 9, "F", 5 / 9) if factor == "F" else (dim, v, "C", 1.0)
            return dim, v * factor, factor, factor
    return None


def _same_quantity(a: Item, b: Item) -> bool:
    """A converted quantity: same dimension, another unit, equal within 2% or within
    the rounding of either figure to a whole number (a changed 874 km² = 847 km² is not
    a conversion)."""
    qa, qb = a.extra.get("q"), b.extra.get("q")
    if not qa or not qb or qa[0] != qb[0] or qa[2] == qb[2]:
        return False
    tol = max(0.02 * max(abs(qa[1]), abs(qb[1])), 0.5 * max(qa[3], qb[3]))
    return abs(qa[1] - qb[1]) <= tol


def _compatible(a: Item, b: Item) -> bool:
    if a.kind != b.kind:
        return False
    return bool(a.values & b.values)


def match(pt: list[Item], en: list[Item]) -> tuple[list[Item], list[Item], list[tuple[Item, Item]]]:
    """Maximum matching of compatible items (Kuhn's algorithm: lists are tiny).
    Returns (pt leftovers, en leftovers, matched pairs)."""
    owner: dict[int, int] = {}

    def augment(i, seen):
        for j, b in enumerate(en):
            if j in seen or not _compatible(pt[i], b):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # hard items first so that soft written-out words do not steal their partners
    for i in sorted(range(len(pt)), key=lambda i: pt[i].soft):
        augment(i, set())
    got = set(owner.values())
    pairs = [(pt[i], en[j]) for j, i in owner.items()]
    return ([a for i, a in enumerate(pt) if i not in got],
            [b for j, b in enumerate(en) if j not in owner], pairs)


def _items(ctx, side, idxs):
    segs = ctx.seg.pt if side == "pt" else ctx.seg.en
    out = []
    for i in idxs:
        out += extract(segs[i].text, side)
    return out


def _translated(ctx, side, idxs):
    """Items of the machine translation of the given sentences, read leniently in
    both locales (rule-based engines keep the source's separators)."""
    tr = ctx.pt2en if side == "pt" else ctx.en2pt
    if not tr:
        return []
    target = "en" if side == "pt" else "pt"
    out = []
    for i in idxs:
        if tr[i]:
            out += extract(tr[i], target) + extract(tr[i], side)
    return out


def _covered(item: Item, pool: list[Item]) -> bool:
    return any(_compatible(item, p) for p in pool)


def _keep_soft(mine: list[Item], other: list[Item]) -> list[Item]:
    # two soft figures of different sorts are unrelated: a dropped "sexta-feira (27)" and
    # an added "three months" are two free choices, not one changed figure
    def partner(a: Item) -> bool:
        return any(b.kind == a.kind and bool(b.extra.get("year")) == bool(a.extra.get("year"))
                   and (not (a.soft and b.soft)
                        or bool(a.extra.get("day")) == bool(b.extra.get("day")))
                   for b in other)
    return [a for a in mine if not a.soft or partner(a)]


def _totals(article: list[Item]) -> set[float]:
    """The plain figures of one side of the article (computed once per check)."""
    return {w for a in article if a.kind == "num" and not a.extra.get("frac")
            for w in a.values if isinstance(w, float)}


def _derived(item: Item, other: list[Item], totals: set[float]) -> bool:
    """Is the figure a proportion said on the other side of a figure found elsewhere
    on its own side ("300 milhões" of "400 milhões" = "three-quarters")?"""
    fracs = [o.extra["frac"] for o in other if o.extra.get("frac")]
    if not fracs:
        return False
    return any(abs(v - f * w) <= 0.02 * abs(v) for v in item.values if isinstance(v, float) and v
               for f in fracs for w in totals if w > v)


def _fmt(items: list[Item]) -> str:
    return ", ".join(i.shown for i in items)


def check(ctx) -> list:
    issues = []
    beads = ctx.beads
    pt_all = [x for s in ctx.seg.pt for x in extract(s.text, "pt")]
    en_all = [x for s in ctx.seg.en for x in extract(s.text, "en")]
    pt_totals, en_totals = _totals(pt_all), _totals(en_all)
    for k, bead in enumerate(beads):
        if not bead.src or not bead.tgt:
            continue        # whole-sentence omissions and additions belong to other checks
        pt = _items(ctx, "pt", bead.src)
        en = _items(ctx, "en", bead.tgt)
        left_pt, left_en, pairs = match(pt, en)
        # currency or unit changed on a matched value
        changed = [(a, b) for a, b in pairs
                   if (a.currency and b.currency and a.currency != b.currency)
                   or (a.unit and b.unit and a.unit != b.unit)
                   or (a.extra.get("pp") and b.extra.get("pct"))
                   or (a.extra.get("pct") and b.extra.get("pp"))]
        # alignment slop: the value sits in a neighbouring bead
        near = [beads[j] for j in (k - 1, k + 1) if 0 <= j < len(beads)]
        # ...or one further when an unaligned sentence sits in between
        near += [beads[j] for j, mid in ((k - 2, k - 1), (k + 2, k + 1))
                 if 0 <= j < len(beads) and not (beads[mid].src and beads[mid].tgt)]
        near_pt = [x for b in near for x in _items(ctx, "pt", b.src)]
        near_en = [x for b in near for x in _items(ctx, "en", b.tgt)]
        left_pt = [a for a in left_pt if not _covered(a, near_en)]
        left_en = [b for b in left_en if not _covered(b, near_pt)]
        # tie-breaker: the translation of the other side carries the value after all
        left_pt = [a for a in left_pt if not _covered(a, _translated(ctx, "en", bead.tgt))]
        left_en = [b for b in left_en if not _covered(b, _translated(ctx, "pt", bead.src))]
        # a converted unit: "80 km/h" = "50mph", "25 hectares" = "a 62-acre site"
        converted = []
        for a in list(left_pt):
            b = next((b for b in left_en if _same_quantity(a, b)), None)
            if b is not None:
                left_pt.remove(a)
                left_en.remove(b)
                converted.append((a, b))
        # a figure re-expressed as a share of another figure of the article
        left_pt = [a for a in left_pt if not _derived(a, en, pt_totals)]
        left_en = [b for b in left_en if not _derived(b, pt, en_totals)]
        # ordinal words only absorb figures ("third" = "3º"); they are never a difference
        left_pt = [a for a in left_pt if not a.extra.get("absorb_only")]
        left_en = [b for b in left_en if not b.extra.get("absorb_only")]
        # soft items may come and go; one stays only when the other side has a leftover
        # it could have become (a year for a year, any other figure otherwise)
        left_pt, left_en = _keep_soft(left_pt, left_en), _keep_soft(left_en, left_pt)
        if not left_pt and not left_en and not changed:
            if converted:       # shown, not counted: the editor may check the rounding
                issues.append(Issue(
                    "number", "info", ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                    "converted: " + "; ".join(f"{a.shown} = {b.shown}" for a, b in converted),
                    {"pt_items": [a.shown for a, _ in converted],
                     "en_items": [b.shown for _, b in converted], "similarity": bead.score}))
            continue
        pt_items = [a.shown for a in left_pt] + [a.shown for a, _ in changed]
        en_items = [b.shown for b in left_en] + [b.shown for _, b in changed]
        if left_pt and left_en or changed:
            severity = "major"
            msg = (f"number {_fmt(left_pt + [a for a, _ in changed])} in Portuguese is "
                   f"{_fmt(left_en + [b for _, b in changed])} in English")
        elif left_pt:
            if all(a.soft for a in left_pt):
                continue
            severity = "minor"
            msg = f"number {_fmt(left_pt)} in Portuguese is missing from the English"
        else:
            if all(b.soft for b in left_en):
                continue
            severity = "minor"
            msg = f"number {_fmt(left_en)} in English is not in the Portuguese"
        bt = ctx.translation("pt", bead.src)
        e2p = ctx.translation("en", bead.tgt)
        issues.append(Issue("number", severity, ctx.loc("pt", bead.src), ctx.loc("en", bead.tgt),
                            msg, {"pt_items": pt_items, "en_items": en_items,
                                  "back_translation": bt, "en2pt": e2p,
                                  "similarity": bead.score}))
    return issues
