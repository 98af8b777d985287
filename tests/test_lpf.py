"""Linked Places export (issue 19): the whole dataset validates against LPF's published JSON Schema.

The schema is the World Historical Gazetteer's lpf_v2.0.jsonld, vendored in tests/vendor/lpf/ (see
PROVENANCE.md there); the expected values below are read by hand from the record files.
"""
from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource

from geodata.load import shared_dataset
from geodata.lpf import lpf_collection

REPO_ROOT = Path(__file__).resolve().parents[1]
VENDOR = REPO_ROOT / "tests" / "vendor" / "lpf"
SHA256 = {"lpf_v2.0.jsonld": "c0f2ae3a3b69d32e0397c555a029fefc6e78767ccad541ec16aa194b3cf17f99",
          "csl-citation.json": "8a2d66066b2aefa8c3a95e21550b5e309b405bf3183488ff4d8aa041d885a38f"}


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    for name, digest in SHA256.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, f"{name} differs from upstream"
    schema = json.loads((VENDOR / "lpf_v2.0.jsonld").read_text(encoding="utf-8"))
    csl = json.loads((VENDOR / "csl-citation.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    registry = Registry().with_resource(csl["$id"], Resource.from_contents(csl))
    return Draft7Validator(schema, registry=registry)


@pytest.fixture(scope="module")
def whole() -> dict:
    return lpf_collection(shared_dataset())


def _problems(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(doc)]


def test_whole_dataset_validates_against_lpf_schema(validator, whole):
    assert _problems(validator, whole) == []
    dataset = shared_dataset()
    assert len(whole["features"]) == len(dataset.records) + len(dataset.places)


@pytest.mark.parametrize("break_it, where", [
    (lambda f: f["names"][0].pop("toponym"), "name"),                       # a name with no name
    (lambda f: f["when"].update(certainty="approximate"), "certainty"),      # our word, not LPF's
    (lambda f: f["types"][1]["when"]["timespans"][0].update(start={"in": "May 1996"}), "date"),
    (lambda f: f.update({"@id": "rail mashhad"}), "@id"),
])
def test_schema_catches_a_broken_feature(validator, whole, break_it, where):
    feature = copy.deepcopy(next(f for f in whole["features"] if f["@id"] == "icamap:rail-mashhad-sarakhs"))
    doc = {**whole, "features": [feature]}
    assert _problems(validator, doc) == [], "the feature is valid before it is broken"
    break_it(feature)
    assert _problems(validator, doc), f"a broken {where} passed the schema"


def test_mashhad_sarakhs_railway_dates_certainty_and_citations(whole):
    f = next(f for f in whole["features"] if f["@id"] == "icamap:rail-mashhad-sarakhs")
    # rail_lines.json after the fact check (docs/fact-check.md): agreed 1991-11 .. 1991-12 (inferred), under
    # construction 1992 .. 1996-05-11 (approximate: UPI, 13 May 1996), operational from the text's 1996-05-12
    # (disputed: contemporary reports say 13 May)
    assert f["when"]["timespans"] == [{"start": {"in": "1991-11"}, "end": {"in": "1991-12"}},
                                      {"start": {"in": "1992"}, "end": {"in": "1996-05-11"}},
                                      {"start": {"in": "1996-05-12"}}]
    assert f["when"]["certainty"] == "uncertain"          # the least certain stage: inferred
    agreed, building, operational = f["types"][1], f["types"][2], f["types"][3]
    assert agreed["label"] == "Rail line: agreed" and agreed["when"]["certainty"] == "uncertain"
    assert building["label"] == "Rail line: under construction" and building["when"]["certainty"] == "less-certain"
    assert operational["label"] == "Rail line: operational" and operational["when"]["certainty"] == "uncertain"
    assert f["geometry"]["type"] == "LineString" and f["geometry"]["certainty"] == "less-certain"   # schematic
    assert f["properties"]["fclasses"] == ["R"]
    assert {n["lang"] for n in f["names"]} >= {"en", "ur"}
    assert "block 14" in f["names"][0]["citations"][0]["label"]


def test_place_feature_has_country_code_and_coordinate_source(whole):
    f = next(f for f in whole["features"] if f["@id"] == "icamap:mashhad")
    assert f["properties"]["ccodes"] == ["IR"]
    assert f["geometry"]["coordinates"] == [59.6057, 36.2981]          # places.csv
    assert "GeoNames 124665" in f["geometry"]["citations"][0]["label"]
    assert f["geometry"]["certainty"] == "certain"                      # location_certainty exact


def test_export_command_writes_lpf(tmp_path: Path, validator):
    out = tmp_path / "all.lpf.json"
    proc = subprocess.run([sys.executable, "-m", "geodata", "export", "--format", "lpf", "--out", str(out)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["features"][0]["@id"].startswith("icamap:") and doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(shared_dataset().records) + len(shared_dataset().places)


def test_page_download_of_the_view_is_lpf(validator):
    from dashboard import create_app
    client = create_app().server.test_client()
    response = client.get("/export/view.lpf.json?year=1997")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert 'filename="view.lpf.json"' in response.headers["Content-Disposition"]
    doc = response.get_json(force=True)
    assert _problems(validator, doc) == []
    ids = {f["@id"] for f in doc["features"]}
    assert "icamap:rail-mashhad-sarakhs" in ids            # operational from May 1996: on the 1997 map
    assert doc["metadata"]["view"] == "?year=1997"
