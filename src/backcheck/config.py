"""Effective configuration: defaults < backcheck.toml / [tool.backcheck] < command line.

Entry point: `load(path=None, start=cwd) -> Config`.
"""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from backcheck.errors import InputError

FAIL_ON = ("critical", "major", "minor", "info", "never")


@dataclass
class Config:
    engine: str = "auto"               # auto | marian | ct2 | apertium
    model: str | None = None           # local model directory (see models/README.md)
    beam: int = 1                      # 1 = greedy
    cache: bool = True
    cache_dir: str | None = None       # default: the user's cache dir
    allow_pickle: bool = False
    fail_on: str = "major"
    format: str = "text"
    glossary: str | None = None
    # verdict thresholds on the MQM-style score (penalty points per 100 words)
    warn_score: float = 1.0
    fail_score: float = 10.0
    # resource bounds
    max_article_chars: int = 1_000_000
    max_sentence_chars: int = 20_000
    # per-check thresholds and severity overrides ({"number": "critical", ...})
    thresholds: dict = field(default_factory=dict)
    severity: dict = field(default_factory=dict)
    path: str | None = None            # where it was read from

    def to_dict(self) -> dict:
        return asdict(self)


def find(start: Path) -> Path | None:
    """The nearest backcheck.toml, or pyproject.toml with [tool.backcheck], upward from start."""
    for d in [start, *start.parents]:
        if (d / "backcheck.toml").is_file():
            return d / "backcheck.toml"
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                if "backcheck" in tomllib.loads(pp.read_text("utf-8")).get("tool", {}):
                    return pp
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
    return None


def load(path: str | Path | None = None, start: Path | None = None, **overrides) -> Config:
    """Read the configuration file (given, or found upward from `start`) and apply
    command-line overrides whose value is not None."""
    p = Path(path) if path else find(start or Path.cwd())
    data: dict = {}
    if p is not None:
        try:
            raw = tomllib.loads(p.read_text("utf-8"))
        except FileNotFoundError:
            raise InputError(p, "configuration file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError(p, f"invalid TOML: {e}") from None
        data = raw.get("tool", {}).get("backcheck", {}) if p.name == "pyproject.toml" else raw
        data = dict(data)
        if data.get("glossary") and not Path(data["glossary"]).is_absolute():
            data["glossary"] = str((p.parent / data["glossary"]).resolve())
        if data.get("model") and not Path(data["model"]).is_absolute():
            data["model"] = str((p.parent / data["model"]).resolve())
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(p, f"unknown configuration key(s): {', '.join(unknown)}")
    data.update({k: v for k, v in overrides.items() if v is not None})
    cfg = Config(**data)
    cfg.path = str(p) if p else None
    if cfg.fail_on not in FAIL_ON:
        raise InputError(p, f"fail_on must be one of {', '.join(FAIL_ON)}")
    return cfg
