"""The landscape layer (geodata/data/dated/landscape.geojson): rivers, the Aral Sea by date,
Garabogazköl, deserts and ranges.

Expected values from geography and the cited sources: the Amu Darya flows past Termez, the
Harirud (Tejen) past Sarakhs, the Aras past Jolfa, the Syr Darya past Kyzylorda (GeoNames
coordinates); the Aral Sea split in 1987 and was 17,160 km2 in 2004 (Wikipedia, 'Aral Sea');
Garabogazköl was dammed in 1980 and the dam breached in 1992 (Wikipedia, 'Garabogazköl').
"""
from __future__ import annotations

import datetime as dt

import pytest
import shapely

from geodata.dated import layers


def features(year: int) -> dict:
    return {f.props["id"]: f for f in layers.on_day("landscape", layers.year_day(year))}


@pytest.mark.parametrize("river, lon, lat", [
    ("amu-darya", 67.28, 37.22),  # Termez
    ("harirud-tejen", 61.16, 36.54),  # Sarakhs
    ("aras", 45.61, 38.94),  # Jolfa
    ("syr-darya", 65.51, 44.85),  # Kyzylorda
    ("atrek", 54.0, 37.4),  # the Iran-Turkmenistan border near the Caspian
    ("volga", 48.03, 46.35),  # Astrakhan
])
def test_a_river_runs_past_the_town_on_its_banks(river, lon, lat):
    line = features(1950)[river].geometry
    assert line.geom_type in ("LineString", "MultiLineString")
    assert line.distance(shapely.Point(lon, lat)) < 0.1  # about 10 km


def test_the_aral_sea_follows_the_years():
    assert "aral-sea-1960" in features(1950) and "aral-sea-former-extent" not in features(1950)
    y1990 = features(1990)
    assert "aral-sea-1960" not in y1990 and "aral-sea-2000s" not in y1990
    assert y1990["aral-sea-former-extent"].props["area_km2_by_year"]["1998"] == 28687
    y2010 = features(2010)
    assert {"aral-sea-former-extent", "aral-sea-2000s"} <= set(y2010)
    km2 = y2010["aral-sea-2000s"].geometry.area * 111.32 ** 2 * 0.72  # cos(44 N), rough
    assert 12000 < km2 < 25000  # near the 17,160 km2 of 2004


def test_garabogazkol_is_dammed_from_1980_to_1991():
    assert features(1970)["garabogazkol"].props["kind"] == "lagoon"
    assert features(1985)["garabogazkol-dammed"].props["kind"] == "former_lake"
    assert "garabogazkol" not in features(1985) and "garabogazkol-refilled" in features(1995)


@pytest.mark.parametrize("region, lon, lat", [
    ("alborz", 52.1, 35.95), ("pamir", 73.0, 38.5), ("tian-shan", 78.0, 42.0), ("kopet-dag", 58.4, 37.9),
])
def test_a_range_covers_a_point_in_it(region, lon, lat):
    assert features(1950)[region].geometry.distance(shapely.Point(lon, lat)) == 0


def test_every_feature_names_its_sources_in_three_languages():
    for f in layers.load_layer("landscape"):
        assert f.props["name_ur"] and f.props["name_fa"], f.props["id"]
        assert f.props["sources"][0]["id"] == "ne-physical"
    hand_placed = [f for f in layers.load_layer("landscape") if f.geometry.geom_type == "Point"]
    assert {f.props["id"] for f in hand_placed} == {"karakum", "kyzylkum", "greater-caucasus"}
    assert all("by hand" in f.props["extent_note"] for f in hand_placed)
    assert layers.on_day("landscape", dt.date(1918, 12, 31))
