"""The Article model and its loaders (JSON, mixed-language page, two plain files).

Entry points: `load(path, config=None)`, `load_pair(pt_path, en_path, config=None)`,
`from_text(text, source=None, config=None)` and `pair_from_text(pt_text, en_text, pt_path,
en_path, config=None)` (the same from text already read), `from_dict(obj, source=None)`,
`from_page(text, ident)`. All raise only InputError
(config.max_article_chars bounds the text of each side).

Format detection: a `.json` file, or any file that is not `.txt`/`.md` and starts with
`{`, is a JSON article (../shared/corpus/FORMAT.md); an `.html` file (or one starting with
`<html` / `<!doctype html`) is turned into paragraphs first; anything else is a page of
text or Markdown whose paragraphs (blank-line separated) are Portuguese or English.

Page structure (mixed page and the two plain files alike):
- blank lines separate paragraphs; a file without any blank line has one paragraph per
  line (unless its lines are hard-wrapped: most do not end a sentence), and a short
  unpunctuated first line right above the text is a paragraph of its own; a paragraph
  whose lines are in different languages is split per line; Markdown markup is removed;
- a photo credit appended after `|` ("| Photo: ...", "| Foto: ...") or on a line of its
  own ("Foto: ...") goes to Side.credit, never into checked text; the line it ends is
  the caption of that language;
- a page may give one language after the other: a new section starts where a language
  appears for the first time or at a Markdown `#` heading of a language with no
  headline yet;
- in each section the leading "front" paragraphs are the ones that are short (at most
  40 words) and do not end with a full stop (. … : ;), plus any short paragraphs up to a
  caption among the first six; in that front, per language, a paragraph next to a
  caption of the other language is that language's caption (pages put a caption beside
  its translation), then the first free paragraph (or a `#` heading) is the headline and
  the next the standfirst, while the side has none; further ones start the body;
- everything after the front is body, each paragraph on the side of its language;
  undetermined paragraphs (digits, names only) take a neighbour's language.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from backcheck.errors import InputError

TEXT_FIELDS = ("headline", "standfirst", "caption")
SIDE_FIELDS = ("headline", "standfirst", "caption", "credit")
DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class Side:
    """One language's text. `body` is a list of paragraphs, each one plain string
    (a paragraph given as a list of units is joined with spaces: units are never trusted)."""
    headline: str = ""
    standfirst: str = ""
    caption: str = ""
    credit: str = ""
    body: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any((self.headline, self.standfirst, self.caption, *self.body))

    def has_body(self) -> bool:
        return any(p.strip() for p in self.body)

    def chars(self) -> int:
        return sum(len(t) for t in (self.headline, self.standfirst, self.caption, *self.body))


@dataclass
class Article:
    id: str
    pt: Side
    en: Side
    source: str | None = None      # path it came from, for messages


# --- reading bytes ---------------------------------------------------------------------

def _max_chars(config) -> int:
    return int(getattr(config, "max_article_chars", None) or DEFAULT_MAX_CHARS)


def read_text(path, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The file's text: UTF-8 (with or without BOM), or UTF-16/32 when a BOM says so."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(path, "is a directory, not an article file")
        if not p.exists():
            raise FileNotFoundError(path)
        if not p.is_file():
            raise InputError(path, "not a regular file")     # a FIFO or device never ends
        # Refuse a huge file before reading it (4 bytes per character at most in UTF-8,
        # plus room for JSON escapes and extra keys); read no more than that either.
        cap = 8 * max_chars + 65536
        with p.open("rb") as fh:
            data = fh.read(cap + 1)
        if len(data) > cap:
            raise InputError(path, f"file too large for max_article_chars = {max_chars}")
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "cannot read: permission denied") from None
    except (OSError, ValueError) as e:
        raise InputError(path, f"cannot read: {getattr(e, 'strerror', None) or e}") from None
    return decode(data, path)


def decode(data: bytes, path=None) -> str:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(path, f"invalid {enc.upper()} at byte {e.start}") from None
    if len(data) > 3 and max(data[1::2].count(0), data[0::2].count(0)) > len(data) // 3:
        raise InputError(path, "not UTF-8 (looks like UTF-16 without a byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 (invalid byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if "\x00" in text:
        raise InputError(path, "not a text file (contains NUL bytes)")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def clean(text: str) -> str:
    """NFC, no control characters (never content; they break XML reports), one space
    between words."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return " ".join(text.split())


