"""Railway records on their real alignment (geodata/data/dated/railways.geojson).

Expected: the Mashhad-Sarakhs line is about 200 km long (the text, blocks 14-15: "about 200 km");
Natural Earth 10m railroads has the Trans-Caspian, Tehran-Qom and Mashhad-Sarakhs-Tejen lines but
not the Kerman-Zahedan or Zahedan-Chabahar lines (DATA-SOURCES.md), which stay schematic; the
alignment follows the land, so it is longer than the straight line.
"""
from __future__ import annotations

import pytest

from geodata.dated import layers
from geodata.dated.rail_build import km, line_km


def by_record() -> dict:
    return {f.props["record"]: f for f in layers.load_layer("railways")}


def test_mashhad_sarakhs_is_on_its_alignment_and_about_200_km():
    f = by_record()["rail-mashhad-sarakhs"]
    assert f.props["location_certainty"] == "approximate"
    first = f.props["legs"][0]
    assert first["alignment"] == "Natural Earth 10m railroads"
    assert 170 <= first["km"] <= 230
    straight = km((59.6057, 36.2981), (61.1577, 36.5449))
    assert first["km"] > straight  # a railway bends; the schematic line did not


@pytest.mark.parametrize("record", ["ctx-rail-trans-caspian", "rail-sarakhs-tejen", "ctx-rail-tashkent-almaty"])
def test_lines_natural_earth_has_are_aligned(record):
    legs = by_record()[record].props["legs"]
    assert all(leg["alignment"] != "schematic" for leg in legs)


@pytest.mark.parametrize("record", ["rail-zahedan-kerman", "rail-zahedan-chabahar"])
def test_lines_it_lacks_stay_schematic_and_say_why(record):
    f = by_record()[record]
    assert f.props["location_certainty"] == "schematic"
    assert all(leg["alignment"] == "schematic" and leg["why"] for leg in f.props["legs"])
    assert f.geometry.geom_type in ("LineString", "MultiLineString")


def test_every_leg_starts_and_ends_at_its_stations():
    f = by_record()["ctx-rail-trans-caspian"]
    lines = list(f.geometry.geoms) if f.geometry.geom_type == "MultiLineString" else [f.geometry]
    ashgabat = (58.3833, 37.95)
    assert min(km(ashgabat, line.coords[0]) for line in lines) < 1 or \
        min(km(ashgabat, line.coords[-1]) for line in lines) < 1
    assert sum(line_km(line) for line in lines) > 1500  # Turkmenbashi to Tashkent by rail


def _graph(*lines):
    import networkx as nx
    import shapely

    from geodata.dated import rail_build

    g = nx.Graph()
    for coords in lines:
        line = shapely.LineString(coords)
        g.add_edge(coords[0], coords[-1], line=line, km=rail_build.line_km(line), bridge=False)
    return g


def test_a_path_far_longer_than_the_straight_line_is_refused():
    from geodata.dated import rail_build

    a, b = (60.0, 40.0), (61.0, 40.0)  # 85 km apart
    detour = _graph([(60.0, 40.0), (60.0, 45.0), (61.0, 45.0), (61.0, 40.0)])  # about 1,200 km round
    stations = {p: rail_build.attach(detour, p) for p in (a, b)}
    refused = rail_build.leg(detour, stations, a, b)
    assert not refused["aligned"] and "railway path is" in refused["why"]
    direct = _graph([(60.0, 40.0), (60.5, 40.1), (61.0, 40.0)])
    stations = {p: rail_build.attach(direct, p) for p in (a, b)}
    taken = rail_build.leg(direct, stations, a, b)
    assert taken["aligned"] and 85 < taken["km"] < 95


def test_a_station_far_from_any_line_has_no_alignment():
    from geodata.dated import rail_build

    g = _graph([(60.0, 40.0), (61.0, 40.0)])
    far = (60.5, 41.0)  # 111 km north of the line
    stations = {p: rail_build.attach(g, p) for p in ((60.0, 40.0), far)}
    result = rail_build.leg(g, stations, (60.0, 40.0), far)
    assert not result["aligned"] and "from the nearest railway line" in result["why"]
