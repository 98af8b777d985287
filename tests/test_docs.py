"""docs/data-schema.md must document every kind, record field, place column and export property.

The names are collected from the code, not listed here: the property keys from what
``record_feature``/``place_feature`` actually write for every record and place, the fields from the
pydantic models of the files' format (geodata.fileformat).  A name counts as documented when it appears in backticks.
"""
from __future__ import annotations

import json
import re

import pytest

from geodata import baselayers, fileformat, places, schema
from geodata.export import CSV_COLUMNS, feature_collection, place_feature, record_feature
from geodata.load import check_data, shared_dataset
from helpers import REPO

DOC = REPO / "docs" / "data-schema.md"


@pytest.fixture(scope="module")
def documented() -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def missing(names, documented: set[str]) -> list[str]:
    return sorted(n for n in set(names) if n not in documented)


def _nested_keys(props: dict) -> set[str]:
    keys = set(props)
    for key in ("stages", "sources", "context", "notes"):
        for item in props.get(key) or []:
            keys |= set(item)
    keys |= set(props.get("name") or {})
    return keys


def test_every_export_property_is_documented(ds, documented: set[str]) -> None:
    keys: set[str] = set()
    for record in ds.records:
        for year in (None, 1996):
            feat = record_feature(record, year)
            keys |= set(feat) | _nested_keys(feat["properties"])
    for place in ds.places.values():
        feat = place_feature(place)
        keys |= set(feat) | _nested_keys(feat["properties"])
    keys |= set(feature_collection(ds, 1996)["metadata"])
    assert "status_at_year" in keys and "country" in keys and "start_precision" in keys
    assert missing(keys, documented) == []


def test_every_csv_column_is_documented(documented: set[str]) -> None:
    assert missing(CSV_COLUMNS, documented) == []


def _fields(model) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


ALL_MODELS = (fileformat.RecordM, fileformat.StageM, fileformat.SourceRefM, fileformat.ContextRefM,
              fileformat.NoteM, fileformat.DatedNameM, fileformat.DatedGeometryM, fileformat.GeometryM,
              fileformat.SceneM, fileformat.QuestionM, fileformat.SourceTextM, fileformat.PlaceNamesM)


def test_misspelt_record_field_is_refused_naming_it(tmp_path) -> None:
    from helpers import copy_data, edit_record
    d = copy_data(tmp_path)
    edit_record(d, "events.json", "event-islamic-revolution", lambda r: r.update(stage=r["stages"]))
    _, problems = check_data(d)
    assert [(p.record, p.field) for p in problems] == [("event-islamic-revolution", "stage")]
    assert "is not a field here" in problems[0].message


def test_every_field_a_real_record_uses_is_in_the_model() -> None:
    used = {k for f in (REPO / "geodata" / "data" / "records").glob("*.json")
            for r in json.loads(f.read_text(encoding="utf-8"))["records"] for k in r}
    assert used <= _fields(fileformat.RecordM)


def test_every_record_field_is_documented(documented: set[str]) -> None:
    names = set().union(*(_fields(m) for m in ALL_MODELS))
    assert missing(names, documented) == []


def test_every_kind_and_vocabulary_word_is_documented(documented: set[str]) -> None:
    names = set(schema.KINDS) | set(schema.GEOMETRY_FORMS) | set(schema.CERTAINTIES) | \
        set(schema.LOCATION_CERTAINTIES) | set(schema.EVENT_TYPES) | set(schema.LANGUAGES) | \
        set(schema.JOINS) | set(schema.MAP_LAYERS)
    for spec in schema.KINDS.values():
        names |= set(spec.statuses)
    assert missing(names, documented) == []


def test_every_place_column_and_base_property_is_documented(ds, documented: set[str]) -> None:
    names = set(places.PLACE_COLUMNS) | set(baselayers.BASE_LAYERS)
    for layer in ds.base.values():
        for props in layer.properties.values():
            names |= set(props)
    assert missing(names, documented) == []


def test_kind_table_matches_schema() -> None:
    """Each kind's row lists exactly its statuses and geometry forms, in schema order."""
    text = DOC.read_text(encoding="utf-8")
    for kind, spec in schema.KINDS.items():
        rows = [line for line in text.splitlines() if line.startswith(f"| `{kind}` |")]
        assert len(rows) == 1, kind
        cells = [c.strip() for c in rows[0].strip("|").split("|")]
        assert re.findall(r"`([^`]+)`", cells[2]) == list(spec.statuses), kind
        assert re.findall(r"`([^`]+)`", cells[3]) == list(spec.geometry), kind


def test_the_how_to_example_is_a_real_record() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## How to add a record"):]
    example = json.loads(re.search(r"```json\n(.*?)\n```", section, re.S).group(1))
    records = {r["id"]: r for f in (REPO / "geodata" / "data" / "records").glob("*.json")
               for r in json.loads(f.read_text(encoding="utf-8"))["records"]}
    assert example == records[example["id"]]
