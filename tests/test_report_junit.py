"""--format junit: valid JUnit XML, one test case per article, failures and input errors."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from test_report_samples import clean_report, sample_report

from backcheck.errors import InputError
from backcheck.report import render


def parse(xml: str) -> ET.Element:
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(xml.encode("utf-8"))


def test_one_failing_report():
    rep = sample_report()
    root = parse(render(rep, "junit"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "camara-orcamento-2025"
    assert case.get("file") == "articles/camara.json"
    fail = case.find("failure")
    assert fail.get("message") == \
        "fail (fail-on major): score 35.5; 1 critical, 2 major, 1 minor, 1 info"
    lines = fail.text.splitlines()
    [critical] = [i for i in rep.issues if i.severity == "critical"]
    assert lines[0] == f"[critical] number (headline) #{critical.fingerprint}: number 3,2 in " \
                       "Portuguese is 2.3 in English"
    assert "    PT: Câmara aprova orçamento de R$ 3,2 bilhões para 2025" in lines
    assert sum(1 for ln in lines if ln.startswith("[")) == 5


def test_batch_with_warn_pass_and_input_errors():
    warn = sample_report()
    warn.id, warn.verdict = "warned", "warn"
    reports = [sample_report(), warn, clean_report()]
    errors = [{"name": "broken", "source": "in/broken.json", "error": "invalid JSON: line 3"},
              ("other", "empty file"), InputError("in/x.txt", "no Portuguese text")]
    root = parse(render(reports, "junit", errors=errors))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) \
        == ("6", "1", "3", "0")
    assert root.get("tests") == "6"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert cases["camara-orcamento-2025"].find("failure") is not None
    assert cases["warned"].find("failure") is None
    assert "[critical] number" in cases["warned"].find("system-out").text
    assert list(cases["clean-one"]) == []
    err = cases["broken"].find("error")
    assert err.get("message") == "invalid JSON: line 3" and err.get("type") == "InputError"
    assert cases["broken"].get("file") == "in/broken.json"
    assert cases["other"].find("error").get("message") == "empty file"
    assert cases["in/x.txt"].find("error").get("message") == "no Portuguese text"


def test_the_verdict_decides_failures_judged_under_fail_on():
    from backcheck.report import score
    rep = sample_report()                       # one critical issue
    for fail_on, failures in (("critical", "1"), ("never", "0"), ("info", "1")):
        score.judge(rep, fail_on)
        root = parse(render([rep], "junit"))
        assert root.get("failures") == failures
        assert (root.find("testsuite/testcase/failure") is not None) == (rep.verdict == "fail")
    # given fail_on, copies are judged under it: the same rule, the report left alone
    score.judge(rep, "critical")
    assert parse(render([rep], "junit", fail_on="never")).get("failures") == "0"
    assert rep.verdict == "fail" and rep.fail_on == "critical"


def test_control_characters_and_markup_in_text_stay_valid_xml():
    rep = sample_report()
    nasty = "bad\x00\x01\x08\x0b\x0c\x1f\ufffe\ud800 ]]> <tag a=\"1\"> & \x1b[31m end\ttab"
    rep.id = f"id {nasty}"
    rep.issues[0].message = nasty
    rep.issues[0].pt.text = nasty
    rep.source = nasty
    xml = render(rep, "junit", errors=[{"name": nasty, "error": nasty}])
    xml.encode("utf-8")   # no lone surrogate left
    root = parse(xml)
    case = root.find("testsuite/testcase")
    assert case.get("name") == "id bad ]]> <tag a=\"1\"> & [31m end\ttab"
    assert "PT: bad ]]> <tag a=\"1\"> & [31m end\ttab" in case.find("failure").text


def test_empty_batch_is_valid():
    root = parse(render([], "junit"))
    assert root.get("tests") == "0" and root.find("testsuite") is not None


def test_junit_time_is_the_time_the_check_took():
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from backcheck import article, pipeline
    from backcheck.report import render
    art = article.load(Path(__file__).resolve().parents[1] / "examples" / "article.json")
    rep = pipeline.check(art, None)
    assert rep.stats["seconds"] > 0
    case = ET.fromstring(render(rep, "junit")).find(".//testcase")
    assert float(case.get("time")) == round(rep.stats["seconds"], 3)
