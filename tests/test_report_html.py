"""--format html without a browser: structure, self-containment, escaping, the index page.
(The same pages are exercised in headless Chromium in test_html_browser.py.)"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources

from test_html_browser import PAYLOADS, hostile_report
from test_report_samples import clean_report, sample_report

from backcheck.report import html_format, render


class Page(HTMLParser):
    """Collects start tags (name, attrs) and the text of every <script> and <style>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data

    def find(self, tag, cls=None):
        return [a for t, a in self.tags
                if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def test_rows_issues_and_marks_follow_the_report():
    rep = sample_report()
    page = Page(render(rep, "html"))
    assert len(page.find("section", "row")) == len(rep.alignment)
    issues = page.find("details", "issue")
    assert sorted(d["data-sev"] for d in issues) == sorted(i.severity for i in rep.issues)
    boxes = [i for i in page.find("input") if i.get("type") == "checkbox"]
    filters = [i for i in boxes if i.get("class") != "waive"]
    assert len(filters) == 5   # four severities + "only rows with issues"
    assert sorted(i["value"] for i in boxes if i.get("class") == "waive") == \
        sorted(i.fingerprint for i in rep.issues)      # one "waive" box per issue
    assert {m["data-sevs"] for m in page.find("mark")} == {"critical", "major", "minor", "info"}


def test_page_is_self_contained():
    html = render(sample_report(), "html")
    page = Page(html)
    assert "://" not in html
    assert not [a for _, a in page.tags if "src" in a or "href" in a]
    assert [t for t, _ in page.tags].count("link") == 0
    assert len(page.raw["style"]) == 1 and len(page.raw["script"]) == 2


def test_csp_allows_exactly_the_inline_script():
    html = render(sample_report(), "html")
    page = Page(html)
    csp = page.find("meta")[2]["content"]
    assert "default-src 'none'" in csp
    code = [s for s in page.raw["script"] if "addEventListener" in s][0]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_embedded_json_cannot_close_its_script_block():
    rep = hostile_report()
    html = render(rep, "html")
    page = Page(html)
    blob = page.raw["script"][0]
    assert not set("<>&\u2028\u2029") & set(blob)
    assert json.loads(blob) == json.loads(render(rep, "json"))
    assert html_format.json_for_script({"a": "</script><!--&"}) == \
        '{"a": "\\u003c/script\\u003e\\u003c!--\\u0026"}'


def test_hostile_text_is_escaped_everywhere():
    html = render(hostile_report(), "html")
    for p in PAYLOADS:
        if "<" in p:
            assert p not in html
    assert "&lt;script&gt;window.pwned = 1" in html
    assert "{{ 7 * 7 }}" in html and "49" not in html
    page = Page(html)
    assert {t for t, _ in page.tags}.isdisjoint({"img", "svg", "iframe", "textarea", "a"})


def test_clean_report_page():
    page = Page(render(clean_report(), "html"))
    assert len(page.find("section", "row")) == 1
    assert page.find("details") == []


def test_safe_link_keeps_local_files_only():
    assert html_format.safe_link("reports/a b.html") == "reports/a%20b.html"
    assert html_format.safe_link("d/x:y.json") == "d/x%3Ay.json"
    assert html_format.safe_link("x:y.json") is None   # reads as a scheme: refused
    assert html_format.safe_link("a#b?.html") == "a%23b%3F.html"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "https://example.org/a.html",
                "//evil.example/a", "/etc/passwd", "\\\\host\\share", "data:text/html,x",
                "java\nscript:x", "", None):
        assert html_format.safe_link(bad) is None, bad


def test_index_sorted_worst_first_with_counts():
    rows = [
        {"id": "ok", "verdict": "pass", "score": 0.0, "html": "ok.html"},
        {"id": "bad", "verdict": "fail", "score": 12.5, "counts": {"critical": 1, "major": 2},
         "html": "bad.html", "json": "bad.json"},
        {"id": "worse", "verdict": "fail", "score": 40.0, "critical": 2},
        {"id": "meh", "verdict": "warn", "score": 3.0, "minor": 3},
        {"id": "broken", "error": "invalid JSON: line 1"},
    ]
    html = html_format.render_index(rows, title="nightly")
    order = re.findall(r'<tr(?: class="error")? data-verdict="(\w+)"[^>]*>\s*<td[^>]*>'
                       r'(?:<a [^>]*>)?(\w+)', html)
    assert order == [("error", "broken"), ("fail", "worse"), ("fail", "bad"),
                     ("warn", "meh"), ("pass", "ok")]
    assert "5 article(s): 2 fail, 1 warn, 1 pass, 1 input error(s)" in html
    assert "invalid JSON: line 1" in html and "<title>nightly</title>" in html
    page = Page(html)
    assert [a["href"] for a in page.find("a")] == ["bad.html", "bad.html", "bad.json",
                                                   "ok.html", "ok.html"]
    ours = (resources.files("backcheck.report") / "templates" / "index.js").read_text("utf-8")
    assert page.raw["script"] == [ours] and "://" not in html      # only the sort/filter code
