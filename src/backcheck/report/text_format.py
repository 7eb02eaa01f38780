"""Terminal renderer (placeholder until the rich renderer lands)."""
from __future__ import annotations

from backcheck.report.model import Report


def render(report: Report, **_) -> str:
    lines = [f"{report.id}: {report.verdict.upper()}  score {report.score}"]
    for i in report.issues:
        lines.append(f"  [{i.severity}] {i.type}: {i.message}")
    return "\n".join(lines) + "\n"