def _check_size(art: Article, path, max_chars: int) -> Article:
    """max_article_chars bounds each side's text (headline, standfirst, caption, body)."""
    n = max(art.pt.chars(), art.en.chars())
    if n > max_chars:
        raise InputError(path, f"article too long: {n} characters on one side "
                               f"(max_article_chars = {max_chars})")
    return art


def _check_sides(art: Article, path) -> Article:
    if art.pt.is_empty() and art.en.is_empty():
        raise InputError(path, "empty article: no text on either side")
    if art.pt.is_empty():
        raise InputError(path, "no Portuguese text")
    if art.en.is_empty():
        raise InputError(path, "no English text")
    return art


# --- JSON ------------------------------------------------------------------------------

def _side_from(obj, name: str, path) -> Side:
    if name not in obj:
        raise InputError(path, f"missing '{name}' side")
    d = obj[name]
    if not isinstance(d, dict):
        raise InputError(path, f"'{name}' must be an object with headline, body...")
    side = Side()
    for f in SIDE_FIELDS:
        v = d.get(f)
        if v is None:
            continue
        if not isinstance(v, str):
            raise InputError(path, f"'{name}.{f}' must be a string")
        setattr(side, f, clean(v))
    body = d.get("body", [])
    if body is None:
        body = []
    if not isinstance(body, list):
        raise InputError(path, f"'{name}.body' must be a list of paragraphs")
    for i, para in enumerate(body):
        if isinstance(para, str):
            units = [para]
        elif isinstance(para, list) and all(isinstance(u, str) for u in para):
            units = para
        else:
            raise InputError(path, f"'{name}.body[{i}]' must be a string or a list of strings")
        text = clean(" ".join(units))
        if text:
            side.body.append(text)
    return side


def from_dict(obj, source=None, config=None) -> Article:
    """An Article from a JSON object in the corpus format (extra keys such as `gold` are
    ignored). id: the object's `id`, else the source file's stem."""
    if not isinstance(obj, dict):
        raise InputError(source, "expected a JSON object with 'pt' and 'en' sides")
    pt, en = _side_from(obj, "pt", source), _side_from(obj, "en", source)
    ident = obj.get("id")
    if isinstance(ident, (int, float)) and not isinstance(ident, bool):
        ident = str(ident)
    if not isinstance(ident, str) or not clean(ident):
        ident = Path(source).stem if source else "article"
    # the id is printed in every format: no control characters or line breaks
    art = Article(clean(ident), pt, en, None if source is None else str(source))
    return _check_size(_check_sides(art, source), source, _max_chars(config))


def _parse_json(text: str, path):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(path, f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise InputError(path, "malformed JSON: nested too deeply") from None
    except ValueError as e:                  # e.g. an integer with too many digits
        raise InputError(path, f"malformed JSON: {e}") from None


# --- pages of text ---------------------------------------------------------------------

CREDIT_WORDS = r"(?:Photo|Photos|Foto|Fotos|Credit|Crédito|Image|Imagem|Picture|Reprodução|Reproduction)"
_CREDIT_TAIL = re.compile(r"\s*\|\s*(" + CREDIT_WORDS + r"\b\s*:?.*)$", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^(" + CREDIT_WORDS + r")\s*:\s*\S.*$", re.IGNORECASE)
_CREDIT_PT = re.compile(r"^(?:Foto|Fotos|Crédito|Imagem|Reprodução)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ENDS = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_FINAL = re.compile(r"[.…:;][\"'”’»)\]]*$")     # a headline may end in ? or !


def strip_markdown(line: str) -> tuple[str, bool]:
    """Markdown markup off one line: (text, was_heading)."""
    heading = bool(_HEADING.match(line))
    line = _HEADING.sub("", line).rstrip("#").rstrip() if heading else line
    line = re.sub(r"^\s{0,3}>\s?", "", line)                      # blockquote
    line = re.sub(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?=\S)", "", line)   # list bullet
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)           # image: keep alt text
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)            # link: keep its text
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)    # bold
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)   # italic
    line = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", line)
    line = re.sub(r"`([^`]*)`", r"\1", line)
    return line, heading


