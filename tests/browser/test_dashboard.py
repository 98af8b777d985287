"""The map app in a real browser (issues 3 and 4): load, overlays, year, play, details, timeline,
search, language, URL state, keyboard access, and the issue's "done when" checks.

The ``page`` fixture fails any test whose page sends a request off 127.0.0.1 or logs a console or
page error. Expectations about what the map should show are computed here with the app's own
pure functions (``build_map_figure``, ``feature_center``, the i18n table) on the same dataset.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geodata.load import shared_dataset

from dashboard.figures import feature_center
from dashboard.i18n import status_label, t
from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS, REGISTRY, MapState
from dashboard.layout import year_marks

from .conftest import wait_for_map
from .drawn import assert_drawn_as_computed
from .driver import (SUMMARY_JS, WAIT_MS, assert_details_show_record, checked_layers, choose_option, click_feature_on_map,
                     dash_props, details_text, drawn, expected_cite, graph_traces, layer_of, normalise,
                     open_app, server_traces, signature, summarise_trace, wait_dash_prop, wait_url, wait_year_drawn)
from .selectors import (DETAILS, DETAILS_ENGLISH, DETAILS_FOR, DETAILS_LINKS, DETAILS_PARAGRAPHS, DETAILS_QUOTE,
                        DROPDOWN_TRIGGER, LANG_INPUTS, LANG_RADIO, LAYER_CHECKBOX, LAYER_INPUTS, MAP_GEO_TEXT,
                        MAP_GRAPH, MESSAGE, NOTICE, PLAY, PLAY_TICK_ID, ROOT, ROUTE_MODE_INPUTS, ROUTE_PLANNED_INPUTS,
                        SEARCH, SPEED, TIMELINE_EVENT, TITLE, WINDOW, WINDOW_THUMBS, YEAR, YEAR_MARKS, YEAR_THUMB)

RAIL = "rail-mashhad-sarakhs"
BORDER_POST = "border-post-1991"
EVENT = "event-sarakhs-inauguration-1996"
BUG_WAIT_MS = 3_000  # how long the strict-xfail tests of known bugs wait for the right answer


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


# --------------------------------------------------------------------------------------------
# Helpers local to these tests
# --------------------------------------------------------------------------------------------

_FINGERPRINT_JS = """
([graph, want]) => {
  const gd = document.querySelector(graph);
  if (!gd || !gd.data || !gd.layout) return false;
  %s
  const sig = summarise(yearTraces(gd)).map((t) =>
    [t.role, t.kind, t.rid, t.ctx].map((v) => v === null ? '' : String(v)).join('|'));
  return sig.join('\\n') === want;
}
""" % SUMMARY_JS


def _fingerprint(traces: list[dict]) -> str:
    return "\n".join("|".join("" if v is None else (str(v).lower() if isinstance(v, bool) else str(v))
                              for v in signature(tr)) for tr in traces)


def wait_graph_is(page, expected: list[dict]) -> None:
    """Wait until the map shows exactly the traces the server builds (role, kind, rid, ctx, in order)."""
    page.wait_for_function(_FINGERPRINT_JS, arg=[MAP_GRAPH, _fingerprint(expected)], timeout=WAIT_MS)


def layers_param(layers) -> str | None:
    """The URL's ``layers=`` for these overlays (None: the default, which the URL leaves out)."""
    ordered = tuple(lid for lid in LAYER_IDS if lid in layers)
    return None if ordered == DEFAULT_LAYERS else ",".join(ordered)


def assert_styles_match_server(page, year: int, layers, lang: str, feature: str | None = None) -> None:
    """What the browser drew for the year is what the server computed (tests/browser/drawn.py)."""
    assert_drawn_as_computed(page, year, layers, lang, feature)


def known_bug(wait, message: str) -> None:
    """Run an explicit wait that a known bug keeps from coming true; its timeout is the bug (AssertionError)."""
    try:
        wait()
    except PlaywrightTimeoutError:
        raise AssertionError(message) from None


def geo_view(page) -> dict:
    return page.evaluate("""(graph) => { const gd = document.querySelector(graph);
        const c = gd._fullLayout.geo.center;
        return {lon: c.lon, lat: c.lat, scale: gd._fullLayout.geo.projection.scale,
                layout: gd.layout.geo.center}; }""", MAP_GRAPH)


def wait_centred_on(page, lon: float, lat: float, tolerance: float = 0.05, timeout: float = WAIT_MS) -> None:
    page.wait_for_function(
        """([graph, lon, lat, tol]) => { const gd = document.querySelector(graph);
             const c = gd && gd.layout.geo && gd.layout.geo.center, f = gd && gd._fullLayout.geo.center;
             return !!c && !!f && Math.abs(c.lon - lon) < tol && Math.abs(c.lat - lat) < tol &&
                    Math.abs(f.lon - lon) < tol && Math.abs(f.lat - lat) < tol; }""",
        arg=[MAP_GRAPH, lon, lat, tolerance], timeout=timeout)


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------


