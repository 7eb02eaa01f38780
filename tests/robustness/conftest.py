import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, cwd=None, timeout=300, **kw):
    """Run `python -m backcheck ARGS` as a user would; return the CompletedProcess."""
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "backcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, env=env, **kw)


def assert_clean_error(proc, path=None, *words):
    """Exit 2, one line on stderr naming the file and the reason, no traceback."""
    err = proc.stderr.strip()
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], err[-2000:])
    assert "Traceback" not in err and "Traceback" not in proc.stdout, err
    assert len(err.splitlines()) == 1, err
    if path is not None:
        assert str(path) in err, err
    for w in words:
        assert w.lower() in err.lower(), (w, err)
    return err


def assert_report(proc):
    """A valid JSON report on stdout and an exit status of 0 or 1."""
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr
    rep = json.loads(proc.stdout)
    for key in ("id", "engine", "verdict", "score", "alignment", "issues"):
        assert key in rep, key
    assert rep["verdict"] in ("pass", "warn", "fail")
    return rep


def article(pt_body, en_body, **fields):
    """A corpus-format article dict (fields: headline etc. as (pt, en) tuples)."""
    d = {"id": "t", "pt": {"body": pt_body}, "en": {"body": en_body}}
    for k, (p, e) in fields.items():
        d["pt"][k], d["en"][k] = p, e
    return d


@pytest.fixture
def write(tmp_path):
    def _write(name, content):
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        elif isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return p
    return _write
