"""Word-level translation candidates from Apertium's dictionaries (lang.dictionary), run
for real on the Debian packages' transducers."""
import multiprocessing
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from backcheck.lang import dictionary

pytestmark = pytest.mark.apertium
if not dictionary.available():
    pytest.skip("the Apertium dictionaries are not installed (lt-proc and the "
                "apertium-es-pt / apertium-eng-spa transducers: scripts/system-deps.sh "
                "apertium)", allow_module_level=True)

HOSTILE = ["", " ", "\n", "!!", "...", "—", "^$/<>{}[]\\@*#", "a{b}c", "x[y]z", "^casa$",
           "<n>", "casa/casa", "\0", "ca\0sa", "\udc80", "x" * 10_000, "casa " * 200,
           "🙂", "COVID-19", "123", "3,5", "1.000.000", "\\", "\\\\n", "@", "*", "#"]


def lookups():
    """How many round trips the lt-proc processes answer."""
    calls = []
    original = dictionary._LtProc.lookup

    def counting(self, segments):
        calls.append(len(segments))
        return original(self, segments)
    return calls, counting


def test_lemmas_give_every_analysis_folded():
    got = dictionary.lemmas(["força", "filhas", "Polícia", "disse"], "pt")
    assert {"forca", "forcar"} <= got["força"]          # the noun and the verb
    assert got["filhas"] == {"filho"}                   # Apertium's lemma is the masculine
    assert got["Polícia"] == {"policia"}                # case and accents folded
    assert "dizer" in got["disse"]
    en = dictionary.lemmas(["daughters", "forces", "took"], "en")
    assert en["daughters"] == {"daughter"}
    assert {"force"} <= en["forces"] and "take" in en["took"]


def test_translations_pt_to_en_give_every_dictionary_rendering():
    got = dictionary.translations(["polícia", "força", "filha", "sobrinha", "eleições"],
                                  "pt", "en")
    assert "police" in got["polícia"]
    assert {"force", "strength"} <= got["força"]
    assert "daughter" in got["filha"] and "niece" not in got["filha"]
    assert "niece" in got["sobrinha"] and "daughter" not in got["sobrinha"]
    assert got["eleições"] == {"election"}               # a lemma, not the plural


def test_translations_en_to_pt_reach_both_variants():
    got = dictionary.translations(["police", "strength", "bus", "train", "niece"], "en", "pt")
    assert "policia" in got["police"]
    assert "forca" in got["strength"]
    assert {"autocarro", "onibus"} <= got["bus"]         # European and Brazilian
    assert {"comboio", "trem"} <= got["train"]
    assert "sobrinho" in got["niece"]                     # Portuguese lemmas, as lemmas() gives
    assert dictionary.lemmas(["sobrinha"], "pt")["sobrinha"] & got["niece"]


def test_the_two_pairs_spanish_tags_are_bridged():
    # apertium-es-pt tags "defensa" <n><f>, apertium-eng-spa <n><mf>: only a re-reading
    # of the lemma in the second pair finds the English
    got = dictionary.translations(["defesa", "Lisboa"], "pt", "en")
    assert "defence" in got["defesa"] or "defense" in got["defesa"]
    assert got["Lisboa"] == {"lisbon"}


def test_multiword_entries():
    assert dictionary.lemmas(["por causa de"], "pt")["por causa de"] == {"por causa de"}
    assert dictionary.translations(["Estados Unidos"], "pt", "en")["Estados Unidos"] == \
        {"united states"}
    # a string the analyser cuts: the lemmas of every part (da = de + o)
    assert dictionary.lemmas(["da"], "pt")["da"] == {"de", "o"}
    assert {"ministerio", "saude"} <= dictionary.lemmas(["Ministério da Saúde"], "pt")[
        "Ministério da Saúde"]
    # neighbours are never joined: each word of a batch is looked up on its own
    got = dictionary.lemmas(["por", "causa", "de"], "pt")
    assert "por causa de" not in set().union(*got.values())


def test_unknown_words_give_empty_sets():
    assert dictionary.lemmas(["xyzzyqw"], "pt") == {"xyzzyqw": frozenset()}
    assert dictionary.translations(["xyzzyqw"], "pt", "en") == {"xyzzyqw": frozenset()}
    assert dictionary.translations(["Sayfullo"], "en", "pt") == {"Sayfullo": frozenset()}


def test_a_word_split_round_an_unknown_part_is_unknown():
    """The analyser splits "O'Hagan" into the article "o" and an unknown "hagan": the
    word is not the article (the name check took it for a common word), nor is
    "Jong-un" the Portuguese "un"; a word of known parts keeps their readings."""
    got = dictionary.translations(["o'hagan", "jong-un", "sul-coreano"], "pt", "en")
    assert got["o'hagan"] == frozenset() and got["jong-un"] == frozenset()
    assert {"south", "korean"} <= got["sul-coreano"]
    got = dictionary.lemmas(["o'neill", "don't"], "en")
    assert got["o'neill"] == frozenset() and "do" in got["don't"]


@pytest.mark.parametrize("src,tgt", [("pt", "en"), ("en", "pt")])
def test_hostile_tokens_never_raise_and_leave_the_process_usable(src, tgt):
    word = "casa" if src == "pt" else "house"
    got_l = dictionary.lemmas(HOSTILE + [word], src)
    got_t = dictionary.translations(HOSTILE + [word], src, tgt)
    assert set(got_l) == set(got_t) == set(HOSTILE) | {word}
    assert all(isinstance(v, frozenset) for v in (*got_l.values(), *got_t.values()))
    for w in ("", " ", "!!", "...", "x" * 10_000, "🙂"):
        assert got_l[w] == frozenset() and got_t[w] == frozenset(), w
    # the number survives a segment's end (lt-proc 3.7 drops it without a newline)
    assert dictionary.lemmas(["G-20"], src)["G-20"] >= {"20"}
    # the batch stayed aligned: the word after the hostile ones got its own answer
    assert ("house" in got_t[word]) if src == "pt" else ("casa" in got_t[word])
    assert dictionary.lemmas([word], src)[word]