def test_brw001_load_draws_the_map_from_local_files_only(page):
    year = open_app(page, "", 1996)
    assert year == 1996
    traces = graph_traces(page)
    # units: the political units of the year (issue 13)
    assert {tr["role"] for tr in traces["full"]} >= {"countries", "seas", "units", "record", "timeline"}
    # Plotly is the vendored partial geo bundle, not the full plotly.min.js (3.5 MB) Dash would load.
    paths = [urlsplit(u).path for u in page.requests_log]
    scripts = [p.rsplit("/", 1)[-1] for p in paths if p.endswith(".js")]
    assert "plotly-geo.min.js" in scripts
    full_bundle = [p for p in paths if re.search(r"(^|/)(async-)?plotly(js)?([.-]\d[\w.-]*)?(\.min)?\.js$", p)]
    assert full_bundle == [], f"the full Plotly bundle was fetched: {full_bundle}"
    assert page.evaluate("() => typeof window.Plotly.newPlot === 'function' && !('scatter3d' in window.Plotly.PlotSchema.get().traces)")
    # Base map, country shapes and the font came from this server.
    assert any(p.startswith("/assets/topojson/") for p in paths)
    assert "/geodata/plotly/countries.geojson" in paths
    assert page.browser_log.external_requests == []


def test_brw026_the_lazy_components_load_before_dash_asks_for_the_layout(page):
    """assets/warm_lazy.js: were they first loaded when Dash renders the layout, the map and the
    slider would wait on React 18's 500 ms hold on suspended boundaries. Their code is requested
    before the layout, and the page never needed Dash's @babel/polyfill (dashboard/page_scripts.py)."""
    open_app(page, "")
    started = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('resource')
        .filter((e) => /async-(graph|slider|dropdown|upload)\\.js|_dash-layout/.test(e.name))
        .map((e) => [e.name.split('?')[0].split('/').pop(), e.startTime]))""")
    assert page.get_attribute("html", "data-lazy-warmed") == "Graph Slider Dropdown Upload"
    for chunk in ("async-graph.js", "async-slider.js", "async-dropdown.js", "async-upload.js"):
        assert started[chunk] < started["_dash-layout"], started
    assert not [u for u in page.requests_log if "polyfill" in u]
    assert page.evaluate("() => typeof window.regeneratorRuntime") == "object"


# --------------------------------------------------------------------------------------------
# Overlays
# --------------------------------------------------------------------------------------------


def test_brw002_each_overlay_toggles_its_traces_and_the_url(page, ds):
    state = MapState(year=1996, layers=frozenset(DEFAULT_LAYERS))
    for layer in REGISTRY:  # the test's meta -> overlay mapping agrees with the layers' own traces
        if layer.id != "context":
            owned = [summarise_trace(tr) for tr in layer.traces(ds, state)]
            assert owned and {layer_of(tr) for tr in owned} == {layer.id}, layer.id
    open_app(page, "", 1996)
    default = server_traces(1996)
    wait_graph_is(page, default)
    for lid in DEFAULT_LAYERS:
        mine = sorted(signature(tr) for tr in drawn(default) if layer_of(tr) == lid)
        assert mine, f"{lid} draws nothing in 1996"
        without = tuple(l for l in DEFAULT_LAYERS if l != lid)

        page.click(LAYER_CHECKBOX.format(lid))          # off
        wait_graph_is(page, server_traces(1996, without))
        traces = graph_traces(page)
        assert [tr for tr in traces["full"] + traces["data"] if layer_of(tr) == lid] == [], f"{lid} still drawn"
        assert sorted(map(signature, drawn(traces["full"]))) == sorted(map(signature, drawn(server_traces(1996, without))))
        wait_url(page, layers=layers_param(without))
        assert lid not in checked_layers(page)

        page.click(LAYER_CHECKBOX.format(lid))          # on again
        wait_graph_is(page, default)
        back = sorted(signature(tr) for tr in graph_traces(page)["full"] if layer_of(tr) == lid)
        assert back == mine, f"{lid}: after checking it again the map draws {back}, not {mine}"
        wait_url(page, layers=None)
        assert checked_layers(page) == list(DEFAULT_LAYERS)


def test_brw003_context_overlay_adds_context_traces(page):
    open_app(page, "", 1996)
    assert [tr for tr in graph_traces(page)["full"] if tr["ctx"]] == []
    with_context = DEFAULT_LAYERS + ("context",)
    expected = server_traces(1996, with_context)
    page.click(LAYER_CHECKBOX.format("context"))
    wait_graph_is(page, expected)
    ctx = sorted(signature(tr) for tr in graph_traces(page)["full"] if tr["ctx"])
    assert ctx and ctx == sorted(signature(tr) for tr in drawn(expected) if tr["ctx"])
    assert {tr[1] for tr in ctx} >= {"rail_line"}          # e.g. the Soviet and Iranian trunk lines
    wait_url(page, layers=layers_param(with_context))
    page.click(LAYER_CHECKBOX.format("context"))
    wait_graph_is(page, server_traces(1996))
    assert [tr for tr in graph_traces(page)["full"] if tr["ctx"]] == []
    wait_url(page, layers=None)


# --------------------------------------------------------------------------------------------
# Year: keyboard on the slider, and what the browser draws for each year
# --------------------------------------------------------------------------------------------

# (key, the year it leads to, compare the whole map with the server there)
YEAR_KEYS = ([("ArrowLeft", 1995, True), ("ArrowRight", 1996, False), ("ArrowRight", 1997, True)]
             + [("ArrowLeft", y, y == 1991) for y in range(1996, 1990, -1)]
             + [("Home", 1918, True), ("End", 2026, True), ("PageDown", 2016, False)]
             + [("ArrowLeft", y, y == 2010) for y in range(2015, 2009, -1)])
# With every overlay and context on, in Urdu: the years where context records change.
YEAR_KEYS_SHORT = [("End", 2026, True), ("PageDown", 2016, False)] + \
    [("ArrowLeft", y, y == 2010) for y in range(2015, 2009, -1)] + [("Home", 1918, True)]


@pytest.mark.parametrize("query, layers, lang, keys", [
    ("", DEFAULT_LAYERS, "en", YEAR_KEYS),
    ("?layers=" + ",".join(LAYER_IDS) + "&lang=ur", LAYER_IDS, "ur", YEAR_KEYS_SHORT),
], ids=["default-overlays", "all-overlays-with-context-urdu"])
def test_brw004_year_keyboard_redraws_and_matches_server_styles(page, query, layers, lang, keys):
    open_app(page, query, 1996)
    assert_styles_match_server(page, 1996, layers, lang)
    page.locator(YEAR_THUMB).focus()
    for key, year, compare in keys:
        page.keyboard.press(key)
        wait_year_drawn(page, year)                      # data-year-drawn follows the slider
        if compare:
            assert_styles_match_server(page, year, layers, lang)
    wait_url(page, year=str(keys[-1][1]))
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "slider"


_STYLES_EQUAL_JS = """
([graph, want]) => {
  const gd = document.querySelector(graph);
  %s
  const got = summarise(yearTraces(gd)).filter((t) => t.role === 'record')
    .map((t) => [t.rid, t.mode, t.visible, t.dash, t.opacity]);
  return JSON.stringify(got) === JSON.stringify(want);
}
""" % SUMMARY_JS


def test_brw021_a_year_change_racing_an_overlay_redraw_ends_with_the_new_year_styles(page):
    """The server's figure for the old year arriving after the keypress must not win."""
    open_app(page, "", 1996)
    layers = list(DEFAULT_LAYERS)
    for key, year in (("Home", 1918), ("End", 2026), ("Home", 1918)):
        if "zones" in layers:
            layers.remove("zones")
        else:
            layers.append("zones")
        page.click(LAYER_CHECKBOX.format("zones"))
        page.locator(YEAR_THUMB).press(key)              # at once: the redraw is still on its way
        expected = server_traces(year, tuple(layers))
        wait_graph_is(page, expected)
        wait_year_drawn(page, year)
        want = [[tr["rid"], tr["mode"], tr["visible"], tr["dash"], tr["opacity"]] for tr in expected
                if tr["role"] == "record"]
        page.wait_for_function(_STYLES_EQUAL_JS, arg=[MAP_GRAPH, want], timeout=WAIT_MS)
        assert_styles_match_server(page, year, tuple(layers), "en")


