"""Time in the data model: dated names and dated geometries read, validated and queried by year,
and each kind of bad dated data refused naming file, record and field."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from geodata import query
from geodata.files import text_defect
from geodata.load import check_data, load_dataset
from helpers import copy_data, edit_record

SARAKHS = "rail-mashhad-sarakhs"
# places.csv: mashhad 59.6057 36.2981, sarakhs-ir 61.1577 36.5449, sarakhs-tm 61.2148 36.5238
MASHHAD, SARAKHS_IR, SARAKHS_TM = (59.6057, 36.2981), (61.1577, 36.5449), (61.2148, 36.5238)
TEXT_KRASNOVODSK = {"block": 1, "quote": "کراسنووڈسک", "gloss": {"en": "Krasnovodsk"}}
RENAMED_1993 = {"id": "britannica-turkmenbashy", "citation": "Encyclopaedia Britannica, 'Türkmenbashy'",
                "claim": {"en": "Krasnovodsk was renamed Türkmenbashy in 1993."},
                "url": "https://www.britannica.com/place/Turkmenbashy"}
TWO_NAMES = [
    {"name": {"en": "Krasnovodsk", "ur": "کراسنووڈسک"}, "end": "1992", "certainty": "certain",
     "source": TEXT_KRASNOVODSK},
    {"name": {"en": "Türkmenbaşy", "ur": "ترکمن باشی", "fa": "ترکمن‌باشی"}, "start": "1993",
     "certainty": "certain", "context": RENAMED_1993},
]
# Drawn to Sarakhs (Iran) only until 1995, then on across the border to Sarakhs (Turkmenistan).
TWO_GEOMETRIES = [
    {"geometry": {"path": ["mashhad", "sarakhs-ir"]}, "end": "1995", "certainty": "certain",
     "source": {"block": 14, "quote": "مشد سے سرخس (ترکمنستان) تک", "gloss": {"en": "from Mashhad to Sarakhs"}}},
    {"geometry": {"path": ["mashhad", "sarakhs-ir", "sarakhs-tm"]}, "start": "1996", "certainty": "certain",
     "source": {"block": 14, "quote": "مشد سے سرخس (ترکمنستان) تک", "gloss": {"en": "from Mashhad to Sarakhs"}}},
]


def write_place_names(d: Path, entries: list) -> None:
    data = {"$schema": "schema/place_names.schema.json", "places": [{"place": "turkmenbashi", "dated_names": entries}]}
    (d / "place_names.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def dated_copy(tmp_path: Path) -> Path:
    d = copy_data(tmp_path)
    write_place_names(d, TWO_NAMES)
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(dated_geometries=copy.deepcopy(TWO_GEOMETRIES)))
    return d


def test_a_place_with_two_dated_names_is_named_by_year(dated_copy: Path) -> None:
    ds = load_dataset(dated_copy)
    place = ds.places["turkmenbashi"]
    assert query.name_in_year(place, 1950, "en") == "Krasnovodsk"
    assert query.name_in_year(place, 1992, "ur") == "کراسنووڈسک"
    assert query.name_in_year(place, 1993, "en") == "Türkmenbaşy"
    assert query.name_in_year(place, 1993, "fa") == "ترکمن‌باشی"
    assert query.name_in_year(place, 1993, "ru") == "Türkmenbaşy"      # no Russian dated name: English
    assert query.names_in_year(place, 2000)["ur"] == "ترکمن باشی"
    first, second = place.dated_names
    assert first.source.block == 1 and first.source.text_id == "text-ur" and second.context.id == "britannica-turkmenbashy"
    assert place.names.en == "Türkmenbaşy (Krasnovodsk)"               # the undated name is unchanged


def test_a_record_with_two_dated_geometries_is_drawn_by_year(dated_copy: Path) -> None:
    ds = load_dataset(dated_copy)
    record = ds.by_id[SARAKHS]
    assert list(query.geometry_in_year(record, 1995).coords) == [MASHHAD, SARAKHS_IR]
    assert list(query.geometry_in_year(record, 1996).coords) == [MASHHAD, SARAKHS_IR, SARAKHS_TM]
    assert query.changes_over_time(record) and not query.changes_over_time(ds.by_id["rail-zahedan-kerman"])
    assert list(record.geometry.coords) == [MASHHAD, SARAKHS_IR, SARAKHS_TM]   # the undated geometry


def test_shipped_records_have_their_names_and_geometries_every_year() -> None:
    ds = load_dataset(copy_data.__globals__["DATA_DIR"])
    record = ds.by_id[SARAKHS]
    assert query.geometry_in_year(record, 1990) is record.geometry
    assert query.name_in_year(record, 1990, "ur") == record.names.ur


def _names(*changes):
    entries = copy.deepcopy(TWO_NAMES)
    for change in changes:
        change(entries)
    return entries


BAD_NAMES = {
    "overlap": (lambda e: e[1].update(start="1992"), "dated_names[1].start", "overlaps the previous entry"),
    "gap": (lambda e: e[1].update(start="1995"), "dated_names[1].start", "leaves a gap"),
    "unknown language": (lambda e: e[1]["name"].update(xx="?"), "dated_names[1].name.xx (the key)", "is not one of"),
    "no citation": (lambda e: e[1].pop("context"), "dated_names[1]", "needs its own citation"),
    "end before start": (lambda e: e[0].update(start="1993", end="1992"), "dated_names[0].end", "is before the start"),
    "open end not last": (lambda e: e[0].pop("end"), "dated_names[0].end", "only the last entry may be open-ended"),
    "quote not verbatim": (lambda e: e[0]["source"].update(quote="کراسنوودسک"), "dated_names[0].source.quote",
                           "does not occur verbatim in block 1"),
    "not a date": (lambda e: e[1].update(start="1993-13"), "dated_names[1].start", "month 13 is not 1-12"),
    "needless joins": (lambda e: e[1].update(joins="gap"), "dated_names[1].joins", "follows the previous one exactly"),
    "missing Urdu": (lambda e: e[0]["name"].pop("ur"), "dated_names[0].name", "needs text in ur"),
}


@pytest.mark.parametrize("name", list(BAD_NAMES))
def test_bad_dated_names_are_refused_naming_file_record_field(tmp_path: Path, name: str) -> None:
    change, field, fragment = BAD_NAMES[name]
    d = copy_data(tmp_path)
    write_place_names(d, _names(change))
    dataset, problems = check_data(d)
    assert dataset is None
    assert [(p.file, p.record, p.field) for p in problems] == [("place_names.json", "turkmenbashi", field)], problems
    assert fragment in problems[0].message


def test_a_declared_gap_or_overlap_is_accepted(tmp_path: Path) -> None:
    d = copy_data(tmp_path)
    write_place_names(d, _names(lambda e: e[1].update(start="1995", joins="gap")))
    assert check_data(d)[1] == []
    write_place_names(d, _names(lambda e: e[1].update(start="1992", joins="overlap")))
    assert check_data(d)[1] == []


BAD_GEOMETRIES = {
    "overlap": (lambda g: g[1].update(start="1995"), "dated_geometries[1].start", "overlaps the previous entry"),
    "gap": (lambda g: g[1].update(start="1997"), "dated_geometries[1].start", "leaves a gap"),
    "unknown place": (lambda g: g[1]["geometry"]["path"].append("sarakhs"), "dated_geometries[1].geometry.path",
                      "unknown place id(s): sarakhs"),
    "form the kind does not take": (lambda g: g[0].update(geometry={"point": "mashhad"}),
                                    "dated_geometries[0].geometry", "a rail_line takes path, not point"),
    "never shown": (lambda g: g[0].update(start="1900", end="1905"), "dated_geometries[0].end", "before 1918"),
}


@pytest.mark.parametrize("name", list(BAD_GEOMETRIES))
def test_bad_dated_geometries_are_refused_naming_file_record_field(tmp_path: Path, name: str) -> None:
    change, field, fragment = BAD_GEOMETRIES[name]
    d = copy_data(tmp_path)
    geometries = copy.deepcopy(TWO_GEOMETRIES)
    change(geometries)
    if name == "never shown":
        geometries[1].update(joins="gap")
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(dated_geometries=geometries))
    dataset, problems = check_data(d)
    assert dataset is None
    assert [(p.file, p.record, p.field) for p in problems] == [("records/rail_lines.json", SARAKHS, field)], problems
    assert fragment in problems[0].message


def test_a_dated_name_for_an_unknown_place_is_refused(tmp_path: Path) -> None:
    d = copy_data(tmp_path)
    data = {"$schema": "schema/place_names.schema.json", "places": [{"place": "nowhere", "dated_names": TWO_NAMES}]}
    (d / "place_names.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, problems = check_data(d)
    assert [(p.file, p.record, p.field) for p in problems] == [("place_names.json", "nowhere", "place")]


def test_zero_width_joiners_are_text_but_overrides_are_not() -> None:
    assert text_defect("ترکمن\u200cباشی") is None and text_defect("a\u200db") is None
    assert "U+202E" in text_defect("a\u202eb") and "U+2066" in text_defect("\u2066x")
    assert "U+0009" in text_defect("a\tb")
