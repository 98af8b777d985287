"""``python -m geodata export``: RFC 7946 GeoJSON (and CSV) of every record, run as a user would."""
from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from geodata import schema
from helpers import run_geodata

STAGE_KEYS = ("status", "start", "end", "certainty")
SOURCE_KEYS = ("block", "footnote", "quote")


def export(*args: str) -> dict:
    result = run_geodata("export", *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def collection() -> dict:
    return export()


@pytest.fixture(scope="module")
def by_year() -> dict[int, dict]:
    return {year: export("--year", str(year)) for year in (1995, 1997)}


def positions(geometry: dict):
    """Every [lon, lat] position of a GeoJSON geometry."""
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)
    if geometry["type"] == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from positions(g)
    else:
        yield from walk(geometry["coordinates"])


def test_export_is_an_rfc7946_feature_collection(collection: dict) -> None:
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list) and len(collection["features"]) > 100
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    geometry_types = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                      "GeometryCollection"}
    for feat in collection["features"]:
        assert feat["type"] == "Feature"
        geometry = feat["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] in geometry_types
        assert "coordinates" in geometry or "geometries" in geometry
        pts = list(positions(geometry))
        assert pts, feat["id"]
        for pt in pts:
            assert len(pt) == 2 and all(math.isfinite(v) for v in pt), feat["id"]
            lon, lat = pt
            assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max, (feat["id"], pt)   # lon first


def test_every_feature_has_the_documented_properties(collection: dict) -> None:
    ids = []
    for feat in collection["features"]:
        p = feat["properties"]
        ids.append(p["id"])
        assert p["id"] == feat["id"]
        assert p["kind"] in set(schema.KINDS) | {"place"}
        assert p["name"]["en"] and p["name"]["ur"]
        assert isinstance(p["stages"], list) and isinstance(p["sources"], list)
        for stage in p["stages"]:
            assert all(k in stage for k in STAGE_KEYS), (p["id"], stage)
            assert stage["certainty"] in schema.CERTAINTIES
        for source in p["sources"]:
            assert all(k in source for k in SOURCE_KEYS), (p["id"], source)
            assert isinstance(source["block"], int) and source["quote"]
        assert isinstance(p["from_text"], bool)
        assert p["from_text"] == bool(p["sources"])
        assert p["location_certainty"] in schema.LOCATION_CERTAINTIES
        if p["kind"] != "place":
            assert p["stages"], p["id"]
    assert len(ids) == len(set(ids))


def test_export_matches_the_dataset(collection: dict) -> None:
    from geodata.load import shared_dataset
    ds = shared_dataset()
    exported = {f["id"]: f for f in collection["features"]}
    assert set(exported) == set(ds.by_id) | set(ds.places)
    line = exported["rail-mashhad-sarakhs"]["properties"]
    assert [s["status"] for s in line["stages"]] == [s.status for s in ds.by_id["rail-mashhad-sarakhs"].stages]
    assert line["attributes"]["capacity_phase1"]["passengers"] == 500000
    assert exported["mashhad"]["geometry"]["coordinates"] == pytest.approx(
        [ds.places["mashhad"].lon, ds.places["mashhad"].lat], abs=1e-5)


def test_year_filter_follows_the_stages(by_year: dict[int, dict]) -> None:
    features_1995 = {f["id"]: f for f in by_year[1995]["features"]}
    features_1997 = {f["id"]: f for f in by_year[1997]["features"]}
    assert by_year[1995]["metadata"]["year"] == 1995
    # being built (since 1992, UPI 13 May 1996) at the end of 1995: the year view shows what stands, and the line does...
    assert features_1995["rail-mashhad-sarakhs"]["properties"]["status_at_year"] == "under_construction"
    assert features_1997["rail-mashhad-sarakhs"]["properties"]["status_at_year"] == "operational"
    # ...while the 2009 Kerman-Zahedan line is being built in 1997 (work began in 1996, IRNA 1998) and the 1996
    # inauguration is not a 1997 event.
    assert features_1997["rail-zahedan-kerman"]["properties"]["status_at_year"] == "under_construction"
    assert "event-sarakhs-inauguration-1996" not in features_1997
    assert "event-moscow-almaty-1995" in features_1995 and "event-moscow-almaty-1995" not in features_1997
    for features in (features_1995, features_1997):
        for feat in features.values():
            if feat["properties"]["kind"] not in ("place", "event", "episode"):
                assert feat["properties"]["status_at_year"] is not None, feat["id"]


def test_year_1995_has_no_operational_sarakhs_line_and_1997_has(by_year: dict[int, dict]) -> None:
    def operational_ids(year):
        return {f["id"] for f in by_year[year]["features"]
                if f["properties"].get("status_at_year") == "operational"}
    assert "rail-mashhad-sarakhs" not in operational_ids(1995)
    assert "rail-mashhad-sarakhs" in operational_ids(1997)


def test_out_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "export.geojson"
    result = run_geodata("export", "--year", "1997", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["metadata"]["year"] == 1997
    assert f"wrote {len(data['features'])} features to {out}" in result.stderr


@pytest.mark.parametrize("year", ["abc", "1996.5", "99999"])
def test_bad_year_exits_2_with_a_message(year: str) -> None:
    result = run_geodata("export", "--year", year)
    assert result.returncode == 2
    assert "--year" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_csv_has_a_header_and_one_row_per_feature(collection: dict) -> None:
    result = run_geodata("export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeffid,kind,")  # a byte order mark, then the header line
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["id", "kind", "type", "name_en", "name_ur"]
    assert len(body) == len(collection["features"])
    assert [r[0] for r in body] == [f["id"] for f in collection["features"]]
    assert all(len(r) == len(header) for r in body)
    sarakhs = dict(zip(header, next(r for r in body if r[0] == "rail-mashhad-sarakhs")))
    assert "block 14" in sarakhs["citations"] and "۸۵ ملین ڈالر" in sarakhs["citations"]
