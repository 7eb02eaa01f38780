"""HTML renderer: one self-contained page (inline CSS and JS, no network), the two texts side
by side in aligned rows, issues marked in place, a severity filter.

Entry points: `render(report) -> str` and `render_index(rows) -> str` (the batch index page).

Safety: every piece of article text goes through jinja2 autoescaping (autoescape=True, no
`|safe` on article data). The report is also embedded as JSON in a
<script type="application/json"> block with <, >, & and the JS line separators written as
\\uXXXX escapes, so no text can close the block. A Content-Security-Policy allows only the
page's own script (by hash) and no network at all, as a second line of defence.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib import resources
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from backcheck.report import json_format
from backcheck.report.model import SEVERITIES, SEVERITY_RANK, TYPES, Issue, Loc, Report
from backcheck.report.text_format import (back_translations, bead_index, bead_of, counts,
                                          highlight_spans, ordered_issues, similarity,
                                          verdict_reason, waived_line, where)

_TEMPLATES = resources.files("backcheck.report") / "templates"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
    autoescape=True, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True)

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data) -> Markup:
    """JSON that is safe inside <script type="application/json">: no '<' can end the block."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str)
    for ch, esc in _JSON_ESCAPES.items():
        text = text.replace(ch, esc)
    return Markup(text)   # noqa: S704 -- escaped just above; autoescape would corrupt the JSON


@functools.cache          # one read per process: batch --html renders a page per article
def _script(name: str) -> tuple[Markup, str]:
    """Our own inline script and its CSP hash (it is code we ship, never article text)."""
    code = (_TEMPLATES / name).read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return Markup(code), Markup(f"'sha256-{digest}'")


def _sev_key(sev: str) -> int:
    return SEVERITY_RANK.get(sev, -1)


