"""Exploring the map in a real browser (issue 16): a drag pans and selects nothing; the year on the
map follows the slider and Play, which runs over the text's span and starts again at its end; the
previous/next change buttons land on the renderer's span starts; no two labels overlap at the
default view; hover finds a line between its ends and says its status, date and "click for the
source"; the 1996 inauguration's marker opens the event.

Expected values come from the sources: the text's span is sources.json's period (1918-1996);
Mashhad and Sarakhs are places.csv's coordinates; the railway opened on 12 May 1996 (its record's
stage, the text's block 20); the change years are the renderer's spans (dashboard/render.py).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geodata.load import shared_dataset

from dashboard.explore import change_years
from dashboard.figures import build_map_figure
from dashboard.i18n import digits, format_date, name_in, status_label, t
from dashboard.layers import DEFAULT_LAYERS, MapState
from dashboard.layers.rail import alignments as rail_alignments

from .driver import RECORD_HOVER_JS, HOVER_MS, WAIT_MS, dash_props, open_app, url_params, wait_dash_prop, wait_year_drawn
from .selectors import DETAILS_FOR, MAP_GEO_LAYER, MAP_GRAPH, PLAY, PLAY_TICK_ID, SPEED, YEAR_THUMB

RAIL = "rail-mashhad-sarakhs"
EVENT = "event-sarakhs-inauguration-1996"
CHANGE_PREV, CHANGE_NEXT = "#change-prev", "#change-next"
READOUT_JS = """(g) => { const gd = document.querySelector(g);
  const at = (gd.layout.annotations || []).findIndex((x) => x.name === 'year-readout'), a = gd.layout.annotations[at];
  const drawn = Array.from(gd.querySelectorAll('.annotation[data-index="' + at + '"] .annotation-text')).map((e) => e.textContent);
  return a ? [a.text, drawn] : null; }"""


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def screen_point(page, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) is on screen, by the geo subplot's own projection."""
    return tuple(page.evaluate("""([g, layer, lon, lat]) => {
      const sp = document.querySelector(g)._fullLayout.geo._subplot;
      const ctm = document.querySelector(layer).getScreenCTM(), p = sp.projection([lon, lat]);
      return [ctm.a * p[0] + ctm.c * p[1] + ctm.e, ctm.b * p[0] + ctm.d * p[1] + ctm.f]; }""",
                               [MAP_GRAPH, MAP_GEO_LAYER, lon, lat]))


def midway_along_the_railway() -> tuple[float, float]:
    """Halfway along Mashhad-Sarakhs as the map draws it: on its real alignment (geodata/dated
    railways.geojson), not on the straight line between its ends, which the alignment leaves."""
    point = rail_alignments()[RAIL].geometry.interpolate(0.5, normalized=True)
    return point.x, point.y


def geo_view(page) -> list[float]:
    return page.evaluate("""(g) => { const geo = document.querySelector(g)._fullLayout.geo;
      return [geo.center.lon, geo.center.lat, geo.projection.scale]; }""", MAP_GRAPH)


def readout(page) -> tuple[str, list[str]]:
    return page.evaluate(READOUT_JS, MAP_GRAPH)


def wait_readout(page, year: int, lang: str = "en") -> None:
    """Wait until the figure's year annotation, and the text drawn for it, say ``year``."""
    page.wait_for_function("""([g, want]) => { const gd = document.querySelector(g);
      const a = (gd.layout.annotations || []).find((x) => x.name === 'year-readout');
      return !!a && a.text === want &&
        Array.from(gd.querySelectorAll('.annotation-text')).some((e) => e.textContent === want); }""",
                           arg=[MAP_GRAPH, digits(year, lang)], timeout=WAIT_MS)


# --------------------------------------------------------------------------------------------
# Drag and click
# --------------------------------------------------------------------------------------------


