"""Distance and time on the route network (issue 18), checked against hand calculations.

Each expected value is worked out here, independently of geodata.network: the path is
written out from the records' own station lists, each hop measured with pyproj's
geodesic between the places' coordinates, divided by the speed in
geodata/data/costs.json, and the border, gauge and transfer delays of costs.json added
as counted by hand.  Opening dates come from the records, not from these tests.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyproj import Geod

from geodata.dates import end_of_year
from geodata.load import DATA_DIR, shared_dataset
from geodata.network import (country_name_in, default_assumptions, find_route, reach, sentence)

REPO = Path(__file__).resolve().parents[1]
GEOD = Geod(ellps="WGS84")
COSTS = json.loads((DATA_DIR / "costs.json").read_text(encoding="utf-8"))
SPEED = {s["id"]: s["kmh"] for s in COSTS["speeds"]}
DELAY = {d["id"]: d["hours"] for d in COSTS["delays"]}



def stations(ds, record_id: str, start: str, end: str) -> list[str]:
    """The record's own places from ``start`` to ``end`` (in either direction), from the data."""
    places = list(ds.by_id[record_id].place_ids)
    i, j = places.index(start), places.index(end)
    return places[i:j + 1] if i <= j else places[j:i + 1][::-1]


def join(*parts: list[str]) -> list[str]:
    out = list(parts[0])
    for part in parts[1:]:
        assert part[0] == out[-1]
        out += part[1:]
    return out


DS = shared_dataset()
# The rail line Almaty -> Bandar Abbas through Sarakhs, station by station, from the records' paths.
ALMATY_TEJEN = join(stations(DS, "ctx-rail-tashkent-almaty", "almaty", "tashkent"),
                    stations(DS, "ctx-rail-trans-caspian", "tashkent", "tejen"))
TEJEN_MASHHAD = join(stations(DS, "rail-sarakhs-tejen", "tejen", "sarakhs-tm"),
                     stations(DS, "rail-mashhad-sarakhs", "sarakhs-tm", "mashhad"))
MASHHAD_GULF = join(stations(DS, "ctx-rail-tehran-mashhad", "mashhad", "tehran"),
                    stations(DS, "ctx-rail-tehran-bafq", "tehran", "bafq"),
                    stations(DS, "ctx-rail-bafq-bandar-abbas", "bafq", "bandar-abbas"))
ALMATY_GULF = join(ALMATY_TEJEN, TEJEN_MASHHAD, MASHHAD_GULF)
TASHKENT_TEJEN = stations(DS, "ctx-rail-trans-caspian", "tashkent", "tejen")


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def km(ds, path: list[str]) -> float:
    total = 0.0
    for a, b in zip(path, path[1:]):
        pa, pb = ds.places[a], ds.places[b]
        total += GEOD.inv(pa.lon, pa.lat, pb.lon, pb.lat)[2] / 1000
    return total


def opened(ds, record_id: str) -> int:
    """The year a record became operational, from the data."""
    return next(s.start.year for s in ds.by_id[record_id].stages if s.status == "operational")


def test_almaty_to_bandar_abbas_by_rail_through_sarakhs_in_1997_with_its_time(ds):
    assert opened(ds, "rail-mashhad-sarakhs") <= 1997 < opened(ds, "ctx-rail-mashhad-bafq")
    r = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",), by="time")
    assert list(r.path) == ALMATY_GULF
    distance = km(ds, ALMATY_GULF)
    # Kazakhstan-Uzbekistan, Uzbekistan-Turkmenistan, Turkmenistan-Iran: three international borders in 1997
    # (all three republics independent since 1991); one break of gauge, 1520 mm to 1435 mm, at Sarakhs.
    hours = distance / SPEED["rail-freight"] + 3 * DELAY["border"] + 1 * DELAY["gauge-change"]
    assert r.length_km == pytest.approx(distance, rel=1e-9)
    assert r.hours == pytest.approx(hours, rel=1e-9)
    crossing = next(row for row in r.legs if row["type"] == "crossing" and row["to_country"] == "IRN")
    assert (crossing["at"], crossing["next"]) == ("sarakhs-tm", "sarakhs-ir")
    assert tuple(crossing["gauges"]) == (1520, 1435) and crossing["hours"] == DELAY["border"] + DELAY["gauge-change"]
    assert "Sarakhs" in crossing["name"] and "Bukhara" not in crossing["name"]
    assert [b["kind"] for b in r.borders] == ["international"] * 3
    assert r.verdict == "found"


def test_no_rail_route_from_almaty_to_the_gulf_in_1995(ds):
    assert opened(ds, "rail-mashhad-sarakhs") > 1995
    r = find_route(ds, "almaty", "bandar-abbas", 1995, modes=("rail",))
    assert not r.found and r.hours is None
    assert "rail-mashhad-sarakhs" in {b["record"] for b in r.blocked}


