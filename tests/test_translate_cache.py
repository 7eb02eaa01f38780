"""The SQLite translation cache and the CachedTranslator wrapper."""
import multiprocessing as mp
import sqlite3

import pytest

from backcheck.config import Config
from backcheck.translate import get_translator
from backcheck.translate.cache import CachedTranslator, TranslationCache


class Counting:
    """Test double: upper-cases, and records every batch it is asked to translate."""
    name = "counting"

    def __init__(self, revision="r1"):
        self.calls: list[list[str]] = []
        self.revision = revision

    def translate(self, texts, src, tgt):
        self.calls.append(list(texts))
        return [f"{tgt}:{t.upper()}" for t in texts]

    def info(self, src, tgt):
        return {"name": self.name, "model": "double", "revision": self.revision}


ARTICLE = ["Primeira frase.", "Segunda frase.", "", "Primeira frase.", "Terceira."]


def test_rerun_performs_no_translation(tmp_path):
    inner = Counting()
    t = CachedTranslator(inner, TranslationCache(tmp_path))
    first = t.translate(ARTICLE, "pt", "en")
    assert first == ["en:PRIMEIRA FRASE.", "en:SEGUNDA FRASE.", "", "en:PRIMEIRA FRASE.",
                     "en:TERCEIRA."]
    # misses go to the engine once, in one batch, without duplicates or empty strings
    assert inner.calls == [["Primeira frase.", "Segunda frase.", "Terceira."]]
    # a new process (new connection) re-running the same article translates nothing
    inner2 = Counting()
    again = CachedTranslator(inner2, TranslationCache(tmp_path)).translate(ARTICLE, "pt", "en")
    assert again == first and inner2.calls == []
    # a partly new article translates only what is new
    CachedTranslator(inner2, TranslationCache(tmp_path)).translate(
        ["Segunda frase.", "Quarta."], "pt", "en")
    assert inner2.calls == [["Quarta."]]


def test_key_separates_direction_model_revision_and_engine_settings(tmp_path):
    cache = TranslationCache(tmp_path)
    a = Counting()
    CachedTranslator(a, cache).translate(["casa"], "pt", "en")
    CachedTranslator(a, cache).translate(["casa"], "en", "pt")          # other direction
    assert len(a.calls) == 2
    b = Counting(revision="r2")
    CachedTranslator(b, cache).translate(["casa"], "pt", "en")          # other revision
    assert b.calls == [["casa"]]
    c = Counting()
    c.cache_tag = "counting/beam4"                                      # other beam
    CachedTranslator(c, cache).translate(["casa"], "pt", "en")
    assert c.calls == [["casa"]]


def test_cache_uses_wal(tmp_path):
    cache = TranslationCache(tmp_path)
    mode = sqlite3.connect(cache.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_large_batches_and_odd_text(tmp_path):
    inner = Counting()
    t = CachedTranslator(inner, TranslationCache(tmp_path))
    texts = [f"frase {i} 'aspas' \"duplas\" <b>&amp;" for i in range(1500)] + ["ç\u00a0ã\n"]
    assert t.translate(texts, "pt", "en") == [f"en:{x.upper()}" for x in texts]
    assert CachedTranslator(Counting(), TranslationCache(tmp_path)).translate(
        texts, "pt", "en") == [f"en:{x.upper()}" for x in texts]


def _writer(args):
    d, k = args
    inner = Counting()
    t = CachedTranslator(inner, TranslationCache(d))
    texts = [f"comum {i}" for i in range(100)] + [f"proc {k} frase {i}" for i in range(100)]
    for n in range(0, 200, 20):          # many small transactions, to interleave writers
        t.translate(texts[n:n + 20], "pt", "en")
    return sum(len(c) for c in inner.calls)


def test_concurrent_writers(tmp_path):
    with mp.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_writer, [(str(tmp_path), k) for k in range(4)])
    assert all(100 <= c <= 200 for c in counts)
    inner = Counting()
    t = CachedTranslator(inner, TranslationCache(tmp_path))
    texts = [f"comum {i}" for i in range(100)] + \
        [f"proc {k} frase {i}" for k in range(4) for i in range(100)]
    assert t.translate(texts, "pt", "en") == [f"en:{x.upper()}" for x in texts]
    assert inner.calls == []


def test_get_translator_wraps_in_cache_unless_disabled(tmp_path):
    pytest.importorskip("backcheck.translate.apertium")
    from backcheck.translate import apertium
    if not apertium.installed():
        pytest.skip("apertium is not installed")
    t = get_translator(Config(engine="apertium", cache_dir=str(tmp_path)))
    assert isinstance(t, CachedTranslator) and t.name == "apertium"
    assert (tmp_path / "translations.sqlite3").exists()
    raw = get_translator(Config(engine="apertium", cache=False, cache_dir=str(tmp_path / "x")))
    assert not isinstance(raw, CachedTranslator)
    assert not (tmp_path / "x").exists()


def test_unusable_cache_dir_is_an_input_error(tmp_path):
    from backcheck.errors import InputError
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(InputError, match="cache"):
        TranslationCache(f / "sub")
