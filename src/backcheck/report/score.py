"""Severity policy, MQM-style article score and verdict.

Score = penalty points per 100 source words, with the WMT MQM weights:
minor 1, major 5, critical 25 (untranslated text counts as critical by default).
"""
from __future__ import annotations

from backcheck.report.model import SEVERITY_RANK, Report

WEIGHTS = {"critical": 25.0, "major": 5.0, "minor": 1.0, "info": 0.0}


def apply(report: Report, words: int, config) -> Report:
    """Apply severity overrides from config, then set report.score and report.verdict."""
    for issue in report.issues:
        if issue.type in config.severity:
            issue.severity = config.severity[issue.type]
    points = sum(WEIGHTS[i.severity] for i in report.issues)
    report.score = round(100.0 * points / max(words, 1), 2)
    worst = report.worst_severity()
    if report.score >= config.fail_score or worst == "critical":
        report.verdict = "fail"
    elif report.score >= config.warn_score or (worst and SEVERITY_RANK[worst] >= SEVERITY_RANK["minor"]):
        report.verdict = "warn"
    else:
        report.verdict = "pass"
    return report


def fails(report: Report, fail_on: str) -> bool:
    """True when an issue reaches the --fail-on severity."""
    if fail_on == "never":
        return False
    return any(SEVERITY_RANK[i.severity] >= SEVERITY_RANK[fail_on] for i in report.issues)
