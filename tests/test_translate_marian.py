"""MarianMT and CTranslate2 engines and the forced-decoding scorer, on a tiny model."""
import shutil

import pytest

from backcheck.errors import InputError
from backcheck.translate.ct2 import Ct2Translator
from backcheck.translate.marian import MarianTranslator
from backcheck.translate.scorer import Ct2Scorer, MarianScorer
from tiny_marian import tiny_model, tiny_pickle_model  # noqa: F401  (fixtures)

PT = ["O governo anunciou um novo plano para a economia.",
      "Os professores entraram em greve.",
      "A inflação subiu 3,5% em março, segundo o instituto.",
      "O time venceu a partida."]
EN = ["The government announced a new plan.", "Teachers went on strike.",
      "The bridge will reopen to traffic at the end of the month."]


@pytest.fixture(scope="module")
def marian(tiny_model):
    return MarianTranslator(tiny_model)


@pytest.fixture(scope="module")
def ct2_f32(tiny_model):
    return Ct2Translator(tiny_model, compute_type="float32")


def long_text(prep, tokens=2000):
    words, text = [], ""
    i = 0
    while prep.ntokens(text) < tokens:
        words.append(PT[i % len(PT)].rstrip("."))
        i += 1
        text = ", ".join(words[:-1]) + " e " + words[-1] if len(words) > 1 else words[0]
    return text + "."


def test_batch_keeps_order_length_and_empty_strings(marian):
    texts = [PT[0], "", PT[1], "   ", PT[2]]
    out = marian.translate(texts, "pt", "en")
    assert len(out) == 5 and out[1] == "" and out[3] == ""
    assert all(out[i] for i in (0, 2, 4))
    # the same sentences in another order give the same outputs, permuted
    rev = marian.translate(texts[::-1], "pt", "en")
    assert rev[::-1] == out
    # batched output equals one-at-a-time output
    assert [marian.translate([t], "pt", "en")[0] for t in texts] == out
    assert marian.translate([], "pt", "en") == []


def test_outputs_differ_per_input(marian):
    out = marian.translate(PT, "pt", "en")
    assert len(set(out)) == len(PT)


def test_info_names_engine_model_and_revision(marian, tiny_model):
    info = marian.info("pt", "en")
    assert info["name"] == "marian"
    assert info["model"] == str(tiny_model.resolve())
    assert info["revision"].startswith("local-")


def test_target_token_added_only_where_the_vocabulary_has_it(marian):
    en_pt = marian.loaded("en", "pt")[2]
    pt_en = marian.loaded("pt", "en")[2]
    assert en_pt.prefix == ">>por<<" and pt_en.prefix == ""
    tok = marian.loaded("en", "pt")[0]
    ids = tok(en_pt.source("Teachers went on strike.")).input_ids
    assert tok.convert_ids_to_tokens(ids)[0] == ">>por<<"
    assert tok.convert_ids_to_tokens(tok(pt_en.source(PT[1])).input_ids)[0] != ">>por<<"
    assert all(marian.translate(EN, "en", "pt"))


def test_long_input_is_split_not_truncated(marian):
    prep = marian.loaded("pt", "en")[2]
    text = long_text(prep)
    assert prep.ntokens(text) >= 2000
    pieces = prep.pieces(text)
    assert len(pieces) > 30
    assert all(prep.ntokens(p) <= prep.limit for p in pieces)
    # nothing dropped: the pieces hold every non-space character, in order
    assert "".join("".join(pieces).split()) == "".join(text.split())
    whole = marian.translate([text], "pt", "en")[0]
    each = marian.translate(pieces, "pt", "en")
    assert all(each), "a piece produced no output"
    assert whole == " ".join(each)


def test_a_single_huge_word_is_cut_by_tokens(marian):
    prep = marian.loaded("pt", "en")[2]
    word = "investigação" * 200
    pieces = prep.pieces(word)
    assert len(pieces) > 1 and all(prep.ntokens(p) <= prep.limit for p in pieces)
    assert "".join(pieces).replace(" ", "") == word
    assert marian.translate([word], "pt", "en")[0]