def test_the_1996_line_gives_bandar_abbas_a_rail_route_to_ashgabat_and_the_sentence_says_so(ds):
    before = find_route(ds, "bandar-abbas", "ashgabat", 1995, modes=("rail",))
    after = find_route(ds, "bandar-abbas", "ashgabat", 1997, modes=("rail",))
    path = join(MASHHAD_GULF[::-1], TEJEN_MASHHAD[::-1], stations(DS, "ctx-rail-trans-caspian", "tejen", "ashgabat"))
    assert not before.found and list(after.path) == path
    distance = km(ds, path)
    hours = distance / SPEED["rail-freight"] + DELAY["border"] + DELAY["gauge-change"]
    assert after.hours == pytest.approx(hours, rel=1e-9)
    said = sentence(ds, before, after)
    assert said == (f"In 1995 there is no route from Bandar Abbas to Ashgabat by rail; in 1997 there is one of "
                    f"{distance:,.0f} km taking {hours:,.0f} h.")


def test_the_1996_line_shortens_tashkent_to_the_gulf_in_km_and_hours(ds):
    before = find_route(ds, "tashkent", "bandar-abbas", 1995, by="time")
    after = find_route(ds, "tashkent", "bandar-abbas", 1997, by="time")
    # 1995: the roads through Turkmenistan and over the 1991 border post at Bajgiran to Mashhad, then rail.
    road = join(stations(DS, "corridor-uzbekistan-kyrgyzstan", "tashkent", "bukhara"),
                stations(DS, "corridor-iran-turkmenistan-uzbekistan", "bukhara", "ashgabat"),
                stations(DS, "border-post-1991", "ashgabat", "quchan"),
                stations(DS, "corridor-iran-turkmenistan-uzbekistan", "quchan", "mashhad"))
    km_1995 = km(ds, road) + km(ds, MASHHAD_GULF)
    h_1995 = (km(ds, road) / SPEED["road"] + km(ds, MASHHAD_GULF) / SPEED["rail-freight"]
              + 2 * DELAY["border"] + DELAY["rail-road-transfer"])
    # 1997: rail all the way through Sarakhs.
    rail = join(TASHKENT_TEJEN, TEJEN_MASHHAD, MASHHAD_GULF)
    km_1997 = km(ds, rail)
    h_1997 = km_1997 / SPEED["rail-freight"] + 2 * DELAY["border"] + DELAY["gauge-change"]
    assert list(before.path) == road + MASHHAD_GULF[1:] and list(after.path) == rail
    assert before.length_km == pytest.approx(km_1995) and before.hours == pytest.approx(h_1995)
    assert after.length_km == pytest.approx(km_1997) and after.hours == pytest.approx(h_1997)
    assert km_1997 < km_1995 and h_1997 < h_1995
    said = sentence(ds, before, after)
    assert f"{km_1995 - km_1997:,.0f} km shorter" in said and f"{h_1995 - h_1997:,.0f} h faster" in said
    assert before.verdict == "possible" and after.verdict == "found"   # the 1995 roads are only "possible"


def test_a_longer_border_delay_makes_the_fastest_route_slower_by_that_much_per_border(ds):
    base = default_assumptions()
    slow = base.changed(border_h=48)
    r0 = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",), assumptions=base)
    r1 = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",), assumptions=slow)
    assert r1.path == r0.path
    assert r1.hours - r0.hours == pytest.approx(3 * (48 - DELAY["border"]))


def test_a_border_delay_can_change_which_route_is_fastest(ds):
    # Dushanbe to Mashhad by road: through Afghanistan (two borders) or Uzbekistan and Turkmenistan (three).
    free = default_assumptions().changed(border_h=0)
    r_free = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), assumptions=free)
    r_slow = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",),
                        assumptions=free.changed(border_h=24 * 10))
    assert r_free.international_borders > r_slow.international_borders or r_free.path == r_slow.path
    assert r_slow.international_borders == 2 and "AFG" in r_slow.countries


def test_fewest_borders_and_shortest_are_what_they_say(ds):
    fewest = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), by="borders")
    shortest = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), by="distance")
    fastest = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), by="time")
    assert fewest.international_borders <= min(shortest.international_borders, fastest.international_borders)
    assert shortest.length_km <= min(fewest.length_km, fastest.length_km) + 1e-9
    assert fastest.hours <= min(fewest.hours, shortest.hours) + 1e-9


