"""Glossary (terminology) check: loading, matching, issues, and through pipeline and CLI."""
import json
import os
import subprocess
import sys

import pytest

from backcheck import pipeline
from backcheck.align import Bead
from backcheck.article import Article, Side
from backcheck.checks import Context, glossary
from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.segment import Segment, Segmented

from conftest import need_apertium

GLOSSARY = """pt,en
# courts
Supremo Tribunal Federal,Supreme Federal Court|STF
Tribunal,court
Câmara dos Deputados,Chamber of Deputies|lower house
"""


@pytest.fixture
def gloss(tmp_path):
    p = tmp_path / "glossary.csv"
    p.write_text(GLOSSARY, encoding="utf-8")
    return p


def ctx_for(pairs, glossary_path, **cfg):
    """A Context with one 1-1 bead per (pt, en) pair; en None makes a 1-0 bead."""
    pt = [Segment("pt", "body", i, p) for i, (p, _) in enumerate(pairs)]
    en, beads = [], []
    for i, (_, e) in enumerate(pairs):
        if e is None:
            beads.append(Bead((i,), (), None))
        else:
            beads.append(Bead((i,), (len(en),), 0.7))
            en.append(Segment("en", "body", i, e))
    config = Config(glossary=str(glossary_path) if glossary_path else None, **cfg)
    return Context(None, Segmented(pt, en), [p for p, _ in pairs], None, beads, config)


def test_missing_rendering_gives_minor_terminology_issue(gloss):
    ctx = ctx_for([("O supremo tribunal federal decidiu ontem.",
                    "The Supreme Court ruled yesterday.")], gloss)
    [issue] = glossary.check(ctx)
    assert issue.type == "mistranslation"
    assert issue.severity == "minor"
    assert issue.message == ("terminology: 'Supremo Tribunal Federal' should be rendered as "
                             "'Supreme Federal Court' or 'STF'")
    assert issue.pt.text == "O supremo tribunal federal decidiu ontem."
    assert issue.en.text == "The Supreme Court ruled yesterday."
    # the span as written in the article, for highlighting
    assert issue.evidence["pt_items"] == ["supremo tribunal federal"]


@pytest.mark.parametrize("en", ["The supreme federal court ruled.", "The STF ruled.",
                                "The Supreme Federal Court's ruling came."])
def test_any_rendering_case_insensitive_is_accepted(gloss, en):
    ctx = ctx_for([("O Supremo Tribunal Federal decidiu.", en)], gloss)
    assert glossary.check(ctx) == []


def test_accent_insensitive_and_longest_term_wins(gloss):
    # "Camara dos Deputados" without the accent still matches; the term "Tribunal" inside
    # "Supremo Tribunal Federal" is not required separately.
    ctx = ctx_for([("A Camara dos Deputados votou.", "The house voted."),
                   ("O Supremo Tribunal Federal decidiu.", "The STF ruled.")], gloss)
    [issue] = glossary.check(ctx)
    assert "'Câmara dos Deputados'" in issue.message
    assert issue.evidence["pt_items"] == ["Camara dos Deputados"]


def test_word_boundaries(gloss):
    # "Tribunais" is not the word "Tribunal"; "courtroom" is not the word "court"
    ctx = ctx_for([("Os Tribunais regionais decidiram.", "Regional judges decided."),
                   ("O Tribunal decidiu.", "In the courtroom it was decided.")], gloss)
    [issue] = glossary.check(ctx)
    assert issue.pt.text == "O Tribunal decidiu."


def test_plural_rendering_accepted(gloss):
    ctx = ctx_for([("O Tribunal decidiu.", "Both courts decided.")], gloss)
    assert glossary.check(ctx) == []


def test_omitted_sentence_left_to_omission_check(gloss):
    ctx = ctx_for([("O Tribunal decidiu.", None)], gloss)
    assert glossary.check(ctx) == []


