"""Every report format through the CLI, the way a user runs it:
`python -m backcheck check ARTICLE --engine apertium --format F -o FILE` on an article written
to tmp_path (a number changed and a sentence dropped in the English)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import need_apertium, run_on_tty

pytestmark = pytest.mark.apertium

ARTICLE = {
    "id": "cli-report-test",
    "pt": {
        "headline": "Feira do livro de Curitiba recebe 45 mil visitantes",
        "body": [
            ["A feira do livro de Curitiba recebeu 45 mil visitantes em cinco dias.",
             "A prefeitura disse que a próxima edição será em outubro.",
             "Os ingressos custaram R$ 12."],
            ["O evento reuniu 80 editoras de todo o país."],
        ],
    },
    "en": {
        "headline": "Curitiba book fair draws 45,000 visitors",
        "body": [
            ["The Curitiba book fair drew 54,000 visitors in five days.",
             "Tickets cost R$12."],
            ["The event brought together 80 publishers from across the country."],
        ],
    },
}


@pytest.fixture(scope="module")
def run_cli(tmp_path_factory):
    need_apertium()
    base = tmp_path_factory.mktemp("cli")
    article = base / "article.json"
    article.write_text(json.dumps(ARTICLE, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}

    def run(fmt: str):
        out = base / f"report.{fmt}"
        p = subprocess.run([sys.executable, "-m", "backcheck", "check", str(article),
                            "--engine", "apertium", "--cache-dir", str(base / "cache"),
                            "--format", fmt, "-o", str(out)],
                           capture_output=True, text=True, env=env, timeout=300, cwd=base)
        assert p.returncode in (0, 1), p.stderr
        assert "Traceback" not in p.stderr
        return out.read_text("utf-8"), p.returncode

    return run


@pytest.fixture(scope="module")
def as_json(run_cli):
    text, rc = run_cli("json")
    return json.loads(text), rc


def test_json_through_cli_matches_documented_schema(as_json):
    jsonschema = pytest.importorskip("jsonschema")
    from test_report_json import documented_schema
    data, rc = as_json
    jsonschema.validate(data, documented_schema())
    assert data["id"] == "cli-report-test" and data["engine"]["name"] == "apertium"
    assert data["issues"], "a changed number and a dropped sentence must give issues"
    assert rc == (1 if any(i["severity"] in ("critical", "major") for i in data["issues"]) else 0)


def test_text_through_cli(run_cli, as_json):
    data, _ = as_json
    text, _ = run_cli("text")
    assert "\x1b[" not in text
    assert text.splitlines()[0].startswith("backcheck cli-report-test")
    assert data["verdict"].upper() in text.splitlines()[0]
    assert text.rstrip().splitlines()[-1].startswith(f"summary: {data['verdict'].upper()}")
    assert "Curitiba" in text


def test_html_through_cli(run_cli, as_json):
    from test_report_html import Page
    data, _ = as_json
    html, _ = run_cli("html")
    page = Page(html)
    assert len(page.find("section", "row")) == len(data["alignment"])
    assert len(page.find("details", "issue")) == len(data["issues"])
    embedded = json.loads(page.raw["script"][0])
    for d in (embedded, data):      # two runs: all but the time the check took must agree
        d["stats"].pop("seconds", None)
    assert embedded == data
    assert "://" not in html


def test_junit_and_markdown_through_cli(run_cli, as_json):
    data, _ = as_json
    root = ET.fromstring(run_cli("junit")[0].encode("utf-8"))
    assert root.get("tests") == "1"
    assert root.get("failures") == ("1" if data["verdict"] == "fail" else "0")
    assert root.find("testsuite/testcase").get("name") == "cli-report-test"
    md, _ = run_cli("markdown")
    assert md.startswith(f"## backcheck: cli-report-test — **{data['verdict'].upper()}**")
    assert md.count("**PT:**") + md.count("**EN:**") >= len(data["issues"])


def _run_on_tty(args, env):
    """Run the CLI with stdout on a pseudo-terminal; return what it printed."""
    return run_on_tty(args, "stdout", env)


def test_colour_on_a_terminal_only(tmp_path):
    need_apertium()
    article = tmp_path / "article.json"
    article.write_text(json.dumps(ARTICLE, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = [sys.executable, "-m", "backcheck", "check", str(article), "--engine", "apertium",
            "--cache-dir", str(tmp_path / "cache")]
    shown, rc = _run_on_tty(args, env)
    assert rc in (0, 1) and "\x1b[" in shown and "cli-report-test" in shown
    shown, rc = _run_on_tty(args, {**env, "NO_COLOR": "1"})
    assert rc in (0, 1) and "\x1b[" not in shown
    # written to a file from a terminal: plain
    shown, rc = _run_on_tty(args + ["-o", str(tmp_path / "r.txt")], env)
    assert rc in (0, 1) and "\x1b[" not in (tmp_path / "r.txt").read_text("utf-8")