# --------------------------------------------------------------------------------------------
# Play
# --------------------------------------------------------------------------------------------

_LOG_DRAWN_JS = """
(graph) => {
  const gd = document.querySelector(graph);
  if (window.__drawnObserver) window.__drawnObserver.disconnect();
  window.__drawnLog = [];
  window.__drawnObserver = new MutationObserver((records) => {
    const now = performance.now();
    records.forEach((r, i) => {
      // records arrive in batches: each one's new value is the next one's old value
      const value = i + 1 < records.length ? records[i + 1].oldValue : gd.getAttribute('data-year-drawn');
      window.__drawnLog.push([Number(value), now]);
    });
  });
  window.__drawnObserver.observe(gd, {attributes: true, attributeFilter: ['data-year-drawn'], attributeOldValue: true});
}
"""


def drawn_log(page, after: int) -> list[tuple[int, float]]:
    """Years drawn since the log was started, from the first one after ``after`` (a late redraw of the
    year shown before Play is not a step), consecutive repeats (a redraw of the same year) merged."""
    out: list[tuple[int, float]] = []
    entries = page.evaluate("window.__drawnLog")
    while entries and entries[0][0] == after:
        entries.pop(0)
    for year, when in entries:
        if not out or out[-1][0] != year:
            out.append((int(year), when))
    return out


def assert_one_year_at_a_time(log, first: int) -> None:
    years = [y for y, _ in log]
    assert years == list(range(first, first + len(years))), f"years drawn while playing: {years}"


def set_speed(page, ms: int) -> None:
    choose_option(page, SPEED, str(ms))
    wait_dash_prop(page, PLAY_TICK_ID, "interval", ms)


def pause(page) -> None:
    page.click(PLAY)
    page.wait_for_selector(f'{PLAY}[aria-pressed="false"]', timeout=WAIT_MS)
    wait_dash_prop(page, PLAY_TICK_ID, "disabled", True)


