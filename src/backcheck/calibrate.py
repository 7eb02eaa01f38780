"""`backcheck calibrate`: recompute every check's thresholds for the engine in use from a
newsroom's own clean, published translation pairs (orchestration only; the statistics
live in checks.calibration).

Entry point: `run(inputs, config, output, rate) -> Calibration`.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from backcheck.errors import InputError


def _articles(inputs, config):
    """Every article under `inputs`, found and read as `backcheck batch` finds and reads
    them (files, directories, JSONL)."""
    from backcheck.batch import discovery, work
    jobs = discovery.discover(inputs, Path(tempfile.gettempdir()) / "backcheck-calibrate")
    if not jobs:
        raise InputError(", ".join(map(str, inputs)), "no articles found")
    for item in discovery.read(jobs, config):
        if item.error:
            raise InputError(None, item.error)
        yield item.job.name, work.load(item, config)


CHUNK = 16          # articles translated together (one engine call per direction)


def run(inputs, config, output, rate: float, progress=None):
    from backcheck import Checker, checks
    from backcheck.checks import calibration

    if not 0 < rate < 1:
        raise InputError(None, f"--rate must be between 0 and 1, not {rate}")
    checker = Checker(config)
    engine = checker.engine["name"] if checker.engine else "none"
    observations: dict = {}
    n = 0
    chunk: list = []
    for name, art in _articles(inputs, config):
        chunk.append(art)
        if len(chunk) == CHUNK:
            checker.check_many(chunk, observations=observations)
            n, chunk = n + len(chunk), []
            if progress:
                progress(n, name)
    if chunk:
        checker.check_many(chunk, observations=observations)
        n += len(chunk)
    units = observations.pop("units", 0)
    if not units:
        raise InputError(", ".join(map(str, inputs)), "no aligned sentence pairs to calibrate on")
    corpus = f"{n} articles: " + ", ".join(Path(str(i)).name for i in inputs)
    cal = calibration.fit(observations, units, checks.modules(), rate, engine, corpus[:200])
    try:
        cal.save(output)
    except OSError as e:
        raise InputError(output, f"cannot write the calibration: {e.strerror or e}") from None
    print(f"calibrated {engine} on {n} articles ({units} aligned pairs, rate {rate:g}): "
          f"{output}", file=sys.stderr)
    return cal
