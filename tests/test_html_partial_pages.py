"""The HTML report of a page whose Portuguese is only a line or two (the seed's layout) shows
the whole English page, in order, with what had no Portuguese source marked as not checked
and the issues in place (issue 10, 'Why' 4). Through the CLI, screenshotted in headless
Chromium. --engine none: which rows exist does not depend on the engine."""
from __future__ import annotations

import json
import re

import pytest
from conftest import need_shared

from backcheck import article, cli, segment

pytestmark = pytest.mark.browser

PARTIAL = """Prefeitura inaugura ciclovia na avenida central

Ciclistas testam a nova ciclovia da avenida central na manhã de sábado | Foto: Arquivo

City opens a cycle lane on the central avenue

Cyclists try out the new cycle lane on the central avenue on Saturday morning | Photo: Archive

The city opened a 4-kilometre protected cycle lane on the central avenue on Saturday, the first stretch of a network planned for the next three years.

The mayor said the lane would be extended to the university campus by March. Work on the second stretch starts next month.

Residents had asked for a safe route for years. "We finally have one," said a cyclist who rides to work every day.

The project cost R$ 12 million, paid for by the city and a federal programme.
"""


def words(text: str) -> str:
    return " ".join(text.split())


def english_sentences(path) -> list[str]:
    return [s.text for s in segment.segment(article.load(path)).en]


def render_and_open(browser, capsys, page, tmp_path, name):
    from selenium.webdriver.common.by import By
    html, js = tmp_path / f"{name}.html", tmp_path / f"{name}.json"
    for fmt, dest in (("html", html), ("json", js)):
        status = cli.main(["check", str(page), "--engine", "none", "--no-cache",
                           "--format", fmt, "-o", str(dest)])
        assert status in (0, 1), capsys.readouterr().err
    browser.get(html.as_uri())
    browser.save_screenshot(str(tmp_path / f"{name}.png"))
    report = json.loads(js.read_text("utf-8"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows > section.row")
    assert len(rows) == len(report["alignment"])
    return report, rows


def check_whole_english_page(browser, report, rows, sentences):
    from selenium.webdriver.common.by import By
    shown = [words(r.find_element(By.CSS_SELECTOR, ".cell.en .text").text)
             for r in rows if r.find_elements(By.CSS_SELECTOR, ".cell.en .text")]
    flat = " ".join(shown)
    position = -1
    for s in sentences:                       # every sentence, visible, in the page's order
        at = flat.find(words(s), position + 1)
        assert at > position, f"not shown (or out of order): {s!r}"
        position = at
    # each row without a source says so; the issues sit in their rows
    unchecked = [r for r in rows if "unchecked" in r.get_attribute("class").split()]
    assert len(unchecked) == sum(1 for b in report["alignment"] if not b["checked"])
    for r in unchecked:
        assert r.find_element(By.CSS_SELECTOR, ".cell.pt").text == \
            "no Portuguese source — not checked"
    placed = browser.find_elements(By.CSS_SELECTOR, "#rows details.issue")
    assert len(placed) == len(report["issues"])
    assert not browser.find_elements(By.CSS_SELECTOR, "section.unplaced")
    return unchecked


def test_partial_page_shows_every_english_sentence(browser, capsys, tmp_path):
    page = tmp_path / "ciclovia.txt"
    page.write_text(PARTIAL, "utf-8")
    report, rows = render_and_open(browser, capsys, page, tmp_path, "partial")
    sentences = english_sentences(page)
    assert len(sentences) >= 8
    unchecked = check_whole_english_page(browser, report, rows, sentences)
    assert len(unchecked) >= 6                  # the body: no Portuguese source
    assert any("not checked" in n for n in report["notes"])


def test_seed_page_shows_every_english_sentence(browser, capsys, tmp_path):
    seeds = sorted(need_shared("seed").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed page in ../shared/seed")
    for n, page in enumerate(seeds):
        report, rows = render_and_open(browser, capsys, page, tmp_path, f"seed-{n}")
        sentences = english_sentences(page)
        assert len(sentences) >= 10 and re.search(r"\w", sentences[0])
        check_whole_english_page(browser, report, rows, sentences)
