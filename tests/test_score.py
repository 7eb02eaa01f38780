"""Severity policy, MQM-style score and verdict."""
import pytest

from backcheck.config import Config
from backcheck.report import score
from backcheck.report.model import Issue, Loc, Report


def iss(kind, severity, field="body"):
    loc = Loc(field, 0 if field == "body" else None, "text")
    return Issue(kind, severity, loc, loc, "m")


def rep(*issues):
    return Report(id="x", engine=None, issues=list(issues))


def test_mqm_weights_per_100_words():
    r = score.apply(rep(iss("omission", "minor"), iss("number", "major"),
                        iss("untranslated", "critical"), iss("mistranslation", "info")),
                    200, Config())
    assert r.score == pytest.approx(100 * (1 + 5 + 25) / 200)


def test_policy_confirmed_headline_errors_critical_body_keeps_the_checks_rating():
    confirmed = iss("number", "major", "headline")
    confirmed.evidence["confirmed"] = True
    r = score.apply(rep(iss("negation", "major", "headline"), confirmed,
                        iss("number", "major"), iss("negation", "major"),
                        iss("untranslated", "critical"), iss("addition", "minor")), 1000, Config())
    # an unconfirmed headline error stays as rated: critical needs independent evidence
    assert [i.severity for i in r.issues] == ["major", "critical", "major", "major",
                                              "critical", "minor"]


def test_hints_stay_hints_and_do_not_count():
    r = score.apply(rep(iss("negation", "info"), iss("mistranslation", "info")), 100, Config())
    assert [i.severity for i in r.issues] == ["info", "info"]
    assert r.score == 0 and r.verdict == "pass"


def test_verdicts_follow_the_configured_thresholds():
    assert score.apply(rep(), 100, Config()).verdict == "pass"
    assert score.apply(rep(iss("omission", "minor")), 1000, Config()).verdict == "warn"
    assert score.apply(rep(iss("untranslated", "critical")), 10_000, Config()).verdict == "fail"
    majors = [iss("omission", "major") for _ in range(3)]         # 15 points
    assert score.apply(rep(*majors), 100, Config()).verdict == "fail"       # 15 >= 10
    assert score.apply(rep(*majors), 100, Config(fail_score=20)).verdict == "warn"


def test_config_severity_override_wins_over_policy():
    r = score.apply(rep(iss("negation", "major", "headline"), iss("artifact", "major")), 100,
                    Config(severity={"negation": "minor", "artifact": "info"}))
    assert [i.severity for i in r.issues] == ["minor", "info"]
    assert r.score == 1.0


def test_fails_on():
    r = rep(iss("omission", "minor"))
    assert score.fails(r, "minor") and score.fails(r, "info")
    assert not score.fails(r, "major") and not score.fails(r, "never")


def test_partial_source_scores_per_english_word():
    from backcheck import pipeline
    from backcheck.article import Article, Side
    en_body = ["The council approved the the new budget on Monday after a long debate.",
               "Members said the plan would fund schools and clinics across the region."]
    art = Article("p", Side(caption="Vereadores votam o orçamento"),
                  Side(headline="Council passes budget", caption="Councillors vote on the budget",
                       body=en_body))
    r = pipeline.check(art, None, Config())
    assert r.notes and r.stats["en_words"] > 3 * r.stats["pt_words"]
    assert score.points(r) > 0                   # the doubled "the" is counted
    assert r.score == round(100 * score.points(r) / r.stats["en_words"], 2)