def test_reach_of_mashhad_within_48_hours_by_rail_takes_in_ashgabat_in_1997_not_1995(ds):
    path = join(TEJEN_MASHHAD[::-1], stations(DS, "ctx-rail-trans-caspian", "tejen", "ashgabat"))
    hours = km(ds, path) / SPEED["rail-freight"] + DELAY["border"] + DELAY["gauge-change"]
    assert hours < 48
    r1997 = reach(ds, "mashhad", 1997, 48, modes=("rail",))
    r1995 = reach(ds, "mashhad", 1995, 48, modes=("rail",))
    assert r1997.hours["ashgabat"] == pytest.approx(hours)
    assert "ashgabat" not in r1995.hours and "tehran" in r1995.hours
    assert r1997.band("ashgabat") == int(hours // 12)   # four bands of 12 h in 48 h


def test_a_boundary_between_soviet_republics_is_not_an_international_border(ds):
    # Before independence (the polity records' dates) Tashkent to Ashgabat by rail crosses no customs.
    r = find_route(ds, "tashkent", "ashgabat", 1990, modes=("rail",))
    assert [b["kind"] for b in r.borders] == ["republic"] and r.borders[0]["hours"] == DELAY["republic-boundary"]
    assert r.country_names[0] == country_name_in(ds, "UZB", end_of_year(1990)) != "Uzbekistan"
    assert "Soviet" in r.country_names[0]
    later = find_route(ds, "tashkent", "ashgabat", 1997, modes=("rail",))
    assert [b["kind"] for b in later.borders] == ["international"] and later.country_names[0] == "Uzbekistan"
    assert later.hours - r.hours == pytest.approx(DELAY["border"] - DELAY["republic-boundary"])


@pytest.mark.parametrize("change, says", [
    ({"border_h": -1}, "border_h"), ({"road_kmh": 0}, "road_kmh"), ({"sea_kmh": "fast"}, "sea_kmh"),
    ({"gauge_h": float("nan")}, "gauge_h"), ({"service": "mail"}, "service"), ({"warp": 1}, "warp"),
])
def test_bad_assumptions_are_refused_naming_the_field(change, says):
    with pytest.raises(ValueError, match=says):
        default_assumptions().changed(**change)


def test_every_cost_has_a_source_or_is_marked_an_assumption():
    for item in COSTS["speeds"] + COSTS["delays"]:
        assert item["basis"] in ("assumption", "source"), item["id"]
        assert item["basis"] == "assumption" or item.get("source"), item["id"]
        assert item["note"].strip() and item["label"]["en"] and item["label"]["ur"]
    for g in COSTS["gauges"]["by_country"]:
        assert g["source"] and g["url"].startswith("https://")


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("GEODATA_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "geodata", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_route_by_time_with_a_changed_border_delay(ds):
    base = json.loads(run("route", "almaty", "bandar-abbas", "--year", "1997", "--modes", "rail").stdout)
    slow = json.loads(run("route", "almaty", "bandar-abbas", "--year", "1997", "--modes", "rail",
                          "--border-h", "36").stdout)
    assert base["by"] == "time" and base["verdict"] == "found"
    assert slow["hours"] - base["hours"] == pytest.approx(3 * (36 - DELAY["border"]), abs=0.2)
    assert [row["type"] for row in base["legs"]].count("crossing") == 3


def test_cli_route_compare_prints_the_sentence():
    out = json.loads(run("route", "bandar-abbas", "ashgabat", "--year", "1995", "--compare", "1997",
                         "--modes", "rail").stdout)
    assert [r["year"] for r in out["routes"]] == [1995, 1997]
    assert out["sentence"].startswith("In 1995 there is no route from Bandar Abbas to Ashgabat by rail")


def test_cli_reach(ds):
    done = run("reach", "mashhad", "--year", "1997", "--hours", "48", "--modes", "rail")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    places = {p["place"]: p for p in out["places"]}
    assert "ashgabat" in places and out["band_edges_hours"] == [12, 24, 36, 48]
    days = json.loads(run("reach", "mashhad", "--year", "1997", "--days", "2", "--modes", "rail").stdout)
    assert {p["place"] for p in days["places"]} == set(places)


@pytest.mark.parametrize("args, says", [
    (("reach", "mashhad", "--year", "1997", "--hours", "-5"), "hours"),
    (("reach", "mashhad", "--year", "1997", "--hours", "soon"), "soon"),
    (("reach", "Atlantis", "--year", "1997", "--hours", "5"), "Atlantis"),
    (("route", "almaty", "mashhad", "--year", "1997", "--by", "cheapest"), "cheapest"),
    (("route", "almaty", "mashhad", "--year", "1997", "--road-kmh", "0"), "road-kmh"),
])
def test_cli_bad_requests_exit_2_in_one_line(args, says):
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert says in done.stderr and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("year", [1899, 1930, 1991, 1995, 1996, 1997, 2009, 2026])
@pytest.mark.parametrize("planned", [False, True])
def test_the_costed_network_reads_each_link_s_state_as_link_state_does(ds, year, planned):
    from geodata.network.costed import epoch_state, edge_table
    from geodata.network.graph import link_state
    table, state = edge_table(ds), epoch_state(ds, end_of_year(year), planned)
    for i, rid in enumerate(table.records):
        usable, is_planned, stage = link_state(ds.by_id[rid], end_of_year(year), planned)
        assert (bool(state.usable[i]), bool(state.planned[i]), state.status[i]) == \
            (usable, is_planned, stage.status if stage else None), rid


def test_docs_state_every_assumption_with_its_default_and_basis():
    text = (REPO / "docs" / "routes.md").read_text(encoding="utf-8")
    for item in COSTS["speeds"]:
        assert f"| `{item['id']}` speed | {item['kmh']:g} km/h | the map's assumption" in text, item["id"]
    for item in COSTS["delays"]:
        assert f"| `{item['id']}` delay | {item['hours']:g} h | the map's assumption" in text, item["id"]
    for g in COSTS["gauges"]["by_country"]:
        assert f"{g['mm']} mm" in text
