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


@pytest.mark.parametrize("fail_on", ["critical", "major", "minor", "info", "never"])
def test_one_rule_fail_iff_an_issue_reaches_fail_on(fail_on):
    """fail <=> an issue at or above fail_on; warn <=> counted issues below it; the score,
    however high, never changes the verdict."""
    rank = score.SEVERITY_RANK
    for sev in ("critical", "major", "minor", "info"):
        for words in (5, 100_000):                      # a huge and a tiny score
            r = score.apply(rep(iss("omission", sev)), words, Config(fail_on=fail_on))
            reaches = fail_on != "never" and rank[sev] >= rank[fail_on]
            want = "fail" if reaches else "pass" if sev == "info" else "warn"
            assert r.verdict == want, (sev, words)
            assert score.fails(r, fail_on) is reaches
            assert r.fail_on == fail_on
    assert score.apply(rep(), 100, Config(fail_on=fail_on)).verdict == "pass"


def test_judge_again_under_another_fail_on():
    r = score.apply(rep(iss("omission", "major"), iss("number", "minor")), 50, Config())
    assert (r.verdict, r.score) == ("fail", 12.0)
    assert score.judge(r, "critical").verdict == "warn" and r.score == 12.0
    assert score.judge(r, "never").verdict == "warn"
    assert score.judge(r, "minor").verdict == "fail"


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
