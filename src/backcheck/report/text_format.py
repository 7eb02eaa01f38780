"""Terminal renderer (rich): header, issues by severity then position, notes, a summary line.

Colour only when stdout is a TTY and NO_COLOR is unset; otherwise plain text.
Article text is always passed to rich as Text objects, never as markup, so a "[red]"
in an article prints literally.

The helpers ordered_issues, counts and highlight_spans are shared with the other renderers.
"""
from __future__ import annotations

import io
import os
import shutil
import sys

from backcheck.report.model import FIELDS, SEVERITIES, SEVERITY_RANK, Issue, Loc, Report

SEV_STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow",
             "info": "cyan"}
VERDICT_STYLE = {"pass": "bold green", "warn": "bold yellow", "fail": "bold red"}


# ---- helpers shared by the renderers -------------------------------------------------

def counts(report: Report) -> dict[str, int]:
    """Counted (not waived) issues per severity, every severity present (worst first)."""
    c = {s: 0 for s in SEVERITIES}
    for i in report.counted():
        c[i.severity] = c.get(i.severity, 0) + 1
    return c


def verdict_reason(report: Report) -> str:
    """Why the verdict is what it is, by the one rule of report.score."""
    fail_on = report.fail_on
    counted = [i for i in report.counted() if i.severity != "info" or fail_on == "info"]
    at = 0 if fail_on == "never" else \
        sum(SEVERITY_RANK[i.severity] >= SEVERITY_RANK[fail_on] for i in counted)
    if at:
        return f"fail-on {fail_on}: {at} issue(s) reach it"
    if not counted:
        return f"fail-on {fail_on}: no counted issue"
    if fail_on == "never":
        return f"fail-on never: {len(counted)} counted issue(s)"
    return f"fail-on {fail_on}: none reaches it, {len(counted)} counted below"


def counts_line(report: Report) -> str:
    c = counts(report)
    waived = len(report.issues) - len(report.counted())
    return ", ".join(f"{n} {s}" for s, n in c.items()) + (f"; {waived} waived" if waived else "")


def waived_line(issue: Issue) -> str:
    """"waived by ana on 2026-12-01: reason" for a waived issue."""
    w = issue.waived or {}
    who = f" by {w['by']}" if w.get("by") else ""
    when = f" on {w['date']}" if w.get("date") else ""
    return f"waived{who}{when}" + (f": {w['reason']}" if w.get("reason") else "")


def _same_place(a: Loc | None, b: Loc | None) -> bool:
    if a is None or b is None or a.field != b.field or a.paragraph != b.paragraph:
        return False
    return bool(a.text) and bool(b.text) and (a.text in b.text or b.text in a.text)


def bead_index(report: Report) -> dict:
    """Beads by side and (field, paragraph), and by exact text: bead_of looks up instead of
    scanning every bead for every issue (quadratic on a long article with many issues)."""
    index: dict = {}
    for k, bead in enumerate(report.alignment):
        for side in ("pt", "en"):
            loc = getattr(bead, side)
            if loc is not None:
                index.setdefault((side, loc.field, loc.paragraph), []).append(k)
                index.setdefault((side, loc.field, loc.paragraph, loc.text), k)
    return index


def bead_of(report: Report, issue: Issue, index: dict | None = None) -> int | None:
    """Index of the alignment bead an issue sits in (PT side first), or None: the bead
    with the issue's exact text, else the first in its paragraph that contains it or is
    contained in it."""
    index = bead_index(report) if index is None else index
    for side in ("pt", "en"):
        loc = getattr(issue, side)
        if loc is None:
            continue
        k = index.get((side, loc.field, loc.paragraph, loc.text))
        if k is not None and loc.text:
            return k
        for k in index.get((side, loc.field, loc.paragraph), ()):
            if _same_place(loc, getattr(report.alignment[k], side)):
                return k
    return None


def _position(report: Report, issue: Issue, index: dict) -> tuple:
    loc = issue.pt or issue.en
    if loc is None:
        return (len(FIELDS), 0, 0)
    field = FIELDS.index(loc.field) if loc.field in FIELDS else len(FIELDS)
    bead = bead_of(report, issue, index)
    return (field, loc.paragraph or 0, bead if bead is not None else 0)


def ordered_issues(report: Report, index: dict | None = None) -> list[Issue]:
    """Counted issues before waived ones; worst severity first, then reading order (field,
    paragraph, aligned row)."""
    index = bead_index(report) if index is None else index
    return sorted(report.issues, key=lambda i: (bool(i.waived), -SEVERITY_RANK.get(i.severity, -1),
                                                _position(report, i, index)))


def where(loc: Loc | None) -> str:
    if loc is None:
        return ""
    return f"{loc.field} ¶{loc.paragraph + 1}" if loc.paragraph is not None else loc.field


def _is_span(x) -> bool:
    return (isinstance(x, (list, tuple)) and len(x) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in x))


