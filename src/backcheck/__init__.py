"""backcheck: check a Portuguese news article against its English translation.

The public API (see the README's "Library use"); everything else is internal:

    import backcheck
    report = backcheck.check("article.json")             # or an Article, or its text
    print(backcheck.render(report, "markdown"))

    checker = backcheck.Checker(backcheck.Config(engine="apertium"))   # loads the engine once
    reports = checker.check_many(backcheck.load(p) for p in paths)

Importing backcheck loads no translation engine (no torch, no transformers).
"""

__version__ = "0.1.0"

from backcheck.api import Checker, check, load, render  # noqa: E402
from backcheck.article import Article  # noqa: E402
from backcheck.config import Config  # noqa: E402
from backcheck.errors import InputError  # noqa: E402
from backcheck.report.model import Issue, Report  # noqa: E402

__all__ = ["Article", "Checker", "Config", "InputError", "Issue", "Report", "__version__",
           "check", "load", "render"]
