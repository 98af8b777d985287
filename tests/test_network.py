"""The route network and ``python -m geodata route``, on the real shipped data."""
from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geodata.load import shared_dataset
from geodata.network import (YEAR_MAX, YEAR_MIN, ALL_MODES, PRIORITIES, PlaceNotFound, answer_question, build_network,
                             find_route,
                             resolve_place, route_questions)

REPO = Path(__file__).resolve().parents[1]
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def straight_km(ds, a: str, b: str) -> float:
    pa, pb = ds.places[a], ds.places[b]
    return GEOD.inv(pa.lon, pa.lat, pb.lon, pb.lat)[2] / 1000


def records_used(result) -> list[str]:
    return [s["record"] for s in result.segments]


def assert_consistent(ds, result, origin: str, destination: str) -> None:
    """What every found route must satisfy, whatever the data."""
    assert result.path[0] == origin and result.path[-1] == destination
    assert len(result.segments) == len(result.path) - 1
    for seg, a, b in zip(result.segments, result.path, result.path[1:]):
        assert (seg["from"], seg["to"]) == (a, b)
        assert seg["length_km"] == pytest.approx(straight_km(ds, a, b), rel=1e-9, abs=1e-6)
        assert {seg["from"], seg["to"]} <= set(ds.by_id[seg["record"]].place_ids)
        assert seg["mode"] in result.modes
    assert result.length_km == pytest.approx(sum(s["length_km"] for s in result.segments))
    expected_countries = []
    for pid in result.path:
        if not expected_countries or ds.places[pid].country != expected_countries[-1]:
            expected_countries.append(ds.places[pid].country)
    assert list(result.countries) == expected_countries
    assert len(result.borders) == len(result.countries) - 1
    assert result.reason is None


# --------------------------------------------------------------------------- the text's rail link to the Gulf

def test_almaty_to_bandar_abbas_by_rail_is_blocked_in_1995_by_the_sarakhs_gap(ds):
    r = find_route(ds, "almaty", "Bandar Abbas", 1995, modes=("rail",))
    assert not r.found and r.path == () and r.length_km is None
    # under construction since 1992 (UPI, 13 May 1996), opened on the text's date, 12 May 1996
    assert "rail-mashhad-sarakhs" in r.reason and "under_construction" in r.reason
    blocked = {b["record"]: b for b in r.blocked}
    assert blocked["rail-mashhad-sarakhs"]["status"] == "under_construction"
    assert blocked["rail-mashhad-sarakhs"]["usable_from"] == "1996-05-12"
    # the lines that did exist in 1995 are not blamed
    assert "ctx-rail-bafq-bandar-abbas" not in blocked and "ctx-rail-trans-caspian" not in blocked


def test_almaty_to_bandar_abbas_by_rail_in_1997(ds):
    r = find_route(ds, "almaty", "Bandar Abbas", 1997, modes=("rail",))
    assert r.found
    assert_consistent(ds, r, "almaty", "bandar-abbas")
    assert 2500 < r.length_km < 4500
    assert r.length_km > straight_km(ds, "almaty", "bandar-abbas")
    assert list(r.countries) == ["KAZ", "UZB", "TKM", "IRN"]
    assert {"rail-mashhad-sarakhs", "rail-sarakhs-tejen"} <= set(records_used(r))
    assert all(s["mode"] == "rail" and s["status"] == "operational" for s in r.segments)
    assert ("TKM", "IRN") in [(b["from"], b["to"]) for b in r.borders]
    text_segments = [s for s in r.segments if s["from_text"]]
    assert text_segments and all(s["sources"] and s["sources"][0]["quote"] for s in text_segments)
    context_segments = [s for s in r.segments if not s["from_text"]]
    assert context_segments and all(s["context"] and s["context"][0]["citation"] for s in context_segments)


@pytest.mark.parametrize("record, origin, destination, before, after", [
    ("rail-mashhad-sarakhs", "sarakhs-tm", "mashhad", 1995, 1996),
    ("ctx-rail-bafq-bandar-abbas", "tehran", "bandar-abbas", 1994, 1995),
    ("ctx-rail-mashhad-bafq", "mashhad", "bafq", None, 2005),   # opened 3 May 2005 (Railway Gazette; VOA/IRNA)
])
def test_a_line_carries_the_route_from_the_end_of_its_opening_year(ds, record, origin, destination, before, after):
    if before is not None:
        r = find_route(ds, origin, destination, before, modes=("rail",))
        assert not r.found and record in r.reason
    r = find_route(ds, origin, destination, after, modes=("rail",))
    assert r.found and record in records_used(r)


