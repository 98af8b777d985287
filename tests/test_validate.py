"""The validator on broken data: each case copies geodata/data, breaks ONE thing, and checks that

* ``check_data(copy)`` returns no dataset and exactly the problems listed, each naming the file,
  the record and the field, with the message fragment given; and
* ``python -m geodata validate --data-dir COPY`` exits 1 and prints those problems on stderr,
  without a traceback.

A case is a function that edits the copy, registered with the problems it must cause.  Where
one break rightly causes a second problem (a record that loses its citation also loses the
citation its stage names), both are listed.
"""
from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from geodata import schema
from geodata.load import Problem, check_data
from helpers import (DATA_DIR, copy_data, edit_place, edit_record, read_places_csv, read_records, records_path, run_geodata,
                     set_base_geometry, write_places_csv, write_records)

RAIL = "records/rail_lines.json"
SARAKHS = "rail-mashhad-sarakhs"          # agreed 1991-11..1991-12, building 1992..1996-05-11, open from 1996-05-12


@dataclass(frozen=True)
class Expect:
    file: str
    record: str
    field: str | re.Pattern
    fragment: str

    def matches(self, p: Problem) -> bool:
        field_ok = self.field.fullmatch(p.field) if isinstance(self.field, re.Pattern) else self.field == p.field
        return p.file == self.file and p.record == self.record and bool(field_ok) and self.fragment in p.message

    def cli_line(self) -> re.Pattern:
        """The line ``validate`` prints: file: record: field: message (empty parts left out)."""
        field = self.field.pattern if isinstance(self.field, re.Pattern) else re.escape(self.field)
        parts = [re.escape(self.file)] + [re.escape(self.record)] * bool(self.record) + [field] * bool(
            isinstance(self.field, re.Pattern) or self.field)
        return re.compile(r"^  " + ": ".join(parts) + r": .*" + re.escape(self.fragment), re.MULTILINE)


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path], None]
    expect: tuple[Expect, ...]


CASES: list[Case] = []


def case(*expect: Expect):
    def register(fn: Callable[[Path], None]):
        CASES.append(Case(fn.__name__, fn, expect))
        return fn
    return register


def in_record(file: str, rid: str, field: str | re.Pattern, fragment: str) -> Expect:
    return Expect(f"records/{file}", rid, field, fragment)


def in_places(rid: str, field: str | re.Pattern, fragment: str) -> Expect:
    return Expect("places.csv", rid, field, fragment)


# =========================================================================== record files as files

