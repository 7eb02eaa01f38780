"""CMS junk on either side (needs no translation).

Runs on every sentence of both sides (ctx.seg) and reports, once per problem:
- `glued-digits`: a run of digits glued to a word, as CMS ids leak into text
  ("04160333The meeting", "so67381 than"): `Params.glued_capital`+ digits before a
  capitalised word (or an opening quote and one), `Params.glued_lower`+ digits glued to a
  lower-case word, or `Params.glued_any`+ digits glued to any letter. Ordinary numbers,
  dates, prices, times and ordinals (R$5.92, 14h30, 19th, 1º, 10km, 1990s, A380) have
  fewer digits or a space, so they never match, nor do handles, hashtags and addresses
  (@user2019123). Also such a run glued after a full stop ("Beijing.04160333") and an id
  with a leading zero standing alone ("Beijing. 04160333 The").
- `markup`: leftover HTML tags (data/html_tags.txt), HTML comments, entities (&nbsp;,
  &#8220;), shortcodes ([caption ...]), template tags ({{ ... }}, [[...]], %%NAME%%),
  unrendered Markdown (**bold**, [text](url), a leading #) and escape sequences left as
  text (\\n, \\").
- `placeholder`: editors' markers (data/placeholder_markers.txt: [TK], TKTK, [TBD]), notes
  in square brackets (data/placeholder_notes.txt: [insert figure], [link], [update]),
  XXXX (and XXX when no capitalised word stands beside it: Super Bowl XXX is a numeral),
  lorem ipsum, {0}, {name}. Not "[...]", which marks a cut in a quotation.
- `stray-fragment`: a short lower-case fragment after a closing quote and a full stop,
  ending the sentence (“... justice”. international.”).
- `duplicated`: the same run of 2+ words twice side by side ("of 106 million tonnes of 106
  million tonnes", also across a comma or full stop), or a whole sentence of
  `Params.repeated_sentence`+ words repeated on the same side.
- `doubled-word`: the same word twice in a row ("the the", "HIV HIV"). Not flagged: words
  repeated on purpose or by grammar (data/repeatable.txt: very very, não não, had had,
  se se, "diferente do do ano passado") and capitalised pairs, which are names (Bora Bora,
  Duran Duran); an acronym twice (HIV HIV) is a slip. A doubled particle ("waiting for for
  years", data/particles.en.txt) is `doubled-particle`, info only.
- `boilerplate`: page furniture left in the text (data/boilerplate.txt: "Leia também: ...",
  "Advertisement", "Continua após a publicidade"); furniture the translator carried over
  ("Leia também: ..." = "Read more: ...") is reported once, on the English side.

Evidence that a repetition is deliberate: the other side of the aligned pair repeats too
("we will fight, we will fight" = "vamos lutar, vamos lutar"; a translator does not copy a
CMS slip into the other language), so a repetition mirrored there is not reported. The
score `repeat` is the length in words of an unmirrored side-by-side repetition; from
`Params.duplicated` words it is a major `duplicated` fragment, below it minor.

Weak signals, shown as `info` and never counted, because real prose produces them:
- `repeated-phrase`: a run of `Params.far_repeat`+ words found twice in one sentence, not
  side by side (parallel lists and rhetoric: "they are not going to forget ... they are not
  going to forget", "background to high concentrations in X, background to high
  concentrations in Y");
- `unbalanced-quote`: a curly (“ ”) or angle (« ») closing quote with no opening one, an
  opening quote never closed in its paragraph (unless the next paragraph opens with a quote:
  a quotation running over several paragraphs), or an odd number of straight double quotes
  in a paragraph (inch marks after a digit excepted). Real news quotes span sentences and
  paragraphs and translators re-punctuate them.

Severity: junk visible to readers (markup, placeholders, ids, boilerplate, duplicated
fragments) is major; a typo-like slip (a doubled word, a short duplicated fragment) is
minor. An issue names the sentence the junk sits in: junk the segmenter split off as a
sentence of its own ("...bicycles.&nbsp;") is reported with the sentence before it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from backcheck.checks.calibration import threshold
from backcheck.lang import lexicon
from backcheck.lang.normalise import fold
from backcheck.lang.words import furniture
from backcheck.report.model import Issue

NAME = "artifact"


@dataclass(frozen=True)
class Params:
    """Thresholds of the artifact check (see the module docstring)."""
    duplicated: float = threshold(2, score="repeat", floor=2,
                                  doc="words repeated side by side (not in the other "
                                      "language): a major duplicated fragment")
    # Fixed by what prose writes, not calibrated: an id glued to a word has at least this
    # many digits (ordinals, years, codes such as G20 or A380 have fewer).
    glued_capital: int = 4            # digits glued before a capitalised word: 04160333The
    glued_lower: int = 5              # digits glued to a lower-case word: so67381 than
    glued_any: int = 6                # digits glued to any letter: meeting04160333
    far_repeat: int = 5               # words: "the Ministry of Health" twice is ordinary
    repeated_sentence: int = 6        # words of a sentence repeated on one side


MAJOR, MINOR, INFO = "major", "minor", "info"
_L = r"[^\W\d_]"                                   # a letter, any script
WORD = re.compile(r"[\w’'-]+")


# ---- patterns, built from the lexicons ---------------------------------------------------

@lru_cache(maxsize=4)
def _glued(capital: int, lower: int, any_: int) -> tuple[re.Pattern, ...]:
    return (
        re.compile(rf"(?<!\d)\d{{{capital},}}(?=[“\"‘(]?[A-ZÀ-Ý][a-zà-ÿ])"),  # 04160333The
        re.compile(rf"(?<![\d.,])\d{{{any_},}}(?={_L})"),                   # 0416033leaked
        re.compile(rf"(?<![\d.,])\d{{{lower},}}(?=[a-zà-ÿ]{{2}})"),          # 67381than
        re.compile(rf"(?<={_L})\d{{{any_},}}(?![\d.,]\d)"),                 # meeting04160333
        re.compile(rf"(?<=[a-zà-ÿ]{{2}})\d{{{lower},}}(?![\d.,]\d)"),        # so67381
        re.compile(rf"(?<={_L}[.!?”\"])\d{{{any_},}}(?!\d)"),                # Beijing.04160333
        # an id with a leading zero standing alone: prose never writes numbers like 04160333
        re.compile(rf"(?<![\w.,/:+-])0\d{{{any_},}}(?![\w/:-]|[.,]\d)"),
    )


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _markup() -> tuple[re.Pattern, ...]:
    tags = _alternation(lexicon.words("html_tags"))
    return (
        re.compile(rf"</?(?:{tags})(?:\s[^<>]*)?/?>", re.IGNORECASE),
        re.compile(r"<!--.*?(?:-->|$)"),
        re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});"),
        re.compile(r"\[/?(?:caption|embed|gallery|video|audio|playlist|shortcode)\b[^\]]*\]",
                   re.IGNORECASE),
        # template syntax: {{ caption }}, {% if %}, [[image:2]], %%AUTHOR%%
        re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}|\[\[[^\[\]]+\]\]|%%[A-Za-z_]+%%"),
        # Markdown that a renderer should have consumed, and escape sequences left as text
        re.compile(r"\*\*[^*]+\*\*|(?<!\w)__[^_]+__(?!\w)"),
        re.compile(r"\[[^\]]+\]\((?:https?://|www\.|/)[^)]*\)"),
        re.compile(r"^#{1,6}\s"),
        re.compile(r"\\[nrt\"'/]"),
    )


@lru_cache(maxsize=1)
def _placeholder() -> tuple[re.Pattern, ...]:
    markers = _alternation(lexicon.words("placeholder_markers"))
    notes = _alternation(lexicon.words("placeholder_notes"))
    return (
        re.compile(rf"\[\s*(?:{markers}|X+|\?+|(?:{notes})\b[^\]]*)\s*\]", re.IGNORECASE),
        re.compile(rf"\(\s*(?:{markers})\s*\)"),
        re.compile(rf"\b(?:{markers})\b(?=\s*[\]).,;]|\s*$)|\bTKTK\b|\bTK TK\b"),
        re.compile(r"\b[Xx]{4,}\b|\bxxx\b|\bXXX\b"),
        re.compile(r"\blorem ipsum\b|\bdolor sit amet\b", re.IGNORECASE),
        re.compile(r"\{\d+\}|\{[a-z_]{2,}\}"),
    )


STRAY = re.compile(r"[”\"][.!?]\s+([a-zà-ÿ][\w’'-]*(?:[\s,]+[\w’'-]+){0,5}[.!?]?[”\"]?)\s*$")


# ---- findings in one sentence --------------------------------------------------------------

@dataclass
class Finding:
    start: int
    end: int
    kind: str
    match: str
    words: int = 0          # side-by-side repetitions: the words repeated
    sentence: bool = False  # a whole sentence repeated


def _findings(text: str, p: Params) -> list[Finding]:
    """The junk of one sentence; quotes are handled per paragraph."""
    out = []
    for kind, pats in (("glued-digits", _glued(p.glued_capital, p.glued_lower, p.glued_any)),
                       ("markup", _markup()), ("placeholder", _placeholder())):
        for pat in pats:
            for m in pat.finditer(text):
                if m.group(0) == "XXX" and _beside_a_name(text, m):
                    continue                   # a Roman numeral: Super Bowl XXX
                if kind == "glued-digits" and _handle_or_link(text, m):
                    continue                   # @user2019123, #covid19, example.com/a123456
                out.append(Finding(m.start(), m.end(), kind, m.group(0)))
    m = STRAY.search(text)
    if m:
        out.append(Finding(m.start(), m.end(), "stray-fragment", m.group(1)))
    if furniture(text):
        out.append(Finding(0, len(text), "boilerplate", text))
    out.extend(_repeats(text, p))
    return out


def _beside_a_name(text: str, m: re.Match) -> bool:
    """A capitalised word (not the sentence's first) right before, or one right after."""
    before = WORD.findall(text[:m.start()])
    after = re.match(r"\s+([\w’'-]+)", text[m.end():])
    return (len(before) > 1 and before[-1][0].isupper()) or bool(after and after.group(1)[0].isupper())


def _handle_or_link(text: str, m: re.Match) -> bool:
    """Digits inside a handle, a hashtag or an address, where they belong."""
    k = m.start()
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_.-"):
        k -= 1
    return k > 0 and text[k - 1] in "@#/:=?&"


def _tokens(text: str):
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]


