"""What a batch keeps per article (a summary row, and a slim report for JUnit) and the
summary files written at the end: summary.json, summary.csv, index.html, junit.xml.

Entry points: `row(...)`, `error_row(...)`, `slim(report)`, `write(...) -> final line`.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from backcheck.batch.discovery import Job
from backcheck.batch.state import write_atomic
from backcheck.report.model import Issue, Report

VERDICT_ORDER = {"error": 0, "fail": 1, "warn": 2, "pass": 3}


CSV_COLUMNS = ["name", "id", "verdict", "score", "critical", "major", "minor", "info",
               "waived", "types", "headline", "top_issue", "source", "error"]
MAX_TEXT = 300                 # headline and top issue are cut to this many characters


def error_row(job: Job, message: str) -> dict:
    return {"name": job.name, "id": job.name, "source": job.source,
            "verdict": "error", "score": None, "counts": {}, "waived": 0, "types": [],
            "headline": "", "top_issue": "", "json": None, "html": None, "error": message,
            "skipped": False}


def _cut(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def headline(rep: Report) -> str:
    """The article's English headline (else the Portuguese one, else its first sentence)."""
    locs = [loc for b in rep.alignment for loc in (b.en, b.pt) if loc is not None]
    for side in ("en", "pt"):
        for b in rep.alignment:
            loc = getattr(b, side)
            if loc is not None and loc.field == "headline":
                return _cut(loc.text)
    return _cut(locs[0].text) if locs else ""


def top_issue(rep: Report) -> str:
    """The worst counted issue, as "severity type: message"."""
    from backcheck.report.text_format import ordered_issues
    for i in ordered_issues(rep):
        if not i.waived:
            return _cut(f"{i.severity} {i.type}: {i.message}")
    return ""


def row(job: Job, rep: Report, html: bool, skipped: bool) -> dict:
    from backcheck.report.text_format import counts
    counted = rep.counted()
    return {"name": job.name, "id": rep.id, "source": rep.source, "verdict": rep.verdict,
            "score": rep.score, "counts": counts(rep),
            "waived": len(rep.issues) - len(counted),
            "types": sorted({i.type for i in counted}),
            "headline": headline(rep), "top_issue": top_issue(rep),
            "json": f"{job.name}.json", "html": f"{job.name}.html" if html else None,
            "error": None, "skipped": skipped}


def slim(rep: Report) -> Report:
    """What junit.xml needs of a report, so a batch of 100,000 articles does not hold every
    report's alignment and evidence until the end: the issues without their evidence, in
    the order the report lists them (that order needs the alignment, so it is fixed now;
    without the alignment the JUnit renderer's stable sort keeps it)."""
    from backcheck.report.text_format import ordered_issues
    issues = [Issue(i.type, i.severity, i.pt, i.en, i.message, fingerprint=i.fingerprint,
                    waived=i.waived) for i in ordered_issues(rep)]
    return Report(id=rep.id, engine=None, verdict=rep.verdict, score=rep.score,
                  fail_on=rep.fail_on, issues=issues,
                  stats={"seconds": rep.stats.get("seconds", 0)}, source=rep.source)


def write(out: Path, rows, reports, config, status, elapsed, stale=(), pruned=False,
          baseline=None) -> str:
    """Write the four summary files; returns the one-line summary for stderr. `stale`:
    reports whose input is gone (removed when `pruned`); `baseline`: the --baseline run."""
    from backcheck import __version__
    from backcheck.report import html_format, render
    rows = sorted(rows, key=lambda r: (VERDICT_ORDER[r["verdict"]], -(r["score"] or 0),
                                       r["name"]))
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICT_ORDER}
    skipped = sum(1 for r in rows if r["skipped"])
    summary = {"backcheck": __version__, "articles": len(rows), "verdicts": counts,
               "skipped": skipped, "fail_on": config.fail_on, "exit_status": status,
               "baseline": None if baseline is None else str(baseline),
               "elapsed_s": round(elapsed, 2), "reports": rows,
               "stale": [{"name": s["name"], "input": s["input"], "pruned": pruned}
                         for s in stale]}
    write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in rows:
        c = r["counts"]
        w.writerow([r["name"], r["id"], r["verdict"], "" if r["score"] is None else r["score"],
                    c.get("critical", ""), c.get("major", ""), c.get("minor", ""),
                    c.get("info", ""), r.get("waived", 0), " ".join(r.get("types", [])),
                    r.get("headline", ""), r.get("top_issue", ""), r["source"] or "",
                    r["error"] or ""])
    write_atomic(out / "summary.csv", buf.getvalue())
    write_atomic(out / "index.html", html_format.render_index(
        rows, stale=summary["stale"], fail_on=config.fail_on, baseline=summary["baseline"]))
    errors = [{"name": r["name"], "source": r["source"], "error": r["error"]}
              for r in rows if r["verdict"] == "error"]
    write_atomic(out / "junit.xml",
                 render(reports, "junit", errors=errors))
    done = f"{len(rows)} articles: " + ", ".join(f"{counts[v]} {v}" for v in
                                                  ("pass", "warn", "fail", "error"))
    if skipped:
        done += f" ({skipped} already done)"
    if stale:
        done += (f"; {len(stale)} stale report(s) of inputs gone "
                 + ("removed" if pruned else "kept (--prune removes them)"))
    return f"{done} in {elapsed:.1f}s; reports in {out}"
