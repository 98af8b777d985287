"""Facts read from the Urdu text (see READING-NOTES.md), asserted through the public API,
and invariants every record must keep.  Quotes are rechecked here against the raw file with
this module's own block splitting (tests/helpers.py), not geodata.source's."""
from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
import shapely
from shapely.geometry import box

from geodata import query, schema
from geodata.dates import end_of_year
from geodata.load import Dataset, shared_dataset
from helpers import occurs_in_block, raw_blocks

REGION = box(*schema.REGION_BOX)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return shared_dataset()


@pytest.fixture(scope="module")
def blocks() -> list[str]:
    return raw_blocks()


def only_stage(record):
    assert len(record.stages) == 1, record.id
    return record.stages[0]


# =========================================================================== single facts

def test_mashhad_sarakhs_line_operational_from_12_may_1996(ds: Dataset) -> None:
    line = query.record(ds, "rail-mashhad-sarakhs")
    assert line.kind == "rail_line"
    opened = line.stage_at(_dt.date(1996, 5, 12))
    assert opened.status == "operational"
    assert opened.start.iso() == "1996-05-12" and opened.start.precision == "day"
    # The text's day, kept; contemporary reports (UPI, Reuters via OMRI, 13 May 1996) give Monday 13 May.
    assert opened.certainty == "disputed" and "13 May 1996" in opened.note
    assert line.stage_at(_dt.date(1996, 5, 11)).status != "operational"
    assert query.stage_in_year(line, 1995).status != "operational"   # the end of 1995: not yet
    assert query.stage_in_year(line, 1996).status == "operational"


def test_mashhad_sarakhs_line_cost_and_length(ds: Dataset, blocks: list[str]) -> None:
    line = ds.by_id["rail-mashhad-sarakhs"]
    cost_quotes = [s for s in line.sources if "۸۵ ملین ڈالر" in s.quote]
    assert cost_quotes and all(s.block == 14 for s in cost_quotes)
    assert "۸۵ ملین ڈالر" in blocks[14 - 1] and "دو سو کلو میٹر" in blocks[14 - 1]   # USD 85 million; 200 km
    assert line.attributes["length_km_text"] == 200
    assert line.attributes["cost_musd"] == 85


def test_turkmen_ssr_date_is_the_texts_and_marked_disputed(ds: Dataset, blocks: list[str]) -> None:
    episode = ds.by_id["episode-turkmen-ssr-1923"]
    stage = only_stage(episode)
    assert stage.start.iso() == "1923-10-27" and stage.start.precision == "day"
    assert stage.certainty == "disputed"
    discrepancies = [n for n in episode.notes if n.kind == "date_discrepancy"]
    assert discrepancies and any("1924" in n.text for n in discrepancies)
    assert "۲۷ اکتوبر ۱۹۲۳ء" in blocks[0]   # the text does print 1923


def test_1991_border_post_location_is_inferred_with_a_note(ds: Dataset) -> None:
    post = ds.by_id["border-post-1991"]
    assert post.kind == "border_crossing"
    assert post.location_certainty == "inferred"
    assert post.location_note and post.location_note.strip()


def test_velayati_moscow_visit_is_november_1991(ds: Dataset) -> None:
    visit = ds.by_id["event-velayati-moscow-1991"]
    stage = only_stage(visit)
    assert stage.start.iso() == "1991-11" and stage.start.precision == "month"
    assert visit.place_ids == ("moscow",)


def test_moscow_almaty_agreements_20_january_1995(ds: Dataset) -> None:
    stage = only_stage(ds.by_id["event-moscow-almaty-1995"])
    assert stage.start.iso() == "1995-01-20" and stage.start.precision == "day"
    assert stage.end is None or stage.end == stage.start


def test_consulates_in_six_republics(ds: Dataset) -> None:
    consulates = ds.by_id["event-consulates-agreed-1991"]
    assert consulates.geometry_form == "points"
    assert consulates.geometry.geom_type == "MultiPoint" and len(consulates.geometry.geoms) == 6
    assert len(set(consulates.place_ids)) == 6
    # one in each of the six republics the text names (block 10)
    assert {ds.places[p].country for p in consulates.place_ids} == {"KAZ", "KGZ", "UZB", "TJK", "TKM", "AZE"}


def test_sarakhs_free_trade_zone(ds: Dataset) -> None:
    zone = ds.by_id["zone-sarakhs-ftz"]
    assert zone.kind == "zone"
    assert any("آزاد تجارتی زون" in s.quote for s in zone.sources)
    sarakhs = ds.places["sarakhs-ir"]
    assert zone.geometry.contains(shapely.Point(sarakhs.lon, sarakhs.lat))


