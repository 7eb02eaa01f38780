"""JUnit XML renderer, so CI systems show backcheck results natively.

`render(reports, errors=None, fail_on=None)`: one <testcase> per article. A report whose
verdict is fail (an issue at or above the fail_on it was judged under: the rule of
report.score, the same as the exit status) gets a <failure> listing its issues; warn/pass
reports list their issues in <system-out>. With fail_on given, the reports are judged again
under it first (copies: the reports themselves are left as they are). Input errors
come as `errors` (dicts with "name"/"id", "error"/"message" and optional "source", or
(name, message) pairs, or InputError objects) and become <error> test cases.

XML 1.0 cannot carry most control characters even escaped, so they are removed from every
string; xml.etree escapes the rest.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from backcheck.errors import InputError
from backcheck.report.model import Report
from backcheck.report.text_format import counts_line, ordered_issues, waived_line, where

# characters XML 1.0 does not allow (lone surrogates included)
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    return _ILLEGAL.sub("", str(value))


def _error_item(e) -> tuple[str, str, str | None]:
    if isinstance(e, InputError):
        return (e.path or "input", e.reason, e.path)
    if isinstance(e, dict):
        return (str(e.get("name") or e.get("id") or e.get("source") or "input"),
                str(e.get("error") or e.get("message") or "input error"), e.get("source"))
    name, message = e
    return (str(name), str(message), None)


def _issues_text(report: Report) -> str:
    lines = []
    for i in ordered_issues(report):
        place = where(i.pt) or where(i.en)
        sev = f"waived {i.severity}" if i.waived else i.severity
        fp = f" #{i.fingerprint}" if i.fingerprint else ""
        lines.append(f"[{sev}] {i.type}{f' ({place})' if place else ''}{fp}: {i.message}")
        if i.waived:
            lines.append(f"    {waived_line(i)}")
        if i.pt is not None:
            lines.append(f"    PT: {i.pt.text}")
        if i.en is not None:
            lines.append(f"    EN: {i.en.text}")
    return "\n".join(lines)


def render(reports: Report | list, errors=None, suite: str = "backcheck",
           fail_on: str | None = None, **_) -> str:
    items = [reports] if isinstance(reports, Report) else list(reports)
    reps = [r for r in items if isinstance(r, Report)]
    if fail_on is not None:
        from dataclasses import replace
        from backcheck.report.score import judge
        reps = [judge(replace(r), fail_on) for r in reps]
    errs = [_error_item(e) for e in [*(r for r in items if not isinstance(r, Report)),
                                     *(errors or [])]]
    failures = sum(1 for r in reps if r.verdict == "fail")
    total_time = sum(float(r.stats.get("seconds", 0) or 0) for r in reps)
    counts = {"tests": str(len(reps) + len(errs)), "failures": str(failures),
              "errors": str(len(errs)), "skipped": "0", "time": f"{total_time:.3f}"}
    root = ET.Element("testsuites", {"name": xml_text(suite), **counts})
    ts = ET.SubElement(root, "testsuite", {"name": xml_text(suite), **counts})
    for r in reps:
        tc = ET.SubElement(ts, "testcase", {
            "name": xml_text(r.id), "classname": xml_text(suite),
            "time": f"{float(r.stats.get('seconds', 0) or 0):.3f}"})
        if r.source:
            tc.set("file", xml_text(r.source))
        summary = f"{r.verdict} (fail-on {r.fail_on}): score {r.score:g}; {counts_line(r)}"
        body = _issues_text(r)
        if r.verdict == "fail":
            f = ET.SubElement(tc, "failure", {"message": xml_text(summary), "type": r.verdict})
            f.text = xml_text(body)
        elif body:
            out = ET.SubElement(tc, "system-out")
            out.text = xml_text(f"{summary}\n{body}")
    for name, message, source in errs:
        tc = ET.SubElement(ts, "testcase", {"name": xml_text(name), "classname": xml_text(suite),
                                            "time": "0.000"})
        if source:
            tc.set("file", xml_text(source))
        e = ET.SubElement(tc, "error", {"message": xml_text(message), "type": "InputError"})
        e.text = xml_text(f"{source}: {message}" if source else message)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