def test_brw005_play_draws_every_year_then_pauses_and_speed_sets_the_interval(page):
    open_app(page, "?year=1960", 1960)
    tick = dash_props(page, PLAY_TICK_ID)
    assert tick["interval"] == 700 and tick["disabled"] is True
    page.evaluate(_LOG_DRAWN_JS, MAP_GRAPH)

    set_speed(page, 300)                                   # "Fast"
    page.click(PLAY)
    page.wait_for_selector(f'{PLAY}[aria-pressed="true"]', timeout=WAIT_MS)
    assert "Pause" in page.inner_text(PLAY)
    page.wait_for_function("() => window.__drawnLog.filter((e) => e[0] >= 1964).length > 0", timeout=WAIT_MS)
    pause(page)
    stopped = wait_year_drawn(page)
    fast = drawn_log(page, after=1960)
    assert_one_year_at_a_time(fast, 1961)
    assert stopped == fast[-1][0] >= 1964
    assert "Play" in page.inner_text(PLAY)
    wait_url(page, year=str(stopped))

    set_speed(page, 1500)                                  # "Slow"
    page.evaluate(_LOG_DRAWN_JS, MAP_GRAPH)
    page.click(PLAY)
    page.wait_for_function("(y) => window.__drawnLog.filter((e) => e[0] >= y).length > 0", arg=stopped + 2,
                           timeout=WAIT_MS)
    pause(page)
    slow = drawn_log(page, after=stopped)
    assert_one_year_at_a_time(slow, stopped + 1)
    # Milliseconds between two years drawn: about 300 when fast, about 1500 when slow.
    fast_gaps = [b - a for (_, a), (_, b) in zip(fast, fast[1:])]
    slow_gap = slow[1][1] - slow[0][1]
    assert slow_gap >= 1200 and min(fast_gaps) <= 0.6 * slow_gap, (fast_gaps, slow_gap)


def test_brw006_play_stops_at_the_end_of_the_text_s_span_and_the_button_says_play(page):
    """Play runs over the text's span (sources.json: 1918-1996) and stops at its end (issue 16)."""
    open_app(page, "?year=1994", 1994)
    set_speed(page, 300)
    page.click(PLAY)
    wait_year_drawn(page, 1996)
    wait_dash_prop(page, PLAY_TICK_ID, "disabled", True)
    # The interval stopped itself at the end: the button must not go on saying "Pause".
    try:
        page.wait_for_selector(f'{PLAY}[aria-pressed="false"]', timeout=WAIT_MS)
    except PlaywrightTimeoutError:
        pytest.fail(f"playing stopped at 1996 but the button still says {page.inner_text(PLAY)!r} "
                    f"(aria-pressed={page.get_attribute(PLAY, 'aria-pressed')})")
    assert "Play" in page.inner_text(PLAY)
    assert int(page.get_attribute(YEAR_THUMB, "aria-valuenow")) == 1996


# --------------------------------------------------------------------------------------------
# Details: from the map, the timeline and the search
# --------------------------------------------------------------------------------------------


def test_brw007_clicking_a_line_on_the_map_shows_its_details_and_quote(page, ds):
    open_app(page, "", 1996)
    click_feature_on_map(page, RAIL)
    record = ds.by_id[RAIL]
    assert_details_show_record(page, record)
    assert f"1996: {status_label('operational', 'en')}" in details_text(page)
    wait_url(page, feature=RAIL)
    highlight = [tr for tr in graph_traces(page)["full"] if tr["role"] == "highlight"]
    assert [tr["rid"] for tr in highlight] == [RAIL]


def test_brw008_plotly_click_event_selects_the_feature(page, ds):
    """Secondary to brw007: the event dcc.Graph listens to, without pixels."""
    open_app(page, "", 1996)
    page.evaluate("([g, rid]) => document.querySelector(g).emit('plotly_click', {points: [{customdata: rid}]})",
                  [MAP_GRAPH, RAIL])
    assert_details_show_record(page, ds.by_id[RAIL])
    wait_url(page, feature=RAIL)


def test_brw009_timeline_event_selects_it_and_recentres_the_map(page, ds):
    open_app(page, "", 1996)
    page.click(TIMELINE_EVENT.format(EVENT))
    page.wait_for_selector(DETAILS_FOR.format(EVENT), timeout=WAIT_MS)
    record = ds.by_id[EVENT]
    assert record.names.en in details_text(page)
    assert [normalise(q) for q in page.locator(DETAILS_QUOTE).all_inner_texts()] == \
        [normalise(s.quote) for s in record.sources]
    page.wait_for_selector(TIMELINE_EVENT.format(EVENT) + '[aria-pressed="true"]', timeout=WAIT_MS)
    centre = feature_center(ds, EVENT)
    wait_centred_on(page, centre["lon"], centre["lat"])
    wait_url(page, feature=EVENT)


def test_brw010_search_finds_urdu_and_english_names(page, ds):
    open_app(page, "", 1996)
    choose_option(page, SEARCH, RAIL, typed="سرخس ریلوے")        # Urdu: "Sarakhs railway"
    page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)
    assert ds.by_id[RAIL].names.ur in details_text(page)
    wait_url(page, feature=RAIL)
    choose_option(page, SEARCH, BORDER_POST, typed="Niyazov")
    page.wait_for_selector(DETAILS_FOR.format(BORDER_POST), timeout=WAIT_MS)
    assert ds.by_id[BORDER_POST].names.en in details_text(page)
    wait_url(page, feature=BORDER_POST)


