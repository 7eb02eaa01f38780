"""Smaller points of issue 10 ('Why' 7), through the CLI: CMS junk after a full stop is shown
with its sentence, not alone."""
from __future__ import annotations

import json

from conftest import EXAMPLES

from backcheck import cli


def test_nbsp_artifact_shows_its_sentence(capsys):
    status = cli.main(["check", str(EXAMPLES / "article.json"), "--engine", "none",
                       "--no-cache", "--format", "json"])
    rep = json.loads(capsys.readouterr().out)
    assert status in (0, 1)
    [nbsp] = [i for i in rep["issues"] if "&nbsp;" in json.dumps(i["evidence"])]
    assert nbsp["en"]["text"].startswith("The plan also includes 40 bike racks")
    assert nbsp["en"]["text"].endswith("bicycles.&nbsp;")


def test_placeholder_after_a_full_stop_stays_with_its_sentence(tmp_path, capsys):
    art = {"id": "tk",
           "pt": {"headline": "Prefeitura abre creche",
                  "body": ["A creche atende 300 crianças. A obra custou R$ 2 milhões."]},
           "en": {"headline": "City hall opens day-care centre",
                  "body": ["The centre serves 300 children. [TK] The work cost R$2 million."]}}
    path = tmp_path / "tk.json"
    path.write_text(json.dumps(art, ensure_ascii=False), "utf-8")
    cli.main(["check", str(path), "--engine", "none", "--no-cache", "--format", "json"])
    rep = json.loads(capsys.readouterr().out)
    [tk] = [i for i in rep["issues"] if "[TK]" in json.dumps(i["evidence"])]
    assert "[TK]" in tk["en"]["text"] and len(tk["en"]["text"]) > len("[TK]")