@dataclass
class _Para:
    lang: str | None
    text: str
    credit: str = ""
    heading: bool = False

    def words(self) -> int:
        return len(self.text.split())


def _paragraphs(text: str) -> list[list[tuple[str, bool]]]:
    """Blank-line separated paragraphs, each a list of (line, was_heading)."""
    paras, cur = [], []
    in_fence = False
    for raw in text.splitlines():
        if raw.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", raw) or not raw.strip():
            if cur:
                paras.append(cur)
            cur = []
            continue
        line, heading = strip_markdown(raw)
        if line.strip():
            cur.append((line.strip(), heading))
            if heading:                  # a heading is a paragraph of its own
                paras.append(cur)
                cur = []
    if cur:
        paras.append(cur)
    if len(paras) == 1 and len(paras[0]) > 1:
        # No blank line at all: one paragraph per line, unless the lines are hard-wrapped
        # prose (most of them then stop mid-sentence).
        ends = sum(bool(_ENDS.search(ln)) for ln, _ in paras[0][1:])
        if ends >= 0.6 * (len(paras[0]) - 1):
            return [[ln] for ln in paras[0]]
    if paras and len(paras[0]) > 1 and _title_like(paras[0][0][0]) \
            and not paras[0][1][0][:1].islower():           # not a hard-wrapped sentence
        paras[:1] = [paras[0][:1], paras[0][1:]]     # a headline line right above the text
    return paras


def _title_like(line: str) -> bool:
    return len(line.split()) <= 20 and not _FINAL.search(line) and not _CREDIT_TAIL.search(line)


def _credit_of(line: str) -> tuple[str, str]:
    """(text without credit, credit)."""
    m = _CREDIT_TAIL.search(line)
    if m:
        return line[:m.start()].rstrip(), clean(m.group(1))
    if _CREDIT_LINE.match(line):
        return "", clean(line)
    return line, ""


def _tag(lines: list[tuple[str, bool]], lang: str | None) -> list[_Para]:
    """Language-tagged paragraphs from one block of lines: split per line when the lines
    are in different languages, and split off credits."""
    from backcheck.lang.detect import detect
    out: list[_Para] = []
    langs = [lang or detect(_credit_of(l)[0]) for l, _ in lines]
    whole = lang or detect(" ".join(_credit_of(l)[0] for l, _ in lines))
    mixed = len({x for x in langs if x}) > 1
    for (line, heading), ll in zip(lines, langs):
        text, credit = _credit_of(line)
        this = (ll if mixed else whole) or ll
        if credit and not text:
            # a credit line of its own: it belongs with the caption before it
            clang = lang or ("pt" if _CREDIT_PT.match(credit) else "en")
            out.append(_Para(clang, "", credit))
            continue
        if out and not credit and not out[-1].credit and not heading and not out[-1].heading \
                and (out[-1].lang == this or this is None):
            out[-1].text += " " + text
            continue
        out.append(_Para(this, text, credit, heading))
    for p in out:
        p.text = clean(p.text)
    return out


def _fill_langs(paras: list[_Para]) -> None:
    """Undetermined paragraphs (digits, names only) take the language of a neighbour."""
    nxt: list[str | None] = [None] * len(paras)
    last = None
    for i in range(len(paras) - 1, -1, -1):
        nxt[i] = last
        last = paras[i].lang or last
    prev = None
    for i, p in enumerate(paras):
        if p.lang is None:
            p.lang = prev or nxt[i]
        prev = p.lang


def _front_end(paras: list[_Para]) -> int:
    """Number of leading paragraphs that are headline/standfirst/caption material."""
    n = 0
    while n < len(paras) and (paras[n].credit or paras[n].heading or (
            paras[n].words() <= 40 and not _FINAL.search(paras[n].text))):
        n += 1
    for i, p in enumerate(paras[:6]):
        if p.words() > 60 and not p.credit:
            break
        if p.credit:
            n = max(n, i + 1)
    return n