def test_brw011_search_offers_matches_typed_without_diacritics_or_with_arabic_letters(page):
    open_app(page, "", 1996)
    for typed, wanted in (("Turkmenbasy", "turkmenbashi"), ("سرخس ريلوے", RAIL)):   # ş, and Arabic ي for ی
        known_bug(lambda: choose_option(page, SEARCH, wanted, typed=typed, timeout=WAIT_MS),
                  f"typing {typed!r} does not offer {wanted!r}, which the server's search returns")
        page.wait_for_selector(DETAILS_FOR.format(wanted), timeout=WAIT_MS)


# --------------------------------------------------------------------------------------------
# Language
# --------------------------------------------------------------------------------------------


def test_brw012_urdu_is_right_to_left_in_nastaliq(page, ds):
    open_app(page, f"?feature={RAIL}", 1996)
    page.click(LANG_RADIO.format("ur"))
    page.wait_for_function("(r) => { const e = document.querySelector(r); return e.dir === 'rtl' && e.lang === 'ur'; }",
                           arg=ROOT, timeout=WAIT_MS)
    assert "lang-ur" in page.get_attribute(ROOT, "class").split()
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                           arg=[TITLE, t("title", "ur")], timeout=WAIT_MS)
    marks = [normalise(m) for m in page.locator(YEAR_MARKS).all_inner_texts()]
    assert marks == [m["label"] for m in year_marks("ur").values()]
    assert all(re.fullmatch(r"[۰-۹]{4}", m) for m in marks), marks
    # Details re-rendered in Urdu, the quote right to left in Nastaliq from the app's own font files.
    page.wait_for_function("([sel, text]) => document.querySelector(sel).innerText.includes(text)",
                           arg=[DETAILS, t("status_history", "ur")], timeout=WAIT_MS)
    quote = page.locator(DETAILS_QUOTE).first
    assert quote.get_attribute("dir") == "rtl"
    assert normalise(quote.inner_text()) == normalise(ds.by_id[RAIL].sources[0].quote)
    assert "Nastaliq" in quote.evaluate("e => getComputedStyle(e).fontFamily")
    page.wait_for_function("() => document.fonts.check('16px \"Noto Nastaliq Urdu\"') &&"
                           " document.fonts.check('16px \"Noto Nastaliq Urdu\"', 'سرخس')", timeout=WAIT_MS)
    assert any(urlsplit(u).path.startswith("/assets/fonts/noto-nastaliq-urdu-arabic") for u in page.requests_log)
    # English notes inside the Urdu layout keep their own direction.
    directions = page.eval_on_selector_all(DETAILS_ENGLISH, "els => els.map(e => getComputedStyle(e).direction)")
    assert directions and set(directions) == {"ltr"}
    # Map labels: the figure is rebuilt in Urdu and its SVG text is set in Nastaliq.
    page.wait_for_function("(g) => document.querySelector(g).layout.meta.lang === 'ur'", arg=MAP_GRAPH,
                           timeout=WAIT_MS)
    labels = page.eval_on_selector_all(
        MAP_GEO_TEXT, "els => els.filter(e => /[\\u0600-\\u06FF]/.test(e.textContent))"
                      ".map(e => [e.textContent, getComputedStyle(e).fontFamily])")
    assert len(labels) >= 10
    assert all("Nastaliq" in family for _, family in labels), labels[:5]
    assert ds.places["mashhad"].names.ur in {text for text, _ in labels}
    wait_url(page, lang="ur")


# --------------------------------------------------------------------------------------------
# URL state
# --------------------------------------------------------------------------------------------


def test_brw013_a_link_opens_its_view_and_reload_keeps_it(page, ds):
    layers = ("political", "rail")
    open_app(page, f"?year=1995&layers={','.join(layers)}&lang=ur&feature={RAIL}", 1995)

    def assert_view():
        assert page.get_attribute(YEAR_THUMB, "aria-valuenow") == "1995"
        assert checked_layers(page) == list(layers)
        assert page.is_checked(LANG_RADIO.format("ur"))
        assert page.get_attribute(ROOT, "lang") == "ur" and page.get_attribute(ROOT, "dir") == "rtl"
        page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)
        assert ds.by_id[RAIL].names.ur in details_text(page)
        assert t("status_history", "ur") in details_text(page)
        shown = {layer_of(tr) for tr in graph_traces(page)["full"]} - {None}
        assert shown == set(layers)
        assert_styles_match_server(page, 1995, layers, "ur", RAIL)

    assert_view()
    wait_url(page, year="1995", layers="political,rail", lang="ur", feature=RAIL)
    before = geo_view(page)
    page.reload()
    wait_for_map(page)
    wait_year_drawn(page, 1995)
    assert_view()
    after = geo_view(page)
    assert (after["lon"], after["lat"], after["scale"]) == pytest.approx((before["lon"], before["lat"], before["scale"]),
                                                                          abs=1e-3)


def test_brw014_bad_link_values_fall_back_to_defaults_and_keep_the_good_ones(page):
    year = open_app(page, "?year=abc&layers=nope,rail")
    assert year == 1996
    assert checked_layers(page) == ["rail"]
    notice = page.locator(NOTICE)
    assert notice.get_attribute("role") == "status"
    assert "year=abc" in notice.inner_text() and "nope" in notice.inner_text()
    assert page.locator(f"{MESSAGE} [role=alert]").count() == 0
    shown = {layer_of(tr) for tr in graph_traces(page)["full"]} - {None}
    assert shown == {"rail"}


