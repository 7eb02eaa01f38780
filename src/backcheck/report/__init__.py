"""The report model and one renderer per format.

Entry point: `render(report, fmt) -> str`.
"""
from __future__ import annotations

import importlib

from backcheck.report.model import Report

FORMATS = ("text", "json", "html", "junit", "markdown")


def render(report: Report | list[Report], fmt: str, **kw) -> str:
    """Render one report (junit also takes a list) in the named format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    from backcheck.report import waivers
    for r in [report] if isinstance(report, Report) else report:
        if isinstance(r, Report) and any(not i.fingerprint for i in r.issues):
            waivers.stamp(r)            # a report built by hand: every format shows them
    mod = importlib.import_module(f"backcheck.report.{fmt}_format")
    return mod.render(report, **kw)
