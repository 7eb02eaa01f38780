"""--format markdown: renders (CommonMark + GFM tables) to what the report says, literally."""
from __future__ import annotations

import html
import re

import pytest
from test_report_samples import clean_report, sample_report

from backcheck.report import render
from backcheck.report.markdown_format import md_escape
from backcheck.report.model import Issue, Loc

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py not installed")


def to_html(md: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)


def test_header_counts_and_issues_in_severity_order():
    md = render(sample_report(), "markdown")
    assert md.startswith("## backcheck: camara-orcamento-2025 — **FAIL**\n")
    page = to_html(md)
    cells = re.findall(r"<td[^>]*>(\d+)</td>", page)
    assert cells == ["1", "2", "1", "1"]
    items = re.findall(r"<li>\s*<p>\s*<strong>(\w+)</strong> · (\w+)", page)
    assert items == [("critical", "number"), ("major", "negation"), ("major", "omission"),
                     ("minor", "artifact"), ("info", "entity")]
    # PT and EN quoted inside their list item
    assert "<blockquote>\n<p><strong>PT:</strong> Câmara aprova orçamento de R$ 3,2 bilhões" in page
    assert "<strong>EN:</strong> City council approves R$2.3 billion" in page
    assert "<em>PT→EN:</em> City Council approves budget of R$ 3.2 billion for 2025" in page


def test_clean_report():
    md = render(clean_report(), "markdown")
    assert "**PASS**" in md and "No issues found." in md and "engine: none" in md


HOSTILE = ["a | b || c", "*bold* _it_ `code` ~~gone~~", "[link](javascript:alert(1))",
           "<script>alert(1)</script> <b>x</b>", "&amp; &copy;", "# not a heading #",
           "$x^2$ ![img](x.png)", "back\\slash\\*", "line one\nline two"]


@pytest.mark.parametrize("text", HOSTILE)
def test_article_text_renders_literally(text):
    rep = clean_report()
    rep.issues = [Issue("mistranslation", "major", Loc("body", 0, text),
                        Loc("body", 0, text), text, {"pt2en": text})]
    page = to_html(render(rep, "markdown"))
    page = page.replace(f"<code>{rep.issues[0].fingerprint}</code>", "")   # ours, not the text's
    for tag in ("<a ", "<em>x", "<code>", "<del>", "<script", "<b>", "<img", "<h1", "<table>\n<thead>\n<tr>\n<th>a"):
        assert tag not in page.replace("<em>PT→EN:</em>", "")
    flat = " ".join(text.split())
    assert page.count(html.escape(flat, quote=False)) >= 3, page
    # the summary table still has its four cells
    assert len(re.findall(r"<td[^>]*>\d+</td>", page)) == 4


def test_long_lists_keep_quotes_inside_items():
    rep = clean_report()
    rep.issues = [Issue("number", "minor", Loc("body", k, f"frase {k}"), None, f"m{k}", {})
                  for k in range(12)]
    page = to_html(render(rep, "markdown"))
    assert page.count("<ol>") == 1
    ol = page[page.index("<ol>"):page.index("</ol>")]
    assert ol.count("<li>") == 12 and ol.count("<blockquote>") == 12


def test_md_escape_collapses_newlines_and_escapes_pipes():
    assert md_escape("a|b\n c") == "a\\|b c"
