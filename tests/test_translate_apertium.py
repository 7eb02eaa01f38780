"""The Apertium engine, run for real (pt→es→en, en→es→pt)."""
import shutil
import subprocess

import pytest

from backcheck.errors import InputError

pytestmark = pytest.mark.apertium
if not shutil.which("apertium"):
    pytest.skip("apertium is not installed (scripts/system-deps.sh apertium)",
                allow_module_level=True)

from backcheck.translate import apertium  # noqa: E402


@pytest.fixture(scope="module")
def ap():
    return apertium.ApertiumTranslator()


def test_mode_names_exist():
    out = subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()
    for legs in apertium.LEGS.values():
        assert set(legs) <= set(out)


def test_pivot_both_ways(ap):
    en = ap.translate(["O presidente comprou uma casa nova.", "A cidade tem muitas escolas."],
                      "pt", "en")
    assert "president" in en[0].lower() and "house" in en[0].lower()
    assert "school" in en[1].lower()
    pt = ap.translate(["The president bought a new house."], "en", "pt")
    assert "presidente" in pt[0].lower() and "casa" in pt[0].lower()


def test_order_empty_and_whitespace(ap):
    texts = ["", "A casa é grande.", "  ", "O gato dorme.", "\n"]
    out = ap.translate(texts, "pt", "en")
    assert len(out) == 5 and out[0] == out[2] == out[4] == ""
    assert "house" in out[1].lower() and "cat" in out[3].lower()
    assert ap.translate([], "pt", "en") == []


def test_markup_like_characters_survive_and_stay_aligned(ap):
    texts = ["O preço é <b>alto</b> & caro.", "</p><p>Uma linha</p>",
             "Ele disse: &amp; 5 < 6 > 4.", "Texto com #hashtag e @nome e *estrela*.",
             "Duas\nlinhas aqui."]
    out = ap.translate(texts, "pt", "en")
    assert len(out) == 5
    assert "<b>" in out[0] and "&" in out[0]
    assert "</p><p>" in out[1]
    assert "&amp;" in out[2] and "5 < 6 > 4" in out[2]
    assert "#hashtag" in out[3] and "@" in out[3]
    assert "line" in out[4].lower()


def test_unknown_words_are_not_marked(ap):
    out = ap.translate(["O xyzzyqw chegou."], "pt", "en")[0]
    assert "xyzzyqw" in out and "*" not in out and "#" not in out


def test_huge_batch_one_process_per_leg(ap, monkeypatch):
    calls = []
    real = subprocess.run

    def spy(cmd, *a, **k):
        if cmd and cmd[0] == "apertium" and "-l" not in cmd:
            calls.append(cmd)
        return real(cmd, *a, **k)

    monkeypatch.setattr(apertium.subprocess, "run", spy)
    texts = [f"A cidade número {i} tem uma escola." for i in range(2000)]
    out = ap.translate(texts, "pt", "en")
    assert len(out) == 2000 and all(f"{i}" in o for i, o in enumerate(out))
    assert len(calls) == 2          # pt-es, then spa-eng


def test_info_names_the_route_and_package_versions(ap):
    info = ap.info("pt", "en")
    assert info["name"] == "apertium" and info["model"] == "pt-es | spa-eng"
    assert "apertium-es-pt" in info["revision"]


def test_missing_pair_is_a_clear_input_error(monkeypatch):
    monkeypatch.setattr(apertium, "modes", lambda: {"pt-es"})
    with pytest.raises(InputError, match="apertium-eng-spa"):
        apertium.ApertiumTranslator()
    monkeypatch.setattr(apertium, "installed", lambda: False)
    with pytest.raises(InputError, match="apt-get install apertium"):
        apertium.ApertiumTranslator()