def test_brw015_back_and_forward_restore_the_controls(page):
    open_app(page, "", 1996)
    entries = page.evaluate("() => history.length")
    page.locator(YEAR_THUMB).focus()
    page.keyboard.press("ArrowLeft")
    wait_year_drawn(page, 1995)
    # A year move rewrites the link in place: Play or a drag would otherwise fill "Back" with years.
    wait_url(page, year="1995", layers=None)
    assert page.evaluate("() => history.length") == entries
    page.click(LAYER_CHECKBOX.format("rail"))
    without_rail = tuple(l for l in DEFAULT_LAYERS if l != "rail")
    wait_url(page, year="1995", layers=layers_param(without_rail))
    page.locator(YEAR_THUMB).focus()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    wait_year_drawn(page, 1990)
    wait_url(page, year="1990", layers=layers_param(without_rail))

    page.go_back()
    wait_url(page, year="1995", layers=None)
    page.wait_for_selector(LAYER_CHECKBOX.format("rail") + ":checked", timeout=WAIT_MS)
    wait_graph_is(page, server_traces(1995))
    assert wait_year_drawn(page, 1995) == 1995

    page.go_forward()
    wait_url(page, year="1990", layers=layers_param(without_rail))
    page.wait_for_selector(LAYER_CHECKBOX.format("rail") + ":not(:checked)", timeout=WAIT_MS)
    wait_graph_is(page, server_traces(1990, without_rail))
    assert wait_year_drawn(page, 1990) == 1990


# --------------------------------------------------------------------------------------------
# Keyboard access
# --------------------------------------------------------------------------------------------

_FOCUSED_JS = """
(sel) => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const labelFor = (id) => { const l = id && document.querySelector(`label[for="${CSS.escape(id)}"]`); return l ? l.textContent : null; };
  const own = e.closest('label');
  let key, label = null;
  if (e.matches(sel.layers)) { key = 'layers:' + e.value; label = own && own.textContent; }
  else if (e.matches(sel.year)) { key = 'year'; label = labelFor(sel.yearId); }
  else if (e.matches(sel.window)) {
    key = 'window:' + (Array.from(document.querySelectorAll(sel.window)).indexOf(e) + 1);
    label = labelFor(sel.windowId); }
  else if (e.matches(sel.play)) { key = 'play'; }
  else if (e.matches(sel.dropdown)) { key = 'dropdown:' + e.id; label = labelFor(e.id); }
  else if (e.matches(sel.lang)) { key = 'lang'; label = own && own.textContent; }
  else if (e.matches(sel.modes)) { key = 'route-modes:' + e.value; label = own && own.textContent; }
  else if (e.matches(sel.planned)) { key = 'route-planned'; label = own && own.textContent; }
  else if (e.matches('input[id]')) { key = 'input:' + e.id; label = labelFor(e.id); }
  else { key = 'other:' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''); }
  const cs = getComputedStyle(e);
  const transparent = /rgba\\([^)]*,\\s*0\\)$/.test(cs.outlineColor) || cs.outlineColor === 'transparent';
  let ring = cs.outlineStyle !== 'none' && cs.outlineStyle !== 'hidden' && parseFloat(cs.outlineWidth) >= 1 && !transparent;
  let shadow = cs.boxShadow;
  if (!ring && shadow && shadow !== 'none') {   // a focus shadow counts only if it is not there anyway
    e.blur(); const unfocused = getComputedStyle(e).boxShadow; e.focus();
    ring = unfocused !== shadow;
  }
  return {key, label, ring, outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, shadow};
}
"""
FOCUS_SELECTORS = {"layers": LAYER_INPUTS, "year": YEAR_THUMB, "yearId": YEAR.lstrip("#"), "window": WINDOW_THUMBS,
                   "windowId": WINDOW.lstrip("#"), "play": PLAY, "dropdown": DROPDOWN_TRIGGER, "lang": LANG_INPUTS,
                   "modes": ROUTE_MODE_INPUTS, "planned": ROUTE_PLANNED_INPUTS}

REQUIRED_STOPS = ({f"layers:{lid}" for lid in LAYER_IDS}
                  | {"year", "play", "dropdown:speed", "window:1", "window:2", "dropdown:search", "lang",
                     "dropdown:route-question", "dropdown:route-from", "dropdown:route-to", "input:route-year",
                     "input:route-compare-year", "route-modes:rail", "route-modes:sea", "route-modes:road",
                     "route-planned"})


def accessible_name(cdp) -> tuple[str, str]:
    """(role, name) of the focused element as Chromium's accessibility tree computes them."""
    obj = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
    node = cdp.send("DOM.describeNode", {"objectId": obj["result"]["objectId"]})["node"]
    tree = cdp.send("Accessibility.getPartialAXTree", {"backendNodeId": node["backendNodeId"], "fetchRelatives": False})
    ax = next(n for n in tree["nodes"] if n.get("backendDOMNodeId") == node["backendNodeId"])
    return (ax.get("role") or {}).get("value", ""), normalise(str((ax.get("name") or {}).get("value", "")))


