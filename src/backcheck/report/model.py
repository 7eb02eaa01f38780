"""The report model: what every check produces and every renderer reads.

The JSON form of these classes is the contract documented in docs/report-schema.md.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = "1.1"
FIELDS = ("headline", "standfirst", "caption", "body")
TYPES = ("omission", "addition", "number", "entity", "negation",
         "mistranslation", "untranslated", "artifact")
SEVERITIES = ("critical", "major", "minor", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info 0 .. critical 3


@dataclass
class Loc:
    field: str                 # headline | standfirst | caption | body
    paragraph: int | None      # body paragraph index, None for other fields
    text: str                  # the sentence(s) concerned


@dataclass
class Issue:
    type: str                  # one of TYPES
    severity: str              # one of SEVERITIES
    pt: Loc | None
    en: Loc | None
    message: str
    evidence: dict = field(default_factory=dict)   # back-translation, similarity, spans...
    fingerprint: str = ""      # stable across runs (report.waivers.fingerprint)
    waived: dict | None = None  # {"by", "date", "reason"}: accepted by an editor, not counted

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class BeadLoc:
    pt: Loc | None
    en: Loc | None
    similarity: float | None
    checked: bool = True       # False: English with no Portuguese source on a partial page


@dataclass
class Report:
    id: str
    engine: dict | None        # {"name", "model", "revision"} or None when nothing translated
    verdict: str = "pass"      # pass | warn | fail (see report.score: follows fail_on)
    score: float = 0.0         # MQM-style penalty points per 100 words (lower is better)
    fail_on: str = "major"     # the --fail-on level the verdict was given under
    alignment: list[BeadLoc] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    source: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict:
        return asdict(self)

    def counted(self) -> list[Issue]:
        """The issues that count towards the score and the verdict: all but the waived."""
        return [i for i in self.issues if not i.waived]

    def worst_severity(self) -> str | None:
        counted = [i.severity for i in self.counted()]
        return max(counted, key=SEVERITY_RANK.__getitem__) if counted else None


def loc_from_dict(d: dict | None) -> Loc | None:
    return None if d is None else Loc(d["field"], d.get("paragraph"), d.get("text", ""))


def report_from_dict(d: dict) -> Report:
    """Inverse of Report.to_dict (used by batch resume and the summary)."""
    return Report(
        id=d["id"], engine=d.get("engine"), verdict=d.get("verdict", "pass"),
        score=d.get("score", 0.0), fail_on=d.get("fail_on", "major"),
        alignment=[BeadLoc(loc_from_dict(b.get("pt")), loc_from_dict(b.get("en")),
                           b.get("similarity"), b.get("checked", True))
                   for b in d.get("alignment", [])],
        issues=[Issue(i["type"], i["severity"], loc_from_dict(i.get("pt")),
                      loc_from_dict(i.get("en")), i.get("message", ""),
                      i.get("evidence") or {}, i.get("fingerprint") or "", i.get("waived"))
                for i in d.get("issues", [])],
        notes=list(d.get("notes", [])), stats=dict(d.get("stats", {})),
        source=d.get("source"), schema_version=d.get("schema_version", SCHEMA_VERSION),
    )