def test_mashhad_bafq_shortens_the_gulf_route_from_2005(ds):
    old = find_route(ds, "mashhad", "bandar-abbas", 2004, modes=("rail",))
    new = find_route(ds, "mashhad", "bandar-abbas", 2005, modes=("rail",))
    assert "tehran" in old.path and "tehran" not in new.path
    assert new.length_km < old.length_km


def test_the_network_changes_on_the_opening_day_not_the_year(ds):
    def has(day):
        g = build_network(ds, day, frozenset({"rail"}), include_planned=False)
        return g.has_edge("mashhad", "sarakhs-ir", key="rail-mashhad-sarakhs")
    assert not has(_dt.date(1996, 5, 11)) and has(_dt.date(1996, 5, 12))


def test_network_edges_carry_their_record(ds):
    g = build_network(ds, _dt.date(1997, 12, 31), frozenset(ALL_MODES), include_planned=True)
    assert set(ds.places) <= set(g.nodes)
    edge = g.edges["zahedan", "chabahar", "rail-zahedan-chabahar"]
    assert edge["kind"] == "rail_line" and edge["mode"] == "rail" and edge["status"] == "proposed"
    assert edge["planned"] is True and edge["from_text"] is True
    assert edge["length_km"] == pytest.approx(straight_km(ds, "zahedan", "chabahar"))
    sea = g.edges["nowshahr", "aktau", "sea-nowshahr-aktau"]
    assert sea["mode"] == "sea" and sea["planned"] is False
    modes = {d["mode"] for *_, d in build_network(ds, _dt.date(1997, 12, 31), frozenset({"sea"}), False)
             .edges(data=True)}
    assert modes == {"sea"}


# --------------------------------------------------------------------------- roads, the sea, plans

def test_tajikistan_reaches_iran_through_uzbekistan(ds):
    r = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), by="distance")
    assert r.found
    assert_consistent(ds, r, "dushanbe", "mashhad")
    assert "UZB" in r.countries and ("TKM" in r.countries or "AFG" in r.countries)
    assert all(s["mode"] == "road" for s in r.segments)
    # the text's way, keeping out of Afghanistan: Uzbekistan and Turkmenistan
    r = find_route(ds, "dushanbe", "mashhad", 1997, modes=("road",), avoid=("AFG",), by="distance")
    assert list(r.countries) == ["TJK", "UZB", "TKM", "IRN"]


def test_kazakhstan_reaches_iran_by_sea(ds):
    r = find_route(ds, "Aktau", "Nowshahr", 1992, modes=("sea",))
    assert r.found and records_used(r) == ["sea-nowshahr-aktau"]
    assert r.segments[0]["mode"] == "sea" and list(r.countries) == ["KAZ", "IRN"]
    r = find_route(ds, "turkmenbashi", "Bandar Anzali", 1992, modes=("sea",))
    assert r.found and records_used(r) == ["sea-anzali-turkmenbashi"]
    # Soviet–Iranian shipping is older than independence: in 1990 the sea route exists (the link is drawn
    # from 1963, when Aktau became a town); before Aktau existed there is none.
    r = find_route(ds, "Aktau", "Nowshahr", 1990, modes=("sea",))
    assert r.found and records_used(r) == ["sea-nowshahr-aktau"]
    r = find_route(ds, "Aktau", "Nowshahr", 1960, modes=("sea",))
    assert not r.found and "sea-nowshahr-aktau" in r.reason


def test_planned_lines_count_only_when_asked(ds):
    r = find_route(ds, "zahedan", "chabahar", 1997, modes=("rail",))
    assert not r.found and "rail-zahedan-chabahar" in r.reason and "proposed" in r.reason
    r = find_route(ds, "zahedan", "chabahar", 1997, modes=("rail",), include_planned=True)
    assert r.found and r.uses_planned and r.segments[0]["planned"] and r.segments[0]["status"] == "proposed"
    r = find_route(ds, "zahedan", "chabahar", 1995, modes=("rail",), include_planned=True)
    assert not r.found and "rail-zahedan-chabahar" in r.reason   # first proposed in 1996


