"""Model management: manifest, layout, engine choice, list and (failing) download."""
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from backcheck.config import Config
from backcheck.errors import InputError
from backcheck.translate import models, pick
from tiny_marian import tiny_model  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, env=None, timeout=60):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "backcheck", *args], capture_output=True,
                          text=True, env=e, timeout=timeout, cwd=ROOT)


def test_manifest_pins_both_directions():
    man = tomllib.loads((ROOT / "models" / "models.toml").read_text("utf-8"))
    assert man["pt-en"]["id"] == "Helsinki-NLP/opus-mt-ROMANCE-en"
    assert man["en-pt"]["id"] == "Helsinki-NLP/opus-mt-tc-big-en-pt"
    assert man["en-pt"]["prefix"] == ">>por<<"
    for d in ("pt-en", "en-pt"):
        rev = man[d]["revision"]
        assert len(rev) == 40 and int(rev, 16) >= 0
        assert man[d]["licence"]


def test_layout_per_direction_and_single_dir(tiny_model, tmp_path):
    # a single model directory serves both directions, its conversion sits in ct2/
    assert models.find(tiny_model, "pt-en", "hf") == tiny_model
    assert models.find(tiny_model, "en-pt", "ct2") == tiny_model / "ct2"
    # the download layout: <dir>/<direction>/ and <dir>/<direction>-ct2/
    shutil.copytree(tiny_model, tmp_path / "pt-en", ignore=shutil.ignore_patterns("ct2"))
    shutil.copytree(tiny_model / "ct2", tmp_path / "en-pt-ct2")
    assert models.find(tmp_path, "pt-en", "hf") == tmp_path / "pt-en"
    assert models.find(tmp_path, "en-pt", "hf") is None
    assert models.find(tmp_path, "en-pt", "ct2") == tmp_path / "en-pt-ct2"


def test_auto_prefers_ct2_then_marian_then_apertium(tiny_model, tmp_path, monkeypatch):
    assert pick(Config(model=str(tiny_model))) == "ct2"
    hf_only = tmp_path / "hf"
    shutil.copytree(tiny_model, hf_only, ignore=shutil.ignore_patterns("ct2"))
    assert pick(Config(model=str(hf_only))) == "marian"
    from backcheck.translate import apertium
    monkeypatch.setattr(apertium, "installed", lambda: True)
    assert pick(Config(model=str(tmp_path / "empty"))) == "apertium"
    monkeypatch.setattr(apertium, "installed", lambda: False)
    with pytest.raises(InputError, match="models download") as e:
        pick(Config(model=str(tmp_path / "empty")))
    assert "apertium" in e.value.reason


def test_downloaded_metadata_names_the_model(tiny_model, tmp_path):
    d = tmp_path / "en-pt"
    for direction in ("pt-en", "en-pt"):
        shutil.copytree(tiny_model, tmp_path / direction, ignore=shutil.ignore_patterns("ct2"))
    (d / models.META).write_text('{"id": "Helsinki-NLP/opus-mt-tc-big-en-pt", '
                                 '"revision": "9f2863d807ecf91a374bdbecb8d01e402e90622e", '
                                 '"prefix": ">>pob<<"}')
    meta = models.describe(d, "en-pt")
    assert meta == {"model": "Helsinki-NLP/opus-mt-tc-big-en-pt",
                    "revision": "9f2863d807ecf91a374bdbecb8d01e402e90622e", "prefix": ">>pob<<"}
    from backcheck.translate.marian import MarianTranslator
    m = MarianTranslator(tmp_path)
    assert m.loaded("en", "pt")[2].prefix == ">>pob<<"      # the manifest's prefix wins
    assert m.info("en", "pt")["model"] == "Helsinki-NLP/opus-mt-tc-big-en-pt"
    assert m.info("pt", "en")["revision"].startswith("local-")


def test_models_list_cli(tiny_model, tmp_path):
    r = cli("models", "list", "--dir", str(tiny_model))
    assert r.returncode == 0, r.stderr
    assert "Helsinki-NLP/opus-mt-ROMANCE-en" in r.stdout
    assert r.stdout.count("present") == 4
    r = cli("models", "list", "--dir", str(tmp_path))
    assert r.returncode == 0 and "present" not in r.stdout and r.stdout.count("missing") == 4


def test_download_fails_cleanly_offline(tmp_path):
    t = time.monotonic()
    r = cli("models", "download", "--dir", str(tmp_path / "m"), env={"HF_HUB_OFFLINE": "1"})
    assert r.returncode == 2
    assert r.stderr.count("backcheck: error:") == 1 and "Traceback" not in r.stderr
    assert "download failed" in r.stderr and "HF_HUB_OFFLINE" in r.stderr
    assert time.monotonic() - t < 30


def test_download_fails_cleanly_without_network(tmp_path):
    # an endpoint nobody listens on stands in for "no network" (it is also what this
    # sandbox has for huggingface.co)
    t = time.monotonic()
    r = cli("models", "download", "--dir", str(tmp_path / "m"),
            env={"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_OFFLINE": "0"})
    assert r.returncode == 2, r.stderr
    assert "cannot reach the model hub" in r.stderr and "Traceback" not in r.stderr
    assert time.monotonic() - t < 30


def test_pickle_weights_converted_only_when_allowed(tiny_pickle_model, tmp_path):
    d = tmp_path / "m"
    shutil.copytree(tiny_pickle_model, d)
    with pytest.raises(InputError, match="pickle"):
        models.check_weights(d, allow_pickle=False)
    with pytest.raises(InputError, match="pickle"):
        models.convert_ct2(d, tmp_path / "ct2")
    models.to_safetensors(d)
    models.check_weights(d, allow_pickle=False)
    (d / "pytorch_model.bin").unlink()
    from backcheck.translate.marian import MarianTranslator
    assert len(MarianTranslator(d).translate(["O time venceu."], "pt", "en")) == 1


from tiny_marian import tiny_pickle_model  # noqa: E402, F401  (fixture)


def test_engine_none_gives_no_translator():
    from backcheck.translate import get_translator
    assert get_translator(Config(engine="none")) is None


@pytest.mark.parametrize("text", ['pt-en = 3\n', '[pt-en]\nid = 3\nrevision = "abc"\n',
                                  '[en-pt]\nid = "x/y"\n'])
def test_models_list_with_a_malformed_manifest(tmp_path, text):
    (tmp_path / "models.toml").write_text(text)
    r = subprocess.run([sys.executable, "-m", "backcheck", "models", "list", "--dir", tmp_path],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "models.toml: invalid manifest: [" in r.stderr