def _side_by_side(text: str, toks, low, i: int, lenient: bool = False) -> int:
    """The length n of the longest run starting at token i that is repeated right after
    itself (0 if none). Copies must be words apart: separated by spaces, or for runs of 2+
    words by one punctuation mark and a space (`lenient`: any gap without letters)."""
    for n in range(min(12, (len(toks) - i) // 2), 0, -1):   # longest repeat first
        if low[i:i + n] != low[i + n:i + 2 * n]:
            continue
        gap = text[toks[i + n - 1][1]:toks[i + n][0]]
        if lenient:
            if not any(c.isalnum() for c in gap) and gap.strip() != gap:
                return n
            continue
        if gap.isspace() or (n > 1 and len(gap.strip()) == 1 and gap.strip() in ",;:.!?"
                             and " " in gap):
            return n
    return 0


def _repeats(text: str, p: Params) -> list[Finding]:
    toks = _tokens(text)
    low = [t[2].casefold() for t in toks]
    out, i = [], 0
    while i < len(toks):
        n = _side_by_side(text, toks, low, i)
        if n:
            words = [t[2] for t in toks[i:i + 2 * n]]
            # names (Bora Bora, New York, New York), not acronyms (HIV HIV)
            names = all(w[0].isupper() and not (w.isupper() and len(w) > 1) for w in words)
            if names or all(w.isdigit() for w in words):
                n = 0                      # names (Bora Bora), scores and lists of numbers
            elif n == 1 and (fold(low[i]) in lexicon.words("repeatable", folded=True)
                             or len(low[i]) == 1 and words[0] != words[1]):
                n = 0                      # "very very", "de A a Z", "vitamina E e zinco"
        if n:
            s, e = toks[i][0], toks[i + 2 * n - 1][1]
            kind = "duplicated" if n > 1 else (
                "doubled-particle" if fold(low[i]) in lexicon.words("particles.en", folded=True)
                else "doubled-word")
            out.append(Finding(s, e, kind, text[toks[i][0]:toks[i + n - 1][1]], n))
            i += 2 * n
        else:
            i += 1
    if not out:
        out.extend(_far_repeat(text, toks, low, p.far_repeat))
    return out


def _far_repeat(text, toks, low, n) -> list[Finding]:
    """A run of n+ words found twice in one sentence, not side by side."""
    seen: dict[tuple, int] = {}
    for i in range(len(low) - n + 1):
        key = tuple(low[i:i + n])
        if key in seen and i - seen[key] >= n:
            j, k = seen[key], n                # extend to the whole repeated run
            while i + k < len(low) and j + k < i and low[j + k] == low[i + k]:
                k += 1
            s, e = toks[i][0], toks[i + k - 1][1]
            return [Finding(s, e, "repeated-phrase", text[s:e], k)]
        seen.setdefault(key, i)
    return []


def repeats_itself(text: str) -> bool:
    """Does the text repeat a word or a run of words side by side, whatever the gap
    ("vamos lutar, vamos lutar", "muito, muito")? Evidence that a repetition on the other
    side is deliberate."""
    toks = _tokens(text)
    low = [t[2].casefold() for t in toks]
    return any(_side_by_side(text, toks, low, i, lenient=True) for i in range(len(toks)))


def _quote_problems(sents: list[str], next_opens: bool) -> list[tuple[int, int, str]]:
    """(sentence index, offset, char) of unbalanced double quotes in one paragraph."""
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
    "unbalanced-quote": "unbalanced quotation mark {m!r} (check the quotation)",
    "duplicated": "duplicated fragment {m!r}",
    "repeated-phrase": "the same words {m!r} twice in one sentence (deliberate?)",
    "doubled-word": "doubled word {m!r}",
    "doubled-particle": "doubled word {m!r} (may be grammatical: 'waiting for for years')",
    "boilerplate": "page furniture left in the text: {m!r}",
}
SEVERITY = {"doubled-word": MINOR, "doubled-particle": INFO, "unbalanced-quote": INFO,
            "repeated-phrase": INFO}
SIDE_NAME = {"pt": "Portuguese", "en": "English"}
REPEATS = ("duplicated", "doubled-word", "doubled-particle")


# ---- one side ------------------------------------------------------------------------------

class _Pairs:
    """The other side's sentences aligned with each sentence of one side."""

    def __init__(self, ctx, side: str):
        self.of: dict[int, list[int]] = {}
        for bead in getattr(ctx, "beads", None) or []:
            mine, theirs = (bead.src, bead.tgt) if side == "pt" else (bead.tgt, bead.src)
            for i in mine:
                if theirs and i not in self.of:
                    self.of[i] = list(theirs)
        self.units = [(bead.src, bead.tgt) for bead in getattr(ctx, "beads", None) or []
                      if bead.src and bead.tgt]


def _side_findings(ctx, side: str, p: Params, pairs: _Pairs):
    """{sentence index: [Finding]} for one side, with where each issue should point."""
    segs = ctx.seg.pt if side == "pt" else ctx.seg.en
    other = ctx.seg.en if side == "pt" else ctx.seg.pt
    found: dict[int, list[Finding]] = defaultdict(list)
    home: dict[int, list[int]] = {}          # sentence -> the sentences its issue names
    for i, s in enumerate(segs):
        fs = _findings(s.text, p)
        same_para = i > 0 and (segs[i - 1].field, segs[i - 1].paragraph) == (s.field, s.paragraph)
        if fs and same_para and _junk_only(s.text, fs):
            # junk the segmenter cut off as a sentence of its own ("bicycles.&nbsp;"):
            # the issue names the sentence it sits after, junk included
            found[i - 1].extend(fs)
            home[i - 1] = [i - 1, i]
            continue
        for f in fs:
            # a closing tag that opens a sentence closes the previous one ("years.</p>
            # Chilean" is split after the full stop), as does a line break ("<br/>")
            if f.start == 0 and f.kind == "markup" and re.match(r"</|<(?:br|hr)\b", f.match, re.I) \
                    and same_para:
                n = len(segs[i - 1].text)
                found[i - 1].append(Finding(n, n + len(f.match), f.kind, f.match))
            else:
                found[i].append(f)
    # a repetition the aligned sentences of the other language repeat too is deliberate;
    # page furniture the translator carried over ("Leia também: ..." = "Read more: ...")
    # is one problem, reported on the English that is to be published
    for i, fs in found.items():
        theirs = " ".join(other[j].text for j in pairs.of.get(i, []))
        if any(f.kind in REPEATS for f in fs) and theirs and repeats_itself(theirs):
            fs = found[i] = [f for f in fs if f.kind not in REPEATS]
        if side == "pt" and theirs and furniture(theirs):
            found[i] = [f for f in fs if f.kind != "boilerplate"]
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
            found[idx[k]].append(Finding(j, j + 1, "unbalanced-quote", ch))
    other_repeats = _repeated_sentences(other, p)
    for i in _repeated_sentences(segs, p):
        theirs = pairs.of.get(i, [])
        if not (set(theirs) & other_repeats):      # the other side repeats it too: deliberate
            found[i].append(Finding(0, len(segs[i].text), "duplicated", segs[i].text,
                                    sentence=True))
    return found, home


def _junk_only(text: str, fs: list[Finding]) -> bool:
    rest = list(text)
    for f in fs:
        if f.kind in ("markup", "placeholder", "glued-digits"):
            rest[f.start:f.end] = [" "] * (f.end - f.start)
    return not any(c.isalnum() for c in rest)


def _repeated_sentences(segs, p: Params) -> set[int]:
    """Later copies of a sentence of `repeated_sentence`+ words on one side."""
    seen, out = set(), set()
    for i, s in enumerate(segs):
        norm = " ".join(WORD.findall(s.text.casefold()))
        if len(norm.split()) >= p.repeated_sentence:
            if norm in seen:
                out.add(i)
            seen.add(norm)
    return out


def _side_issues(ctx, side: str, p: Params, found, home) -> list[Issue]:
    issues = []
    for i in sorted(found):
        kept: list[Finding] = []
        # one issue per problem: a finding overlapping an earlier (longer) one is the same
        # problem, and so are several of one kind in one sentence (<em>very</em>)
        for f in sorted(found[i], key=lambda f: (f.start, -(f.end - f.start))):
            if any(f.start < k.end and k.start < f.end for k in kept):
                continue
            kept.append(f)
        by_kind: dict[str, list[Finding]] = {}
        for f in kept:
            by_kind.setdefault(f.kind, []).append(f)
        for kind, fs in by_kind.items():
            severity = SEVERITY.get(kind, MAJOR)
            if kind == "duplicated":
                severity = MAJOR if any(f.sentence or f.words >= p.duplicated for f in fs) \
                    else MINOR
            issues.append(_issue(ctx, side, home.get(i, [i]), kind, [f.match for f in fs],
                                 severity))
    return issues


def _issue(ctx, side: str, idxs: list[int], kind: str, matches: list[str],
           severity: str) -> Issue:
    match = matches[0]
    other = "en" if side == "pt" else "pt"
    locs = {side: ctx.loc(side, idxs), other: None}
    for bead in getattr(ctx, "beads", None) or []:
        mine, theirs = (bead.src, bead.tgt) if side == "pt" else (bead.tgt, bead.src)
        if idxs[0] in mine and theirs:
            locs[other] = ctx.loc(other, theirs)
            break
    msg = f"{SIDE_NAME[side]}: " + MESSAGES[kind].format(m=match)
    if len(matches) > 1:
        msg += f" and {len(matches) - 1} more"
    return Issue("artifact", severity, locs["pt"], locs["en"], msg,
                 {"match": match, "matches": matches, "kind": kind, "side": side})


def _observe(ctx, found_by_side: dict, pairs: _Pairs) -> None:
    """One `repeat` value per aligned pair: its longest unmirrored side-by-side repeat."""
    for src, tgt in pairs.units:
        vals = [f.words for side, idxs in (("pt", src), ("en", tgt)) for i in idxs
                for f in found_by_side[side].get(i, ()) if f.kind in REPEATS and f.words]
        if vals:
            ctx.observe(NAME, "repeat", max(vals))


def check(ctx) -> list[Issue]:
    p = ctx.params(NAME, Params)
    out, found_by_side = [], {}
    for side in ("pt", "en"):
        pairs = _Pairs(ctx, side)
        found, home = _side_findings(ctx, side, p, pairs)
        found_by_side[side] = found
        out.extend(_side_issues(ctx, side, p, found, home))
    _observe(ctx, found_by_side, _Pairs(ctx, "pt"))
    return out