def test_brw016_tab_reaches_every_control_with_a_focus_ring_and_a_name(page):
    open_app(page, "", 1996)
    cdp = page.context.new_cdp_session(page)
    stops: dict[str, dict] = {}
    order: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUSED_JS, FOCUS_SELECTORS)
        if info is None:
            continue
        if info["key"] in stops:
            if info["key"] == order[0]:
                break                                     # round the page once
            continue
        info["role"], info["name"] = accessible_name(cdp)
        stops[info["key"]] = info
        order.append(info["key"])
    missing = REQUIRED_STOPS - set(stops)
    assert not missing, f"not reachable with Tab: {sorted(missing)} (reached: {order})"
    problems = []
    for key in sorted(REQUIRED_STOPS):
        s = stops[key]
        if not s["ring"]:
            problems.append(f"{key}: no visible focus indicator (outline {s['outline']}, box-shadow {s['shadow']})")
        if not s["name"]:
            problems.append(f"{key}: no accessible name")
        elif s["label"] and normalise(s["label"]).lower() not in s["name"].lower():
            problems.append(f"{key}: accessible name {s['name']!r} does not say its label {normalise(s['label'])!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------
# The "done when"
# --------------------------------------------------------------------------------------------


def rail_lines(page) -> tuple[set[str], set[str]]:
    """(rids of drawn rail traces, rids of those drawn solid = operational)."""
    traces = graph_traces(page)
    shown = {tr["rid"] for tr in traces["full"] if tr["kind"] == "rail_line" and tr["visible"] is True}
    solid = {tr["rid"] for tr in traces["data"] if tr["kind"] == "rail_line" and tr["visible"] is True
             and tr["dash"] == "solid"}
    return shown, solid


def test_brw017_done_when_1995_and_1997_differ_by_the_sarakhs_lines(page):
    by_year = {}
    for year in (1995, 1997):
        open_app(page, f"?year={year}", year)
        shown, solid = rail_lines(page)
        expected = {tr["rid"] for tr in drawn(server_traces(year)) if tr["kind"] == "rail_line"}
        assert shown == expected
        by_year[year] = (shown, solid)
    sarakhs = {"rail-mashhad-sarakhs", "rail-sarakhs-tejen"}
    # Drawn as running (solid) lines, the two years differ exactly by the Mashhad–Sarakhs–Tejen link.
    assert by_year[1997][1] - by_year[1995][1] == sarakhs
    assert by_year[1995][1] - by_year[1997][1] == set()
    # In 1995 both lines are shown only as being built (not solid; under construction since 1992, UPI 13 May 1996);
    # the lines planned in 1996 are not there yet.
    assert sarakhs <= by_year[1995][0] and not (by_year[1995][1] & sarakhs)
    assert by_year[1997][0] - by_year[1995][0] == {"rail-kazakhstan-300km", "rail-zahedan-kerman", "rail-zahedan-chabahar"}


def test_brw018_done_when_the_1991_border_post_shows_inferred_location_and_quote(page, ds):
    open_app(page, "?year=1991", 1991)
    click_feature_on_map(page, BORDER_POST)
    record = ds.by_id[BORDER_POST]
    assert record.location_certainty == "inferred"
    assert_details_show_record(page, record)
    location = [normalise(p) for p in page.locator(DETAILS_PARAGRAPHS).all_inner_texts()
                if p.startswith(t("location", "en"))]
    assert location == [f"{t('location', 'en')}: {t('l_inferred', 'en')}"]
    assert "inferred" in location[0]
    assert expected_cite(record.sources[0]) == "block 8, footnote 42 (printed ۴۲)"
    wait_url(page, feature=BORDER_POST)


# --------------------------------------------------------------------------------------------
# Bugs found while writing these tests, fixed since: kept as regression tests
# --------------------------------------------------------------------------------------------


def test_brw019_the_view_of_a_selected_feature_survives_an_overlay_toggle_and_a_reload(page, ds):
    open_app(page, "", 1996)
    page.click(TIMELINE_EVENT.format(EVENT))
    centre = feature_center(ds, EVENT)
    wait_centred_on(page, centre["lon"], centre["lat"])
    page.click(LAYER_CHECKBOX.format("zones"))
    wait_graph_is(page, server_traces(1996, tuple(l for l in DEFAULT_LAYERS if l != "zones"), feature=EVENT))
    known_bug(lambda: wait_centred_on(page, centre["lon"], centre["lat"], timeout=WAIT_MS),
              f"after an overlay toggle the map is no longer centred on {EVENT}")
    page.reload()
    wait_for_map(page)
    known_bug(lambda: wait_centred_on(page, centre["lon"], centre["lat"], timeout=WAIT_MS),
              f"after a reload the map is no longer centred on {EVENT}")


def test_brw020_a_place_s_related_event_opens_from_its_details(page):
    open_app(page, "?feature=sarakhs-ir", 1996)
    page.wait_for_selector(DETAILS_FOR.format("sarakhs-ir"), timeout=WAIT_MS)
    page.locator(DETAILS_LINKS).filter(has_text="Mashhad–Sarakhs railway inaugurated").click()
    known_bug(lambda: page.wait_for_selector(DETAILS_FOR.format(EVENT), timeout=WAIT_MS),
              f"clicking {EVENT} in the details of sarakhs-ir did not open it (two components have its id)")
    duplicates = page.evaluate("() => { const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id);"
                               " return ids.filter((x, i) => ids.indexOf(x) !== i); }")
    assert duplicates == []


# --------------------------------------------------------------------------------------------
# The year in the browser (issue 6): what follows a year move without a server round trip
# --------------------------------------------------------------------------------------------

_CURRENT_EVENTS_JS = """() => Array.from(document.querySelectorAll('#timeline button.event-item.current'))
                                  .map(b => b.dataset.record).sort()"""


def _callbacks_sent(page) -> int:
    return sum(1 for u in page.requests_log if urlsplit(u).path == "/_dash-update-component")


def _year_keys(page, key: str, times: int) -> None:
    page.locator(YEAR_THUMB).focus()
    for _ in range(times):
        page.keyboard.press(key)


def test_brw022_a_year_move_marks_the_year_s_events_and_updates_links_without_the_server(page, ds):
    from dashboard.layers._timeline import in_year
    from geodata.query import events_between
    from dashboard.urlstate import DEFAULT_WINDOW
    open_app(page, "", 1996)
    page.wait_for_load_state("networkidle")
    listed = set(page.eval_on_selector_all("#timeline button.event-item", "bs => bs.map(b => b.dataset.record)"))
    assert listed == {r.id for r in events_between(ds, *DEFAULT_WINDOW)}
    sent = _callbacks_sent(page)
    for key, times, year in (("ArrowLeft", 5, 1991), ("Home", 1, 1918), ("End", 1, 2026), ("ArrowLeft", 70, 1956)):
        _year_keys(page, key, times)
        wait_year_drawn(page, year)
        want = sorted(r.id for r in events_between(ds, *DEFAULT_WINDOW) if in_year(r, year))
        try:
            page.wait_for_function(f"(want) => JSON.stringify(({_CURRENT_EVENTS_JS})()) === JSON.stringify(want)",
                                   arg=want, timeout=WAIT_MS)
        except PlaywrightTimeoutError:
            assert page.evaluate(_CURRENT_EVENTS_JS) == want, year
        wait_url(page, year=str(year))
        for link in ("#export-geojson", "#export-csv"):
            href = page.get_attribute(link, "href")
            assert f"?year={year}" in href, (link, href)
    # No feature is chosen, so none of these moves needed the server.
    page.wait_for_timeout(300)
    assert _callbacks_sent(page) == sent
    # The GeoJSON download follows the year on screen (1956: no rail line of the text stands yet).
    with page.expect_download() as info:
        page.click("#export-geojson")
    import json
    from pathlib import Path
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["metadata"]["caption"][0].endswith("1956")
    assert "rail-mashhad-sarakhs" not in {f["properties"]["id"] for f in data["features"]}


def test_brw023_with_a_feature_chosen_the_details_follow_the_year(page, ds):
    open_app(page, f"?feature={RAIL}", 1996)
    page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)
    assert f"1996: {status_label('operational', 'en')}" in details_text(page)
    _year_keys(page, "ArrowLeft", 2)
    wait_year_drawn(page, 1994)
    stage = ds.by_id[RAIL].stage_at(__import__("datetime").date(1994, 12, 31))
    page.wait_for_function("(want) => document.querySelector('#details').innerText.includes(want)",
                           arg=f"1994: {status_label(stage.status, 'en')}", timeout=WAIT_MS)
    assert "1996:" not in details_text(page)


