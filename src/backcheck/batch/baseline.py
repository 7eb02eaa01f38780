"""A baseline for `backcheck batch --baseline OLD`: the issues an earlier batch found, so
that a pipeline adopting backcheck on an archive fails only on what is new.

Entry points: `directory(path) -> Path` (an old summary.json or its directory, checked),
`known(directory, job) -> frozenset` (the fingerprints of the issues the old run found in
that job's article: its `<name>.json` there; names are stable for the same inputs).
"""
from __future__ import annotations

import json
from pathlib import Path

from backcheck.errors import InputError


def directory(path) -> Path:
    """The baseline run's output directory, given it or its summary.json."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "--baseline: no such file or directory")
    summary = p if p.is_file() else p / "summary.json"
    try:
        data = json.loads(summary.read_text("utf-8"))
        ok = isinstance(data, dict) and isinstance(data.get("reports"), list)
    except (OSError, ValueError):
        ok = False
    if not ok:
        raise InputError(p, "--baseline: not the output of backcheck batch (give its "
                            "directory or its summary.json)")
    return summary.parent


def known(base: Path, job) -> frozenset:
    """Fingerprints of every issue (counted or waived) of the job's article in the baseline;
    empty when the baseline has no report for it (a new article: all its issues are new)."""
    from backcheck.report import waivers
    from backcheck.report.model import report_from_dict
    try:
        d = json.loads((base / f"{job.name}.json").read_text("utf-8"))
        rep = report_from_dict(d)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return frozenset()
    return frozenset(i.fingerprint or waivers.fingerprint(i) for i in rep.issues)