def test_exp001_a_drag_from_a_line_pans_the_map_and_selects_nothing(page, ds):
    open_app(page, "", 1996)
    x, y = screen_point(page, *midway_along_the_railway())
    before = geo_view(page)
    page.evaluate("(g) => { window.__clicks = []; document.querySelector(g).on('plotly_click', "
                  "(e) => window.__clicks.push(e.points.length)); }", MAP_GRAPH)
    page.mouse.move(x, y)   # the drag starts on the railway itself, where a click would choose it
    page.wait_for_selector(f"{MAP_GRAPH} .hoverlayer .hovertext", timeout=WAIT_MS)
    page.mouse.down()
    page.mouse.move(x + 90, y + 50, steps=10)
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('view')", timeout=WAIT_MS)
    after = geo_view(page)
    assert after[:2] != before[:2], "the drag did not pan the map"
    assert after[2] == pytest.approx(before[2], rel=1e-9), "a drag must not zoom"   # (a fitted frame's float noise)
    assert page.evaluate("window.__clicks") == [], "Plotly reported a click at the end of a drag"
    assert "feature" not in url_params(page)
    assert dash_props(page, "feature-store")["data"] in ("", None)
    assert page.locator(f"{MAP_GRAPH} .hoverlayer .hovertext").count() == 0, "a tooltip stayed behind the drag"
    # A click (no movement) still chooses.
    x2, y2 = screen_point(page, *midway_along_the_railway())
    page.mouse.move(x2, y2)
    page.wait_for_selector(f"{MAP_GRAPH} .hoverlayer .hovertext", timeout=WAIT_MS)
    page.mouse.click(x2, y2)
    page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)


# --------------------------------------------------------------------------------------------
# Hover and tooltips
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_exp002_hover_midway_along_mashhad_sarakhs_names_the_line_its_status_and_the_source(page, ds, lang):
    open_app(page, f"?lang={lang}", 1996)
    x, y = screen_point(page, *midway_along_the_railway())
    page.evaluate("(g) => { window.__hovered = null; document.querySelector(g).on('plotly_hover', "
                  "(e) => { window.__hovered = e.points.map((p) => p.customdata); }); }", MAP_GRAPH)
    page.mouse.move(2, 2)
    page.mouse.move(x, y, steps=3)
    try:   # the pointer passes over other features on its way
        page.wait_for_function("(rid) => Array.isArray(window.__hovered) && window.__hovered[0] === rid", arg=RAIL,
                               timeout=HOVER_MS)
    except PlaywrightTimeoutError:
        pass
    assert page.evaluate("window.__hovered") == [RAIL]
    label = " ".join(page.locator(f"{MAP_GRAPH} .hoverlayer .hovertext text").all_text_contents())
    record = ds.by_id[RAIL]
    opened = next(s for s in record.stages if s.status == "operational")
    assert str(opened.start) == "1996-05-12"   # the text: the line opened on 12 May 1996
    for part in (record.names.en if lang == "en" else record.names.ur, status_label("operational", lang),
                 format_date(opened.start, lang), t("hover_click", lang)):
        assert part in label, (part, label)


def test_exp003_the_1996_inauguration_marker_opens_the_event_not_the_place(page, ds):
    open_app(page, "", 1996)
    sarakhs = ds.places["sarakhs-ir"]   # the event's marker is drawn at its place
    hovered = None
    for _ in range(3):   # the point is found again each try: the map may refit its box once after loading
        page.evaluate(RECORD_HOVER_JS, MAP_GRAPH)
        page.mouse.move(2, 2)
        x, y = screen_point(page, sarakhs.lon, sarakhs.lat)
        page.mouse.move(x, y, steps=3)
        try:
            page.wait_for_function("(rid) => (window.__hovered || []).includes(rid)", arg=EVENT, timeout=HOVER_MS)
            break
        except PlaywrightTimeoutError:
            hovered = page.evaluate("window.__hovered")
    else:
        raise AssertionError(f"at Sarakhs ({x:.0f}, {y:.0f}) Plotly hovers {hovered}, not the 1996 event")
    page.mouse.click(x, y)
    page.wait_for_selector(DETAILS_FOR.format(EVENT), timeout=WAIT_MS)
    assert url_params(page)["feature"] == EVENT


# --------------------------------------------------------------------------------------------
# The year on the map, Play, and the change years
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_exp004_the_year_on_the_map_follows_the_slider(page, lang):
    open_app(page, f"?year=1991&lang={lang}", 1991)
    wait_readout(page, 1991, lang)
    page.locator(YEAR_THUMB).focus()
    for key, year in (("ArrowRight", 1992), ("ArrowRight", 1993), ("ArrowLeft", 1992), ("Home", 1918)):
        page.keyboard.press(key)
        wait_year_drawn(page, year)
        wait_readout(page, year, lang)


