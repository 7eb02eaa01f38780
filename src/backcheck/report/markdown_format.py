"""Markdown renderer, for pasting into tickets: header, verdict, counts, then the issues with
the Portuguese and English quoted.

Article text is escaped so it renders literally: Markdown punctuation, pipes and HTML-ish
characters are backslash-escaped, and newlines become spaces so a quote stays one block.
"""
from __future__ import annotations

import re

from backcheck.report.model import SEVERITIES, Report
from backcheck.report.text_format import (back_translations, counts, ordered_issues,
                                          similarity, verdict_reason, waived_line, where)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup in the middle of a line (emphasis, code, links, raw HTML, entities, table
# cells, strikethrough, GitHub math, closing #s). Article text never starts a line here,
# so line-start markers (-, +, 1., >) need no escape.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#])")


def md_escape(text) -> str:
    text = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", text)


def render(report: Report, **_) -> str:
    c = counts(report)
    out = [f"## backcheck: {md_escape(report.id)} — **{report.verdict.upper()}**", ""]
    eng = report.engine
    engine = " ".join(str(eng[k]) for k in ("name", "model") if eng and eng.get(k)) \
        if eng else "none (nothing translated)"
    if eng and eng.get("revision"):
        engine += f" (revision {eng['revision']})"
    out += [f"- verdict: {report.verdict}: {md_escape(verdict_reason(report))}",
            f"- score: **{report.score:g}** (penalty points per 100 words)",
            f"- engine: {md_escape(engine)}"]
    if report.source:
        out.append(f"- source: {md_escape(report.source)}")
    out += ["", "| " + " | ".join(SEVERITIES) + " |", "|" + "---:|" * len(SEVERITIES),
            "| " + " | ".join(str(c[s]) for s in SEVERITIES) + " |", ""]
    if report.notes:
        out += [f"> {md_escape(n)}" for n in report.notes] + [""]
    if not report.issues:
        out.append("No issues found.")
    waived_heading = False
    for n, i in enumerate(ordered_issues(report), 1):
        if i.waived and not waived_heading:
            out += ["**Waived** (accepted by an editor, not counted):", ""]
            waived_heading = True
        place = where(i.pt) or where(i.en)
        sev = f"~~{i.severity}~~ waived" if i.waived else f"**{i.severity}**"
        fp = f" · `{i.fingerprint}`" if i.fingerprint else ""
        out.append(f"{n}. {sev} · {i.type}"
                   f"{f' · {md_escape(place)}' if place else ''}{fp} — {md_escape(i.message)}")
        quotes = [f"*{md_escape(waived_line(i))}*"] if i.waived else []
        if i.pt is not None:
            quotes.append(f"**PT:** {md_escape(i.pt.text)}")
        if i.en is not None:
            quotes.append(f"**EN:** {md_escape(i.en.text)}")
        ev = i.evidence or {}
        quotes += [f"*{label}:* {md_escape(text)}" for label, text in back_translations(ev)]
        sim = similarity(ev)
        if sim is not None:
            quotes.append(f"*similarity:* {md_escape(sim)}")
        # indent to the list marker's width so the quote stays inside the item (10. is wider);
        # a blank quoted line between entries keeps them separate paragraphs
        pad = " " * len(f"{n}. ")
        body = f"\n{pad}>\n".join(f"{pad}> {q}" for q in quotes)
        out += [body, ""] if body else [""]
    return "\n".join(out).rstrip() + "\n"
