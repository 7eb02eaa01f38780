"""Severity policy, MQM-style article score and verdict.

Severity policy (applied to every issue after the checks, then the user's
`severity = {type = "..."}` overrides from the configuration win):
- critical: only when independent evidence agrees: untranslated text the checks confirm;
  polarity flips the back-translation confirms and the calibrated score puts above every
  faithful pair (the negation check decides); a number, name or polarity error in the
  headline (the one line every reader sees) whose check marked it `confirmed` in its
  evidence. An unconfirmed headline error stays as the check rated it.
- major: number, entity, omission, addition and mistranslation issues in the body,
  standfirst or caption, and CMS junk visible to readers (artifact).
- minor: small slips the checks rate minor (a moved sentence, a terminology variant).
- info: weak signals (low similarity, an unaligned fragment, unlikely words from the
  translation model). Shown to editors, never counted in the score or the verdict.

Score = penalty points per 100 source (Portuguese) words (in partial-source mode, per 100
words of the English, most of which has no source), with the WMT MQM weights
minor 1, major 5, critical 25 (info 0). Lower is better.

Verdict: `fail` when the score reaches config.fail_score or any issue is critical;
`warn` when the score reaches config.warn_score or any counted (minor or worse) issue
exists; `pass` otherwise.
"""
from __future__ import annotations

from backcheck.report.model import SEVERITY_RANK, Issue, Report

WEIGHTS = {"critical": 25.0, "major": 5.0, "minor": 1.0, "info": 0.0}
# types whose error in the headline is critical
HEADLINE_CRITICAL = ("number", "entity", "negation")


def policy(issue: Issue) -> str:
    """The severity the policy gives this issue (never lowers what a check decided,
    except that nothing is raised from info: a hint stays a hint)."""
    sev = issue.severity
    if sev == "info":
        return sev
    in_headline = any(loc is not None and loc.field == "headline" for loc in (issue.pt, issue.en))
    if in_headline and issue.type in HEADLINE_CRITICAL and issue.evidence.get("confirmed"):
        return "critical"
    return sev


def points(report: Report) -> float:
    return sum(WEIGHTS[i.severity] for i in report.issues)


def apply(report: Report, words: int, config) -> Report:
    """Apply the severity policy and the config's overrides, then set report.score
    (penalty points per 100 words) and report.verdict."""
    for issue in report.issues:
        issue.severity = policy(issue)
        if issue.type in (config.severity or {}):
            issue.severity = config.severity[issue.type]
    report.score = round(100.0 * points(report) / max(words, 1), 2)
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
