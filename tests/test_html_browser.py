"""The HTML reports in headless Chromium: layout, severity filter, and that article text can
never execute (issue 6). Screenshots are saved in each test's tmp dir."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_report_samples import sample_report

from backcheck.report import html_format, render
from backcheck.report.model import BeadLoc, Issue, Loc, Report

pytestmark = pytest.mark.browser


def open_page(browser, path: Path, html: str):
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())
    browser.get_log("browser")  # drop earlier pages' messages
    return browser


def test_report_page_rows_issues_and_severity_filter(browser, tmp_path):
    from selenium.webdriver.common.by import By

    rep = sample_report()
    b = open_page(browser, tmp_path / "report.html", render(rep, "html"))
    rows = b.find_elements(By.CSS_SELECTOR, "#rows > section.row")
    assert len(rows) == len(rep.alignment)
    issues = b.find_elements(By.CSS_SELECTOR, "details.issue")
    assert len(issues) == len(rep.issues)
    assert sorted(i.get_attribute("data-sev") for i in issues) == \
        sorted(i.severity for i in rep.issues)
    for i in issues:
        assert f"sev-{i.get_attribute('data-sev')}" in i.get_attribute("class").split()
    # the differing number is marked inside the headline row, with the critical colour
    items = rows[0].find_elements(By.CSS_SELECTOR, "mark.item.sev-critical")
    assert [m.text for m in items] == ["3,2", "2.3"]
    # the embedded data is the report itself
    data = b.execute_script("return JSON.parse(document.getElementById('report-data').textContent)")
    assert data == json.loads(render(rep, "json"))
    # no network: not one resource was requested
    assert b.execute_script("return performance.getEntriesByType('resource').length") == 0
    b.save_screenshot(str(tmp_path / "report.png"))

    minor = b.find_element(By.CSS_SELECTOR, "details.issue.sev-minor")
    major = b.find_elements(By.CSS_SELECTOR, "details.issue.sev-major")
    assert minor.is_displayed()
    b.find_element(By.ID, "filter-minor").click()
    assert not minor.is_displayed()
    assert all(m.is_displayed() for m in major)
    assert b.find_element(By.ID, "shown-count").text == str(len(rep.issues) - 1)
    minor_marks = b.find_elements(By.CSS_SELECTOR, "mark[data-sevs='minor']")
    assert minor_marks and all("off" in m.get_attribute("class") for m in minor_marks)

    b.find_element(By.ID, "filter-only-issues").click()
    shown = [r for r in rows if r.is_displayed()]
    # rows 1, 2, 4, 5 keep a visible issue; the minor-only row 7 and the clean rows go
    assert [r.get_attribute("id") for r in shown] == ["row-1", "row-2", "row-4", "row-5"]
    b.find_element(By.ID, "filter-minor").click()
    assert minor.is_displayed() and rows[6].is_displayed()
    b.save_screenshot(str(tmp_path / "report-filtered.png"))
    assert [e for e in b.get_log("browser") if e["level"] == "SEVERE"] == []


PAYLOADS = [
    "<script>window.pwned = 1; document.title = 'pwned'</script>",
    "<img src=x onerror=\"window.pwned = 2; document.title = 'pwned'\">",
    "<a href=\"javascript:window.pwned = 3\" id=\"jslink\">click me</a>",
    "</textarea></script><script>window.pwned = 4</script>",
    "</style></details><svg onload=\"window.pwned = 5\"></svg>",
    "\"><iframe srcdoc=\"<script>parent.pwned = 6</script>\"></iframe>",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} ${7*7}",
    "<!-- --><script>window.pwned = 7</script>]]>\u2028\u2029",
]


def hostile_report() -> Report:
    loc = [Loc("body", k, f"Frase {k}: {p}") for k, p in enumerate(PAYLOADS)]
    en = [Loc("body", k, f"Sentence {k}: {p}") for k, p in enumerate(PAYLOADS)]
    issues = [Issue("mistranslation", sev, loc[k], en[k], f"message {PAYLOADS[k]}",
                    {"pt2en": PAYLOADS[k], "en2pt": PAYLOADS[-k - 1], "similarity": 0.5,
                     "pt_items": [PAYLOADS[k][:12]], "en_items": [PAYLOADS[k]],
                     "match": PAYLOADS[k]})
              for k, sev in zip(range(len(PAYLOADS)), ["critical", "major", "minor", "info"] * 2)]
    issues.append(Issue("addition", "major", None, Loc("caption", None, PAYLOADS[1]),
                        PAYLOADS[3], {}))  # matches no bead: shown in the unplaced section
    return Report(id=PAYLOADS[0], engine={"name": PAYLOADS[1], "model": PAYLOADS[2],
                                          "revision": PAYLOADS[3]},
                  verdict="fail", score=12.0,
                  alignment=[BeadLoc(p, e, 0.5) for p, e in zip(loc, en)],
                  issues=issues, notes=list(PAYLOADS), source=PAYLOADS[4],
                  stats={PAYLOADS[5]: PAYLOADS[6]})


def assert_inert(b, expected_scripts: int):
    from selenium.webdriver.common.by import By

    for d in b.find_elements(By.CSS_SELECTOR, "details"):
        b.execute_script("arguments[0].open = true", d)
    b.execute_script("return new Promise(r => setTimeout(r, 200))")
    assert b.execute_script("return typeof window.pwned") == "undefined"
    assert b.title != "pwned"
    injected = "img, svg, iframe, textarea, a[href^='javascript'], #jslink, style ~ style"
    assert b.find_elements(By.CSS_SELECTOR, injected) == []
    assert len(b.find_elements(By.TAG_NAME, "script")) == expected_scripts
    return b.find_element(By.TAG_NAME, "body").text


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-only"])
def test_article_text_never_executes_in_report(browser, tmp_path, csp):
    from selenium.webdriver.common.by import By

    html = render(hostile_report(), "html")
    if not csp:  # prove the escaping alone holds, without the CSP's second line of defence
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1:]
        assert "Content-Security-Policy" not in html
    b = open_page(browser, tmp_path / "hostile.html", html)
    text = assert_inert(b, expected_scripts=2)
    for p in PAYLOADS:   # every payload shows as literal text
        assert p.split("\u2028")[0].replace("  ", " ") in text
    assert "49" not in text
    assert PAYLOADS[0] in b.title
    data = b.execute_script("return JSON.parse(document.getElementById('report-data').textContent)")
    assert data == json.loads(render(hostile_report(), "json"))
    b.save_screenshot(str(tmp_path / "hostile.png"))
    # the filter still works on a hostile page (our script ran, the article's did not)
    b.find_element(By.ID, "filter-critical").click()
    assert b.find_element(By.ID, "shown-count").text == str(len(hostile_report().issues) - 2)


def test_index_page_is_inert_and_links_only_local_files(browser, tmp_path):
    from selenium.webdriver.common.by import By

    rows = [
        {"id": PAYLOADS[0], "verdict": "fail", "score": 30.0, "counts": {"critical": 1},
         "html": "a b.html", "json": "a b.json"},
        {"id": PAYLOADS[1], "verdict": "pass", "score": 0.0, "html": "javascript:alert(1)",
         "json": "//evil.example/x.json"},
        {"id": "broken", "error": PAYLOADS[3], "source": PAYLOADS[4]},
        {"id": PAYLOADS[6], "verdict": "warn", "score": 2.0, "major": 1, "html": "w.html"},
    ]
    b = open_page(browser, tmp_path / "index.html", html_format.render_index(rows))
    text = assert_inert(b, expected_scripts=1)                 # our own sort/filter code
    assert all(PAYLOADS[k] in text for k in (0, 1, 3, 4, 6))
    hrefs = [a.get_attribute("href") for a in b.find_elements(By.TAG_NAME, "a")]
    assert hrefs and all(h.startswith(tmp_path.as_uri()) for h in hrefs)
    assert (tmp_path / "a b.html").as_uri() in hrefs
    verdicts = [tr.get_attribute("data-verdict")
                for tr in b.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert verdicts == ["error", "fail", "warn", "pass"]
    b.save_screenshot(str(tmp_path / "index.png"))
