"""The evidence layer (backcheck.lang): polarity, thesaurus, poles, support with the real
dictionary and WordNet, through the API and through the CLI."""
import json
import subprocess
import sys

import pytest

from backcheck.lang import dictionary, polarity, support, thesaurus
from conftest import need_apertium


def need_wordnet():
    if not thesaurus.available():
        pytest.skip("WordNet is not installed (scripts/system-deps.sh apertium installs wordnet-base)")


def test_thesaurus_synonyms_antonyms_and_poles():
    need_wordnet()
    assert "constabulary" in thesaurus.synonyms("police")
    assert "poor" in thesaurus.antonyms("wealthy")          # a satellite of "rich"
    assert thesaurus.antonyms("police") == frozenset()
    assert thesaurus.opposite("rise", "falls") == "direction"    # an inflected form
    assert thesaurus.opposite("approve", "reject") == "approval"
    assert thesaurus.opposite("police", "army") is None
    assert ("balance", "a") in thesaurus.poles("excedente", "pt")
    assert "bring forward" in thesaurus.phrases()
    assert "at least" in thesaurus.neutral_phrases()


def test_thesaurus_derived_forms_go_both_ways():
    need_wordnet()
    assert "fail" in thesaurus.derived("failure") and "failure" in thesaurus.derived("fail")
    assert "refuse" in thesaurus.derived("refusal")
    assert "failure" not in thesaurus.derived("failure")        # itself not included
    assert thesaurus.derived("xyzzyqw") == frozenset()


def test_implicit_negatives_need_a_wordnet_antonym():
    need_wordnet()
    assert polarity.implicit_negative("ineligible") and polarity.implicit_negative("powerless")
    assert not polarity.implicit_negative("industry") and not polarity.implicit_negative("unless")
    # an implicit negative absorbs a negator on the other side: no flip
    pt = polarity.polarity("As que não forem consideradas elegíveis serão deportadas.", "pt")
    en = polarity.polarity("Those deemed ineligible will be deported.", "en")
    assert pt == (1, 0) and en == (0, 1)


def test_support_with_the_real_dictionary_and_thesaurus():
    need_apertium()
    need_wordnet()
    s = support.support("A polícia prendeu o suspeito.", "The army arrested the suspect.",
                        dictionary=dictionary, thesaurus=thesaurus)
    assert [w.text for w in s.unsupported("en")] == ["army"]
    assert [w.text for w in s.unsupported("pt")] == ["polícia"]
    assert "police" in s.suggested_en and s.pt_translations["policia"] == frozenset({"police"})


def _check(tmp_path, pt, en, *extra):
    (tmp_path / "p.txt").write_text(pt, encoding="utf-8")
    (tmp_path / "e.txt").write_text(en, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "--pt", str(tmp_path / "p.txt"),
                        "--en", str(tmp_path / "e.txt"), "--format", "json", "--engine", "apertium",
                        "--cache-dir", str(tmp_path / "cache"), *extra],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


def test_cli_finds_a_reversal_the_evidence_supports(tmp_path):
    need_apertium()
    need_wordnet()
    rep = _check(tmp_path, "O número de visitantes aumentou 20% no ano passado.\n",
                 "The number of visitors decreased 20% last year.\n")
    found = [i for i in rep["issues"] if i["type"] == "mistranslation" and i["severity"] != "info"]
    assert len(found) == 1 and "decreased" in found[0]["message"]
    assert rep["stats"]["calibration"].startswith("engine:apertium")


def test_cli_leaves_a_free_rendering_of_a_negative_alone(tmp_path):
    need_apertium()
    need_wordnet()
    # "não foram consideradas elegíveis" = "were deemed ineligible": faithful
    rep = _check(tmp_path, "As famílias não foram consideradas elegíveis para o auxílio.\n",
                 "The families were deemed ineligible for the benefit.\n")
    assert not [i for i in rep["issues"] if i["type"] == "negation" and i["severity"] != "info"]
    # the same sentence with the negation dropped is a flip
    rep = _check(tmp_path, "As famílias não foram consideradas elegíveis para o auxílio.\n",
                 "The families were deemed eligible for the benefit.\n")
    assert [i["type"] for i in rep["issues"] if i["severity"] != "info"] == ["negation"]
