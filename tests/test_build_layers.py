"""Checks of the committed base layers in geodata/data/base.

These read only the committed files (no network, no build): they are what the app loads.
To remake the files, run ``python -m geodata build`` (the geodata/build package), which also rewrites
MANIFEST.json; then run these tests again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box, shape

BASE = Path(__file__).resolve().parent.parent / "geodata" / "data" / "base"
LAYER_FILES = ("countries.geojson", "seas.geojson", "provinces.geojson")
BOX = box(24.0, 4.0, 100.0, 60.0)

REQUIRED_COUNTRIES = (
    "IRN", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO",
    "RUS", "UKR", "AFG", "PAK", "IND", "CHN", "TUR", "IRQ", "KWT",
)  # fmt: skip
SEAS = ("caspian-sea", "persian-gulf", "gulf-of-oman", "arabian-sea")
PROVINCES = (
    "khorasan", "mazandaran", "east-azerbaijan", "west-azerbaijan", "gilan",
    "kerman", "sistan-baluchestan", "hormozgan", "kazakhstan-north",
)  # fmt: skip

PROPERTY_KEYS = {
    "countries.geojson": ["id", "iso2", "name_en", "name_ur", "name_fa", "name_ru", "wikidata"],
    "seas.geojson": ["id", "name_en", "name_ur", "name_fa", "name_ru"],
    "provinces.geojson": ["id", "name_en", "name_ur", "name_fa", "country", "composed_of", "note"],
}

TEHRAN = Point(51.39, 35.69)
MASHHAD = Point(59.6, 36.3)
GORGAN = Point(54.43, 36.84)
ARDABIL = Point(48.29, 38.25)
NAKHCHIVAN = Point(45.41, 39.21)


@cache
def layer(name: str) -> dict:
    return json.loads((BASE / name).read_text(encoding="utf-8"))


@cache
def geometries(name: str) -> dict[str, shapely.Geometry]:
    return {f["properties"]["id"]: shape(f["geometry"]) for f in layer(name)["features"]}


def properties(name: str) -> dict[str, dict]:
    return {f["properties"]["id"]: f["properties"] for f in layer(name)["features"]}


@cache
def manifest() -> dict:
    return json.loads((BASE / "MANIFEST.json").read_text(encoding="utf-8"))


def all_rings(geom: shapely.Geometry):
    for poly in shapely.get_parts(geom):
        yield True, poly.exterior
        for hole in poly.interiors:
            yield False, hole


@pytest.mark.parametrize("name", LAYER_FILES)
def test_layer_is_a_geojson_feature_collection(name):
    doc = layer(name)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946: always WGS84 lon/lat, no crs member
    assert doc["features"], f"{name} has no features"
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert list(feature["properties"]) == PROPERTY_KEYS[name]


@pytest.mark.parametrize("name", LAYER_FILES)
def test_geometries_are_valid_and_inside_the_box(name):
    for fid, geom in geometries(name).items():
        assert not geom.is_empty, fid
        assert geom.is_valid, f"{fid}: {shapely.is_valid_reason(geom)}"
        assert BOX.contains(geom), f"{fid} reaches outside lon 24..100, lat 4..60"


@pytest.mark.parametrize("name", LAYER_FILES)
def test_coordinates_have_four_decimals_and_rfc7946_winding(name):
    for fid, geom in geometries(name).items():
        coords = shapely.get_coordinates(geom)
        assert (coords.round(4) == coords).all(), fid
        for is_shell, ring in all_rings(geom):
            # RFC 7946: shells counter-clockwise, holes clockwise
            assert ring.is_ccw == is_shell, fid


@pytest.mark.parametrize("name", LAYER_FILES)
def test_ids_are_unique_and_sorted(name):
    ids = [f["properties"]["id"] for f in layer(name)["features"]]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_required_countries_present_with_names():
    props = properties("countries.geojson")
    for iso3 in REQUIRED_COUNTRIES:
        assert iso3 in props, iso3
        for key in ("name_en", "name_ur", "name_fa", "name_ru"):
            assert props[iso3][key], f"{iso3} has no {key}"
    assert props["IRN"]["iso2"] == "IR"
    assert props["IRN"]["wikidata"] == "Q794"


def test_no_natural_earth_placeholder_codes():
    for fid, props in properties("countries.geojson").items():
        assert fid != "-99" and props["iso2"] != "-99"


def test_seas_present_with_urdu_names():
    props = properties("seas.geojson")
    assert sorted(props) == sorted(SEAS)
    for sid in SEAS:
        assert props[sid]["name_ur"], sid
    assert props["caspian-sea"]["name_ur"] == "بحیرہ کیسپین"
    assert props["persian-gulf"]["name_ur"] == "خلیج فارس"


def test_provinces_present_with_urdu_names_and_sources():
    props = properties("provinces.geojson")
    assert sorted(props) == sorted(PROVINCES)
    for pid in PROVINCES:
        assert props[pid]["name_ur"], pid
        assert props[pid]["composed_of"], pid
        assert props[pid]["note"], pid
    assert props["kazakhstan-north"]["country"] == "KAZ"
    assert {props[p]["country"] for p in PROVINCES if p != "kazakhstan-north"} == {"IRN"}


def test_known_places_fall_in_the_right_polygons():
    countries, seas, provinces = (geometries(n) for n in LAYER_FILES)
    assert seas["caspian-sea"].contains(Point(51.0, 42.0))
    assert countries["IRN"].contains(TEHRAN)
    assert countries["IRN"].contains(MASHHAD)
    assert countries["AZE"].contains(NAKHCHIVAN)
    assert provinces["khorasan"].contains(MASHHAD)
    assert provinces["mazandaran"].contains(GORGAN)
    assert provinces["east-azerbaijan"].contains(ARDABIL)


def test_seas_do_not_overlap_land_or_each_other():
    land = shapely.union_all(list(geometries("countries.geojson").values()))
    seas = geometries("seas.geojson")
    for sid, sea in seas.items():
        assert sea.intersection(land).area < 1e-6, sid
    ids = sorted(seas)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            assert seas[a].intersection(seas[b]).area < 1e-6, (a, b)


def test_provinces_lie_inside_their_country():
    countries = geometries("countries.geojson")
    props = properties("provinces.geojson")
    for pid, geom in geometries("provinces.geojson").items():
        outside = geom.difference(countries[props[pid]["country"]]).area
        assert outside < 1e-6 * geom.area, pid


def test_manifest_checksums_match_committed_layers():
    layers = {entry["file"]: entry for entry in manifest()["layers"]}
    for name in LAYER_FILES:
        assert name in layers, f"MANIFEST.json does not list {name}"
        entry = layers[name]
        content = (BASE / name).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        assert entry["sha256"] == digest, f"{name} differs from MANIFEST.json: rerun python -m geodata build"
        assert entry["features"] == len(layer(name)["features"])
        assert entry["inputs"] and entry["steps"]


def test_manifest_inputs_are_pinned_and_licensed():
    inputs = manifest()["inputs"]
    assert inputs
    known = {i["id"] for i in inputs}
    for record in inputs:
        assert record["registry"] in ("pypi", "npm", "debian")
        assert record["version"] and record["licence"] and record["attribution"]
        assert len(record["package_sha256"]) == 64
        assert record["files"] and all(len(f["sha256"]) == 64 for f in record["files"])
    for entry in manifest()["layers"]:
        assert set(entry["inputs"]) <= known, entry["file"]