@case(Expect(RAIL, "", re.compile(r"line \d+ column \d+"), "is not valid JSON"))
def truncated_json(d: Path) -> None:
    text = records_path(d, "rail_lines.json").read_text(encoding="utf-8")
    records_path(d, "rail_lines.json").write_text(text[: len(text) // 2], encoding="utf-8")


@case(Expect(RAIL, "", "$schema", "is missing"))
def envelope_without_schema(d: Path) -> None:
    write_records(d, "rail_lines.json", {"records": read_records(d, "rail_lines.json")})


@case(Expect(RAIL, "", "", 'must hold {"$schema": ..., "records": [...]}'))
def bare_list_of_the_old_format(d: Path) -> None:
    records_path(d, "rail_lines.json").write_text(json.dumps(read_records(d, "rail_lines.json")), encoding="utf-8")


@case(Expect(RAIL, "", "", "is empty"))
def empty_file(d: Path) -> None:
    records_path(d, "rail_lines.json").write_text("", encoding="utf-8")


def _latin1_text() -> str:
    records = json.loads((DATA_DIR / "records" / "rail_lines.json").read_text(encoding="utf-8"))
    # ASCII JSON (non-ASCII escaped), then one accented letter that latin-1 writes as the single byte 0xE9.
    return json.dumps(records, ensure_ascii=True, indent=2).replace("railway", "railw\u00e9y", 1)


@case(Expect(RAIL, "", "", f"is not UTF-8 (bad byte at offset {_latin1_text().index(chr(0xE9))})"))
def latin1_bytes(d: Path) -> None:
    records_path(d, "rail_lines.json").write_bytes(_latin1_text().encode("latin-1"))


# =========================================================================== fields of one record

@case(in_record("rail_lines.json", SARAKHS, "sources[1].block", "must be a whole number, got '14'"))
def block_as_string(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["sources"][1].update(block="14"))


@case(in_record("rail_lines.json", SARAKHS, "from_text", "must be true or false"))
def from_text_yes(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(from_text="yes"))


@case(in_record("rail_lines.json", SARAKHS, "stages", "must be a list, got 'agreed 1991, operational 1996'"))
def stages_not_a_list(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(stages="agreed 1991, operational 1996"))


@case(in_record("rail_lines.json", SARAKHS, "kind", "'railway' is not one of " + ", ".join(map(repr, list(schema.KINDS)[:-1])) + f" or {list(schema.KINDS)[-1]!r}"))
def unknown_kind(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(kind="railway"))


@case(in_record("rail_lines.json", SARAKHS, "stages[1].status",
                "'completed' is not one of 'proposed', 'agreed'"))
def unknown_status(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["stages"][1].update(status="completed"))


@case(in_record("rail_lines.json", SARAKHS, "name", "needs text in ur"))
def missing_urdu_name(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["name"].pop("ur"))


@case(in_record("rail_lines.json", SARAKHS, "stage", "is not a field here"))
def misspelt_record_field(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r.update(stage=r["stages"]))


@case(in_record("polities.json", "polity-tkm", "stages[1].bsis", "is not a field here"))
def misspelt_stage_field(d: Path) -> None:
    # Without the check the stage would silently fall back to basis "text".
    edit_record(d, "polities.json", "polity-tkm", lambda r: r["stages"][1].update(bsis=r["stages"][1].pop("basis")))


# =========================================================================== references

@case(in_record("rail_lines.json", SARAKHS, "geometry.path", "unknown place id(s): sarakhs"))
def unknown_place_in_path(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["geometry"]["path"].__setitem__(1, "sarakhs"))


@case(in_record("polities.json", "polity-tkm", "geometry.area", "'countries:TKX' is not a feature of a base layer"))
def unknown_area_ref(d: Path) -> None:
    edit_record(d, "polities.json", "polity-tkm", lambda r: r["geometry"].update(area=["countries:TKX"]))


@case(in_record("zones.json", "zone-sarakhs-ftz", "geometry.buffer.place", "must be text, got ['sarakhs-ir']"))
def buffer_place_not_text(d: Path) -> None:
    # A list where the place id belongs used to crash the loader (a list cannot be looked up).
    edit_record(d, "zones.json", "zone-sarakhs-ftz", lambda r: r["geometry"]["buffer"].update(place=["sarakhs-ir"]))


@case(in_record("zones.json", SARAKHS, "id", "is already used in records/rail_lines.json"))
def duplicate_id(d: Path) -> None:
    zones = read_records(d, "zones.json")
    zones.append(next(r for r in read_records(d, "rail_lines.json") if r["id"] == SARAKHS))
    write_records(d, "zones.json", zones)


@case(in_record("zones.json", "mashhad", "id", "is already used in places.csv"))
def record_id_same_as_place(d: Path) -> None:
    edit_record(d, "zones.json", "zone-sarakhs-ftz", lambda r: r.update(id="mashhad"))


# =========================================================================== quotes

@case(in_record("rail_lines.json", SARAKHS, "sources[1].quote",
                "does not occur verbatim in block 14 (not found anywhere in the text)"))
def quote_altered_by_one_character(d: Path) -> None:
    def change(r):
        quote = r["sources"][1]["quote"]
        assert "۸۵" in quote
        r["sources"][1]["quote"] = quote.replace("۸۵", "۸۶")   # USD 85 million -> 86
    edit_record(d, "rail_lines.json", SARAKHS, change)


@case(in_record("rail_lines.json", SARAKHS, "sources[0].quote",
                "does not occur verbatim in block 13 (it does occur in block 14)"))
def quote_pointed_at_wrong_block(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["sources"][0].update(block=13))


@case(in_record("crossings.json", "border-post-1991", "sources[0].footnote_printed",
                "marker '۷۷' is not printed in block 8"))
def footnote_marker_not_in_block(d: Path) -> None:
    edit_record(d, "crossings.json", "border-post-1991", lambda r: r["sources"][0].update(footnote_printed="۷۷"))


@case(in_record("crossings.json", "border-post-1991", "sources[0].footnote_printed",
                "marker '۹۱' is not printed in block 8"))
def footnote_marker_only_inside_a_year(d: Path) -> None:
    # Block 8 prints ۱۹۹۱ (1991) but no footnote ۹۱: a marker must be a number of its own.
    edit_record(d, "crossings.json", "border-post-1991", lambda r: r["sources"][0].update(footnote_printed="۹۱"))


# =========================================================================== stages

@case(in_record("rail_lines.json", SARAKHS, "stages[0].end", "1991-10 is before the start 1991-11"))
def stage_ends_before_it_starts(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["stages"][0].update(end="1991-10"))


@case(in_record("rail_lines.json", SARAKHS, "stages[2].start", "comes before the previous stage's start"),
      in_record("rail_lines.json", SARAKHS, "stages[1].end", "an open-ended stage must be the last one"),
      in_record("rail_lines.json", SARAKHS, "stages[2].status", "goes back from operational to under_construction"))
def stages_out_of_order(d: Path) -> None:
    def swap_last_two(r):
        r["stages"][1:] = r["stages"][:0:-1]
    edit_record(d, "rail_lines.json", SARAKHS, swap_last_two)


@case(in_record("rail_lines.json", SARAKHS, "stages[2].start",
                "1996-05-12 overlaps the previous stage, which ends 1996-06"))
def stages_overlap(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["stages"][1].update(end="1996-06"))


@case(in_record("rail_lines.json", "rail-zahedan-kerman", "stages[2].status",
                "goes back from operational to under_construction"))
def lifecycle_goes_backwards(d: Path) -> None:
    def change(r):
        _, middle, last = r["stages"]
        assert (middle["status"], last["status"]) == ("under_construction", "operational")
        middle["status"], last["status"] = "operational", "under_construction"
    edit_record(d, "rail_lines.json", "rail-zahedan-kerman", change)


@case(in_record("context_rail.json", "ctx-rail-tashkent-almaty", "context", "a context record needs at least one citation"),
      in_record("context_rail.json", "ctx-rail-tashkent-almaty", "stages[0].basis", "'wp-turksib' is neither 'text' nor"))
def context_record_without_citation(d: Path) -> None:
    edit_record(d, "context_rail.json", "ctx-rail-tashkent-almaty", lambda r: r.pop("context"))


@case(in_record("context_rail.json", "ctx-rail-tashkent-almaty", "stages[0].basis",
                "'wp-turksb' is neither 'text' nor the id of one of this record's citations"))
def stage_basis_names_missing_citation(d: Path) -> None:
    edit_record(d, "context_rail.json", "ctx-rail-tashkent-almaty", lambda r: r["stages"][0].update(basis="wp-turksb"))


# =========================================================================== places.csv

@case(Expect("places.csv", "", "line 5", "is not valid CSV"))
def csv_unbalanced_quote(d: Path) -> None:
    lines = (d / "places.csv").read_text(encoding="utf-8").split("\n")
    assert lines[4].startswith("tejen,Tejen,")
    lines[4] = lines[4].replace("tejen,Tejen,", 'tejen,"Tejen,', 1)   # a quote opened and never closed
    (d / "places.csv").write_text("\n".join(lines), encoding="utf-8")


@case(Expect("places.csv", "", "header", "missing column(s): place_type"))
def csv_missing_column(d: Path) -> None:
    header, rows = read_places_csv(d)
    header.remove("place_type")
    write_places_csv(d, header, [{k: v for k, v in r.items() if k != "place_type"} for r in rows])


# The places below are named by no record, so dropping one causes no second problem.
@case(in_places("kyiv", "lon/lat", "must be finite numbers"))
def place_nan_coordinate(d: Path) -> None:
    edit_place(d, "kyiv", lat="nan")


@case(in_places("yerevan", "lon/lat", "must be finite numbers"))
def place_infinite_coordinate(d: Path) -> None:
    edit_place(d, "yerevan", lon="inf")


@case(in_places("khujand", "lon/lat", "lon and lat look swapped"))
def place_lat_lon_swapped(d: Path) -> None:
    # Khujand is at 69.62 E, 40.28 N; swapped, the latitude 69.62 is outside the region.
    header, rows = read_places_csv(d)
    row = next(r for r in rows if r["id"] == "khujand")
    edit_place(d, "khujand", lon=row["lat"], lat=row["lon"])


@case(in_places("ashgabat", "lon/lat", "is not in TKM; lon and lat look swapped"))
def place_lat_lon_swapped_inside_region(d: Path) -> None:
    # Ashgabat (58.38 E, 37.95 N) swapped is 37.95 E, 58.38 N: still inside the region box,
    # so only the country check can tell, and it says why.
    header, rows = read_places_csv(d)
    row = next(r for r in rows if r["id"] == "ashgabat")
    edit_place(d, "ashgabat", lon=row["lat"], lat=row["lon"])


@case(in_places("tbilisi", "lon/lat", f"is outside the region {schema.REGION_BOX}"))
def place_outside_region(d: Path) -> None:
    edit_place(d, "tbilisi", lon="-3.7038", lat="40.4168")   # Madrid


@case(in_places("gorgan", "lon/lat", "is not in TKM; check the coordinates"))
def place_not_in_its_country(d: Path) -> None:
    edit_place(d, "gorgan", country="TKM")   # Gorgan is in Iran


@case(in_places("kyiv", "id", "is used twice"))
def duplicate_place_id(d: Path) -> None:
    header, rows = read_places_csv(d)
    rows.append(dict(next(r for r in rows if r["id"] == "kyiv")))
    write_places_csv(d, header, rows)


@case(in_places("kerki", "block", "must be a whole number, got '²'"),
      in_record("episodes.json", "episode-turkmen-ssr-1923", "geometry.points", "unknown place id(s): kerki"))
def place_block_not_a_number(d: Path) -> None:
    # "²".isdigit() is true but int("²") fails: this used to crash the loader.  The place is
    # rejected, so the one record that names it is too.
    edit_place(d, "kerki", block="²")


# =========================================================================== base layers (ARE: used by no record or place)

@case(Expect("base/countries.geojson", "ARE", "geometry", "is not valid (Self-intersection"))
def base_bowtie_polygon(d: Path) -> None:
    set_base_geometry(d, "countries", "ARE", {"type": "Polygon",
                                              "coordinates": [[[54, 24], [56, 26], [56, 24], [54, 26], [54, 24]]]})


@case(Expect("base/countries.geojson", "ARE", "geometry", f"reaches outside the region {schema.REGION_BOX}"))
def base_geometry_outside_region(d: Path) -> None:
    set_base_geometry(d, "countries", "ARE", {"type": "Polygon",
                                              "coordinates": [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]]]})


