"""CMS junk on either side (needs no translation).

Runs on every sentence of both sides (ctx.seg) and reports, once per problem:
- `glued-digits`: a run of digits glued to a word, as CMS ids leak into text
  ("04160333The meeting"): 4+ digits before a capitalised word, or 6+ digits glued to
  any letter. Ordinary numbers, dates, prices, times and ordinals (R$5.92, 14h30, 19th,
  1º, 10km, 1990s) have fewer digits or a space, so they never match.
  Also 6+ digits glued after a full stop ("Beijing.04160333") and an id with a leading
  zero standing alone ("Beijing. 04160333 The").
- `markup`: leftover HTML tags of common elements, HTML comments, entities (&nbsp;,
  &#8220;), shortcodes ([caption ...]), template tags ({{ ... }}), unrendered Markdown
  (**bold**, [text](url), a leading #) and escape sequences left as text (\\n, \\").
- `placeholder`: [TK], (TK), TKTK, XXXX, [inserir ...], lorem ipsum, {0}, {name}.
- `stray-fragment`: a short lower-case fragment after a closing quote and a full stop,
  ending the sentence (“... justice”. international.”).
- `unbalanced-quote`: a curly (“ ”) or angle (« ») closing quote with no opening one, or an opening quote never
  closed in its paragraph (unless the next paragraph opens with a quote: the English
  convention for a quotation running over several paragraphs); an odd number of straight
  double quotes in a paragraph (inch marks after a digit excepted).
- `duplicated`: the same run of 2+ words twice in a row ("of 106 million tonnes of 106
  million tonnes", also across a comma or full stop), a run of 5+ words found twice in
  one sentence, or a whole sentence of 6+ words repeated on the same side.
- `boilerplate`: page furniture left in the text ("Leia também: ...", "Advertisement",
  "Continua após a publicidade").
- `doubled-word`: the same word twice in a row ("the the"). Not flagged: words that are
  repeated on purpose (very very, não não, muito muito, had had, that that, se se: "se se
  confirmar"), and capitalised pairs, which are names (Bora Bora, Duran Duran).
  A doubled preposition ("waiting for for years") is `doubled-particle`, info only.

Severity: a typo-like slip (doubled word, unbalanced quote) is minor; anything else is
junk visible to readers and is major.
"""
from __future__ import annotations

from dataclasses import dataclass

import re
from collections import defaultdict

from backcheck.report.model import Issue

NAME = "artifact"


@dataclass(frozen=True)
class Params:
    """Thresholds of this check (none calibrated yet)."""


MAJOR, MINOR = "major", "minor"
FAR_REPEAT = 5       # words: "the Ministry of Health" twice in a sentence is ordinary

_L = r"[^\W\d_]"                                   # a letter, any script
GLUED = [
    re.compile(r"(?<!\d)\d{4,}(?=[A-ZÀ-Ý][a-zà-ÿ])"),          # 04160333The
    re.compile(rf"(?<![\d.,])\d{{6,}}(?={_L})"),                # 0416033leaked
    re.compile(rf"(?<={_L})\d{{6,}}(?![\d.,]\d)"),              # meeting04160333
    re.compile(rf"(?<={_L}[.!?”\"])\d{{6,}}(?!\d)"),             # Beijing.04160333
    # an id with a leading zero standing alone: prose never writes numbers like 04160333
    re.compile(r"(?<![\w.,/:+-])0\d{6,}(?![\w/:-]|[.,]\d)"),
]
HTML_TAGS = ("a|abbr|b|blockquote|br|caption|center|code|div|em|embed|figcaption|figure|font|"
             "h[1-6]|hr|i|iframe|img|li|ol|p|pre|script|section|small|span|strong|style|sub|"
             "sup|table|tbody|td|th|tr|u|ul|article|header|footer|nav|source|video|audio")
MARKUP = [
    re.compile(rf"</?(?:{HTML_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE),
    re.compile(r"<!--.*?(?:-->|$)"),
    re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});"),
    re.compile(r"\[/?(?:caption|embed|gallery|video|audio|playlist|shortcode)\b[^\]]*\]",
               re.IGNORECASE),
    re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}"),
    # Markdown that a renderer should have consumed, and escape sequences left as text
    re.compile(r"\*\*[^*]+\*\*|(?<!\w)__[^_]+__(?!\w)"),
    re.compile(r"\[[^\]]+\]\((?:https?://|www\.|/)[^)]*\)"),
    re.compile(r"^#{1,6}\s"),
    re.compile(r"\\[nrt\"'/]"),
]
PLACEHOLDER = [
    re.compile(r"\[\s*(?:TK|TKTK|TBD|TBC|TODO|FIXME|X+|\?+|\.\.\.|…|"
               r"(?:inserir|insert|incluir|add|adicionar|link|foto|photo|checar|check|"
               r"confirmar|confirm)\b[^\]]*)\s*\]", re.IGNORECASE),
    re.compile(r"\b(?:TKTK|TK TK)\b|\bTK\b(?=\s*[\]).,;]|\s*$)"),
    re.compile(r"\b[Xx]{4,}\b|\bxxx\b"),          # not XXX: a Roman numeral (Super Bowl XXX)
    re.compile(r"\blorem ipsum\b|\bdolor sit amet\b", re.IGNORECASE),
    re.compile(r"\(\s*TK\s*\)|\{\d+\}|\{[a-z_]{2,}\}"),
]
# Page furniture a CMS or scraper left inside the article text.
BOILERPLATE = re.compile(
    r"^(?:leia (?:também|mais)|veja (?:também|mais)|saiba mais|continua (?:após|depois) d[ao] "
    r"(?:publicidade|anúncio)|publicidade|anúncio|read (?:more|also)|see also|related|"
    r"advertisement|continues? (?:after|below) (?:the )?(?:advertising|advertisement|ad)|"
    r"story continues below|clique aqui|click here|subscribe to|assine (?:a|nossa) newsletter)"
    r"\b(?:\s*[:.!]|\s*$|(?=.{0,60}:))", re.IGNORECASE)