def test_ct2_float32_greedy_equals_marian(marian, ct2_f32):
    texts = PT + ["", "Teachers went on strike for better wages."]
    assert ct2_f32.translate(texts, "pt", "en") == marian.translate(texts, "pt", "en")
    assert ct2_f32.translate(EN, "en", "pt") == marian.translate(EN, "en", "pt")
    prep = marian.loaded("pt", "en")[2]
    text = long_text(prep, 600)
    assert ct2_f32.translate([text], "pt", "en") == marian.translate([text], "pt", "en")


def test_ct2_int8_and_beam_run(tiny_model):
    ct2 = Ct2Translator(tiny_model, beam=4)
    out = ct2.translate(PT, "pt", "en")
    assert len(out) == 4 and all(out)
    assert ct2.info("pt", "en")["name"] == "ct2"
    assert ct2.cache_tag == "ct2/int8/beam4"


def test_marian_beam_search(tiny_model):
    m = MarianTranslator(tiny_model, beam=3)
    out = m.translate(PT, "pt", "en")
    assert len(out) == 4 and all(out)


def test_pickle_checkpoint_refused_unless_allowed(tiny_pickle_model):
    assert not (tiny_pickle_model / "model.safetensors").exists()
    with pytest.raises(InputError, match="pickle"):
        MarianTranslator(tiny_pickle_model).translate(PT[:1], "pt", "en")
    out = MarianTranslator(tiny_pickle_model, allow_pickle=True).translate(PT[:2], "pt", "en")
    assert len(out) == 2


def test_missing_model_is_a_clear_input_error(tmp_path):
    with pytest.raises(InputError, match="models download"):
        MarianTranslator(tmp_path)
    with pytest.raises(InputError, match="models download"):
        Ct2Translator(tmp_path)


def test_ct2_needs_its_tokenizer_files(tiny_model, tmp_path):
    d = tmp_path / "ct2only"
    d.mkdir()
    for f in ("model.bin", "config.json", "shared_vocabulary.json"):
        shutil.copy(tiny_model / "ct2" / f, d / f)
    with pytest.raises(InputError, match="tokenizer"):
        Ct2Translator(d)


def test_scorers_agree_in_float32(tiny_model):
    hf = MarianScorer(tiny_model)
    c2 = Ct2Scorer(tiny_model, compute_type="float32")
    src = PT[:3]
    tgt = EN
    a, b = hf.score(src, tgt), c2.score(src, tgt)
    assert len(a) == len(b) == 3
    for x, y, t in zip(a, b, tgt):
        toks = hf.tok.convert_ids_to_tokens(hf.tok(text_target=t).input_ids)
        assert [p for p, _ in x] == toks == [p for p, _ in y]   # one score per token
        assert x[-1][0] == "</s>"
        assert all(lp <= 0 for _, lp in x)
        assert max(abs(u[1] - v[1]) for u, v in zip(x, y)) < 1e-3


def test_scorer_prefers_the_trained_translation(tiny_model):
    hf = MarianScorer(tiny_model)
    good, bad = hf.score([PT[1], PT[1]], ["Teachers went on strike for better wages.",
                                          "Wages strike better for went teachers on."])
    mean = lambda s: sum(lp for _, lp in s) / len(s)   # noqa: E731
    assert mean(good) > mean(bad)


def test_scorer_load_prefers_ct2_and_returns_none_without_a_model(tiny_model, tmp_path):
    from backcheck.config import Config
    from backcheck.translate import scorer
    assert isinstance(scorer.load(Config(model=str(tiny_model))), Ct2Scorer)
    assert isinstance(scorer.load(Config(model=str(tiny_model), engine="marian")), MarianScorer)
    assert scorer.load(Config(model=str(tmp_path))) is None


@pytest.mark.parametrize("engine", ["marian", "ct2"])
def test_scorer_shares_the_translators_model(tiny_model, tmp_path, engine):
    from backcheck.config import Config
    from backcheck.translate import get_scorer, get_translator
    cfg = Config(model=str(tiny_model), engine=engine, cache_dir=str(tmp_path))
    translator = get_translator(cfg)
    sc = get_scorer(cfg, translator)
    assert sc.model is translator.inner.loaded("pt", "en").model     # loaded once, not twice
    assert sc.score([PT[1]], [EN[1]])[0][-1][0] == "</s>"
