"""Effective configuration: defaults < backcheck.toml / [tool.backcheck] < command line.

Entry point: `load(path=None, start=cwd) -> Config`.
"""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from backcheck.errors import InputError

FAIL_ON = ("critical", "major", "minor", "info", "never")
ENGINES = ("auto", "marian", "ct2", "apertium", "none")
SEVERITIES = ("critical", "major", "minor", "info")
# keys of [severity]: an issue type, or "glossary" (terminology issues only)
SEVERITY_KEYS = ("omission", "addition", "number", "entity", "negation",
                 "mistranslation", "untranslated", "artifact", "glossary")


@dataclass
class Config:
    engine: str = "auto"               # auto | marian | ct2 | apertium | none
    model: str | None = None           # local model directory (see models/README.md)
    beam: int = 1                      # 1 = greedy
    cache: bool = True
    cache_dir: str | None = None       # default: the user's cache dir
    allow_pickle: bool = False
    fail_on: str = "major"
    format: str = "text"
    glossary: str | None = None
    # calibration file written by `backcheck calibrate` (default: the one shipped for the engine)
    calibration: str | None = None
    # user lexicons: names.csv (pt,en: a Portuguese form, English forms separated by |) and
    # a file of words never flagged as untranslated (place names, brands)
    names: str | None = None
    keep: str | None = None
    # verdict thresholds on the MQM-style score (penalty points per 100 words)
    warn_score: float = 1.0
    fail_score: float = 10.0
    # resource bounds
    max_article_chars: int = 1_000_000
    max_sentence_chars: int = 20_000
    # severity overrides per issue type ({"number": "critical", ...})
    severity: dict = field(default_factory=dict)
    jobs: int = 1                      # batch worker processes
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
        except OSError as e:            # a directory, no permission
            raise InputError(p, f"cannot read the configuration: {e.strerror}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError(p, f"invalid TOML: {e}") from None
        data = raw.get("tool", {}).get("backcheck", {}) if p.name == "pyproject.toml" else raw
        data = dict(data)
        # relative paths in the file are relative to the file, not to the working directory
        for key in ("glossary", "model", "cache_dir", "calibration", "names", "keep"):
            if isinstance(data.get(key), str) and data[key] and not Path(data[key]).is_absolute():
                data[key] = str((p.parent / data[key]).resolve())
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(p, f"unknown configuration key(s): {', '.join(unknown)}")
    data.update({k: v for k, v in overrides.items() if v is not None})
    _check_types(data, p)
    cfg = Config(**data)
    cfg.path = str(p) if p else None
    _check_values(cfg, p)
    return cfg


KINDS = {int: "an integer", float: "a number", bool: "true or false", str: "a string",
         dict: "a table"}


def _check_types(data: dict, p) -> None:
    """Reject a wrongly typed value now, with the file's name, rather than crash later."""
    defaults = Config()
    for k, v in data.items():
        want = type(getattr(defaults, k))
        if k in ("model", "cache_dir", "glossary", "path", "calibration", "names", "keep"):
            want = str
        if v is None or k == "path":
            continue
        ok = isinstance(v, want) and not (want is int and isinstance(v, bool))
        if want is float and isinstance(v, int) and not isinstance(v, bool):
            ok = True
        if not ok:
            raise InputError(p, f"{k} must be {KINDS[want]}, not {v!r}")


def _check_values(cfg: Config, p) -> None:
    def one_of(key, value, allowed):
        if value not in allowed:
            raise InputError(p, f"{key} must be one of {', '.join(allowed)}, not {value!r}")

    one_of("fail_on", cfg.fail_on, FAIL_ON)
    one_of("engine", cfg.engine, ENGINES)
    from backcheck.report import FORMATS
    one_of("format", cfg.format, FORMATS)
    for k, v in cfg.severity.items():
        one_of("severity key", k, SEVERITY_KEYS)
        one_of(f"severity.{k}", v, SEVERITIES)
    for key, low in (("beam", 1), ("jobs", 1), ("max_article_chars", 1), ("max_sentence_chars", 1)):
        if getattr(cfg, key) < low:
            raise InputError(p, f"{key} must be at least {low}")
    if not 0 <= cfg.warn_score <= cfg.fail_score:
        raise InputError(p, "need 0 <= warn_score <= fail_score")
