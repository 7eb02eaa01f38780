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


def error_row(job: Job, message: str) -> dict:
    return {"name": job.name, "id": job.name, "source": job.source,
            "verdict": "error", "score": None,
            "counts": {}, "json": None, "html": None, "error": message, "skipped": False}


def row(job: Job, rep: Report, html: bool, skipped: bool) -> dict:
    from backcheck.report.text_format import counts
    return {"name": job.name, "id": rep.id, "source": rep.source, "verdict": rep.verdict,
            "score": rep.score, "counts": counts(rep), "json": f"{job.name}.json",
            "html": f"{job.name}.html" if html else None, "error": None, "skipped": skipped}


def slim(rep: Report) -> Report:
    """What junit.xml needs of a report, so a batch of 100,000 articles does not hold every
    report's alignment and evidence until the end: the issues without their evidence, in
    the order the report lists them (that order needs the alignment, so it is fixed now;
    without the alignment the JUnit renderer's stable sort keeps it)."""
    from backcheck.report.text_format import ordered_issues
    issues = [Issue(i.type, i.severity, i.pt, i.en, i.message) for i in ordered_issues(rep)]
    return Report(id=rep.id, engine=None, verdict=rep.verdict, score=rep.score, issues=issues,
                  stats={"seconds": rep.stats.get("seconds", 0)}, source=rep.source)


def write(out: Path, rows, reports, config, status, elapsed) -> str:
    """Write the four summary files; returns the one-line summary for stderr."""
    from backcheck import __version__
    from backcheck.report import html_format, render
    rows = sorted(rows, key=lambda r: (VERDICT_ORDER[r["verdict"]], -(r["score"] or 0),
                                       r["name"]))
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICT_ORDER}
    skipped = sum(1 for r in rows if r["skipped"])
    summary = {"backcheck": __version__, "articles": len(rows), "verdicts": counts,
               "skipped": skipped, "fail_on": config.fail_on, "exit_status": status,
               "elapsed_s": round(elapsed, 2), "reports": rows}
    write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["name", "id", "verdict", "score", "critical", "major", "minor", "info",
                "source", "error"])
    for r in rows:
        c = r["counts"]
        w.writerow([r["name"], r["id"], r["verdict"], "" if r["score"] is None else r["score"],
                    c.get("critical", ""), c.get("major", ""), c.get("minor", ""),
                    c.get("info", ""), r["source"] or "", r["error"] or ""])
    write_atomic(out / "summary.csv", buf.getvalue())
    write_atomic(out / "index.html", html_format.render_index(rows))
    errors = [{"name": r["name"], "source": r["source"], "error": r["error"]}
              for r in rows if r["verdict"] == "error"]
    write_atomic(out / "junit.xml",
                 render(reports, "junit", errors=errors, fail_on=config.fail_on))
    done = f"{len(rows)} articles: " + ", ".join(f"{counts[v]} {v}" for v in
                                                  ("pass", "warn", "fail", "error"))
    if skipped:
        done += f" ({skipped} already done)"
    return f"{done} in {elapsed:.1f}s; reports in {out}"
