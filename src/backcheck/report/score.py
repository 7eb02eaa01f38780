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
  translation model). Shown to editors, never counted in the score, nor in the verdict
  unless fail_on is info.

Score = penalty points per 100 source (Portuguese) words (in partial-source mode, per 100
words of the English, most of which has no source), with the WMT MQM weights
minor 1, major 5, critical 25 (info 0). Lower is better. The score is shown to rank and
compare articles; it never decides the verdict.

Waived issues (accepted by an editor: report.waivers) count in neither.

Verdict, the one rule that the exit status, JUnit, the batch summary and every report
format follow (`judge`):
- `fail`  ⇔ an issue at or above fail_on (`--fail-on`, default major) ⇔ exit status 1
          ⇔ a JUnit <failure>;
- `warn`  ⇔ no such issue, but counted (minor or worse) issues below fail_on;
- `pass`  ⇔ no counted issue (info hints only, or none).
With fail_on = never nothing fails; with fail_on = info an info hint fails.
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
    return sum(WEIGHTS[i.severity] for i in report.counted())


def apply(report: Report, words: int, config) -> Report:
    """Apply the severity policy and the config's overrides, then set report.score
    (penalty points per 100 words; the count is kept as stats.score_words) and the
    verdict under config.fail_on, waived issues left out of both."""
    for issue in report.issues:
        issue.severity = policy(issue)
        if issue.type in (config.severity or {}):
            issue.severity = config.severity[issue.type]
    report.stats["score_words"] = max(int(words), 1)
    return finalize(report, config)


def finalize(report: Report, config, known: frozenset | None = None) -> Report:
    """Fingerprint the issues, mark the waived ones (the article's waivers file is read
    now; `known`: fingerprints of a baseline run, see waivers.apply), then judge. What batch
    does again to a report it resumes."""
    from backcheck.report import waivers
    return judge(waivers.apply(report, config, known), config.fail_on)


def judge(report: Report, fail_on: str) -> Report:
    """Set report.score from the counted issues and report.verdict under fail_on.
    Idempotent: a stored report is judged again under the fail_on of the run that reads it."""
    words = report.stats.get("score_words")
    if words:                 # (a report written before score_words existed keeps its score)
        report.score = round(100.0 * points(report) / words, 2)
    report.fail_on = fail_on
    if fails(report, fail_on):
        report.verdict = "fail"
    elif report.worst_severity() not in (None, "info"):
        report.verdict = "warn"
    else:
        report.verdict = "pass"
    return report


def fails(report: Report, fail_on: str) -> bool:
    """True when a counted issue reaches the fail_on severity (the `fail` verdict)."""
    if fail_on == "never":
        return False
    return any(SEVERITY_RANK[i.severity] >= SEVERITY_RANK[fail_on] for i in report.counted())
