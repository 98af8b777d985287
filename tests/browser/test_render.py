"""Issue 12: for every year from the first to the last, the browser draws what Python computed.

The slider is moved one year at a time with the keyboard, as a reader does; after each move the
traces Plotly holds, the markers marked on the drawn map and the current entries of the timeline
list are compared with the server's figure for that year (tests/browser/drawn.py). No move may
ask the server anything.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS
from dashboard.urlstate import FIRST_YEAR, LAST_YEAR

from .drawn import assert_drawn_as_computed, computed
from .driver import HOVER_MS, RECORD_HOVER_JS, open_app, wait_url, wait_year_drawn
from .selectors import LAYER_CHECKBOX, MAP_GEO_LAYER, MAP_GRAPH, YEAR_THUMB


def _callbacks_sent(page) -> int:
    return sum(1 for u in page.requests_log if urlsplit(u).path == "/_dash-update-component")


@pytest.mark.parametrize("query, layers, lang", [
    ("", DEFAULT_LAYERS, "en"),
    ("&layers=" + ",".join(LAYER_IDS) + "&lang=ur", LAYER_IDS, "ur"),
], ids=["default-overlays", "all-overlays-with-context-urdu"])
def test_brr001_every_year_the_browser_draws_what_python_computed(page, query, layers, lang):
    open_app(page, f"?year={FIRST_YEAR}{query}", FIRST_YEAR)
    page.wait_for_load_state("networkidle")
    sent = _callbacks_sent(page)
    assert_drawn_as_computed(page, FIRST_YEAR, layers, lang)
    page.locator(YEAR_THUMB).focus()
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        page.keyboard.press("ArrowRight")
        wait_year_drawn(page, year)
        assert_drawn_as_computed(page, year, layers, lang)
    page.wait_for_timeout(300)
    assert _callbacks_sent(page) == sent, "a year move asked the server"


_SCREEN_JS = """
([geoLayer, lon, lat]) => {
  const gd = document.querySelector('#map .js-plotly-plot'), p = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const ctm = document.querySelector(geoLayer).getScreenCTM();
  return [ctm.a * p[0] + ctm.c * p[1] + ctm.e, ctm.b * p[0] + ctm.d * p[1] + ctm.f];
}
"""


def _hovered_units(page, lon: float, lat: float) -> list[str]:
    x, y = page.evaluate(_SCREEN_JS, [MAP_GEO_LAYER, lon, lat])
    page.evaluate(RECORD_HOVER_JS, MAP_GRAPH)
    page.mouse.move(2, 2)
    page.mouse.move(x, y, steps=4)
    page.wait_for_function("() => Array.isArray(window.__hovered)", timeout=HOVER_MS)
    return [h for h in page.evaluate("window.__hovered") if isinstance(h, str) and h.startswith("unit-")]


def _units_of(year: int) -> set[str]:
    figure = computed(year, DEFAULT_LAYERS)
    return {c for tr in figure["data"] if tr["meta"].get("role") == "units" for c in tr["customdata"]}


@pytest.mark.parametrize("first, then", [(1930, 1995), (1995, 1930)])
def test_brr002_the_map_hovers_only_the_areas_of_its_year(page, first, then):
    """Plotly holds the areas of every year (the USSR, the Uzbek SSR and Uzbekistan all contain the
    Kyzylkum); the pointer finds only those of the year on the map, before and after a move."""
    open_app(page, f"?year={first}", first)
    for year in (first, then):
        if year != first:   # the slider moved as a link or the tour moves it
            page.evaluate("(y) => window.dash_clientside.set_props('year', {value: y})", year)
            wait_year_drawn(page, year)
        hovered = _hovered_units(page, 63.5, 41.0)
        assert hovered, f"{year}: no area hovered in the Kyzylkum"
        assert set(hovered) <= _units_of(year), f"{year}: hovered {hovered}, not of the year"


def test_brr003_years_drawn_after_a_redraw_that_kept_plotlys_points(page):
    """A window resize redraws the map from the points as they were left (no new calculation): the
    markers of other years, set aside, must come back where they belong, and the gaps between
    records stay undrawn."""
    open_app(page, "?year=1925", 1925)   # a year that sets aside a gap between two records' markers
    page.set_viewport_size({"width": 1100, "height": 720})   # one column: the map takes the width
    page.wait_for_function("(g) => document.querySelector(g)._fullLayout.width < 900", arg=MAP_GRAPH, timeout=20_000)
    page.wait_for_timeout(600)   # the refit after the resize (assets/present.js)
    for year in (1995, 1925, 1991):
        page.evaluate("(y) => window.dash_clientside.set_props('year', {value: y})", year)
        wait_year_drawn(page, year)
        assert_drawn_as_computed(page, year, DEFAULT_LAYERS)


def test_brr004_a_year_moved_while_a_new_figure_is_on_its_way_reaches_the_link(page):
    """Dash holds a year move back while the server computes a new figure, and then passes the
    slider's callback both at once: the move must still be written into the link. The figure's
    answer is held here until the slider has moved, as a slow server holds it."""
    open_app(page, "?year=1995", 1995)
    held = []

    def hold_the_figure(route):
        body = json.loads(route.request.post_data or "{}")
        if body.get("output") == "map.figure":
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r"/_dash-update-component(\?|$)"), hold_the_figure)
    page.click(LAYER_CHECKBOX.format("rail"))
    without_rail = tuple(l for l in DEFAULT_LAYERS if l != "rail")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no request for a new figure after a layer was turned off"
    page.locator(YEAR_THUMB).focus()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("(t) => document.querySelector(t).getAttribute('aria-valuenow') === '1990'",
                           arg=YEAR_THUMB, timeout=20_000)
    for route in held:
        route.continue_()
    wait_url(page, year="1990", layers=",".join(l for l in LAYER_IDS if l in without_rail))
    wait_year_drawn(page, 1990)
    assert_drawn_as_computed(page, 1990, without_rail)


_NOTE_BOXES_JS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  return gd._fullLayout.annotations.filter((a) => a.name).map((a) => {
    const g = gd.querySelector(`.annotation[data-index="${a._index}"]`), box = g.querySelector('rect.bg').getBBox();
    const text = g.querySelector('text.annotation-text').getBBox();
    return {name: a.name, margin: a.borderpad + a.borderwidth / 2, box: [box.x, box.width], text: [text.x, text.width]};
  });
}
"""


