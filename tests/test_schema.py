"""The committed JSON Schemas are the model's, and every shipped data file passes them (jsonschema)."""
from __future__ import annotations

import json

import jsonschema
import pytest

from geodata.fileformat import FILES, schema_path, schema_text
from helpers import DATA_DIR

SHIPPED = {"records": sorted((DATA_DIR / "records").glob("*.json")), "tour": [DATA_DIR / "tour.json"],
           "questions": [DATA_DIR / "questions.json"], "sources": [DATA_DIR / "sources.json"],
           "place_names": [p for p in [DATA_DIR / "place_names.json"] if p.exists()]}


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_the_models(name: str) -> None:
    assert schema_path(name).read_text(encoding="utf-8") == schema_text(name), \
        f"{schema_path(name)} is out of date: run 'python -m geodata schema'"


def _validator(name: str):
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name,path", [(n, p) for n, paths in SHIPPED.items() for p in paths],
                         ids=lambda v: getattr(v, "name", v))
def test_every_shipped_file_passes_its_schema_and_names_it(name: str, path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(data)]
    assert errors == []
    assert (path.parent / data["$schema"]).resolve() == schema_path(name).resolve()


def _first_record() -> dict:
    return json.loads((DATA_DIR / "records" / "rail_lines.json").read_text(encoding="utf-8"))["records"][0]


@pytest.mark.parametrize("change,where", [
    (lambda r: r.update(stage=r.pop("stages")), "stage"),                          # a misspelt field
    (lambda r: r["stages"][0].update(bsis="text"), "bsis"),                         # misspelt, nested
    (lambda r: r["name"].pop("ur"), "ur"),                                          # Urdu name missing
    (lambda r: r["name"].update(xx="?"), "xx"),                                     # unregistered language
    (lambda r: r["stages"][0].update(status="completed"), "completed"),
    (lambda r: r["sources"][0].update(gloss="a plain string"), "plain string"),     # not a language map
    (lambda r: r.update(geometry={"path": ["a-b", "c-d"], "point": "e-f"}), "geometry"),
])
def test_a_bad_record_is_flagged_by_the_schema_alone(change, where: str) -> None:
    record = _first_record()
    change(record)
    errors = list(_validator("records").iter_errors({"$schema": "x", "records": [record]}))
    assert errors, where
    assert any(where in (e.message + str(list(e.absolute_path))) for e in errors), [e.message for e in errors]


def test_the_unbroken_record_passes_the_schema() -> None:
    assert list(_validator("records").iter_errors({"$schema": "x", "records": [_first_record()]})) == []
