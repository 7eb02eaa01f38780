"""The engines through the command line, on an article written here."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tiny_marian import tiny_model, tiny_pickle_model  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = {
    "id": "engine-test",
    "pt": {"headline": "Prefeitura abre duas escolas",
           "body": [["A prefeitura abriu duas escolas novas nesta segunda-feira.",
                     "As obras custaram 3,5 milhões de reais."],
                    ["Os moradores comemoraram a abertura."]]},
    "en": {"headline": "City hall opens two schools",
           "body": [["The city hall opened two new schools on Monday.",
                     "The works cost 3.5 million reais."],
                    ["Residents celebrated the opening."]]},
}


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.json"
    p.write_text(json.dumps(ARTICLE, ensure_ascii=False), "utf-8")
    return p


def check(path, *args, cache_dir):
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(path), "--format", "json",
                        "--cache-dir", str(cache_dir), *args],
                       capture_output=True, text=True, timeout=300, cwd=ROOT,
                       env=dict(os.environ, BACKCHECK_MODELS=str(cache_dir / "no-models")))
    return r


def report(r):
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


@pytest.mark.apertium
def test_check_with_apertium_names_the_engine(article, tmp_path):
    if not shutil.which("apertium"):
        pytest.skip("apertium is not installed")
    rep = report(check(article, "--engine", "apertium", cache_dir=tmp_path))
    assert rep["engine"]["name"] == "apertium"
    assert rep["engine"]["model"] == "pt-es | spa-eng"
    # auto with no model anywhere falls back to apertium
    assert report(check(article, cache_dir=tmp_path))["engine"]["name"] == "apertium"


def test_check_with_marian_and_ct2_on_a_model_dir(article, tiny_model, tmp_path):
    rep = report(check(article, "--engine", "marian", "--model", str(tiny_model),
                       cache_dir=tmp_path))
    assert rep["engine"] == {"name": "marian", "model": str(tiny_model.resolve()),
                             "revision": rep["engine"]["revision"]}
    assert rep["engine"]["revision"].startswith("local-")
    rep = report(check(article, "--engine", "ct2", "--model", str(tiny_model), "--no-cache",
                       cache_dir=tmp_path))
    assert rep["engine"]["name"] == "ct2"
    assert rep["engine"]["model"] == str((tiny_model / "ct2").resolve())
    # auto picks the converted model
    rep = report(check(article, "--model", str(tiny_model), cache_dir=tmp_path))
    assert rep["engine"]["name"] == "ct2"
    assert (tmp_path / "translations.sqlite3").is_file()


def test_cli_refuses_pickle_unless_allowed(article, tiny_pickle_model, tmp_path):
    r = check(article, "--engine", "marian", "--model", str(tiny_pickle_model), cache_dir=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "pickle" in r.stderr and r.stderr.count("\n") == 1
    rep = report(check(article, "--engine", "marian", "--model", str(tiny_pickle_model),
                       "--allow-pickle", cache_dir=tmp_path))
    assert rep["engine"]["name"] == "marian"


def test_cli_missing_model_is_one_line(article, tmp_path):
    r = check(article, "--engine", "ct2", "--model", str(tmp_path / "nothing"), cache_dir=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "models download" in r.stderr


def test_marian_engines_add_forced_decoding_evidence(article, tiny_model, tmp_path):
    """With a Marian engine the CLI also scores the English given the Portuguese; the
    tiny model finds real English words unlikely, so hints carry the model's scores."""
    for engine in ("marian", "ct2"):
        rep = report(check(article, "--engine", engine, "--model", str(tiny_model), "--no-cache",
                           cache_dir=tmp_path))
        hints = [i for i in rep["issues"] if "unlikely" in i["evidence"]]
        assert hints, engine
        assert all(isinstance(lp, float) and lp < 0 for i in hints for _, lp in i["evidence"]["unlikely"])
    rep = report(check(article, "--engine", "apertium", cache_dir=tmp_path))
    assert not [i for i in rep["issues"] if "unlikely" in i["evidence"]]