def highlight_spans(issue: Issue, side: str, text: str) -> list[tuple[int, int]]:
    """Character spans of `text` to highlight for one side of an issue, from the evidence:
    "<side>_items" (strings or numbers, searched in the text; or {"text"} / {"start","end"}),
    "<side>_spans" ([start, end] pairs) and an artifact's "match" string.
    Sorted and non-overlapping."""
    ev = issue.evidence or {}
    spans: list[tuple[int, int]] = []
    needles: list[str] = []
    raw_spans = ev.get(f"{side}_spans") or []
    if _is_span(raw_spans):
        raw_spans = [raw_spans]
    spans.extend(tuple(s) for s in raw_spans if _is_span(s))
    items = ev.get(f"{side}_items")
    if items is not None and not isinstance(items, (list, tuple)):
        items = [items]
    for it in items or []:
        if isinstance(it, dict):
            if isinstance(it.get("start"), int) and isinstance(it.get("end"), int):
                spans.append((it["start"], it["end"]))
            elif it.get("text"):
                needles.append(str(it["text"]))
        elif it is not None:
            needles.append(str(it))
    if isinstance(ev.get("match"), str):
        needles.append(ev["match"])
    for needle in needles:
        if not needle.strip():
            continue
        hay, pat = text, needle
        if needle not in text:
            hay, pat = text.lower(), needle.lower()
        start = hay.find(pat)
        while start != -1:
            spans.append((start, start + len(pat)))
            start = hay.find(pat, start + len(pat))
    clipped = sorted((max(0, a), min(len(text), b)) for a, b in spans)
    merged: list[tuple[int, int]] = []
    for a, b in clipped:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def back_translations(ev: dict) -> list[tuple[str, str]]:
    """(label, text) for the machine translations carried by the evidence."""
    out = []
    bt, pt2en, en2pt = ev.get("back_translation"), ev.get("pt2en"), ev.get("en2pt")
    if pt2en:
        out.append(("PT→EN", str(pt2en)))
    if bt and bt != pt2en:
        out.append(("back-translation", str(bt)))
    if en2pt:
        out.append(("EN→PT", str(en2pt)))
    return out


def similarity(ev: dict) -> str | None:
    s = ev.get("similarity")
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        return f"{s:.2f}"
    return None if s is None else str(s)


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---- the renderer ---------------------------------------------------------------------

def render(report: Report, color: bool | None = None, width: int | None = None, **_) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    color = use_color() if color is None else color
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if color else 100
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width,
                  highlight=False, emoji=False, markup=False, soft_wrap=False)

    head = Text()
    head.append("backcheck ", style="bold")
    head.append(report.id, style="bold")
    head.append("  ")
    head.append(f" {report.verdict.upper()} ", style=VERDICT_STYLE.get(report.verdict, "bold"))
    head.append(f"  score {report.score:g}")
    con.print(head)
    eng = report.engine
    if eng:
        parts = [str(eng.get(k)) for k in ("name", "model") if eng.get(k)]
        rev = f" (revision {eng['revision']})" if eng.get("revision") else ""
        con.print(Text(f"engine: {' '.join(parts)}{rev}", style="dim"))
    else:
        con.print(Text("engine: none (nothing was translated)", style="dim"))
    if report.source:
        con.print(Text(f"source: {report.source}", style="dim"))
    con.print(Text(f"{len(report.counted())} issue(s): {counts_line(report)}"))

    shown_waived = False
    for n, issue in enumerate(ordered_issues(report), 1):
        con.print()
        if issue.waived and not shown_waived:
            con.print(Text("waived (accepted by an editor, not counted):", style="bold"))
            shown_waived = True
        title = Text(f"{n}. ")
        if issue.waived:
            title.append(" WAIVED ", style="reverse")
            title.append(f" {issue.severity}", style="dim")
        else:
            title.append(f" {issue.severity.upper()} ", style=SEV_STYLE.get(issue.severity, ""))
        title.append(f" {issue.type}", style="bold")
        place = where(issue.pt) or where(issue.en)
        if place:
            title.append(f"  {place}", style="dim")
        if issue.fingerprint:
            title.append(f"  #{issue.fingerprint}", style="dim")
        con.print(title)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim", min_width=6)
        grid.add_column(overflow="fold")
        if issue.message:
            grid.add_row("", Text(issue.message))
        if issue.waived:
            grid.add_row("", Text(waived_line(issue), style="italic"))
        sev_style = SEV_STYLE.get(issue.severity, "reverse")
        for side, label in (("pt", "PT"), ("en", "EN")):
            loc = getattr(issue, side)
            if loc is None or not loc.text:
                continue
            t = Text(loc.text)
            for a, b in highlight_spans(issue, side, loc.text):
                t.stylize(f"{sev_style} underline", a, b)
            grid.add_row(label, t)
        ev = issue.evidence or {}
        for label, txt in back_translations(ev):
            grid.add_row(label, Text(txt, style="italic"))
        sim = similarity(ev)
        if sim is not None:
            grid.add_row("sim.", Text(sim))
        pt_items, en_items = ev.get("pt_items"), ev.get("en_items")
        if pt_items or en_items:
            grid.add_row("differs", Text(f"{_show(pt_items)} ≠ {_show(en_items)}"))
        if ev.get("match"):
            grid.add_row("match", Text(_show(ev["match"])))
        con.print(grid)

    if report.notes:
        con.print()
        con.print(Text("notes:", style="bold"))
        for note in report.notes:
            con.print(Text(f"  - {note}"))
    con.print()
    con.print(Text(f"verdict: {verdict_reason(report)}", style="dim"))
    tail = Text("summary: ")
    tail.append(report.verdict.upper(), style=VERDICT_STYLE.get(report.verdict, "bold"))
    tail.append(f" · score {report.score:g} · {counts_line(report)}")
    con.print(tail)
    # rich pads table cells to the column width: drop that padding
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def _show(items) -> str:
    if items is None or items == []:
        return "—"
    if isinstance(items, (list, tuple)):
        return ", ".join(str(x.get("text", x)) if isinstance(x, dict) else str(x) for x in items)
    return str(items)
