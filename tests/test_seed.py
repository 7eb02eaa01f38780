"""Acceptance on the real mixed pt/en seed page (../shared/seed)."""
import json
import subprocess
import sys

import pytest

from backcheck import article, pipeline, segment
from backcheck.config import Config
from conftest import ROOT, need_apertium, need_shared

SEED = ("seed", "000_fe25936ff1d3ac08.txt")


def all_texts(rep: dict) -> list[str]:
    locs = [i[s] for i in rep["issues"] for s in ("pt", "en")]
    locs += [b[s] for b in rep["alignment"] for s in ("pt", "en")]
    return [loc["text"] for loc in locs if loc]


def assert_seed_report(rep: dict) -> None:
    arts = [i for i in rep["issues"] if i["type"] == "artifact"]
    glued = [i for i in arts if "04160333" in i["evidence"]["match"]]
    assert len(glued) == 2, arts                                  # both occurrences
    assert len({i["en"]["text"] for i in glued}) == 2             # in two different sentences
    assert all(i["en"]["field"] == "body" and i["severity"] == "major" for i in glued)
    stray = [i for i in arts if "international.”" in i["evidence"]["match"]]
    assert len(stray) == 1 and stray[0]["en"]["paragraph"] == 3
    texts = all_texts(rep)
    assert texts and not any("Photo:" in t or "DRUZHININ" in t for t in texts)


def test_seed_through_the_api():
    art = article.load(need_shared(*SEED))
    assert art.pt.caption.startswith("Ditador chinês") and not art.pt.body
    assert art.en.credit == "Photo: EFE/EPA/ALEXEI DRUZHININ/KREMLIN/SPUTNIK"
    seg = segment.segment(art)
    assert [s.field for s in seg.pt] == ["caption"]
    assert not any("Photo" in s.text for s in seg.en)
    rep = pipeline.check(art, None, Config()).to_dict()
    assert_seed_report(rep)


def run_cli(engine):
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(need_shared(*SEED)),
                        "--format", "json", "--engine", engine, "--no-cache"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


def test_seed_cli_without_translation():
    rep = run_cli("none")
    assert_seed_report(rep)
    assert rep["verdict"] in ("warn", "fail")


@pytest.mark.apertium
def test_seed_cli_apertium():
    need_apertium()
    rep = run_cli("apertium")
    assert_seed_report(rep)
    assert rep["engine"] and rep["engine"]["name"] == "apertium"
    pt_locs = [b["pt"] for b in rep["alignment"] if b["pt"]]
    assert pt_locs and all(loc["field"] == "caption" for loc in pt_locs)