def test_bad_language_is_a_programming_error():
    with pytest.raises(ValueError):
        dictionary.lemmas(["casa"], "es")
    with pytest.raises(ValueError):
        dictionary.translations(["casa"], "pt", "pt")


def test_batched_one_round_trip_per_stage(monkeypatch):
    calls, counting = lookups()
    monkeypatch.setattr(dictionary._LtProc, "lookup", counting)
    words = [f"{w}{s}" for w in ("casa", "governo", "cidade", "escola", "carro", "livro")
             for s in ("", "s")] + ["polícia", "força", "eleições", "disse", "anunciou"] * 40
    dictionary.clear_cache()
    dictionary.lemmas(words, "pt")
    assert len(calls) == 1                    # one analyser round trip for all the words
    dictionary.clear_cache()
    calls.clear()
    dictionary.translations(words, "pt", "en")
    few = len(calls)
    # analysis, leg 1, leg 2 and its re-reading: a handful, whatever the number of words
    assert few <= 5
    dictionary.clear_cache()
    calls.clear()
    dictionary.translations(words[:2], "pt", "en")
    assert len(calls) <= few


def test_cached_in_memory(monkeypatch):
    words = ["cachorro", "gato", "rato"]
    first = dictionary.translations(words, "pt", "en")
    calls, counting = lookups()
    monkeypatch.setattr(dictionary._LtProc, "lookup", counting)
    assert dictionary.translations(words, "pt", "en") == first
    assert dictionary.lemmas(["cachorro"], "pt") and calls == []
    dictionary.clear_cache()
    assert dictionary.translations(words, "pt", "en") == first
    assert calls                                # asked again after clear_cache


def test_threads_get_the_same_answers_as_one_caller():
    words = ["casa", "polícia", "força", "governo", "eleição", "filha", "cidade",
             "presidente", "vacina", "tribunal"]
    batches = [words[k:] + ["água"] for k in range(8)]
    dictionary.clear_cache()
    expected = [dictionary.translations(b, "pt", "en") for b in batches]
    for _ in range(3):
        dictionary.clear_cache()
        with ThreadPoolExecutor(8) as ex:
            got = list(ex.map(lambda b: dictionary.translations(b, "pt", "en"), batches * 2))
        assert got == expected * 2


def _child(words):
    return {w: sorted(v) for w, v in dictionary.translations(words, "en", "pt").items()}


def test_forked_processes_start_their_own_lt_proc():
    words = ["police", "strength", "daughter", "house"]
    expected = _child(words)                   # the parent's processes are up now
    dictionary.clear_cache()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map(_child, [words] * 4)
    assert got == [expected] * 4
    assert _child(["city"])["city"]           # the parent still answers


def _lt_proc_children() -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (d / "cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and cmd.endswith(b"lt-proc"):
            out.append(int(d.name))
    return out


def test_a_killed_lt_proc_is_restarted():
    dictionary.clear_cache()
    assert "police" in dictionary.translations(["polícia"], "pt", "en")["polícia"]
    pids = _lt_proc_children()
    assert pids
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    dictionary.clear_cache()
    assert "police" in dictionary.translations(["polícia"], "pt", "en")["polícia"]
    dictionary.close()
    assert _lt_proc_children() == []           # stopped and reaped
    assert dictionary.lemmas(["casa"], "pt")["casa"]       # and starts again on demand


def test_without_the_binaries_everything_is_empty(monkeypatch, tmp_path):
    monkeypatch.setattr(dictionary, "ROOTS", (tmp_path,))
    dictionary.clear_cache()
    assert dictionary.available() is False
    assert dictionary.lemmas(["casa"], "pt") == {"casa": frozenset()}
    assert dictionary.translations(["casa", "polícia"], "pt", "en") == \
        {"casa": frozenset(), "polícia": frozenset()}
    monkeypatch.undo()
    dictionary.clear_cache()
    assert dictionary.available() and dictionary.lemmas(["casa"], "pt")["casa"]


def test_eval_dictionary_prints_and_writes_its_figures(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT, SHARED, need_shared
    need_shared("corpus", "ntrex", "clean")
    out = tmp_path / "figures.json"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_dictionary.py"),
                        "--shared", str(SHARED), "--limit", "2", "--json", str(out),
                        "--cache-dir", str(tmp_path / "cache")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "Substitution test" in r.stdout and "words/s" in r.stdout
    fig = json.loads(out.read_text())
    sup = fig["supported"]["en"]
    assert all(0.0 <= v <= 1.0 for v in sup.values())
    # a union supports at least what each of its parts does
    assert sup["all"] >= max(sup["bt"], sup["dict"], sup["cog"]) and sup["cog"] >= sup["same"]
    sub = fig["substitution"]["other document"]
    assert sub["substitutions"] > 0 and sub["recall"]["all"] <= sub["recall"]["bt+same"]


def test_availability_is_looked_up_again_for_another_search_path(monkeypatch, tmp_path):
    assert dictionary.available()
    monkeypatch.setenv("PATH", str(tmp_path))          # no lt-proc on this PATH
    assert dictionary.available() is False
    monkeypatch.undo()
    assert dictionary.available()
