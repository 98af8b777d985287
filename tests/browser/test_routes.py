"""The route explorer in a real browser (issue 4): the text's questions, two years side by side, the
route on the map, its state in the URL, sources of each segment, modes and planned lines.

Expected answers come from ``geodata.network.find_route`` on the same dataset, in the test process.
"""
from __future__ import annotations

import pytest

from geodata.load import shared_dataset
from geodata.network import find_route, route_questions

from .driver import WAIT_MS, assert_details_show_record, choose_option, normalise, open_app, wait_url
from .selectors import (DROPDOWN_OPTION, MAP_GRAPH, ROUTE_COUNTRIES, ROUTE_FROM, ROUTE_HEADING, ROUTE_KM,
                        ROUTE_MODE_CHECKBOX, ROUTE_PLANNED_CHECKBOX, ROUTE_QUESTION, ROUTE_REASON,
                        ROUTE_SEGMENTS_SUMMARY, ROUTE_SOURCE_BUTTON, ROUTE_TO)

ALL_MODES = ("rail", "sea", "road")


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def question(qid: str):
    return next(q for q in route_questions() if q.id == qid)


_ROUTE_TRACES_JS = """
(graph) => document.querySelector(graph)._fullData
  .filter((t) => t.meta && t.meta.role === 'route')
  .map((t) => ({year: t.meta.year, lon: Array.from(t.lon), lat: Array.from(t.lat)}))
"""


def route_traces(page) -> list[dict]:
    return page.evaluate(_ROUTE_TRACES_JS, MAP_GRAPH)


def wait_route_drawn(page, years: list[int]) -> None:
    page.wait_for_function(
        """([graph, years]) => { const gd = document.querySelector(graph);
             const got = gd._fullData.filter((t) => t.meta && t.meta.role === 'route').map((t) => t.meta.year);
             return JSON.stringify(got) === JSON.stringify(years); }""", arg=[MAP_GRAPH, years], timeout=WAIT_MS)


def wait_result(page, result) -> None:
    """Wait until the panel shows this RouteResult: its km when found, its reason when not."""
    heading = ROUTE_HEADING.format(result.year) + f'[data-found="{"true" if result.found else "false"}"]'
    page.wait_for_selector(heading, timeout=WAIT_MS)
    if result.found:
        page.wait_for_function(
            """([sel, km]) => Array.from(document.querySelectorAll(sel))
                 .some((e) => Math.abs(parseFloat(e.dataset.km) - km) <= 0.5)""",
            arg=[ROUTE_KM, result.length_km], timeout=WAIT_MS)
    else:
        page.wait_for_function(
            """([sel, text]) => Array.from(document.querySelectorAll(sel)).some((e) => e.textContent === text)""",
            arg=[ROUTE_REASON, result.reason], timeout=WAIT_MS)


def assert_route_on_map(page, ds, result) -> None:
    drawn = [tr for tr in route_traces(page) if tr["year"] == result.year]
    assert len(drawn) == 1
    assert drawn[0]["lon"] == pytest.approx([ds.places[p].lon for p in result.path])
    assert drawn[0]["lat"] == pytest.approx([ds.places[p].lat for p in result.path])


