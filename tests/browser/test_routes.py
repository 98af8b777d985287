"""The route explorer in a real browser (issue 4): the text's questions, two years side by side, the
route on the map, its state in the URL, sources of each segment, modes and planned lines.

Expected answers come from ``geodata.network.find_route`` on the same dataset, in the test process.
"""
from __future__ import annotations

import pytest

from geodata.load import shared_dataset
from geodata.network import find_route, route_questions

from .driver import WAIT_MS, assert_details_show_record, choose_option, normalise, open_app, wait_url
from .selectors import (DROPDOWN_OPTION, MAP_GRAPH, ROUTE_ASSUME_INPUT, ROUTE_ASSUME_SUMMARY, ROUTE_COUNTRIES,
                        ROUTE_FROM, ROUTE_HEADING, ROUTE_KEY_ITEMS, ROUTE_KM, ROUTE_MODE_CHECKBOX,
                        ROUTE_PLANNED_CHECKBOX, ROUTE_PROBLEM, ROUTE_QUESTION, ROUTE_REASON, ROUTE_SEGMENTS_SUMMARY,
                        ROUTE_SENTENCE, ROUTE_SOURCE_BUTTON, ROUTE_TABLE_HEAD, ROUTE_TABLE_ROWS, ROUTE_TO)

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
    assert (q.origin, q.destination, q.years[:2], q.modes) == ("almaty", "bandar-abbas", (1995, 1997), ("rail",))
    open_app(page, "", 1996)
    page.click(ROUTE_QUESTION)                                   # click 1: open the questions
    option = page.locator(DROPDOWN_OPTION.format(q.id))
    assert normalise(option.inner_text()) == q.question_en
    option.click()                                               # click 2: ask it

    before = find_route(ds, q.origin, q.destination, 1995, modes=q.modes, by=q.by)
    after = find_route(shared_dataset(), "almaty", "bandar-abbas", 1997, modes=("rail",), by=q.by)
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
    # the later year leads, the earlier is compared
    wait_url(page, **{"from": "almaty", "to": "bandar-abbas", "ryear": "1997", "compare": "1995", "modes": "rail"})


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


# --------------------------------------------------------------------------- issue 18: time, reach, the table

GULF_RAIL = "?from=almaty&to=bandar-abbas&ryear=1997&compare=1995&modes=rail"


def wait_hours(page, year: int, hours: float) -> None:
    page.wait_for_function(
        """([year, hours]) => { const h = document.querySelector(`#route-result h3[data-year="${year}"]`);
             const p = h && h.parentElement.querySelector('[data-hours]');
             return p && Math.abs(parseFloat(p.dataset.hours) - hours) < 0.01; }""",
        arg=[year, hours], timeout=WAIT_MS)


def test_brr004_a_longer_border_delay_typed_in_the_page_lengthens_the_journey(page, ds):
    from geodata.network import default_assumptions
    open_app(page, GULF_RAIL, None)
    base = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",))
    wait_hours(page, 1997, base.hours)
    page.click(ROUTE_ASSUME_SUMMARY)
    page.fill(ROUTE_ASSUME_INPUT.format("border-h"), "48")
    page.press(ROUTE_ASSUME_INPUT.format("border-h"), "Enter")
    # three international borders in 1997 (Kazakhstan-Uzbekistan, Uzbekistan-Turkmenistan, Turkmenistan-Iran)
    wait_hours(page, 1997, base.hours + 3 * (48 - default_assumptions().border_h))
    page.fill(ROUTE_ASSUME_INPUT.format("border-h"), "1000")    # more than a month at one border
    page.press(ROUTE_ASSUME_INPUT.format("border-h"), "Enter")
    page.wait_for_selector(ROUTE_PROBLEM, timeout=WAIT_MS)
    assert "Border crossing (customs, passports): must be between 0 and 720 hours, got 1000" in \
        normalise(page.inner_text(ROUTE_PROBLEM))
    assert page.locator(ROUTE_TABLE_ROWS).count() == 0            # nothing computed from a bad value


