"""CMS junk on either side (needs no translation)."""
from __future__ import annotations

from backcheck.report.model import Issue


def check(ctx) -> list[Issue]:
    return []