@case(Expect("base/countries.geojson", "ARE", "geometry", "has NaN or infinite coordinates"))
def base_nan_coordinates(d: Path) -> None:
    set_base_geometry(d, "countries", "ARE", {"type": "Polygon", "coordinates": [
        [[54, 24], [56, 24], [float("nan"), 25], [54, 25], [54, 24]]]})


@case(Expect("base/provinces.geojson", "", re.compile(r"line \d+"), "is not valid JSON"))
def base_layer_not_json(d: Path) -> None:
    # Reported once: the records whose areas are provinces are not each reported as well.
    path = d / "base" / "provinces.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")


# =========================================================================== hardening (issue 15): data that slipped through

def edit_tour(d: Path, scene_id: str, change: Callable[[dict], None]) -> None:
    tour = json.loads((d / "tour.json").read_text(encoding="utf-8"))
    change(next(s for s in tour["scenes"] if s["id"] == scene_id))
    (d / "tour.json").write_text(json.dumps(tour, ensure_ascii=False, indent=1), encoding="utf-8")


@case(Expect("tour.json", "ashgabat-1918", "layers[1]", "'railz' is not one of 'political'"))
def tour_scene_names_an_unknown_layer(d: Path) -> None:
    edit_tour(d, "ashgabat-1918", lambda s: s["layers"].insert(1, "railz"))