def test_brr005_the_table_names_its_columns_crossings_and_modes_and_the_years_are_keyed(page, ds):
    open_app(page, GULF_RAIL, None)
    after = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",))
    wait_hours(page, 1997, after.hours)
    heads = [normalise(h) for h in page.locator(ROUTE_TABLE_HEAD).all_inner_texts()]
    assert heads == ["From → to", "Mode", "km", "hours", "Status in 1997", "Source"]
    kinds = page.eval_on_selector_all(ROUTE_TABLE_ROWS, "(rows) => rows.map((r) => r.dataset.type)")
    assert kinds == [row["type"] for row in after.legs] and kinds.count("crossing") == 3
    crossing = normalise(page.locator(f'{ROUTE_TABLE_ROWS}[data-type="crossing"]').nth(2).inner_text())
    assert "Sarakhs" in crossing and "Turkmenistan → Iran border" in crossing and "1520 → 1435 mm" in crossing
    modes = page.eval_on_selector_all(f'{ROUTE_TABLE_ROWS}[data-type="travel"]', "(rows) => rows.map((r) => r.dataset.mode)")
    assert set(modes) == {"rail"}
    sentence = normalise(page.inner_text(ROUTE_SENTENCE))
    assert sentence == (f"In 1995 there is no route from Almaty to Bandar Abbas by rail; in 1997 there is one of "
                        f"{after.length_km:,.0f} km taking {after.hours:,.0f} h.")
    assert page.eval_on_selector_all(ROUTE_KEY_ITEMS, "(li) => li.map((e) => e.dataset.year)")[0] == "1997"
    labels = page.evaluate("""() => document.querySelector('#map .js-plotly-plot')._fullData
        .filter((t) => t.meta && t.meta.role === 'route-year-label').map((t) => t.meta.year)""")
    assert labels == [1997]
    fits = page.eval_on_selector("#route-result", "(e) => e.scrollWidth <= e.clientWidth + 1")
    assert fits, "the answer overflows its panel"


def test_brr006_possible_links_are_flagged_not_found(page, ds):
    open_app(page, "?from=tashkent&to=bandar-abbas&ryear=1995", None)
    before = find_route(ds, "tashkent", "bandar-abbas", 1995)
    assert before.verdict == "possible"
    page.wait_for_selector('#route-result h3[data-year="1995"][data-verdict="possible"]', timeout=WAIT_MS)
    assert "possible" in normalise(page.inner_text('#route-result h3[data-year="1995"]'))
    flagged = page.locator(f'{ROUTE_TABLE_ROWS}[data-status="possible"]')
    assert flagged.count() >= 1 and "⚠" in flagged.first.inner_text()


def test_brr007_reach_of_mashhad_in_48_hours_by_rail_takes_in_ashgabat_in_1997_not_1995(page, ds):
    from geodata.network import reach
    open_app(page, "?from=mashhad&ryear=1997&compare=1995&modes=rail", None)
    page.fill("#route-reach-hours", "48")
    page.press("#route-reach-hours", "Enter")
    page.wait_for_selector('.reach-gained', timeout=WAIT_MS)
    gained = page.get_attribute(".reach-gained", "data-gained").split(",")
    assert "ashgabat" in gained and "ashgabat" in reach(ds, "mashhad", 1997, 48, ("rail",)).hours
    # The map is redrawn by a callback chained after the route store: wait for the reach bands, do not race them.
    page.wait_for_function("""() => (document.querySelector('#map .js-plotly-plot')._fullData || [])
        .some((t) => t.meta && t.meta.role === 'reach')""", timeout=WAIT_MS)
    drawn = page.evaluate("""() => document.querySelector('#map .js-plotly-plot')._fullData
        .filter((t) => t.meta && t.meta.role === 'reach').flatMap((t) => Array.from(t.customdata))""")
    assert "ashgabat" in drawn and "tehran" in drawn


def test_brr008_the_explorer_in_urdu(page, ds):
    open_app(page, GULF_RAIL + "&lang=ur", None)
    after = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",))
    wait_hours(page, 1997, after.hours)
    heads = [normalise(h) for h in page.locator(ROUTE_TABLE_HEAD).all_inner_texts()]
    assert heads[1:4] == ["ذریعہ", "کلو میٹر", "گھنٹے"]
    assert "۱۹۹۵ میں الماتی سے بندر عباس تک کوئی راستہ نہیں" in normalise(page.inner_text(ROUTE_SENTENCE))
