"""`backcheck check -` reads one article from standard input, JSON or page told apart by
content, and `article.from_text` does the same for the library (issue 10, 'Why' 5)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES

from backcheck import article
from backcheck.errors import InputError

FAST = ["--engine", "none", "--no-cache"]
PAGE = ("Governo anuncia plano contra o desemprego\n\n"
        "Government announces plan against unemployment\n\n"
        "O governo anunciou nesta terça-feira um novo plano para reduzir o desemprego entre "
        "os jovens.\n\n"
        "The government announced a new plan on Tuesday to reduce unemployment among young "
        "people.\n")


def cli(*args, stdin: str | bytes = b"", cwd=None):
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    p = subprocess.run([sys.executable, "-m", "backcheck", *map(str, args)], input=data,
                       capture_output=True, timeout=120, cwd=cwd)
    err = p.stderr.decode("utf-8")
    assert "Traceback" not in err
    return p.returncode, p.stdout.decode("utf-8"), err


def test_json_article_from_stdin_gives_the_same_report_as_the_file(tmp_path):
    text = (EXAMPLES / "article.json").read_text("utf-8")
    rc, out, err = cli("check", "-", *FAST, "--format", "json", stdin=text, cwd=tmp_path)
    rc2, out2, _ = cli("check", EXAMPLES / "article.json", *FAST, "--format", "json")
    assert rc == rc2 and rc in (0, 1), err
    a, b = json.loads(out), json.loads(out2)
    assert a["source"] == "<stdin>" and a["id"] == b["id"] == "example-bike-lanes"
    assert [i["message"] for i in a["issues"]] == [i["message"] for i in b["issues"]]


def test_page_from_stdin_and_one_side_of_a_pair(tmp_path):
    rc, out, err = cli("check", "-", *FAST, "--format", "json", stdin=PAGE)
    rep = json.loads(out)
    assert rc in (0, 1), err
    assert rep["id"] == "stdin" and rep["stats"]["pt_sentences"] == 2
    en = tmp_path / "plan.en.txt"
    en.write_text("\n\n".join(PAGE.split("\n\n")[1::2]), "utf-8")
    pt_text = "\n\n".join(PAGE.split("\n\n")[0::2])
    rc, out, err = cli("check", "--pt", "-", "--en", en, *FAST, "--format", "json",
                       stdin=pt_text)
    assert rc in (0, 1), err
    assert json.loads(out)["id"] == "plan"


@pytest.mark.parametrize("stdin, reason", [
    ("", "<stdin>: empty input"),
    ('{"id": 1, "pt": {}, "en": {}}\n{"id": 2, "pt": {}, "en": {}}\n', "check it with `backcheck batch`"),
    ('{"id": "x", "pt": ', "<stdin>: malformed JSON"),
    (b"\xff\xfe\x00", "<stdin>: invalid UTF-16"),
])
def test_bad_stdin_is_one_clean_line(stdin, reason):
    rc, out, err = cli("check", "-", *FAST, stdin=stdin)
    assert rc == 2 and out == "" and err.startswith("backcheck: error: ") and reason in err
    assert len(err.strip().splitlines()) == 1


def test_only_one_side_from_stdin():
    rc, _, err = cli("check", "--pt", "-", "--en", "-", *FAST, stdin=PAGE)
    assert rc == 2 and "only one of --pt and --en" in err


def test_from_text_tells_json_html_and_pages_apart():
    obj = json.loads((EXAMPLES / "article.json").read_text("utf-8"))
    a = article.from_text(json.dumps(obj), source="feed/item-7.json")
    assert a.id == obj["id"] and a.source == "feed/item-7.json"
    html = ("<div><h1>Governo anuncia plano contra o desemprego</h1>"
            "<h1>Government announces plan against unemployment</h1>"
            "<p>O governo anunciou nesta terça-feira um novo plano para reduzir o desemprego "
            "entre os jovens.</p><p>The government announced a new plan on Tuesday to "
            "reduce unemployment among young people.</p></div>")
    h = article.from_text(html)
    assert h.id == "article" and h.source is None
    assert h.pt.headline.startswith("Governo") and h.en.headline.startswith("Government")
    assert "<p>" not in " ".join(h.en.body)
    p = article.from_text(PAGE, source="plan.txt")
    assert p.id == "plan" and p.pt.body == h.pt.body and p.en.body == h.en.body
    with pytest.raises(InputError, match="empty"):
        article.from_text("   \n")
