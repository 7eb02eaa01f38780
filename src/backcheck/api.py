"""The library's public face: `check`, `load`, `render` and `Checker`, re-exported by
`backcheck/__init__.py` (see the README's "Library use").

Importing it is light: the translation engines (torch, transformers, CTranslate2) load only
when a Checker is built for an engine that needs them.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from typing import Literal, Union, overload

from backcheck.article import Article
from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.report.model import Report

Format = Literal["text", "json", "html", "junit", "markdown"]
ArticleLike = Union[Article, str, os.PathLike]     # an Article, or what `load` takes
ConfigLike = Union[Config, str, os.PathLike, None]  # a Config, a configuration file, defaults

__all__ = ["Checker", "check", "load", "render"]


def as_config(config: ConfigLike) -> Config:
    """A Config as given; a path names a configuration file (backcheck.toml); None gives
    the defaults (no file is looked for)."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    from backcheck.config import load as load_config
    return load_config(config)


def load(path_or_text: str | os.PathLike, *, config: ConfigLike = None) -> Article:
    """An article from a file (JSON, a mixed-language text/Markdown page, an HTML page) or
    from its text, recognised by content. A `str` holding a line break or starting with `{`
    or `<` is text; any other `str`, or a `Path`, is a file. Raises InputError."""
    from backcheck import article
    cfg = as_config(config)
    if isinstance(path_or_text, str) and ("\n" in path_or_text
                                          or path_or_text.lstrip()[:1] in ("{", "<")):
        return article.from_text(path_or_text, config=cfg)
    return article.load(path_or_text, config=cfg)


class Checker:
    """A loaded back-translation engine and its forced-decoding scorer (Marian engines),
    ready to check many articles: building one loads the engine the configuration names
    (`engine="none"`: no translation, only the checks that need none).

    `translator`: any object with `translate(texts, src, tgt) -> list[str]` and
    `info(src, tgt) -> dict` (the `backcheck.translate.Translator` protocol), used instead
    of the configured engine; `scorer` likewise replaces the forced-decoding scorer.
    Not thread-safe: use one Checker per thread or process.
    """

    def __init__(self, config: ConfigLike = None, *, translator=None, scorer=None):
        self.config = as_config(config)
        if translator is None and self.config.engine != "none":
            from backcheck import translate
            translator = translate.get_translator(self.config)
            if scorer is None:
                scorer = translate.get_scorer(self.config, translator)
        self.translator = translator
        self.scorer = scorer

    @property
    def engine(self) -> dict | None:
        """The engine's name, model and revision, as reports give them; None without one."""
        return None if self.translator is None else self.translator.info("pt", "en")

    def check(self, article: ArticleLike) -> Report:
        """One article's report (an Article, or a path or text as `load` takes)."""
        return self.check_many([article])[0]

    @overload
    def check_many(self, articles: Iterable[ArticleLike], *,
                   return_exceptions: Literal[False] = ...) -> list[Report]: ...

    @overload
    def check_many(self, articles: Iterable[ArticleLike], *,
                   return_exceptions: Literal[True]) -> list[Report | Exception]: ...

    def check_many(self, articles, *, return_exceptions=False):
        """The reports of many articles, in order, their sentences translated together in
        one engine call per direction (much faster than one article at a time). With
        `return_exceptions=True` an article that cannot be loaded or checked gives its
        exception (an InputError for bad input) in its place instead of stopping the rest."""
        from backcheck import pipeline
        given: list = []
        for a in articles:
            try:
                given.append(a if isinstance(a, Article) else load(a, config=self.config))
            except InputError as e:
                if not return_exceptions:
                    raise
                given.append(e)
        good = [a for a in given if isinstance(a, Article)]
        reports = iter(pipeline.check_many(good, self.translator, self.config, self.scorer,
                                           return_exceptions=return_exceptions))
        return [next(reports) if isinstance(a, Article) else a for a in given]


_last: tuple[str, Checker] | None = None       # the engine `check` loaded last


def check(article: ArticleLike, *, config: ConfigLike = None) -> Report:
    """Check one article (an Article, or a path or text as `load` takes). The engine is
    loaded once and reused while the configuration stays the same; for many articles,
    `Checker(config).check_many(articles)` is faster."""
    global _last
    cfg = as_config(config)
    key = json.dumps(cfg.to_dict(), sort_keys=True, default=str)
    if _last is None or _last[0] != key:
        _last = (key, Checker(cfg))
    return _last[1].check(article)


def render(report: Report | Sequence[Report], fmt: Format = "text", **options) -> str:
    """The report as text, json (the contract of docs/report-schema.md), html, junit (which
    also takes a list of reports) or markdown. Options: `color` (text: None decides by the
    terminal), `fail_on` (junit: the severity that makes a failure)."""
    from backcheck.report import render as render_report
    return render_report(report, fmt, **options)
