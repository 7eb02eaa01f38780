"""Sentence splitting, language identification and article segmentation."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck import segment
from backcheck.lang.detect import detect
from backcheck.article import Article, Side
from segmentation_cases import EN, PT


@pytest.mark.parametrize("text, expected", PT, ids=[f"pt{i}" for i in range(len(PT))])
def test_split_portuguese(text, expected):
    assert segment.split(text, "pt") == expected


@pytest.mark.parametrize("text, expected", EN, ids=[f"en{i}" for i in range(len(EN))])
def test_split_english(text, expected):
    assert segment.split(text, "en") == expected


def test_case_set_is_large_enough():
    assert len(PT) >= 60 and len(EN) >= 60


def nonspace(s):
    return "".join(s.split())


PIECES = ["Sr.", "Dr.", "U.S.", "p.m.", "n.º", "3,5", "1.250", "R$", "(4)", "...", "“", "”",
          "disse", "said", "ele.", "He", "O", "a", "Jr.", "etc.", ".", "!", "?", "12", "B.",
          "«", "»", "—", "(", ")", "Ave.", "jan.", "14h30", "\n", "  ", "é", "x" * 30]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40),
       st.sampled_from(["pt", "en"]))
def test_split_never_loses_or_duplicates_characters(parts, lang):
    text = " ".join(parts)
    out = segment.split(text, lang)
    assert nonspace("".join(out)) == nonspace(text)
    assert all(s == s.strip() and s for s in out)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["pt", "en"]))
def test_split_any_text(text, lang):
    assert nonspace("".join(segment.split(text, lang))) == nonspace(text)


@pytest.mark.parametrize("text, lang", [
    ("O presidente disse que vai vetar o projeto.", "pt"),
    ("The president said he would veto the bill.", "en"),
    ("Ditador chinês disse que China e Rússia", "pt"),
    ("Chinese dictator said that China and Russia", "en"),
    ("nesta sexta-feira", "pt"),
    ("on Friday afternoon", "en"),
    ("04160333", None),
    ("Xi Jinping", None),
    ("EFE/EPA/ALEXEI DRUZHININ", None),
    ("12,5% — 3.4", None),
    ("", None),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_segment_article_fields_and_paragraphs():
    art = Article("t",
                  Side(headline="Câmara aprova texto. Senado analisa", caption="Plenário da Câmara",
                       body=["O Sr. Lima votou. A sessão acabou.", "Houve protestos."]),
                  Side(headline="House passes bill", body=["Mr. Lima voted. The session ended.",
                                                           "There were protests."]))
    seg = segment.segment(art)
    assert [(s.field, s.paragraph, s.text) for s in seg.pt] == [
        ("headline", None, "Câmara aprova texto."), ("headline", None, "Senado analisa"),
        ("caption", None, "Plenário da Câmara"),
        ("body", 0, "O Sr. Lima votou."), ("body", 0, "A sessão acabou."),
        ("body", 1, "Houve protestos.")]
    assert [s.side for s in seg.en] == ["en"] * 4
    assert [s.paragraph for s in seg.en] == [None, 0, 0, 1]


def test_segment_ignores_given_units(shared):
    # the corpus gives sentence units; segmentation must not depend on them
    from backcheck import article
    art = article.load(shared("corpus", "dev", "clean", "dev-001.json"))
    seg = segment.segment(art)
    assert all(s.text for s in seg.pt + seg.en)
    assert any("p.p." in s.text and "em maio" in s.text for s in seg.pt)


def test_cli_segments_like_the_api(tmp_path):
    import json
    import subprocess
    import sys
    from conftest import ROOT
    d = {"pt": {"body": [["O Sr. Lima chegou às 14h30 desta sexta-feira (4). A taxa subiu 0,5 p.p. em maio."]]},
         "en": {"body": [["Mr. Lima arrived at 2:30 p.m. Friday (4). The rate rose 0.5 pp in May."]]}}
    p = tmp_path / "a.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(p), "--format", "json",
                        "--engine", "none"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    rep = json.loads(r.stdout)
    assert rep["stats"]["pt_sentences"] == rep["stats"]["en_sentences"] == 2
    assert [b["pt"]["text"] for b in rep["alignment"] if b["pt"]] == \
        segment.split(d["pt"]["body"][0][0], "pt")