def test_one_issue_per_term_per_bead(gloss):
    ctx = ctx_for([("O Tribunal e o tribunal.", "The judges and the judges."),
                   ("O Tribunal falou.", "The judge spoke.")], gloss)
    assert len(glossary.check(ctx)) == 2


def test_severity_from_config(gloss):
    ctx = ctx_for([("O Tribunal decidiu.", "The judge decided.")], gloss,
                  severity={"glossary": "major"})
    assert glossary.check(ctx)[0].severity == "major"


def test_no_glossary_no_issues():
    ctx = ctx_for([("O Tribunal decidiu.", "The judge decided.")], None)
    assert glossary.check(ctx) == []


@pytest.mark.parametrize("text, line, reason", [
    ("pt,en\nTribunal,court,extra\n", 2, "expected 2 columns"),
    ("Tribunal,\n", 1, "empty"),
    ("Tribunal,court\n\nTRIBUNAL,court\n", 3, "duplicate term"),
    ('Tribunal,"court\n', 1, "bad CSV"),
])
def test_bad_csv_names_file_and_line(tmp_path, text, line, reason):
    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        glossary.parse(p)
    assert e.value.path == str(p)
    assert e.value.reason.startswith(f"line {line}:")
    assert reason in e.value.reason


def test_missing_and_non_utf8_glossary(tmp_path):
    with pytest.raises(InputError, match="not found"):
        glossary.load(tmp_path / "absent.csv")
    p = tmp_path / "latin1.csv"
    p.write_bytes("Câmara,chamber\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        glossary.load(p)


def test_loaded_once_until_the_file_changes(gloss):
    first = glossary.load(gloss)
    assert glossary.load(gloss) is first
    gloss.write_text("Senado,Senate\n", encoding="utf-8")
    os.utime(gloss, ns=(1, 1))          # a different mtime even on coarse clocks
    assert [t.pt for t in glossary.load(gloss)] == ["Senado"]


def _article():
    return Article("g1", Side(headline="Supremo Tribunal Federal suspende lei",
                              body=["A Câmara dos Deputados aprovou o texto."]),
                   Side(headline="Supreme Court suspends law",
                        body=["The Chamber of Deputies approved the text."]))


def terminology(issues: list[dict]) -> list[str]:
    """Terminology messages: as issues, or kept in the evidence of the issue that absorbed
    them when another check flagged the same sentence (one problem, one issue)."""
    msgs = [i["message"] for i in issues]
    msgs += [m.split(": ", 1)[1] for i in issues for m in i["evidence"].get("also", [])]
    return [m for m in msgs if m.startswith("terminology")]


def test_through_pipeline(gloss):
    rep = pipeline.check(_article(), None, Config(glossary=str(gloss)))
    assert terminology([i.to_dict() for i in rep.issues]) == [
        "terminology: 'Supremo Tribunal Federal' should be rendered as "
        "'Supreme Federal Court' or 'STF'"]
    assert rep.verdict in ("warn", "fail")


def _write_article_json(path):
    a = _article()
    path.write_text(json.dumps({"id": "g1", "pt": a.pt.__dict__, "en": a.en.__dict__}),
                    encoding="utf-8")


def test_cli_glossary_from_config_file(tmp_path, gloss):
    need_apertium()
    _write_article_json(tmp_path / "a.json")
    (tmp_path / "backcheck.toml").write_text('glossary = "glossary.csv"\nengine = "apertium"\n'
                                             "cache = false\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "a.json", "-f", "json",
                        "--fail-on", "never"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    msgs = terminology(json.loads(r.stdout)["issues"])
    assert any(m.startswith("terminology: 'Supremo Tribunal Federal'") for m in msgs)
    assert not any("Câmara" in m for m in msgs)


def test_cli_bad_glossary_exit_2(tmp_path):
    need_apertium()
    _write_article_json(tmp_path / "a.json")
    (tmp_path / "g.csv").write_text("Tribunal,court,x\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "a.json", "--glossary",
                        "g.csv", "--engine", "apertium", "--no-cache"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "g.csv" in r.stderr and "line 1" in r.stderr and "Traceback" not in r.stderr