def _pieces(text: str, marks: list[tuple[int, int, str, bool]]) -> list[dict]:
    """Cut `text` into pieces at every mark boundary. marks: (start, end, severity, is_item).
    Each piece: {"text", "sevs": severities covering it (worst first), "item": bool}."""
    cuts = {0, len(text)}
    for a, b, _, _ in marks:
        cuts.update((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        cover = [m for m in marks if m[0] <= a and b <= m[1]]
        sevs = sorted({m[2] for m in cover}, key=_sev_key, reverse=True)
        out.append({"text": text[a:b], "sevs": sevs, "item": any(m[3] for m in cover)})
    return out


def _side_cell(loc: Loc | None, issues: list[Issue], side: str) -> dict | None:
    if loc is None:
        return None
    text = loc.text
    marks = []
    for issue in issues:
        iloc = getattr(issue, side)
        if iloc is None or not iloc.text or issue.waived:     # accepted: not marked
            continue
        if iloc.text in text:
            start = text.find(iloc.text)
        elif text in iloc.text:
            start = -iloc.text.find(text)
        else:
            continue
        marks.append((max(0, start), min(len(text), start + len(iloc.text)),
                      issue.severity, False))
        for a, b in highlight_spans(issue, side, iloc.text):
            marks.append((start + a, start + b, issue.severity, True))
    return {"where": where(loc), "pieces": _pieces(text, marks)}


def _issue_view(issue: Issue, placed: bool) -> dict:
    ev = issue.evidence or {}
    items = []
    for key, label in (("pt_items", "PT items"), ("en_items", "EN items"), ("match", "match")):
        v = ev.get(key)
        if v not in (None, "", []):
            items.append((label, ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)))
    return {
        "type": issue.type, "severity": issue.severity, "message": issue.message,
        "translations": back_translations(ev), "similarity": similarity(ev), "found": items,
        # an issue shown outside the aligned rows quotes its own text
        "pt": None if placed or issue.pt is None else issue.pt.text,
        "en": None if placed or issue.en is None else issue.en.text,
        "where": where(issue.pt) or where(issue.en),
        "fingerprint": issue.fingerprint,
        "waived": waived_line(issue) if issue.waived else None,
    }


def render(report: Report, **_) -> str:
    by_bead: dict[int, list[Issue]] = {}
    unplaced = []
    index = bead_index(report)
    for issue in ordered_issues(report, index):
        k = bead_of(report, issue, index)
        if k is None:
            unplaced.append(issue)
        else:
            by_bead.setdefault(k, []).append(issue)
    rows = []
    for k, bead in enumerate(report.alignment):
        issues = by_bead.get(k, [])
        rows.append({
            "n": k + 1,
            "checked": bead.checked,
            "pt": _side_cell(bead.pt, issues, "pt"),
            "en": _side_cell(bead.en, issues, "en"),
            "similarity": None if bead.similarity is None else f"{bead.similarity:.2f}",
            "sevs": " ".join(sorted({i.severity for i in issues if not i.waived}, key=_sev_key,
                                    reverse=True)),
            "issues": [_issue_view(i, True) for i in issues],
        })
    script, script_hash = _script("report.js")
    return _ENV.get_template("report.html.j2").render(
        report=report, rows=rows, unplaced=[_issue_view(i, False) for i in unplaced],
        reason=verdict_reason(report),
        counts=counts(report), severities=SEVERITIES, engine=report.engine or {},
        data=json_for_script(json_format.to_json_dict(report)),
        script=script, script_hash=script_hash)


# ---- batch index page -------------------------------------------------------------------

_VERDICT_RANK = {"fail": 3, "warn": 2, "pass": 1}


def safe_link(link) -> str | None:
    """A relative link to a local file, percent-encoded; None for anything else
    (a scheme such as javascript:, a host, an absolute path)."""
    if not link:
        return None
    link = str(link).replace("\\", "/")
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/") or any(ord(c) < 32 for c in link):
        return None
    return quote(link, safe="/")


def _index_row(row: dict) -> dict:
    c = row.get("counts") or {}
    error = row.get("error")
    return {
        "id": str(row.get("id", "")),
        "verdict": None if error else row.get("verdict"),
        "score": row.get("score"),
        "counts": {s: int(c.get(s, row.get(s, 0)) or 0) for s in SEVERITIES},
        "html": safe_link(row.get("html") or row.get("link")),
        "json": safe_link(row.get("json")),
        "error": None if error is None else str(error),
        "source": None if row.get("source") is None else str(row["source"]),
        "waived": int(row.get("waived") or 0),
        "types": [str(t) for t in row.get("types") or [] if str(t) in TYPES],
        "headline": str(row.get("headline") or ""),
        "top_issue": str(row.get("top_issue") or ""),
    }


def _worst_first(r: dict) -> tuple:
    if r["error"]:
        return (0, 0, "", r["id"])
    return (1, -_VERDICT_RANK.get(r["verdict"], 0), -(r["score"] or 0), r["id"])


def render_index(rows: list[dict], title: str = "backcheck batch report", stale=(),
                 fail_on: str | None = None, baseline: str | None = None, **_) -> str:
    """The batch summary page. rows: dicts with id, verdict, score, counts ({severity: n},
    or the severities as top-level keys), waived, types (of the counted issues), headline,
    top_issue, html / json (relative links to the article's reports) and error (message,
    for an input error). Sorted worst first (input errors, then fail, warn, pass, each by
    score); the page sorts by any column and filters by verdict, issue type, score and
    text. stale: [{"name", "input", "pruned"}], reports whose input is gone."""
    view = sorted((_index_row(r) for r in rows), key=_worst_first)
    totals = {v: sum(1 for r in view if r["verdict"] == v) for v in ("fail", "warn", "pass")}
    totals["error"] = sum(1 for r in view if r["error"])
    script, script_hash = _script("index.js")
    return _ENV.get_template("index.html.j2").render(
        title=title, rows=view, totals=totals, severities=SEVERITIES, types=TYPES,
        stale=[{k: str(s.get(k, "")) for k in ("name", "input")} | {"pruned": bool(s.get("pruned"))}
               for s in stale],
        fail_on=fail_on, baseline=baseline, script=script, script_hash=script_hash)