STRAY = re.compile(r"[”\"][.!?]\s+([a-zà-ÿ][\w’'-]*(?:[\s,]+[\w’'-]+){0,5}[.!?]?[”\"]?)\s*$")
WORD = re.compile(r"[\w’'-]+")
# Words people double on purpose (intensifiers, emphatic answers) and pairs that are
# grammatical ("he had had enough", "se se confirmar").
REPEATABLE = set("""very really so much many far long more too bye no yes never nunca não
sim muito muita muitos muitas bem tão mais já logo quase pouco devagar had that se ha hã
rá blá""".split())
# A particle that ends a phrasal verb may meet the same preposition opening the next
# phrase ("what we have been waiting for for years", "the town he grew up in in 1990"):
# only a possible slip, shown as info.
PARTICLES = set("for to in on at about with by from up out off over down".split())


def _findings(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, match) for one sentence; quotes are handled per paragraph."""
    out = []
    for kind, pats in (("glued-digits", GLUED), ("markup", MARKUP), ("placeholder", PLACEHOLDER)):
        for pat in pats:
            for m in pat.finditer(text):
                out.append((m.start(), m.end(), kind, m.group(0)))
    m = STRAY.search(text)
    if m:
        out.append((m.start(), m.end(), "stray-fragment", m.group(1)))
    m = BOILERPLATE.search(text)
    if m:
        out.append((0, len(text), "boilerplate", text))
    out.extend(_repeats(text))
    return out


def _repeats(text: str) -> list[tuple[int, int, str, str]]:
    toks = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    low = [t[2].casefold() for t in toks]
    out, i = [], 0
    while i < len(toks):
        hit = None
        for n in range(min(12, (len(toks) - i) // 2), 0, -1):   # longest repeat first
            if low[i:i + n] == low[i + n:i + 2 * n]:
                words = [t[2] for t in toks[i:i + 2 * n]]
                gap = text[toks[i + n - 1][1]:toks[i + n][0]]
                if all(w[0].isupper() for w in words) or all(w.isdigit() for w in words):
                    continue                   # names (Bora Bora), scores and lists of numbers
                if not gap.isspace() and not (n > 1 and len(gap.strip()) == 1
                                              and gap.strip() in ",;:.!?" and " " in gap):
                    continue                   # "p.p.", "U.S.": the copies must be words apart
                if n == 1 and (low[i] in REPEATABLE or len(low[i]) == 1 and words[0] != words[1]):
                    continue                   # "de A a Z", "vitamina E e zinco"
                hit = n
                break
        if hit:
            s, e = toks[i][0], toks[i + 2 * hit - 1][1]
            kind = "doubled-word" if hit == 1 else "duplicated"
            if hit == 1 and low[i] in PARTICLES:
                kind = "doubled-particle"
            out.append((s, e, kind, text[toks[i][0]:toks[i + hit - 1][1]]))
            i += 2 * hit
        else:
            i += 1
    if not out:
        out.extend(_far_repeat(text, toks, low))
    return out


def _far_repeat(text, toks, low, n=FAR_REPEAT):
    """A run of n+ words found twice in one sentence, not side by side."""
    seen: dict[tuple, int] = {}
    for i in range(len(low) - n + 1):
        key = tuple(low[i:i + n])
        if key in seen and i - seen[key] >= n:
            j, k = seen[key], n                # extend to the whole repeated run
            while i + k < len(low) and j + k < i and low[j + k] == low[i + k]:
                k += 1
            s, e = toks[i][0], toks[i + k - 1][1]
            return [(s, e, "duplicated", text[s:e])]
        seen.setdefault(key, i)
    return []


def _quote_problems(sents: list[str], next_opens: bool) -> list[tuple[int, int, str]]:
    """(sentence index, offset, char) of unbalanced curly double quotes in one paragraph."""
    bad = []
    for open_, close in (("“", "”"), ("«", "»")):
        stack = []
        for k, s in enumerate(sents):
            for j, ch in enumerate(s):
                if ch == open_:
                    if stack:                 # a new quote opens before the last closed
                        bad.append(stack.pop())
                    stack.append((k, j, ch))
                elif ch == close:
                    if stack:
                        stack.pop()
                    else:
                        bad.append((k, j, ch))
        if stack and not next_opens:
            bad.extend(stack)
    # straight double quotes: an odd number in a paragraph (not inch marks: 5'10")
    straight = [(k, j) for k, s in enumerate(sents) for j, ch in enumerate(s)
                if ch == '"' and not (j and s[j - 1].isdigit())]
    if len(straight) % 2 and not next_opens:
        k, j = straight[-1]
        bad.append((k, j, '"'))
    return bad


MESSAGES = {
    "glued-digits": "digits {m!r} glued to a word (leaked CMS id?)",
    "markup": "leftover markup {m!r}",
    "placeholder": "placeholder {m!r} left in the text",
    "stray-fragment": "stray fragment {m!r} after a closing quote",
    "unbalanced-quote": "unbalanced quotation mark {m!r}",
    "duplicated": "duplicated fragment {m!r}",
    "doubled-word": "doubled word {m!r}",
    "doubled-particle": "doubled word {m!r} (may be grammatical: 'waiting for for years')",
    "boilerplate": "page furniture left in the text: {m!r}",
}
SEVERITY = {"doubled-word": MINOR, "unbalanced-quote": MINOR, "doubled-particle": "info"}
SIDE_NAME = {"pt": "Portuguese", "en": "English"}


def _side_issues(ctx, side: str) -> list[Issue]:
    segs = ctx.seg.pt if side == "pt" else ctx.seg.en
    found: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for i, s in enumerate(segs):
        for f in _findings(s.text):
            # a closing tag that opens a sentence closes the previous one ("years.</p> Chilean"
            # is split after the full stop): it belongs to the sentence before
            # (and so does a line break, "<br/>", which ends the line it is on)
            if f[0] == 0 and f[2] == "markup" and re.match(r"</|<(?:br|hr)\b", f[3], re.I) and i > 0 \
                    and (segs[i - 1].field, segs[i - 1].paragraph) == (s.field, s.paragraph):
                n = len(segs[i - 1].text)
                found[i - 1].append((n, n + len(f[3]), f[2], f[3]))
            else:
                found[i].append(f)
    # paragraphs (a field, or one body paragraph) for quotes and repeated sentences
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(segs):
        blocks[(s.field, s.paragraph)].append(i)
    keys = list(blocks)
    for b, key in enumerate(keys):
        idx = blocks[key]
        nxt = keys[b + 1] if b + 1 < len(keys) else None
        next_opens = bool(nxt and nxt[0] == key[0] == "body" and
                          segs[blocks[nxt][0]].text.lstrip().startswith(("“", "«", '"')))
        for k, j, ch in _quote_problems([segs[i].text for i in idx], next_opens):
            found[idx[k]].append((j, j + 1, "unbalanced-quote", ch))
    seen: dict[str, int] = {}
    for i, s in enumerate(segs):
        norm = " ".join(WORD.findall(s.text.casefold()))
        if len(norm.split()) >= 6:
            if norm in seen:
                found[i].append((0, len(s.text), "duplicated", s.text))
            else:
                seen[norm] = i
    issues = []
    for i in sorted(found):
        kept: list[tuple[int, int, str, str]] = []
        # one issue per problem: a finding overlapping an earlier (longer) one is the same
        # problem, and so are several of one kind in one sentence (<em>very</em>)
        for f in sorted(found[i], key=lambda f: (f[0], -(f[1] - f[0]))):
            if any(f[0] < k[1] and k[0] < f[1] for k in kept):
                continue
            kept.append(f)
        by_kind: dict[str, list[str]] = {}
        for _, _, kind, m in kept:
            by_kind.setdefault(kind, []).append(m)
        for kind, ms in by_kind.items():
            issues.append(_issue(ctx, side, i, kind, ms))
    return issues


def _issue(ctx, side: str, i: int, kind: str, matches: list[str]) -> Issue:
    match = matches[0]
    other = "en" if side == "pt" else "pt"
    locs = {side: ctx.loc(side, [i]), other: None}
    for bead in getattr(ctx, "beads", None) or []:
        mine, theirs = (bead.src, bead.tgt) if side == "pt" else (bead.tgt, bead.src)
        if i in mine and theirs:
            locs[other] = ctx.loc(other, theirs)
            break
    msg = f"{SIDE_NAME[side]}: " + MESSAGES[kind].format(m=match)
    if len(matches) > 1:
        msg += f" and {len(matches) - 1} more"
    return Issue("artifact", SEVERITY.get(kind, MAJOR), locs["pt"], locs["en"], msg,
                 {"match": match, "matches": matches, "kind": kind, "side": side})


def check(ctx) -> list[Issue]:
    return _side_issues(ctx, "pt") + _side_issues(ctx, "en")