@case(Expect("tour.json", "ashgabat-1918", "highlight[0]", "must be text, got {'id': 'episode-ashgabat"))
def tour_highlight_holds_an_object(d: Path) -> None:
    # This crashed validate, app.py and gunicorn with a traceback (geodata/tour.py:63).
    edit_tour(d, "ashgabat-1918", lambda s: s.update(highlight=[{"id": s["highlight"][0]}]))


@case(Expect("tour.json", "ashgabat-1918", "year", "1905 is outside the map's years 1918-"))
def tour_year_before_the_map(d: Path) -> None:
    edit_tour(d, "ashgabat-1918", lambda s: s.update(year=1905))


@case(Expect("tour.json", "ashgabat-1918", "year", "2090 is outside the map's years 1918-"))
def tour_year_after_the_map(d: Path) -> None:
    edit_tour(d, "ashgabat-1918", lambda s: s.update(year=2090))


@case(in_record("events.json", "event-islamic-revolution", "stages[0].end",
                "1905 is before 1918, the map's first year: it would never be shown"))
def event_dated_before_the_map(d: Path) -> None:
    edit_record(d, "events.json", "event-islamic-revolution", lambda r: r["stages"][0].update(start="1905", end="1905"))


@case(in_record("rail_lines.json", "rail-renamed", "id", "is given more than once in the same object"))
def record_with_its_id_given_twice(d: Path) -> None:
    # The standard library keeps the last "id" silently: the record would be renamed.
    path = records_path(d, "rail_lines.json")
    text = path.read_text(encoding="utf-8")
    first = f'"id": "{SARAKHS}",'
    assert text.count(first) == 1
    path.write_text(text.replace(first, first + ' "id": "rail-renamed",'), encoding="utf-8")