def test_brw024_an_image_export_after_a_year_move_names_the_year_on_screen(page):
    open_app(page, "", 1996)
    _year_keys(page, "ArrowLeft", 3)
    wait_year_drawn(page, 1993)
    with page.expect_download() as svg_info:
        page.click("#export-svg")
    from pathlib import Path
    text = re.sub(r"<[^>]+>", " ", Path(svg_info.value.path()).read_text(encoding="utf-8"))
    assert "Year 1993" in text and "Year 1996" not in text


def test_brw025_the_year_s_events_stay_marked_after_a_pan_and_a_zoom(page):
    """The year's markers are marked on the drawn SVG (clientside.js markTimelineOnMap), outside
    Plotly's data: a redraw of the view must not lose the marks."""
    open_app(page, "?year=1991", 1991)
    assert_styles_match_server(page, 1991, DEFAULT_LAYERS, "en")
    box = page.locator(MAP_GRAPH).bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y - 60, steps=8)
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('view')", timeout=WAIT_MS)
    assert_styles_match_server(page, 1991, DEFAULT_LAYERS, "en")
    before = page.evaluate(f"() => document.querySelector('{MAP_GRAPH}')._fullLayout.geo.projection.scale")
    page.mouse.move(x + 120, y - 60)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"(s) => document.querySelector('{MAP_GRAPH}')._fullLayout.geo.projection.scale > s",
                           arg=before, timeout=WAIT_MS)
    page.wait_for_function("(s) => Number(new URLSearchParams(location.search).get('view').split(',')[2]) > s",
                           arg=before, timeout=WAIT_MS)
    assert_styles_match_server(page, 1991, DEFAULT_LAYERS, "en")
    # And the marks follow the next year from the new view.
    page.locator(YEAR_THUMB).focus()
    page.keyboard.press("ArrowRight")
    wait_year_drawn(page, 1992)
    assert_styles_match_server(page, 1992, DEFAULT_LAYERS, "en")
