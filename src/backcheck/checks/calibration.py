"""Calibrated thresholds: every check turns its evidence into scores, and the score above
which a finding is reported is chosen on faithful real translations, not guessed.

Entry points: `threshold(...)` (declares a calibrated field of a check's `Params`),
`load(path=None, engine=None) -> Calibration`, `fit(observations, units, rate, engine,
corpus) -> Calibration`, `Calibration.params(name, Params)`, `Calibration.save(path)`.

How a threshold is chosen. A check records, for every aligned sentence pair (a "unit")
it examines, the highest value of each of its scores (`Context.observe`). On a corpus of
clean, faithful translations, a threshold with budget `b` is the lowest value that at
most `b × rate` of the units reach (`rate` is the calibration's false-alarm rate per
unit, e.g. 0.002: 99.8% of faithful pairs stay below). A threshold never falls below its
`floor` (the value under which the score means nothing whatever the data say), and a
budget of 0 puts it just above the highest clean value times `margin`: used for
`critical`, which faithful text should never reach.

A `Calibration` is a frozen record of the thresholds of every check, the engine and the
corpus it was computed on; reports carry its `signature()` in `stats.calibration`, so a
figure can be reproduced (as sacrebleu's signature does). The shipped calibration for
Apertium is `data/calibration/apertium.json` (computed with `backcheck calibrate` on the
124 NTREX development articles); engines without a shipped file use each check's defaults
and say so.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from backcheck.errors import InputError

DEFAULT_RATE = 0.002
FORMAT = 1


def threshold(default: float, *, score: str, budget: float = 1.0, floor: float = 0.0,
              margin: float = 1.0, doc: str = ""):
    """A calibrated field of a check's Params: the value of score `score` above which the
    check reports. `budget` scales the calibration's false-alarm rate for this threshold
    (0: above every clean value, times `margin`); `floor` bounds it from below."""
    return field(default=default, metadata={"score": score, "budget": budget,
                                            "floor": floor, "margin": margin, "doc": doc})


def calibrated_fields(params_cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(params_cls) if "score" in f.metadata]


@dataclass(frozen=True)
class Calibration:
    """Thresholds per check ({check name: {field: value}}) and where they came from."""
    engine: str | None = None
    corpus: str = "defaults"
    rate: float = DEFAULT_RATE
    units: int = 0
    values: dict = field(default_factory=dict)
    path: str | None = None

    def params(self, name: str, params_cls):
        """Check `name`'s Params with this calibration's values (defaults for the rest)."""
        known = {f.name for f in dataclasses.fields(params_cls)}
        mine = {k: v for k, v in self.values.get(name, {}).items() if k in known}
        return params_cls(**mine)

    def ident(self) -> str:
        blob = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def signature(self) -> str:
        """One line naming the calibration: engine, corpus, rate and a hash of the values."""
        return (f"engine:{self.engine or 'any'}|corpus:{self.corpus}|units:{self.units}|"
                f"rate:{self.rate:g}|sha:{self.ident()}")

    def to_dict(self) -> dict:
        return {"format": FORMAT, "engine": self.engine, "corpus": self.corpus,
                "rate": self.rate, "units": self.units, "values": self.values}

    def save(self, path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n",
                              encoding="utf-8")


DEFAULTS = Calibration()


@lru_cache(maxsize=8)
def shipped(engine: str | None) -> Calibration | None:
    """The calibration shipped for this engine, if any."""
    if not engine:
        return None
    try:
        text = resources.files("backcheck").joinpath(
            "data", "calibration", f"{engine}.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return _from_dict(json.loads(text), f"data/calibration/{engine}.json")


def load(path=None, engine: str | None = None) -> Calibration:
    """The calibration file `path` (from the config's `calibration`), else the one shipped
    for `engine`, else the checks' defaults."""
    if path:
        p = Path(path)
        try:
            data = json.loads(p.read_text("utf-8"))
        except FileNotFoundError:
            raise InputError(p, "calibration file not found") from None
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(p, f"cannot read the calibration: {e}") from None
        except json.JSONDecodeError as e:
            raise InputError(p, f"not a calibration file (invalid JSON: {e})") from None
        return _from_dict(data, str(p))
    return shipped(engine) or Calibration(engine=engine)


def _from_dict(data, where) -> Calibration:
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            not isinstance(data.get("values"), dict):
        raise InputError(where, "not a backcheck calibration file (written by "
                                "`backcheck calibrate`)")
    for check, vals in data["values"].items():
        if not isinstance(vals, dict) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in vals.values()):
            raise InputError(where, f"values.{check} must map names to finite numbers")
    return Calibration(engine=data.get("engine"), corpus=str(data.get("corpus", "?")),
                       rate=float(data.get("rate", DEFAULT_RATE)),
                       units=int(data.get("units", 0)), values=data["values"], path=where)


# ---- fitting -------------------------------------------------------------------------------

def pick(values: list[float], units: int, allowed: float, floor: float,
         margin: float = 1.0) -> float:
    """The lowest threshold that at most `allowed` (a share of `units`) of the observed
    per-unit scores reach, and never below `floor`. Scores are reported when >= the
    threshold, so the threshold sits just above the last value that must stay below."""
    vals = sorted((v for v in values if v is not None and math.isfinite(v)), reverse=True)
    k = int(math.floor(allowed * units + 1e-9))
    if allowed <= 0:
        if not vals:
            return floor
        return max(floor, _above(vals[0] * margin if vals[0] > 0 else vals[0]))
    if k >= len(vals):
        return floor
    return max(floor, _above(vals[k]))


def _above(v: float) -> float:
    """A round number just above v (thresholds are read by people)."""
    step = 10 ** (math.floor(math.log10(abs(v))) - 2) if v else 1e-3
    return round(math.floor(v / step) * step + step, 6)


def fit(observations: dict, units: int, checks_, rate: float = DEFAULT_RATE,
        engine: str | None = None, corpus: str = "") -> Calibration:
    """Thresholds for every check from `observations` ({check: {score: [per-unit max]}})
    gathered over `units` aligned pairs of clean articles."""
    values = {}
    for check in checks_:
        obs = observations.get(check.NAME, {})
        got = {}
        for f in calibrated_fields(check.Params):
            m = f.metadata
            got[f.name] = pick(obs.get(m["score"], []), units, m["budget"] * rate,
                               m["floor"], m["margin"])
        if got:
            values[check.NAME] = got
    return Calibration(engine=engine, corpus=corpus, rate=rate, units=units, values=values)
