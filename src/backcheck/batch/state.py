"""Run state of a batch's output directory: atomic writes, the directory lock, and resume
(which reports are already done for this exact input and configuration).

Entry points: `write_atomic(path, text)`, `lock(out)`, `fingerprint(config)`,
`done(job, out, fp, html)`.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from pathlib import Path

from backcheck.batch.discovery import Job, file_sha256
from backcheck.errors import InputError

LOCK_FILE = ".backcheck-batch.lock"

_UMASK = os.umask(0o022)
os.umask(_UMASK)                  # read once: os.umask can only be read by setting it


def write_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Write via a temp file in the same directory and rename, so readers never see half a
    file. `durable`: fsync before the rename, so the file survives a power cut too (a
    batch's article reports skip it: resume checks every report and redoes a torn one,
    and an fsync per report cost 14 ms each on the development VM)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)     # mkstemp makes it 0600: a report is no secret
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def lock(out: Path):
    """One batch per output directory at a time: an open file holding an exclusive flock
    (it goes away with the process). Close it to release."""
    f = open(out / LOCK_FILE, "w")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        f.close()
        raise InputError(out, "another backcheck batch is writing to this directory") from None
    return f


def clean_temp(out: Path) -> None:
    """Remove temp files a killed run left behind (safe only while holding the lock)."""
    for p in out.glob(".*.tmp"):
        p.unlink(missing_ok=True)


def fingerprint(config) -> str:
    """What a report depends on besides the input: backcheck's version and the settings that
    change results (not where the cache lives, nor fail_on, which only sets the exit status)."""
    from backcheck import __version__
    d = config.to_dict()
    for k in ("path", "format", "fail_on", "cache", "cache_dir", "jobs"):
        d.pop(k, None)
    for key in ("glossary", "names", "keep"):       # files: what matters is their content
        if d.get(key):
            try:
                d[key] = file_sha256(d[key])
            except OSError:
                pass                   # the check that reads it reports it, per article
    if d.get("model"):
        d["model"] = os.path.abspath(d["model"])
    if d["engine"] == "auto":
        # what "auto" means depends on which models are installed now
        from backcheck.translate import pick
        d["engine"] = pick(config)
    d["engine_revisions"] = _revisions(d["engine"], config)
    # the thresholds in force: the calibration file named, else the one shipped for the
    # engine (a bad file stops the batch here, before any work)
    from backcheck.checks import calibration
    d["calibration"] = calibration.load(config.calibration, d["engine"]).signature()
    blob = json.dumps({"version": __version__, "config": d}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _revisions(engine: str, config) -> list:
    """The revisions of the models (or Apertium packages) the engine would use: a model
    replaced in place changes results as much as a changed setting."""
    if engine == "apertium":
        from backcheck.translate.apertium import package_version
        return [package_version()]
    if engine not in ("marian", "ct2"):
        return []
    from backcheck.translate import models
    kind = "ct2" if engine == "ct2" else "hf"
    found = [models.find(config.model, d, kind) for d in models.DIRECTIONS]
    return [models.describe(p, d)["revision"] for p, d in zip(found, models.DIRECTIONS) if p]


def done(job: Job, out: Path, fp: str, html: bool) -> dict | None:
    """The existing report (as a dict) for this exact input and configuration, if complete."""
    if job.error or not job.sha256:
        return None
    try:
        d = json.loads((out / f"{job.name}.json").read_text("utf-8"))
        meta = d["stats"]["batch"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (meta.get("input_sha256"), meta.get("fingerprint"), meta.get("input")) != \
            (job.sha256, fp, job.source):
        return None
    if html and not (meta.get("html") and (out / f"{job.name}.html").is_file()):
        return None
    return d