def test_brr001_the_gulf_question_in_two_clicks_compares_1995_and_1997(page, ds):
    q = question("gulf-by-rail")
    assert (q.origin, q.destination, q.years, q.modes) == ("almaty", "bandar-abbas", (1995, 1997), ("rail",))
    open_app(page, "", 1996)
    page.click(ROUTE_QUESTION)                                   # click 1: open the questions
    option = page.locator(DROPDOWN_OPTION.format(q.id))
    assert normalise(option.inner_text()) == q.question_en
    option.click()                                               # click 2: ask it

    before = find_route(ds, q.origin, q.destination, 1995, modes=q.modes)
    after = find_route(shared_dataset(), "almaty", "bandar-abbas", 1997, modes=("rail",))
    assert not before.found and after.found
    wait_result(page, before)
    wait_result(page, after)
    h1995 = normalise(page.inner_text(ROUTE_HEADING.format(1995)))
    h1997 = normalise(page.inner_text(ROUTE_HEADING.format(1997)))
    assert h1995 == "1995: No route" and h1997 == "1997: Route found"
    reasons = [normalise(r) for r in page.locator(ROUTE_REASON).all_inner_texts()]
    assert reasons == [before.reason] and "rail-mashhad-sarakhs" in reasons[0]
    km = float(page.get_attribute(ROUTE_KM, "data-km"))
    assert km == pytest.approx(after.length_km, abs=0.5)
    assert page.get_attribute(ROUTE_COUNTRIES, "data-countries") == ",".join(after.countries) == "KAZ,UZB,TKM,IRN"

    wait_route_drawn(page, [1997])                               # only the year with a route is drawn
    assert_route_on_map(page, ds, after)
    wait_url(page, **{"from": "almaty", "to": "bandar-abbas", "ryear": "1995", "compare": "1997", "modes": "rail"})


def test_brr002_a_segment_s_source_opens_its_details_with_the_quote(page, ds):
    open_app(page, "?from=almaty&to=bandar-abbas&ryear=1995&compare=1997&modes=rail", 1996)
    after = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",))
    wait_result(page, after)
    wait_route_drawn(page, [1997])
    page.click(ROUTE_SEGMENTS_SUMMARY)                           # side by side, the segments are folded
    rid = "rail-mashhad-sarakhs"
    assert rid in {s["record"] for s in after.segments}
    record = ds.by_id[rid]
    source = page.locator(ROUTE_SOURCE_BUTTON.format(record.names.en))
    assert normalise(source.inner_text()) == f"block {record.sources[0].block}"
    source.click()
    assert_details_show_record(page, record)
    wait_url(page, feature=rid, **{"from": "almaty", "to": "bandar-abbas", "compare": "1997"})


def test_brr003_modes_and_planned_lines_change_the_answer_for_zahedan_to_chabahar(page, ds):
    open_app(page, "?year=1997", 1997)
    choose_option(page, ROUTE_FROM, "zahedan", typed="Zahedan")
    choose_option(page, ROUTE_TO, "chabahar", typed="چاہ بہار")     # place names are searchable in Urdu too

    def expect(modes: tuple[str, ...], planned: bool):
        result = find_route(ds, "zahedan", "chabahar", 1997, modes=modes, include_planned=planned)
        wait_result(page, result)
        wait_url(page, **{"from": "zahedan", "to": "chabahar", "ryear": "1997",
                          "modes": None if modes == ALL_MODES else ",".join(modes), "planned": "1" if planned else None})
        if result.found:
            wait_route_drawn(page, [1997])
            assert_route_on_map(page, ds, result)
        else:
            wait_route_drawn(page, [])
        return result

    none = expect(ALL_MODES, False)                # the extension is only proposed in 1997
    assert not none.found and "rail-zahedan-chabahar is proposed" in none.reason

    page.click(ROUTE_PLANNED_CHECKBOX)
    planned = expect(ALL_MODES, True)              # counted as planned, the line makes the route
    assert planned.found and planned.uses_planned
    assert [s["record"] for s in planned.segments] == ["rail-zahedan-chabahar"]

    page.click(ROUTE_MODE_CHECKBOX.format("rail"))
    no_rail = expect(("sea", "road"), True)        # Zahedan has only the railway
    assert not no_rail.found and "linked only by rail" in no_rail.reason

    page.click(ROUTE_MODE_CHECKBOX.format("rail"))
    page.click(ROUTE_MODE_CHECKBOX.format("sea"))
    page.click(ROUTE_MODE_CHECKBOX.format("road"))
    assert expect(("rail",), True).found

    page.click(ROUTE_PLANNED_CHECKBOX)
    assert not expect(("rail",), False).found