def test_exp004b_the_year_on_the_map_follows_the_slider_inside_a_span_plotly_does_not_redraw(page):
    """Within a span of years that draw the same (layout.meta.render) the map is not redrawn: the
    year on the map must change all the same, in the figure and in the text drawn."""
    open_app(page, "?year=1996", 1996)
    spans = page.evaluate("(g) => document.querySelector(g).layout.meta.render.spans.map((s) => [s.first, s.last])",
                          MAP_GRAPH)
    first, last = next((a, b) for a, b in spans if b - a >= 2 and a > 1918)
    open_app(page, f"?year={first}", first)
    page.locator(YEAR_THUMB).focus()
    for year in range(first + 1, first + 3):
        page.keyboard.press("ArrowRight")
        wait_year_drawn(page, year)
        wait_readout(page, year)
        assert readout(page) == [str(year), [str(year)]]


def test_exp005_play_runs_to_the_end_of_the_text_s_span_with_the_year_on_the_map_then_starts_again(page):
    open_app(page, "?year=1993", 1993)
    page.evaluate("""(g) => { window.__readouts = []; new MutationObserver(() => {
        const a = (document.querySelector(g).layout.annotations || []).find((x) => x.name === 'year-readout');
        if (a && window.__readouts[window.__readouts.length - 1] !== a.text) window.__readouts.push(a.text);
      }).observe(document.querySelector(g), {subtree: true, childList: true, characterData: true, attributes: true}); }""",
                  MAP_GRAPH)
    page.click(SPEED)
    page.click('.dash-dropdown-content [role=option]:has(input[value="300"])')
    page.click(PLAY)
    wait_year_drawn(page, 1996)
    wait_dash_prop(page, PLAY_TICK_ID, "disabled", True)
    wait_readout(page, 1996)
    readouts = page.evaluate("window.__readouts")
    while readouts and readouts[0] == "1993":   # the year shown before Play, seen at a redraw before it
        readouts.pop(0)
    assert readouts == ["1994", "1995", "1996"]
    page.wait_for_selector(f'{PLAY}[aria-pressed="false"]', timeout=WAIT_MS)
    # Pressed at the end: from the first year of the text's span again.
    page.click(PLAY)
    page.wait_for_function("() => { const a = window.__readouts, i = a.indexOf('1918'); return i >= 0 && a[i + 1] === '1919'; }", timeout=WAIT_MS)
    page.focus(PLAY)   # pause (the slider's moving tooltip may lie over the button: the keyboard, not the mouse)
    page.keyboard.press("Enter")
    after = page.evaluate("window.__readouts")
    while after and after[0] == "1993":   # as above: the year before Play, if a redraw showed it
        after.pop(0)
    assert after[3:5] == ["1918", "1919"]
    wait_readout(page, wait_year_drawn(page))


def test_exp006_previous_and_next_change_land_on_the_years_the_map_changes(page, ds):
    start = 1941   # a year in which nothing changes, with a quiet stretch after it
    open_app(page, f"?year={start}", start)
    state = MapState(year=start, layers=frozenset(DEFAULT_LAYERS))
    changes = change_years(build_map_figure(ds, state)["layout"]["meta"]["render"])
    following = [y for y in changes if y > start][:2]
    previous = max(y for y in changes if y < start)
    assert start not in changes and following[0] > start + 1, "the test needs a quiet stretch after its year"
    for year in following:
        page.click(CHANGE_NEXT)
        wait_year_drawn(page, year)
        wait_readout(page, year)
    page.click(CHANGE_PREV)
    wait_year_drawn(page, following[0])
    page.click(CHANGE_PREV)
    wait_year_drawn(page, previous)   # nothing changes between it and the first change after the start


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------

