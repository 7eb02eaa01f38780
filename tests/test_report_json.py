"""--format json: the rendered report matches the schema documented in docs/report-schema.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_report_samples import clean_report, sample_report

from backcheck.report import model, render
from backcheck.report.model import report_from_dict

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (dev dependency) not installed")

DOC = Path(__file__).resolve().parents[1] / "docs" / "report-schema.md"


def documented_schema() -> dict:
    """The JSON Schema block at the end of docs/report-schema.md (the doc is the contract)."""
    text = DOC.read_text("utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    schemas = [json.loads(b) for b in blocks if '"$schema"' in b]
    assert len(schemas) == 1, "docs/report-schema.md must hold exactly one JSON Schema block"
    return schemas[0]


@pytest.fixture(scope="module")
def validator():
    schema = documented_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("make", [sample_report, clean_report])
def test_rendered_report_validates_against_documented_schema(validator, make):
    data = json.loads(render(make(), "json"))
    errors = list(validator.iter_errors(data))
    assert errors == []
    assert data["schema_version"] == model.SCHEMA_VERSION


def test_schema_rejects_what_the_doc_forbids(validator):
    good = json.loads(render(sample_report(), "json"))
    for path, bad in [(("verdict",), "maybe"), (("issues", 0, "type"), "typo"),
                      (("issues", 0, "severity"), "blocker"),
                      (("alignment", 0, "pt", "field"), "footer"),
                      (("alignment", 0, "similarity"), 1.5), (("score",), -1)]:
        data = json.loads(json.dumps(good))
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = bad
        assert not validator.is_valid(data), path
    missing = json.loads(json.dumps(good))
    del missing["issues"][0]["evidence"]
    assert not validator.is_valid(missing)


def test_documented_enumerations_match_the_model():
    defs = documented_schema()["$defs"]
    assert tuple(defs["issue"]["properties"]["type"]["enum"]) == model.TYPES
    assert tuple(defs["issue"]["properties"]["severity"]["enum"]) == model.SEVERITIES
    assert tuple(defs["loc"]["properties"]["field"]["enum"]) == model.FIELDS
    doc = DOC.read_text("utf-8")
    for name in model.TYPES + model.SEVERITIES:
        assert f"`{name}`" in doc


def test_every_report_field_is_documented():
    schema = documented_schema()
    fields = set(sample_report().to_dict())
    assert fields == set(schema["properties"]) == set(schema["required"])
    issue_fields = set(sample_report().issues[0].to_dict())
    assert issue_fields == set(schema["$defs"]["issue"]["required"])


def test_json_round_trips_and_keeps_unicode_literal():
    rep = sample_report()
    out = render(rep, "json")
    assert "Câmara" in out and "\\u00e2" not in out
    assert report_from_dict(json.loads(out)) == rep


def test_non_finite_similarity_becomes_null(validator):
    rep = sample_report()
    rep.alignment[0].similarity = float("nan")
    rep.issues[0].evidence["similarity"] = float("inf")
    out = render(rep, "json")
    data = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert data["alignment"][0]["similarity"] is None
    assert data["issues"][0]["evidence"]["similarity"] is None
    assert validator.is_valid(data)


def test_batch_report_and_its_stats_batch_match_the_doc(validator, tmp_path):
    from backcheck import batch
    from backcheck.config import Config
    art = {"id": "b1", "pt": {"headline": "Chuva forte em Recife", "body": ["Choveu 80 mm."]},
           "en": {"headline": "Heavy rain in Recife", "body": ["It rained 80 mm."]}}
    (tmp_path / "in.jsonl").write_text(json.dumps(art) + "\n", "utf-8")
    batch.run([tmp_path / "in.jsonl"], tmp_path / "out", Config(engine="none", cache=False),
              progress=False)
    data = json.loads((tmp_path / "out" / "b1.json").read_text("utf-8"))
    assert list(validator.iter_errors(data)) == []
    documented = documented_schema()["properties"]["stats"]["properties"]["batch"]
    assert set(data["stats"]["batch"]) == set(documented["required"]) == set(documented["properties"])
    assert data["stats"]["batch"]["input"] == f"{tmp_path / 'in.jsonl'}:1"
