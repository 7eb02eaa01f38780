"""--format text: the rich terminal report."""
from __future__ import annotations

import re

from test_report_samples import clean_report, sample_report

from backcheck.report import render, text_format
from backcheck.report.model import Issue, Loc

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_report_has_header_issues_notes_and_summary():
    out = render(sample_report(), "text", color=False)
    assert "\x1b[" not in out
    first = out.splitlines()[0]
    assert "camara-orcamento-2025" in first and "FAIL" in first and "35.5" in first
    assert "marian opus-mt-tc-big-pt-en (revision 0123abc)" in out
    # each issue shows PT, EN, the back-translation and the similarity
    assert "PT      Câmara aprova orçamento de R$ 3,2 bilhões para 2025" in out
    assert "EN      City council approves R$2.3 billion budget for 2025" in out
    assert "City Council approves budget of R$ 3.2 billion for 2025" in out
    assert "0.71" in out and "3,2 ≠ 2.3" in out
    assert "Body paragraph 4 of the English side has no Portuguese source." in out
    assert out.rstrip().splitlines()[-1] == \
        "summary: FAIL · score 35.5 · 1 critical, 2 major, 1 minor, 1 info"
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_issues_ordered_by_severity_then_position():
    out = render(sample_report(), "text", color=False)
    heads = re.findall(r"^\d+\.\s+(\w+)\s+(\w+)", out, re.M)
    assert heads == [("CRITICAL", "number"), ("MAJOR", "negation"), ("MAJOR", "omission"),
                     ("MINOR", "artifact"), ("INFO", "entity")]


def test_colour_highlights_the_differing_items():
    out = render(sample_report(), "text", color=True, width=120)
    assert "\x1b[" in out
    # the differing number is styled on its own, inside the sentence
    assert re.search(r"R\$ \x1b\[[0-9;]+m3,2\x1b\[0m bilhões", out)
    assert re.search(r"R\$\x1b\[[0-9;]+m2\.3\x1b\[0m billion", out)
    assert re.search(r"\x1b\[[0-9;]+m04160333\x1b\[0m", out)
    assert ANSI.sub("", out).splitlines()[0].startswith("backcheck camara-orcamento-2025")


def test_no_color_env_and_non_tty_give_plain_output(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert text_format.use_color() is False
    assert "\x1b[" not in render(sample_report(), "text")
    monkeypatch.delenv("NO_COLOR")
    # pytest captures stdout: not a TTY
    assert "\x1b[" not in render(sample_report(), "text")


def test_article_text_is_never_read_as_rich_markup():
    rep = clean_report()
    rep.issues = [Issue("mistranslation", "major", Loc("body", 0, "[bold red]alerta[/] :smile:"),
                        Loc("body", 0, "[link=http://x]y[/link]"), "msg [/] [i]", {})]
    out = render(rep, "text", color=False)
    assert "[bold red]alerta[/] :smile:" in out
    assert "[link=http://x]y[/link]" in out and "msg [/] [i]" in out


def test_clean_report_says_pass_and_no_engine():
    out = render(clean_report(), "text", color=False)
    assert "PASS" in out.splitlines()[0]
    assert "engine: none" in out
    assert "0 issue(s)" in out


def test_highlight_spans_accepts_strings_offsets_and_dicts():
    text = "Em 2019 e 2020 o PIB caiu 3,2%."
    issue = Issue("number", "major", Loc("body", 0, text), None, "", {
        "pt_items": [2019, {"text": "3,2%"}], "pt_spans": [[10, 14]]})
    spans = text_format.highlight_spans(issue, "pt", text)
    assert [text[a:b] for a, b in spans] == ["2019", "2020", "3,2%"]
    # out-of-range offsets are clipped, not fatal; unknown shapes are ignored
    issue.evidence = {"pt_spans": [[26, 999]], "pt_items": [None, ""]}
    assert [text[a:b] for a, b in text_format.highlight_spans(issue, "pt", text)] == ["3,2%."]


def test_bead_of_prefers_the_exact_sentence_and_matches_a_scan():
    from backcheck.report.model import BeadLoc, Issue, Loc, Report
    from backcheck.report.text_format import _same_place, bead_index, bead_of
    beads = [BeadLoc(Loc("body", 0, f"Frase {k}. Sim."), Loc("body", 0, f"Sentence {k}. Yes."), 0.9)
             for k in range(300)]
    beads.append(BeadLoc(Loc("body", 0, "Sim."), Loc("body", 0, "Yes."), 0.9))
    beads.append(BeadLoc(Loc("body", 1, "Outra."), None, None))
    rep = Report(id="r", engine=None, alignment=beads)
    idx = bead_index(rep)
    # "Sim." is inside every earlier bead of the paragraph; its own bead is the last
    assert bead_of(rep, Issue("omission", "major", Loc("body", 0, "Sim."), None, "m"), idx) == 300
    assert bead_of(rep, Issue("addition", "major", None, Loc("body", 1, "Outra."), "m"), idx) is None
    for k in (0, 7, 299):
        issue = Issue("number", "major", Loc("body", 0, f"Frase {k}."), Loc("body", 0, f"Sentence {k}. Yes."), "m")
        scan = next(j for j, b in enumerate(beads) if _same_place(issue.pt, b.pt))
        assert bead_of(rep, issue, idx) == scan == k
    assert bead_of(rep, Issue("number", "major", Loc("body", 1, "Outra."), None, "m")) == 301