def test_events_of_1991_in_date_order(ds: Dataset) -> None:
    events = query.events_between(ds, 1991, 1991)
    ids = [r.id for r in events]
    wanted = ["event-turkmen-earthquake-aid", "event-niyazov-visit-1991", "event-velayati-moscow-1991"]
    assert [ds.by_id[i].stages[0].start.iso() for i in wanted] == ["1991-09", "1991-10", "1991-11"]
    positions = [ids.index(i) for i in wanted]
    assert positions == sorted(positions)
    firsts = [r.stages[0].start.first_day() for r in events]
    assert firsts == sorted(firsts)
    assert all(r.kind in ("event", "episode") for r in events)
    assert all(any(s.overlaps(_dt.date(1991, 1, 1), _dt.date(1992, 1, 1)) for s in r.stages) for r in events)


def test_state_changes_between_1995_and_1997_for_the_sarakhs_line(ds: Dataset) -> None:
    def status(year):
        found = [stage.status for record, stage in query.state_in_year(ds, year) if record.id == "rail-mashhad-sarakhs"]
        assert len(found) == 1
        return found[0]
    # UPI (13 May 1996): construction began in 1992, so by the end of 1995 the line was being built.
    assert (status(1995), status(1997)) == ("under_construction", "operational")


# =========================================================================== invariants over all records

def test_every_record_from_the_text_cites_it(ds: Dataset) -> None:
    for record in ds.records:
        if record.from_text:
            assert record.sources, record.id
        else:
            assert record.context and not record.sources, record.id


def test_every_quote_occurs_verbatim_in_its_block(ds: Dataset, blocks: list[str]) -> None:
    quotes = [(r.id, s) for r in ds.records for s in r.sources]
    quotes += [(p.id, p.source) for p in ds.places.values() if p.source]
    assert len(quotes) > 100
    missing = [(rid, s.block, s.quote[:40]) for rid, s in quotes if not occurs_in_block(blocks, s.quote, s.block)]
    assert missing == []
    assert len(blocks) == len(ds.source.blocks)


def test_every_record_has_its_stages_in_order(ds: Dataset) -> None:
    for record in ds.records:
        assert record.stages, record.id
        for prev, cur in zip(record.stages, record.stages[1:]):
            assert prev.end is not None, f"{record.id}: only the last stage may be open-ended"
            if prev.start and cur.start:
                assert prev.start.first_day() <= cur.start.first_day(), record.id
            assert cur.start is None or cur.start.first_day() >= prev.end.first_day(), record.id
        for stage in record.stages:
            assert stage.status in schema.KINDS[record.kind].statuses
            if stage.start and stage.end:
                assert stage.start.first_day() < stage.end.day_after(), record.id
            if stage.basis != "text":
                assert stage.basis in {c.id for c in record.context}, record.id


def test_every_geometry_is_valid_and_inside_the_region(ds: Dataset) -> None:
    geometries = [(r.id, r.geometry) for r in ds.records if r.geometry is not None]
    geometries += [(p.id, shapely.Point(p.lon, p.lat)) for p in ds.places.values()]
    geometries += [(f"{name}:{fid}", g) for name, layer in ds.base.items() for fid, g in layer.shapes.items()]
    assert len(geometries) > 200
    for gid, geom in geometries:
        assert geom.is_valid and not geom.is_empty, gid
        assert REGION.buffer(1e-9).covers(geom), gid
    assert all(r.geometry is None for r in ds.records if r.geometry_form == "none")


def test_every_name_has_english_and_urdu(ds: Dataset) -> None:
    for named in list(ds.records) + list(ds.places.values()):
        assert named.names.en.strip() and named.names.ur.strip(), named.id
    for layer in ds.base.values():
        for fid, props in layer.properties.items():
            assert props.get("name_en") and props.get("name_ur"), fid


# =========================================================================== the dataset is shared and read-only

def test_shared_dataset_is_loaded_once() -> None:
    assert shared_dataset() is shared_dataset()


def test_dataset_is_read_only(ds: Dataset) -> None:
    line = ds.by_id["rail-mashhad-sarakhs"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.id = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.stages[0].status = "closed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.records = ()
    with pytest.raises(TypeError):
        ds.by_id["new-record"] = line
    with pytest.raises(TypeError):
        del ds.by_id["rail-mashhad-sarakhs"]
    with pytest.raises(TypeError):
        ds.places["mashhad"] = None
    with pytest.raises(TypeError):
        line.attributes["cost_musd"] = 0
    with pytest.raises(TypeError):    # nested attribute values are read-only too
        line.attributes["capacity_phase1"]["passengers"] = 0
    with pytest.raises(AttributeError):
        ds.records.append(line)
    with pytest.raises(TypeError):
        ds.base["countries"].properties["IRN"]["name_en"] = "changed"
    assert shared_dataset().by_id["rail-mashhad-sarakhs"].attributes["capacity_phase1"]["passengers"] == 500000


def test_every_state_query_returns_the_records_own_stage(ds: Dataset) -> None:
    for year in (1918, 1991, 1995, 1996, 2000):
        for record, stage in query.state_in_year(ds, year):
            assert record.kind not in query.TIMELINE_KINDS
            assert stage is record.stage_at(end_of_year(year)) and stage in record.stages
