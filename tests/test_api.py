"""The public library API (`import backcheck`), used as the README shows it."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, need_apertium

import backcheck
from test_batch import CountingTranslator, article as make_article

PUBLIC = {"Article", "Checker", "Config", "InputError", "Issue", "Report", "__version__",
          "check", "load", "render"}
NONE = backcheck.Config(engine="none", cache=False)


def without_seconds(d: dict) -> dict:
    d = json.loads(json.dumps(d))
    d["stats"].pop("seconds", None)
    return d


def test_public_names_and_a_light_import():
    assert set(backcheck.__all__) == PUBLIC
    assert all(hasattr(backcheck, n) for n in PUBLIC)
    # no engine is imported until a Checker needs one
    code = ("import sys, backcheck; "
            "heavy = [m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules]; "
            "print(heavy)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_load_from_a_path_or_from_text(tmp_path):
    path = EXAMPLES / "article.json"
    a = backcheck.load(path)
    assert isinstance(a, backcheck.Article) and a.id == "example-bike-lanes"
    assert backcheck.load(str(path)).pt == a.pt
    assert backcheck.load(path.read_text("utf-8")).pt == a.pt          # JSON text
    page = (EXAMPLES / "article.txt").read_text("utf-8")
    assert backcheck.load(page).en == backcheck.load(EXAMPLES / "article.txt").en
    html = ("<html><body><h1>Curitiba vai reformar 40 escolas</h1>"
            "<p>A prefeitura de Curitiba anunciou um plano para reformar 40 escolas.</p>"
            "<p>Curitiba city hall announced a plan to renovate 40 schools.</p></body></html>")
    h = backcheck.load(html)
    assert h.pt.body and h.en.body and "<p>" not in h.en.body[0]
    with pytest.raises(backcheck.InputError, match="file not found"):
        backcheck.load(tmp_path / "absent.json")
    with pytest.raises(backcheck.InputError, match="malformed JSON"):
        backcheck.load('{"id": "x", "pt": ')
    with pytest.raises(backcheck.InputError, match="empty"):
        backcheck.load("  \n ")


def test_check_and_render_agree_with_the_cli(tmp_path):
    rep = backcheck.check(EXAMPLES / "article.json", config=NONE)
    assert isinstance(rep, backcheck.Report) and rep.engine is None
    assert rep.issues and all(isinstance(i, backcheck.Issue) for i in rep.issues)
    out = tmp_path / "cli.json"
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(EXAMPLES / "article.json"),
                        "--engine", "none", "--no-cache", "--format", "json", "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    cli = json.loads(out.read_text("utf-8"))
    assert without_seconds(json.loads(backcheck.render(rep, "json"))) == without_seconds(cli)
    for fmt in ("text", "markdown", "html"):
        assert rep.id in backcheck.render(rep, fmt, color=False)
    junit = backcheck.render([rep, rep], "junit", fail_on="never")
    assert junit.count("<testcase") == 2 and 'failures="0"' in junit
    # a configuration file given by path
    toml = tmp_path / "backcheck.toml"
    toml.write_text('engine = "none"\ncache = false\n[severity]\nartifact = "info"\n')
    assert {i.severity for i in rep.issues if i.type == "artifact"} == {"major"}
    again = backcheck.check(EXAMPLES / "article.json", config=toml)
    assert {i.severity for i in again.issues if i.type == "artifact"} == {"info"}


def test_checker_batches_sentences_across_articles():
    double = CountingTranslator()
    checker = backcheck.Checker(NONE, translator=double)
    arts = [backcheck.load(json.dumps(make_article(i))) for i in range(5)]
    reports = checker.check_many(arts)
    assert [(s, t) for s, t, _ in double.calls] == [("pt", "en"), ("en", "pt")]
    assert [r.id for r in reports] == [f"art-{i:02d}" for i in range(5)]
    assert checker.engine == {"name": "counting", "model": "upper", "revision": "1"}
    # the same reports as one article at a time
    one_by_one = [checker.check(a) for a in arts]
    assert len(double.calls) == 2 + 2 * 5
    assert [without_seconds(r.to_dict()) for r in reports] == \
        [without_seconds(r.to_dict()) for r in one_by_one]


class BreaksOn(CountingTranslator):
    """Test double: an engine that fails on any batch holding a given word."""

    def __init__(self, word):
        super().__init__()
        self.word = word

    def translate(self, texts, src, tgt):
        if any(self.word in t for t in texts):
            raise RuntimeError("engine failure")
        return super().translate(texts, src, tgt)


def test_check_many_keeps_going_past_a_bad_article():
    arts = [json.dumps(make_article(i)) for i in range(3)]
    bad = dict(make_article(3), id="breaks")
    bad["en"] = dict(bad["en"], headline="Xyzzy breaks the engine")
    checker = backcheck.Checker(NONE, translator=BreaksOn("Xyzzy"))
    given = [arts[0], '{"id": "broken", "pt": ', arts[1], json.dumps(bad), arts[2]]
    out = checker.check_many(given, return_exceptions=True)
    assert [type(r).__name__ for r in out] == ["Report", "InputError", "Report",
                                               "RuntimeError", "Report"]
    assert [r.id for r in out if isinstance(r, backcheck.Report)] == \
        ["art-00", "art-01", "art-02"]
    with pytest.raises(backcheck.InputError, match="malformed JSON"):
        checker.check_many(given)


def test_too_long_sentence_is_an_input_error_in_place():
    cfg = backcheck.Config(engine="none", cache=False, max_sentence_chars=60)
    short = backcheck.load(json.dumps({"id": "s", "pt": {"body": ["Choveu."]},
                                       "en": {"body": ["It rained."]}}))
    long = backcheck.load(json.dumps(make_article(1)))
    out = backcheck.Checker(cfg).check_many([short, long], return_exceptions=True)
    assert isinstance(out[0], backcheck.Report)
    assert isinstance(out[1], backcheck.InputError) and "max_sentence_chars" in str(out[1])


def test_readme_library_example_runs_on_the_public_api(tmp_path, monkeypatch):
    need_apertium()
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Library use"):]
    code = re.search(r"```python\n(.*?)```", section, re.S)[1]
    used = set(re.findall(r"\bbackcheck\.(\w+)", code))
    assert used <= PUBLIC, used - PUBLIC
    assert "from backcheck" not in code
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    exec(compile(code, "README.md", "exec"), {})
