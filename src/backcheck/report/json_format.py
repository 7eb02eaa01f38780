"""JSON renderer: the stable contract documented in docs/report-schema.md."""
from __future__ import annotations

import json

from backcheck.report.model import Report


def render(report: Report, **_) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
