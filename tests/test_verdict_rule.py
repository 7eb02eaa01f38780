"""One rule for the verdict, through the CLI (issue 10): `fail` <=> an issue at or above
--fail-on <=> exit status 1 <=> a JUnit failure; `warn` <=> counted issues below it; `pass`
otherwise. Checked over (check, batch) x (text, json, junit, html, markdown) x every fail-on
level, on three small articles (--engine none: the verdict rule does not depend on the engine).
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from backcheck import cli
from backcheck.report.model import SEVERITY_RANK

FAIL_ONS = ("critical", "major", "minor", "info", "never")
FORMATS = ("text", "json", "junit", "html", "markdown")
BODY_PT = ["A prefeitura abriu três creches no bairro nesta segunda-feira.",
           "As unidades atendem 300 crianças."]
BODY_EN = ["The city hall opened three day-care centres in the district on Monday.",
           "The centres serve 300 children."]
ARTICLES = {
    # a glossary term not rendered as required: minor issues only
    "minor": {"pt": {"headline": "Prefeitura abre novas creches", "body": BODY_PT},
              "en": {"headline": "City hall opens new day-care centres", "body": BODY_EN}},
    # the same, plus CMS junk in the English: major issues
    "major": {"pt": {"headline": "Prefeitura abre novas creches", "body": BODY_PT},
              "en": {"headline": "City hall opens new day-care centres",
                     "body": [BODY_EN[0], BODY_EN[1] + " [TK]"]}},
    "clean": {"pt": {"headline": "Biblioteca amplia horário",
                     "body": ["A biblioteca municipal vai abrir aos domingos a partir de março."]},
              "en": {"headline": "Library extends opening hours",
                     "body": ["The municipal library will open on Sundays from March."]}},
}


def rule(issues: list[dict], fail_on: str) -> str:
    sevs = [i["severity"] for i in issues if not i.get("waived")]
    if fail_on != "never" and any(SEVERITY_RANK[s] >= SEVERITY_RANK[fail_on] for s in sevs):
        return "fail"
    return "warn" if any(s != "info" for s in sevs) else "pass"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("verdict")
    (base / "in").mkdir()
    for name, art in ARTICLES.items():
        (base / "in" / f"{name}.json").write_text(json.dumps({"id": name, **art},
                                                             ensure_ascii=False), "utf-8")
    (base / "glossary.csv").write_text("pt,en\nprefeitura,city council\n", "utf-8")
    return base


def common(base) -> list[str]:
    return ["--engine", "none", "--no-cache", "--glossary", str(base / "glossary.csv")]


def verdict_in(fmt: str, text: str) -> str:
    """The verdict as the report of that format shows it."""
    if fmt == "json":
        return json.loads(text)["verdict"]
    if fmt == "junit":
        case = ET.fromstring(text.encode()).find("testsuite/testcase")
        return "fail" if case.find("failure") is not None else \
            case.find("system-out").text.split(" ")[0] if case.find("system-out") is not None \
            else "pass"
    if fmt == "html":
        data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>',
                         text, re.S).group(1)
        badge = re.search(r'<h1><span class="verdict v-(\w+)">(\w+)</span>', text)
        assert badge.group(1) == badge.group(2).lower()
        assert json.loads(data)["verdict"] == badge.group(1)
        return badge.group(1)
    if fmt == "markdown":
        return re.match(r"## backcheck: .* — \*\*(\w+)\*\*", text).group(1).lower()
    first, last = text.splitlines()[0], text.rstrip().splitlines()[-1]
    head = re.search(r" (PASS|WARN|FAIL) ", first).group(1)
    assert last.startswith(f"summary: {head} ")
    return head.lower()


@pytest.fixture(scope="module")
def issues(corpus):
    out = {}
    for name in ARTICLES:
        dest = corpus / f"{name}.issues.json"
        cli.main(["check", str(corpus / "in" / f"{name}.json"), *common(corpus),
                  "--format", "json", "-o", str(dest)])
        out[name] = json.loads(dest.read_text("utf-8"))["issues"]
    # the matrix is only worth something if it meets every verdict
    assert {rule(out[n], f) for n in ARTICLES for f in FAIL_ONS} == {"pass", "warn", "fail"}
    assert any(i["severity"] == "minor" for i in out["minor"])
    assert not any(SEVERITY_RANK[i["severity"]] > SEVERITY_RANK["minor"] for i in out["minor"])
    assert any(i["severity"] == "major" for i in out["major"])
    return out


@pytest.mark.parametrize("fail_on", FAIL_ONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_check_verdict_exit_status_and_junit_agree(corpus, issues, fmt, fail_on):
    for name in ARTICLES:
        dest = corpus / f"{name}-{fail_on}.{fmt}"
        status = cli.main(["check", str(corpus / "in" / f"{name}.json"), *common(corpus),
                           "--fail-on", fail_on, "--format", fmt, "-o", str(dest)])
        want = rule(issues[name], fail_on)
        shown = verdict_in(fmt, dest.read_text("utf-8"))
        assert (shown, status) == (want, 1 if want == "fail" else 0), (name, fmt, fail_on)


def test_batch_verdicts_summary_junit_index_and_exit_agree_on_every_fail_on(corpus, issues):
    """One output directory, run again under each fail-on level: the first run checks, the
    others resume, and every file is judged again under the level of the run."""
    out = corpus / "batch-out"
    for fail_on in FAIL_ONS:
        want = {n: rule(issues[n], fail_on) for n in ARTICLES}
        status = cli.main(["batch", str(corpus / "in"), "--out", str(out), "--html",
                           "--no-progress", "--fail-on", fail_on, *common(corpus)])
        assert status == (1 if "fail" in want.values() else 0), fail_on
        summary = json.loads((out / "summary.json").read_text("utf-8"))
        assert summary["fail_on"] == fail_on and summary["exit_status"] == status
        assert {r["name"]: r["verdict"] for r in summary["reports"]} == want, fail_on
        with open(out / "summary.csv", encoding="utf-8") as f:
            assert {r["name"]: r["verdict"] for r in csv.DictReader(f)} == want
        for name in ARTICLES:
            report = json.loads((out / f"{name}.json").read_text("utf-8"))
            assert (report["verdict"], report["fail_on"]) == (want[name], fail_on)
            assert verdict_in("html", (out / f"{name}.html").read_text("utf-8")) == want[name]
        junit = ET.fromstring((out / "junit.xml").read_bytes())
        failed = {c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None}
        assert failed == {n for n, v in want.items() if v == "fail"}
        assert junit.get("failures") == str(len(failed))
        index = (out / "index.html").read_text("utf-8")
        for name, verdict in want.items():
            assert re.search(rf'<tr data-verdict="{verdict}"[^>]*>\s*<td[^>]*><a href="{name}.html">',
                             index)


def test_example_article_junit_failure_iff_exit_1_as_a_process(tmp_path):
    """'Why' 1: `check examples/article.json --format junit` wrote failures="0" and exited 1."""
    from conftest import EXAMPLES
    for fail_on in ("major", "critical"):
        p = subprocess.run([sys.executable, "-m", "backcheck", "check",
                            str(EXAMPLES / "article.json"), "--engine", "none", "--no-cache",
                            "--format", "junit", "--fail-on", fail_on],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert p.returncode in (0, 1), p.stderr
        failures = ET.fromstring(p.stdout.encode()).get("failures")
        assert failures == str(p.returncode), (fail_on, p.stdout)
