"""JSON renderer: the stable contract documented in docs/report-schema.md."""
from __future__ import annotations

import json
import math

from backcheck.report.model import Report


def _clean(v):
    # JSON has no NaN/Infinity: a similarity that could not be computed is null
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_clean(x) for x in v]
    return v


def to_json_dict(report: Report) -> dict:
    return _clean(report.to_dict())


def render(report: Report, **_) -> str:
    return json.dumps(to_json_dict(report), ensure_ascii=False, indent=2,
                      allow_nan=False, default=str) + "\n"