def test_a_mode_that_does_not_reach_a_place_is_named(ds):
    r = find_route(ds, "bishkek", "mashhad", 1997, modes=("road",))
    assert not r.found and "Bishkek" in r.reason and "rail" in r.reason


def test_a_place_no_link_reaches(ds):
    r = find_route(ds, "mashhad", "kabul", 1997)
    assert not r.found and "no link at all reaches Kabul" in r.reason


def test_a_route_to_the_same_place_is_empty(ds):
    r = find_route(ds, "Mashhad", "mashhad", 1997)
    assert r.found and r.path == ("mashhad",) and r.length_km == 0 and r.segments == ()
    assert r.countries == ("IRN",)


def test_bad_requests_raise_value_errors(ds):
    with pytest.raises(ValueError, match="air"):
        find_route(ds, "almaty", "mashhad", 1997, modes=("air",))
    with pytest.raises(ValueError, match="1800"):
        find_route(ds, "almaty", "mashhad", 1800)
    with pytest.raises(ValueError, match="whole number"):
        find_route(ds, "almaty", "mashhad", "1997")
    with pytest.raises(ValueError, match="XYZ"):
        find_route(ds, "almaty", "mashhad", 1997, avoid=("XYZ",))


# --------------------------------------------------------------------------- places

@pytest.mark.parametrize("text, pid", [
    ("sarakhs-tm", "sarakhs-tm"), ("Sarakhs", "sarakhs-ir"), ("SARAKHS", "sarakhs-ir"), ("سرخس", "sarakhs-ir"),
    ("Saragt", "sarakhs-tm"), ("Bandar Abbas", "bandar-abbas"), ("bandar abbas", "bandar-abbas"),
    ("Jolfa", "jolfa-ir"), ("Julfa", "julfa-az"), ("Krasnovodsk", "turkmenbashi"), ("Turkmenabat", "turkmenabat"),
    ("Ürümqi", "urumqi"), ("Urumqi", "urumqi"), (" Mashhad ", "mashhad"),
])
def test_resolve_place(ds, text, pid):
    assert resolve_place(ds, text) == pid


@pytest.mark.parametrize("text, suggestion", [("Mashad", "mashhad"), ("Bandar Abas", "bandar-abbas"),
                                              ("Iran", None), ("", None)])
def test_unknown_places_raise_with_close_matches(ds, text, suggestion):
    with pytest.raises(PlaceNotFound) as info:
        resolve_place(ds, text)
    assert isinstance(info.value, ValueError) and repr(text.strip()) in str(info.value)
    if suggestion:
        assert suggestion in [pid for pid, _ in info.value.suggestions]
        assert f"({suggestion})" in str(info.value)


# --------------------------------------------------------------------------- the text's questions

QUESTIONS = route_questions()


def test_questions_are_well_formed(ds):
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS) >= 5
    for q in QUESTIONS:
        assert q.question_en.strip() and q.question_ur.strip()
        assert ds.source.quote_in_block(q.quote, q.block), f"{q.id}: quote not in block {q.block}"
        resolve_place(ds, q.origin), resolve_place(ds, q.destination)
        assert set(q.expect) <= set(q.years) and q.expect, q.id


@pytest.mark.parametrize("qid", [q.id for q in QUESTIONS])
def test_the_network_answers_the_text_as_the_question_expects(ds, qid):
    q = next(q for q in QUESTIONS if q.id == qid)
    results = answer_question(ds, qid)
    assert [r.year for r in results] == list(q.years)
    for r in results:
        want = q.expect.get(r.year)
        if want is None:
            continue
        assert r.found is want["found"], (qid, r.year, r.reason)
        assert set(want.get("crosses", ())) <= set(r.countries), (qid, r.year, r.countries)
        assert set(want.get("via", ())) <= set(r.path), (qid, r.year, r.path)
        assert not set(want.get("not_via", ())) & set(r.path), (qid, r.year, r.path)
        assert set(want.get("uses", ())) <= set(records_used(r)), (qid, r.year)
        assert set(want.get("blocked_by", ())) <= {b["record"] for b in r.blocked}, (qid, r.year, r.reason)


def test_the_sarakhs_route_to_the_gulf_gets_shorter(ds):
    r1995, r1997, r2010 = answer_question(ds, "sarakhs-to-gulf")
    assert not r1995.found and r1997.found and r2010.found
    assert r2010.length_km < r1997.length_km