def assert_notes_fit(page, where: str) -> None:
    """Each note's box holds its text with the note's own margin on each side: Plotly draws a box
    ``borderpad`` wider than the text all round, its border centred on the edge."""
    notes = page.evaluate(_NOTE_BOXES_JS)
    assert {n["name"] for n in notes} == {"year-readout", "map-caption"}, notes
    for note in notes:
        (box_x, box_w), (text_x, text_w) = note["box"], note["text"]
        margins = (text_x - box_x, box_x + box_w - (text_x + text_w))
        assert margins == pytest.approx((note["margin"],) * 2, abs=1.0), (where, note)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_brr005_the_year_and_caption_boxes_fit_their_text(page, lang):
    """The year and the span's caption are rewritten in place on a move (no Plotly call), and in
    Urdu the digits' web font arrives after Plotly measured them: each box must fit its text then.
    "Borders of 1925, ..." is five characters shorter than "Borders of 1991-2026, ..."."""
    open_app(page, f"?year=1995&lang={lang}", 1995)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(100)   # the fonts' loadingdone event
    assert_notes_fit(page, "first drawn")
    for year in (1925, 1995, 1930):
        page.evaluate("(y) => window.dash_clientside.set_props('year', {value: y})", year)
        wait_year_drawn(page, year)
        assert_notes_fit(page, year)


_COUNT_DRAWS_JS = """
window.__draws = [];
(function watch() {
  const gd = document.querySelector('#map .js-plotly-plot');
  if (gd && gd.on) { gd.on('plotly_afterplot', () => window.__draws.push(gd._fullLayout.width)); return; }
  requestAnimationFrame(watch);
})();
"""


def test_brr006_the_map_is_drawn_once_at_load_and_again_for_a_new_box(page):
    """dcc.Graph asks for a fit to the map's box after its first drawing: to the same size, that is
    a second whole drawing for nothing. A box of another size is still fitted."""
    page.add_init_script(_COUNT_DRAWS_JS)
    open_app(page, "?year=1995", 1995)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)   # dcc.Graph's fit comes 100 ms after its first drawing, fonts later
    box = page.evaluate("() => document.querySelector('#map .js-plotly-plot').getBoundingClientRect().width")
    assert page.evaluate("window.__draws") == [pytest.approx(box, abs=0.5)]
    page.set_viewport_size({"width": 1100, "height": 720})   # one column: the map takes the width
    page.wait_for_function("(w) => window.__draws.length > 1 && Math.abs(window.__draws.at(-1) - "
                           "document.querySelector('#map .js-plotly-plot').getBoundingClientRect().width) < 0.5 "
                           "&& Math.abs(window.__draws.at(-1) - w) > 50", arg=box, timeout=20_000)