def _sections(paras: list[_Para]) -> list[list[_Para]]:
    """A page may hold one language after the other: a new section (with its own
    headline, standfirst and caption) starts where a language appears for the first
    time, or at a Markdown heading of a language that has no headline yet."""
    out: list[list[_Para]] = []
    seen: set[str] = set()
    headed: set[str] = set()
    for p in paras:
        if out and (p.lang not in seen or (p.heading and p.lang not in headed)):
            out.append([])
        if not out:
            out.append([])
        out[-1].append(p)
        seen.add(p.lang)
        if p.heading:
            headed.add(p.lang)
    return out


def _structure(paras: list[_Para]) -> tuple[Side, Side]:
    sides = {"pt": Side(), "en": Side()}
    for section in _sections(paras):
        _structure_section(section, sides)
    return sides["pt"], sides["en"]


def _structure_section(paras: list[_Para], sides: dict[str, Side]) -> None:
    nfront = _front_end(paras)
    front, body = paras[:nfront], paras[nfront:]
    role: dict[int, str] = {}
    for i, p in enumerate(front):                       # captions and their credits
        side = sides[p.lang]
        if p.credit and not side.credit and not side.caption:
            side.credit = p.credit
            if p.text:
                role[i] = "caption"
            elif i > 0 and front[i - 1].lang == p.lang and i - 1 not in role:
                role[i - 1] = "caption"                # the credit line ends the caption
            if not p.text:
                role.setdefault(i, "credit")
    for i, p in enumerate(front):                       # a caption's translation beside it
        if role.get(i) != "caption":
            continue
        for j in (i - 1, i + 1):
            q = front[j] if 0 <= j < len(front) else None
            if q and j not in role and q.lang != p.lang and not q.heading and q.text \
                    and not sides[q.lang].caption \
                    and not any(role.get(k) == "caption" and front[k].lang == q.lang
                                for k in range(len(front))):
                role[j] = "caption"
                break
    for lang in ("pt", "en"):                           # headline, then standfirst
        mine = [i for i, p in enumerate(front) if p.lang == lang and i not in role and p.text]
        heads = [i for i in mine if front[i].heading]
        free = [f for f in ("headline", "standfirst") if not getattr(sides[lang], f)]
        if heads and "headline" in free:
            role[heads[0]] = "headline"
            free.remove("headline")
            mine = [i for i in mine if i > heads[0]]
        for i, f in zip(mine, free):
            role[i] = f
    for i, p in enumerate(front):
        r = role.get(i, "body")
        side = sides[p.lang]
        if r in ("headline", "standfirst", "caption") and not getattr(side, r):
            setattr(side, r, p.text)
        elif r != "credit" and p.text:
            side.body.append(p.text)
    for p in body:
        if p.text:
            sides[p.lang].body.append(p.text)
        if p.credit and not sides[p.lang].credit:
            sides[p.lang].credit = p.credit


def from_page(text: str, ident: str, source=None, config=None) -> Article:
    """An Article from a page of text/Markdown mixing Portuguese and English paragraphs."""
    paras = [p for block in _paragraphs(text) for p in _tag(block, None)]
    _fill_langs(paras)
    paras = [p for p in paras if p.lang and (p.text or p.credit)]
    pt, en = _structure(paras)
    art = Article(ident, pt, en, None if source is None else str(source))
    if pt.is_empty() and en.is_empty():
        raise InputError(source, "empty article: no Portuguese or English text found")
    if pt.is_empty():
        raise InputError(source, "no Portuguese paragraph found (expected a page mixing "
                                 "Portuguese and English)")
    if en.is_empty():
        raise InputError(source, "no English paragraph found (expected a page mixing "
                                 "Portuguese and English)")
    return _check_size(art, source, _max_chars(config))


def _one_language(text: str, lang: str, path) -> Side:
    paras = [p for block in _paragraphs(text) for p in _tag(block, lang)]
    pt, en = _structure(paras)
    return pt if lang == "pt" else en


# --- entry points ----------------------------------------------------------------------

def load(path, config=None) -> Article:
    """Load an article from a JSON file or a mixed-language text/Markdown page."""
    if path is None or str(path) == "":
        raise InputError(path, "no article path given")
    return from_text(read_text(path, _max_chars(config)), source=path, config=config)