def test_unknown_question(ds):
    with pytest.raises(KeyError, match="gulf-by-rail"):
        answer_question(ds, "no-such-question")


# --------------------------------------------------------------------------- properties and speed

PLACE_IDS = sorted(shared_dataset().places)
MODE_SETS = st.sets(st.sampled_from(ALL_MODES), min_size=1).map(lambda s: tuple(m for m in ALL_MODES if m in s))


def measure(result, by: str):
    """What a priority minimises, as a comparable value."""
    return {"time": result.hours, "distance": result.length_km,
            "borders": (result.international_borders, round(result.hours, 6))}[by]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(origin=st.sampled_from(PLACE_IDS), destination=st.sampled_from(PLACE_IDS),
       year=st.integers(YEAR_MIN, YEAR_MAX), modes=MODE_SETS, planned=st.booleans(),
       by=st.sampled_from(tuple(PRIORITIES)))
def test_any_query_gives_a_consistent_answer(origin, destination, year, modes, planned, by):
    ds = shared_dataset()
    r = find_route(ds, origin, destination, year, modes=modes, include_planned=planned, by=by)
    assert r.year == year and r.modes == modes and r.origin == origin and r.destination == destination
    if r.found:
        assert_consistent(ds, r, origin, destination)
        assert planned or not r.uses_planned
        assert r.length_km + 1e-6 >= straight_km(ds, origin, destination)
        assert r.hours == pytest.approx(sum(row["hours"] for row in r.legs), abs=1e-6)
    else:
        assert r.path == () and r.segments == () and r.reason and r.reason.startswith("no route")
    # more links can only help: all modes and planned lines never lose a route or make it worse by its priority
    wider = find_route(ds, origin, destination, year, modes=ALL_MODES, include_planned=True, by=by)
    if r.found:
        assert wider.found
        if by == "borders":
            assert measure(wider, by) <= (measure(r, by)[0], measure(r, by)[1] + 1e-6)
        else:
            assert measure(wider, by) <= measure(r, by) + 1e-6


# --------------------------------------------------------------------------- the command line

def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("GEODATA_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "geodata", "route", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_cli_prints_one_json_route():
    done = run_cli("almaty", "Bandar Abbas", "--year", "1997")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    for key in ("found", "length_km", "path", "countries", "segments", "borders", "reason", "year", "modes"):
        assert key in out
    assert out["found"] is True and out["year"] == 1997 and out["modes"] == list(ALL_MODES)
    assert out["path"][0] == "almaty" and out["path"][-1] == "bandar-abbas"
    assert all("record" in s and "status" in s for s in out["segments"])
    assert out["length_km"] == pytest.approx(sum(s["length_km"] for s in out["segments"]), abs=0.05 * len(out["segments"]))


def test_cli_not_found_is_an_answer_not_an_error():
    done = run_cli("almaty", "bandar-abbas", "--year", "1995", "--modes", "rail")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["found"] is False and out["length_km"] is None and "rail-mashhad-sarakhs" in out["reason"]


def test_cli_planned_flag():
    assert json.loads(run_cli("zahedan", "chabahar", "--year", "1997").stdout)["found"] is False
    assert json.loads(run_cli("zahedan", "chabahar", "--year", "1997", "--planned").stdout)["found"] is True


@pytest.mark.parametrize("args, says", [
    (("almaty", "Atlantis", "--year", "1997"), "Atlantis"),
    (("Mashad", "almaty", "--year", "1997"), "mashhad"),
    (("almaty", "mashhad", "--year", "abc"), "abc"),
    (("almaty", "mashhad", "--year", "1800"), "1800"),
    (("almaty", "mashhad", "--year", "1997", "--modes", "rail,air"), "air"),
    (("almaty", "mashhad", "--year", "1997", "--avoid", "XYZ"), "XYZ"),
    (("almaty", "--year", "1997"), "TO"),
])
def test_cli_bad_requests_exit_2_with_one_clear_line(args, says):
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert says in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_data_that_does_not_load_exits_1(tmp_path):
    done = run_cli("almaty", "mashhad", "--year", "1997", "--data-dir", str(tmp_path))
    assert done.returncode == 1 and "source text is missing" in done.stderr and "Traceback" not in done.stderr
