"""Sentence splitting and language identification.

Entry points: `split(text, lang) -> list[str]`, `detect(text) -> "pt" | "en" | None`,
`segment(article) -> Segmented`.
"""
from __future__ import annotations

from dataclasses import dataclass

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


def split(text: str, lang: str) -> list[str]:
    """Split running text into sentences (placeholder: one sentence per line)."""
    return [s.strip() for s in text.splitlines() if s.strip()]


def detect(text: str) -> str | None:
    """Return "pt", "en" or None when the text is too short or unclear."""
    return None


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