def from_text(text: str, source: str | None = None, config=None) -> Article:
    """An article from its text: a JSON article, an HTML page or a mixed-language page,
    recognised by content (and by the extension of `source`, the file it came from, when
    it has one; its stem is the id of a page)."""
    p = Path(source) if source else None
    ext = p.suffix.lower() if p else ""
    stripped = text.lstrip()
    if not stripped:
        raise InputError(source, "empty file" if source else "empty article")
    if ext == ".jsonl" and len(stripped.splitlines()) > 1:
        raise InputError(source, "a JSONL file holds one article per line: check it with "
                                 "`backcheck batch`")
    if ext == ".json" or (ext not in (".txt", ".md", ".markdown", ".text")
                          and stripped.startswith("{")):
        return from_dict(_parse_json(text, source), source=source, config=config)
    if ext in (".html", ".htm") or HTML_START.match(stripped):
        text = html_to_text(text)
    return from_page(text, p.stem if p else "article", source=source, config=config)


HTML_START = re.compile(r"<(!doctype\s+html|html)\b", re.I)
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "figure",
              "blockquote", "section", "article", "header", "footer", "tr", "caption",
              "title", "br", "hr", "ul", "ol", "table", "main", "aside"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}


def html_to_text(text: str) -> str:
    """An HTML page (a CMS export) as a page of paragraphs: block elements end paragraphs,
    scripts and styles are dropped, entities decoded. Markup in an .html file is structure,
    not junk, so it is not reported as an artifact (markup inside a .txt page is)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in SKIP_TAGS:
                self.skip += 1
            elif tag in BLOCK_TAGS:
                self.out.append("\n\n")

        def handle_endtag(self, tag):
            if tag in SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
            elif tag in BLOCK_TAGS:
                self.out.append("\n\n")

        def handle_data(self, data):
            if not self.skip:
                self.out.append(re.sub(r"\s+", " ", data))

    parser = Parser()
    parser.feed(text)
    parser.close()
    paras = (" ".join(p.split()) for p in "".join(parser.out).split("\n\n"))
    return "\n\n".join(p for p in paras if p)


def _looks(text: str) -> str | None:
    from backcheck.lang.detect import detect
    words = text.split()
    return detect(" ".join(words[:300])) if len(words) >= 20 else None


def load_pair(pt_path, en_path, config=None) -> Article:
    """Load an article from two plain files, one per language, each laid out like a page
    (headline, optional standfirst and caption, then body paragraphs separated by blank
    lines; see the module docstring)."""
    mx = _max_chars(config)
    for lang, path in (("pt", pt_path), ("en", en_path)):
        if path is None or str(path) == "":
            raise InputError(None, f"no {lang} file given")
    return pair_from_text(read_text(pt_path, mx), read_text(en_path, mx), pt_path, en_path,
                          config=config)


def pair_from_text(pt_text: str, en_text: str, pt_path, en_path, config=None) -> Article:
    """An article from the texts of two plain files, one per language (as `load_pair`);
    the paths name them in messages and give the id."""
    mx = _max_chars(config)
    texts = {"pt": pt_text, "en": en_text}
    for lang, path in (("pt", pt_path), ("en", en_path)):
        if not texts[lang].strip():
            raise InputError(path, f"empty file: no {'Portuguese' if lang == 'pt' else 'English'} text")
    if _looks(texts["pt"]) == "en" and _looks(texts["en"]) == "pt":
        raise InputError(pt_path, "the --pt file is English and the --en file Portuguese: swapped?")
    for lang, path, other in (("pt", pt_path, "en"), ("en", en_path, "pt")):
        if _looks(texts[lang]) == other:
            name = "Portuguese" if lang == "pt" else "English"
            raise InputError(path, f"the --{lang} file does not look {name}")
    pt = _one_language(texts["pt"], "pt", pt_path)
    en = _one_language(texts["en"], "en", en_path)
    stem = Path(pt_path).stem
    ident = stem[:-3] if stem.endswith((".pt", "_pt", "-pt")) else stem
    art = Article(ident, pt, en, str(pt_path))
    return _check_size(_check_sides(art, pt_path), pt_path, mx)
