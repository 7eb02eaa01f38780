"""The Article model and its loaders (JSON, mixed-language page, two plain files).

Entry point: `load(path)` / `load_pair(pt_path, en_path)`; both raise InputError on bad input.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from backcheck.errors import InputError

TEXT_FIELDS = ("headline", "standfirst", "caption")


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


@dataclass
class Article:
    id: str
    pt: Side
    en: Side
    source: str | None = None      # path it came from, for messages


def load(path) -> Article:
    """Load an article from a JSON file or a mixed-language text/Markdown page."""
    raise InputError(path, "loader not implemented yet")


def load_pair(pt_path, en_path) -> Article:
    """Load an article from two plain files, one per language."""
    raise InputError(pt_path, "loader not implemented yet")
