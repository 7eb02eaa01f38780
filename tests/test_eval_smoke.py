"""`make eval` machinery on a tiny corpus of our own (figures are printed, not asserted)."""
import copy
import json
import subprocess
import sys

from conftest import ROOT, need_apertium, need_shared
from test_check_coverage import BRIDGE


def test_eval_writes_one_report_per_article_and_prints_the_scores(tmp_path):
    need_apertium()
    scorer = need_shared("corpus", "score.py")
    corpus = tmp_path / "corpus"
    (corpus / "clean").mkdir(parents=True)
    (corpus / "corrupted").mkdir()
    clean = copy.deepcopy(BRIDGE)
    clean["en"]["body"][1].append("The secretary said the difference was due to the price "
                                  "of imported steel and to rains that delayed the site.")
    clean["en"]["body"][2][1] = "Traffic in the area rose in the first hours."
    (corpus / "clean" / "t-001.json").write_text(json.dumps(clean), encoding="utf-8")
    bad = dict(BRIDGE, gold=[{"type": "omission", "field": "body", "pt_unit": [1, 1],
                              "en_unit": None, "note": "second sentence dropped"}])
    (corpus / "corrupted" / "t-001-a.json").write_text(json.dumps(bad), encoding="utf-8")
    out = tmp_path / "reports"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval.py"),
                        "--corpus", str(corpus), "--scorer", str(scorer), "--out", str(out),
                        "--cache-dir", str(tmp_path / "cache"), "--no-align",
                        "--ntrex", ""],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["t-001-a.json", "t-001.json"]
    assert "recall:" in r.stdout and "false_alarms_per_clean_article:" in r.stdout
    assert "missing_reports: 0" in r.stdout
