"""Calibration: thresholds chosen on clean text, recorded in every report, recomputed by
`backcheck calibrate` and named in the config."""
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from backcheck.checks import calibration
from backcheck.checks.calibration import Calibration, fit, pick, threshold
from conftest import EXAMPLES, need_shared


def test_pick_keeps_the_allowed_share_of_clean_units_below():
    clean = [0.1, 0.2, 0.3, 0.9, 0.5, 0.7]
    # 1000 units, 0.002 allowed: 2 units may reach it, the third highest (0.5) must not
    t = pick(clean, 1000, 0.002, floor=0.0)
    assert sum(v >= t for v in clean) == 2 and t > 0.5
    # nothing allowed: above the highest value
    t0 = pick(clean, 1000, 0.0, floor=0.0)
    assert all(v < t0 for v in clean)
    # the floor wins when the data allow less
    assert pick(clean, 1000, 0.01, floor=0.6) == 0.6
    assert pick([], 1000, 0.0, floor=0.25) == 0.25


@dataclass(frozen=True)
class _Params:
    major: float = threshold(0.5, score="s", floor=0.1)
    critical: float = threshold(0.9, score="s", budget=0.0, floor=0.2)
    other: int = 3


class _Check:
    NAME = "demo"
    Params = _Params


def test_fit_and_params_round_trip(tmp_path):
    obs = {"demo": {"s": [0.05 * k for k in range(20)]}}
    cal = fit(obs, 100, [_Check], rate=0.05, engine="apertium", corpus="test")
    p = cal.params("demo", _Params)
    assert 0.1 <= p.major <= p.critical and p.other == 3
    assert sum(v >= p.major for v in obs["demo"]["s"]) <= 5
    assert all(v < p.critical for v in obs["demo"]["s"])
    path = tmp_path / "cal.json"
    cal.save(path)
    again = calibration.load(path)
    assert again.params("demo", _Params) == p and again.signature() == cal.signature()
    assert "engine:apertium" in cal.signature() and "rate:0.05" in cal.signature()


@pytest.mark.parametrize("content, why", [
    ("{", "invalid JSON"), ('{"format": 99, "values": {}}', "not a backcheck calibration"),
    ('{"format": 1, "values": {"x": {"a": "high"}}}', "finite numbers")])
def test_bad_calibration_files_are_input_errors(tmp_path, content, why):
    p = tmp_path / "cal.json"
    p.write_text(content)
    art = EXAMPLES / "article.json"
    cfg = tmp_path / "backcheck.toml"
    cfg.write_text(f'calibration = "{p}"\n')
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(art), "--engine", "none",
                        "--config", str(cfg)], capture_output=True, text=True)
    assert r.returncode == 2 and why in r.stderr and "Traceback" not in r.stderr


def test_calibrate_cli_writes_a_file_the_config_uses(tmp_path):
    dev = need_shared("corpus", "dev", "clean")
    out = tmp_path / "newsroom.json"
    files = sorted(dev.glob("*.json"))[:3]
    r = subprocess.run([sys.executable, "-m", "backcheck", "calibrate", *map(str, files),
                        "--engine", "none", "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["engine"] == "none" and data["units"] > 0 and "3 articles" in data["corpus"]
    cfg = tmp_path / "backcheck.toml"
    cfg.write_text(f'calibration = "{out}"\n')
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(files[0]), "--engine",
                        "none", "--format", "json", "--config", str(cfg)],
                       capture_output=True, text=True)
    rep = json.loads(r.stdout)
    assert rep["stats"]["calibration"] == Calibration(**{k: v for k, v in data.items()
                                                        if k != "format"}).signature()


def test_calibrate_refuses_nonsense(tmp_path):
    r = subprocess.run([sys.executable, "-m", "backcheck", "calibrate", str(tmp_path / "nope"),
                        "-o", str(tmp_path / "c.json"), "--engine", "none"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "no such file" in r.stderr
    r = subprocess.run([sys.executable, "-m", "backcheck", "calibrate",
                        str(EXAMPLES / "article.json"), "--rate", "2",
                        "-o", str(tmp_path / "c.json"), "--engine", "none"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--rate" in r.stderr


def test_checks_observe_their_scores_for_calibration():
    """Every calibrated score is observed on the units a check examines, so
    `backcheck calibrate` sees the whole distribution (not only what gets reported)."""
    from conftest import need_apertium
    need_apertium()
    from backcheck import article, checks, config, pipeline
    from backcheck.translate import get_translator
    art = article.from_dict({"id": "obs", "pt": {"body": [[
        "O governo não aprovou o orçamento na terça-feira.",
        "O número de turistas aumentou 20% no ano passado, segundo o instituto."]]},
        "en": {"body": [[
            "The government approved the budget on Tuesday.",
            "The number of tourists decreased 20% last year, according to the institute, "
            "a figure critics called premature."]]}})
    cfg = config.Config(engine="apertium", cache=False)
    obs: dict = {}
    pipeline.check(art, get_translator(cfg), cfg, observations=obs)
    assert obs.pop("units") == 2
    assert obs["negation"]["flip"] and obs["mistranslation"]["reversal"]
    assert set(obs["coverage"]) >= {"omitted", "added", "appended clause", "dropped clause"}
    # every observed score belongs to a calibrated field of its check
    for check in checks.modules():
        scores = {f.metadata["score"] for f in calibration.calibrated_fields(check.Params)}
        assert set(obs.get(check.NAME, {})) <= scores, check.NAME


def test_reports_name_the_shipped_apertium_calibration():
    """The shipped file is the one Apertium reports run with; it parses and covers checks
    that exist; an engine with none shipped runs with the defaults, and says so."""
    from backcheck import checks
    shipped = calibration.shipped("apertium")
    assert shipped is not None and shipped.engine == "apertium" and shipped.units > 1000
    names = {m.NAME for m in checks.modules()}
    assert set(shipped.values) <= names
    assert "corpus:defaults" in calibration.load(None, engine="none").signature()
    from conftest import need_apertium
    need_apertium()
    r = subprocess.run([sys.executable, "-m", "backcheck", "check", str(EXAMPLES / "article.json"),
                        "--engine", "apertium", "--format", "json", "--no-cache"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    assert json.loads(r.stdout)["stats"]["calibration"] == shipped.signature()
