"""Configuration: backcheck.toml / [tool.backcheck], found upward or given; `config show`."""
import json
import subprocess
import sys

import pytest

from backcheck import config
from backcheck.errors import InputError


def show(cwd, *args):
    return subprocess.run([sys.executable, "-m", "backcheck", "config", "show", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=60)


def test_defaults_without_a_file(tmp_path):
    cfg = config.load(start=tmp_path)
    assert cfg.path is None
    assert (cfg.engine, cfg.fail_on, cfg.glossary, cfg.jobs) == ("auto", "major", None, 1)


def test_backcheck_toml_found_upward_with_relative_paths(tmp_path):
    (tmp_path / "backcheck.toml").write_text(
        'engine = "apertium"\nfail_on = "minor"\nglossary = "terms/g.csv"\njobs = 2\n'
        '[severity]\nnumber = "critical"\nglossary = "major"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    cfg = config.load(start=deep)
    assert cfg.path == str(tmp_path / "backcheck.toml")
    assert cfg.engine == "apertium" and cfg.fail_on == "minor"
    assert cfg.glossary == str((tmp_path / "terms" / "g.csv").resolve())
    assert cfg.jobs == 2
    assert cfg.severity == {"number": "critical", "glossary": "major"}


def test_pyproject_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.backcheck]\nengine = "none"\nbeam = 4\n', encoding="utf-8")
    cfg = config.load(start=tmp_path)
    assert (cfg.engine, cfg.beam, cfg.path) == ("none", 4, str(tmp_path / "pyproject.toml"))


def test_pyproject_without_section_is_skipped_for_a_parent_file(tmp_path):
    (tmp_path / "backcheck.toml").write_text('fail_on = "critical"\n', encoding="utf-8")
    sub = tmp_path / "proj"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config.load(start=sub).fail_on == "critical"


def test_nearest_file_wins_and_overrides_beat_the_file(tmp_path):
    (tmp_path / "backcheck.toml").write_text('fail_on = "critical"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "backcheck.toml").write_text('fail_on = "info"\nengine = "apertium"\n', encoding="utf-8")
    assert config.load(start=sub).fail_on == "info"
    cfg = config.load(start=sub, fail_on="never", engine=None)
    assert (cfg.fail_on, cfg.engine) == ("never", "apertium")


@pytest.mark.parametrize("text, reason", [
    ("engine = \n", "invalid TOML"),
    ("colour = 'red'\n", "unknown configuration key(s): colour"),
    ("beam = 'four'\n", "beam must be an integer"),
    ("cache = 1\n", "cache must be true or false"),
    ("jobs = true\n", "jobs must be an integer"),
    ("engine = 'google'\n", "engine must be one of"),
    ("fail_on = 'bad'\n", "fail_on must be one of"),
    ("format = 'pdf'\n", "format must be one of"),
    ("[severity]\nnumber = 'huge'\n", "severity.number must be one of"),
    ("[severity]\nnumbers = 'major'\n", "severity key must be one of"),
    ("beam = 0\n", "beam must be at least 1"),
    ("warn_score = 2.0\n", "no longer used: the verdict follows fail_on"),
])
def test_bad_file_names_file_and_reason(tmp_path, text, reason):
    p = tmp_path / "backcheck.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        config.load(start=tmp_path)
    assert e.value.path == str(p)
    assert reason in e.value.reason


def test_missing_given_file(tmp_path):
    with pytest.raises(InputError, match="configuration file not found"):
        config.load(tmp_path / "nope.toml")


def test_cli_show_prints_the_effective_configuration(tmp_path):
    (tmp_path / "backcheck.toml").write_text('engine = "apertium"\nglossary = "g.csv"\n'
                                             "[severity]\nnumber = \"critical\"\n",
                                             encoding="utf-8")
    r = show(tmp_path)
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["engine"] == "apertium"
    assert shown["glossary"] == str((tmp_path / "g.csv").resolve())
    assert shown["severity"] == {"number": "critical"}
    assert shown["path"] == str(tmp_path / "backcheck.toml")
    assert shown["fail_on"] == "major"                       # a default, shown too


def test_cli_show_pyproject_and_explicit_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.backcheck]\nfail_on = "minor"\n',
                                             encoding="utf-8")
    (tmp_path / "other.toml").write_text('fail_on = "critical"\n', encoding="utf-8")
    assert json.loads(show(tmp_path).stdout)["fail_on"] == "minor"
    assert json.loads(show(tmp_path, "--config", "other.toml").stdout)["fail_on"] == "critical"


@pytest.mark.parametrize("text, reason", [("engine = [\n", "invalid TOML"),
                                          ("speed = 3\n", "unknown configuration key(s): speed")])
def test_cli_bad_config_exit_2(tmp_path, text, reason):
    (tmp_path / "backcheck.toml").write_text(text, encoding="utf-8")
    r = show(tmp_path)
    assert r.returncode == 2
    assert "backcheck.toml" in r.stderr and reason in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_check_reads_the_config(tmp_path):
    """check honours fail_on from the file: with fail_on = "never" a bad input still exits 2,
    and a bad config file stops check too."""
    (tmp_path / "backcheck.toml").write_text("bogus = 1\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", "missing.json"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "unknown configuration key(s): bogus" in r.stderr


def test_examples_are_valid():
    from conftest import EXAMPLES
    from backcheck.checks import glossary
    cfg = config.load(EXAMPLES / "backcheck.toml")
    assert cfg.glossary == str((EXAMPLES / "glossary.csv").resolve())
    terms = {t.pt: t.renderings for t in glossary.load(cfg.glossary)}
    assert terms["Supremo Tribunal Federal"][-1] == "STF"