_LABEL_BOXES_JS = """(g) => { const gd = document.querySelector(g), out = [];
  gd.querySelectorAll('.scatterlayer .trace text').forEach((el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || !el.textContent) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0) out.push([el.textContent, r.left, r.top, r.right, r.bottom]);
  });
  return out; }"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("lang", ["en", "ur", "fa"])
def test_exp007_no_two_map_labels_overlap_at_the_default_view(page, lang, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, f"?lang={lang}", 1996)
    page.wait_for_function("(g) => document.querySelector(g).hasAttribute('data-label-k')", arg=MAP_GRAPH,
                           timeout=WAIT_MS)
    page.evaluate("document.fonts.ready")
    boxes = page.evaluate(_LABEL_BOXES_JS, MAP_GRAPH)
    assert len(boxes) >= 12, f"only {len(boxes)} labels shown"
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlaps == []
    # The text's first place is labelled at the default view in every language.
    assert name_in(shared_dataset().places["mashhad"], lang) in {b[0] for b in boxes}


def test_exp008_zooming_in_shows_more_labels_still_without_overlaps(page):
    open_app(page, "", 1996)
    page.wait_for_function("(g) => document.querySelector(g).hasAttribute('data-label-k')", arg=MAP_GRAPH,
                           timeout=WAIT_MS)
    before = page.evaluate(_LABEL_BOXES_JS, MAP_GRAPH)
    k_before = float(page.get_attribute(MAP_GRAPH, "data-label-k"))
    box = page.locator(MAP_GRAPH).bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.55)
    page.mouse.wheel(0, -800)
    page.wait_for_function("(k) => Number(document.querySelector('#map .js-plotly-plot')"
                           ".getAttribute('data-label-k')) > k * 1.2",
                           arg=k_before, timeout=WAIT_MS)
    after = page.evaluate(_LABEL_BOXES_JS, MAP_GRAPH)
    on_screen = [b for b in after if b[1] >= box["x"] and b[3] <= box["x"] + box["width"]
                 and b[2] >= box["y"] and b[4] <= box["y"] + box["height"]]
    assert len({b[0] for b in after}) > len({b[0] for b in before})
    overlaps = [(a[0], b[0]) for i, a in enumerate(on_screen) for b in on_screen[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlaps == []


# Places that bound the text's region (places.csv): the Caucasus to Almaty, Astrakhan to Chabahar.
FRAME_PLACES = ("tbilisi", "almaty", "astrakhan", "chabahar", "tehran", "ashgabat")


@pytest.mark.parametrize("size", [(390, 844), (1366, 768), (1920, 1080)], ids=["phone", "laptop", "projector"])
def test_exp009_the_map_fills_its_box_with_no_blank_bands_and_keeps_the_region_in_view(page, ds, size):
    """Plotly fits the server's ranges into the box keeping their aspect; fitted to the box's own
    aspect, the map has no empty band above and below (a phone held upright) or beside it."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, "", 1996)
    box = page.evaluate("""(g) => { const gd = document.querySelector(g), fl = gd._fullLayout, sp = fl.geo._subplot;
      return [fl.width, fl.height, sp.xaxis._length, sp.yaxis._length]; }""", MAP_GRAPH)
    width, height, frame_w, frame_h = box
    assert frame_w >= 0.97 * width and frame_h >= 0.97 * height, f"frame {frame_w:.0f}x{frame_h:.0f} in {width:.0f}x{height:.0f}"
    frame = page.evaluate("""(g) => { const gd = document.querySelector(g), sp = gd._fullLayout.geo._subplot;
      const svg = gd.querySelector('.main-svg').getBoundingClientRect();
      return {x: svg.left + sp.xaxis._offset, y: svg.top + sp.yaxis._offset, width: sp.xaxis._length,
              height: sp.yaxis._length}; }""", MAP_GRAPH)
    for pid in FRAME_PLACES:
        place = ds.places[pid]
        x, y = screen_point(page, place.lon, place.lat)
        assert frame["x"] <= x <= frame["x"] + frame["width"] and frame["y"] <= y <= frame["y"] + frame["height"], pid


def test_exp010_the_map_fits_again_when_its_box_changes_without_a_window_resize(page):
    """The page settling (a panel growing, a scrollbar going) changes the map's box with no resize
    of the window: the ranges are fitted again, so no band of the map stays blank."""
    open_app(page, "", 1996)
    page.evaluate("(g) => { document.querySelector(g).parentElement.style.height = '320px'; }", MAP_GRAPH)
    page.wait_for_function("""(g) => { const gd = document.querySelector(g), fl = gd._fullLayout, sp = fl.geo._subplot;
        return fl.height < 330 && sp.xaxis._length >= 0.97 * fl.width && sp.yaxis._length >= 0.97 * fl.height; }""",
                           arg=MAP_GRAPH, timeout=WAIT_MS)