@case(in_record("rail_lines.json", SARAKHS, "name.en", "U+202E"))
def bidi_override_in_a_name(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["name"].update(en="\u202eyawliar sakhraS"))


@case(in_record("rail_lines.json", SARAKHS, "sources[0].gloss.en", "U+000A"))
def newline_in_a_gloss(d: Path) -> None:
    edit_record(d, "rail_lines.json", SARAKHS, lambda r: r["sources"][0]["gloss"].update(en="one\n=HYPERLINK()"))


@case(in_places("kyiv", "name_en", "U+2067"))
def bidi_isolate_in_a_place_name(d: Path) -> None:
    edit_place(d, "kyiv", name_en="Kyiv\u2067")


# =========================================================================== the tests

@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def broken(request, data_copy: Path) -> tuple[Path, Case]:
    request.param.breaks(data_copy)
    return data_copy, request.param


def test_the_unbroken_copy_validates(data_copy: Path) -> None:
    """The baseline: without a break, the copy has no problems (so each problem below comes from its break)."""
    dataset, problems = check_data(data_copy)
    assert problems == []
    assert dataset is not None and dataset.by_id[SARAKHS].kind == "rail_line"
    result = run_geodata("validate", "--data-dir", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # shapely, on the NaN case
def test_check_data_reports_the_break(broken: tuple[Path, Case]) -> None:
    data_dir, c = broken
    dataset, problems = check_data(data_dir)
    assert dataset is None
    for expect in c.expect:
        assert any(expect.matches(p) for p in problems), \
            f"expected {expect} among:\n" + "\n".join(str(p) for p in problems)
    assert len(problems) == len(c.expect), "unexpected extra problems:\n" + "\n".join(str(p) for p in problems)


@pytest.fixture(scope="module")
def validate_runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    """``python -m geodata validate --data-dir COPY`` for every case, each on its own broken copy.

    The copies are made one after the other; the commands, which spend most of their time
    starting Python, run a few at a time to keep the suite fast."""
    copies = {}
    for c in CASES:
        copies[c.name] = copy_data(tmp_path_factory.mktemp(c.name))
        c.breaks(copies[c.name])
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda name: run_geodata("validate", "--data-dir", str(copies[name])), copies)
        return dict(zip(copies, results))


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_validate_command_reports_the_break(c: Case, validate_runs: dict[str, subprocess.CompletedProcess]) -> None:
    result = validate_runs[c.name]
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{len(c.expect)} problem(s) found" in result.stderr
    for expect in c.expect:
        assert expect.cli_line().search(result.stderr), f"{expect} not in stderr:\n{result.stderr}"


def test_validate_command_rejects_a_missing_folder(tmp_path: Path) -> None:
    result = run_geodata("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr and "Traceback" not in result.stderr


def test_load_dataset_raises_data_error_listing_every_problem(data_copy: Path) -> None:
    from geodata.load import DataError, load_dataset
    edit_place(data_copy, "kyiv", lat="nan")
    edit_record(data_copy, "rail_lines.json", SARAKHS, lambda r: r.update(from_text="yes"))
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    fields = sorted((p.record, p.field) for p in info.value.problems)
    assert fields == [("kyiv", "lon/lat"), (SARAKHS, "from_text")]
    assert "2 problem(s)" in str(info.value)
