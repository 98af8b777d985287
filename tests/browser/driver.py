"""Driving the map app from the browser tests: open a view, read the graph, click the map, pick options.

Every wait here is an explicit condition (``wait_for_function`` / ``wait_for_selector``), never a
fixed sleep. Server-side expectations (what ``build_map_figure`` draws for a state) are computed in
the test process from the same code the app runs.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from geodata.load import shared_dataset

from dashboard.figures import build_map_figure
from dashboard.i18n import digits, format_date, status_label, t
from dashboard.layers import DEFAULT_LAYERS, REGISTRY, MapState

from .conftest import wait_for_map
from .selectors import (DETAILS, DETAILS_CITE, DETAILS_FOR, DETAILS_NAME_UR, DETAILS_NAMES, DETAILS_QUOTE,
                        DETAILS_STAGES, DROPDOWN_OPTION, DROPDOWN_SEARCH_INPUT, LAYER_CHECKED, MAP_GEO_LAYER, MAP_GRAPH, YEAR_THUMB)

WAIT_MS = 20_000  # for a server round trip plus a redraw on a busy 2-core machine
HOVER_MS = 3_000  # for Plotly to report a hover after the mouse moved onto a point

# --------------------------------------------------------------------------------------------
# Opening the app and waiting for the year on screen
# --------------------------------------------------------------------------------------------

_YEAR_SHOWN_JS = """
([graph, thumb, year]) => {
  const gd = document.querySelector(graph), th = document.querySelector(thumb);
  if (!gd || !th) return false;
  const drawn = gd.getAttribute('data-year-drawn');
  if (drawn === null || drawn !== th.getAttribute('aria-valuenow')) return false;
  return year === null || drawn === String(year);
}
"""


def wait_year_drawn(page, year: int | None = None, timeout: float = WAIT_MS) -> int:
    """Wait until the map has been drawn (``data-year-drawn``) for the slider's year (and = ``year``)."""
    page.wait_for_function(_YEAR_SHOWN_JS, arg=[MAP_GRAPH, YEAR_THUMB, year], timeout=timeout)
    return int(page.get_attribute(YEAR_THUMB, "aria-valuenow"))


def open_app(page, query: str = "", year: int | None = None) -> int:
    """Open ``/`` + query, wait for the map and for its year; return the year shown."""
    response = page.goto("/" + query)
    assert response is not None and response.status == 200, f"GET /{query} answered {response and response.status}"
    wait_for_map(page)
    return wait_year_drawn(page, year)


def url_params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


def wait_url(page, **expected: str | None) -> None:
    """Wait until each named query parameter has the value given (None: absent)."""
    page.wait_for_function(
        """(want) => { const p = new URLSearchParams(location.search);
             return Object.entries(want).every(([k, v]) => v === null ? !p.has(k) : p.get(k) === v); }""",
        arg=expected, timeout=WAIT_MS)


def checked_layers(page) -> list[str]:
    return page.eval_on_selector_all(LAYER_CHECKED, "els => els.map(e => e.value)")


# --------------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------------

# Records are drawn in groups (dashboard/layers/_groups.py): one trace per look, its members listed
# in meta.members. The summaries below list each member as a trace of its own (role "record"), in
# the group's order and with the group's look, so that the tests read records, not groups. A record
# not drawn in the year is in no group (dashboard/render.py draws only what is visible).
SUMMARY_JS = """
// The year's traces: the app's figure holds every span's drawing at once
// (dashboard/render_union.py), and the year's are those it shows of it, as its exports take them.
const yearTraces = (gd) => {
  const render = gd.layout && gd.layout.meta && gd.layout.meta.render;
  return render && render.union ? window.dash_clientside.map.exportTraces() : gd.data;
};
const summarise = (traces) => {
  const out = [];
  const pick = (t, m) => ({role: m.role === undefined ? null : m.role, kind: m.kind === undefined ? null : m.kind,
    rid: m.rid === undefined ? null : m.rid, ctx: m.ctx === true, type: t.type, mode: t.mode === undefined ? null : t.mode,
    visible: t.visible === undefined ? true : t.visible,
    dash: t.line && t.line.dash !== undefined ? t.line.dash : null,
    width: t.line && t.line.width !== undefined ? t.line.width : null,
    opacity: t.opacity === undefined ? null : t.opacity});
  for (const t of traces) {
    const m = t.meta || {};
    if (m.role !== 'records') { out.push(pick(t, m)); continue; }
    for (const member of m.members) { out.push(pick(t, Object.assign({role: 'record'}, member))); }
  }
  return out;
};
"""

_TRACES_JS = """
(graph) => {
  const gd = document.querySelector(graph);
  %s
  const render = gd.layout.meta && gd.layout.meta.render;
  if (render && render.union) {   // the year's traces; Plotly draws those not visible: false
    const year = yearTraces(gd);
    return {data: summarise(year), full: summarise(year.filter((t) => t.visible !== false))};
  }
  return {data: summarise(gd.data), full: summarise(gd._fullData)};
}
""" % SUMMARY_JS


def graph_traces(page) -> dict[str, list[dict]]:
    """``{"data": [...], "full": [...]}``: a summary of each trace of ``gd.data`` and ``gd._fullData``.

    Plotly keeps a trace with ``visible: false`` in ``_fullData`` without its ``meta``: there
    only drawn traces carry their role, kind and record id.
    """
    return page.evaluate(_TRACES_JS, MAP_GRAPH)


def summarise_trace(trace: dict) -> dict:
    """One trace dict (a layer's own trace, before grouping) summarised like ``graph_traces``."""
    return _pick(trace, trace.get("meta") or {})


def _pick(trace: dict, meta: dict) -> dict:
    line = trace.get("line") or {}
    return {"role": meta.get("role"), "kind": meta.get("kind"), "rid": meta.get("rid"), "ctx": meta.get("ctx") is True,
            "type": trace.get("type"), "mode": trace.get("mode"), "visible": trace.get("visible", True),
            "dash": line.get("dash"), "width": line.get("width"), "opacity": trace.get("opacity")}


def summarise(figure: dict) -> list[dict]:
    """The same summary for a figure built by the server (as ``SUMMARY_JS`` does in the browser)."""
    out = []
    for trace in figure["data"]:
        meta = trace.get("meta") or {}
        if meta.get("role") != "records":
            out.append(_pick(trace, meta))
            continue
        for member in meta["members"]:
            out.append(_pick(trace, {**member, "role": "record"}))
    return out


def server_traces(year: int, layers=DEFAULT_LAYERS, lang: str = "en", feature: str | None = None) -> list[dict]:
    """What the server draws for this state (``build_map_figure``), summarised like ``graph_traces``."""
    state = MapState(year=year, lang=lang, layers=frozenset(layers), feature=feature,
                     show_context="context" in layers)
    return summarise(build_map_figure(shared_dataset(), state))


# The overlay that draws each kind of record, as the registry says.
RECORD_LAYER = {kind: layer.id for layer in REGISTRY for kind in layer.kinds}


def layer_of(trace: dict) -> str | None:
    """The overlay a trace belongs to, read from its meta (role, kind) as the browser sees it."""
    role, kind = trace["role"], trace["kind"]
    if role in ("polity", "units"):
        return "political"
    if role == "provinces":
        return "provinces"
    if role in ("country-labels", "place-labels", "landscape-labels"):   # the labels layer names the landscape too
        return "labels"
    if role and role.startswith("landscape-"):
        return "landscape"
    if role == "record":
        return RECORD_LAYER.get(kind)
    if role == "timeline":
        return {"event": "events", "episode": "episodes"}.get(kind)
    if role in ("event-paths", "episode-paths", "event-targets", "episode-targets"):
        return role.split("-")[0] + "s"
    return None


def signature(trace: dict) -> tuple:
    return (trace["role"], trace["kind"], trace["rid"], trace["ctx"])


def drawn(traces: list[dict]) -> list[dict]:
    """The traces Plotly draws (visible true): those that keep their meta in ``_fullData``."""
    return [t for t in traces if t["visible"] is True]


# --------------------------------------------------------------------------------------------
# Clicking real pixels on the map
# --------------------------------------------------------------------------------------------

# Screen positions (client coordinates) of the points of the record's drawn traces, each with its
# distance to the nearest point of any other hoverable trace, most isolated first.
_CANDIDATES_JS = """
([graph, geoLayer, rid]) => {
  const gd = document.querySelector(graph);
  const subplot = gd._fullLayout.geo._subplot;
  // The projection gives positions in the geo subplot's <g>; its screen CTM adds the offsets.
  const ctm = document.querySelector(geoLayer).getScreenCTM();
  const box = gd.getBoundingClientRect();
  const toScreen = (lon, lat) => { const p = subplot.projection([lon, lat]);
    return p ? [ctm.a * p[0] + ctm.c * p[1] + ctm.e, ctm.b * p[0] + ctm.d * p[1] + ctm.f] : null; };
  const mine = [], others = [];
  for (const t of gd._fullData) {
    if (t.type !== 'scattergeo' || t.visible !== true || t.hoverinfo === 'skip') continue;
    // Where Plotly has the point now (calcdata): a point the year does not show is set aside there
    // (a gap, or far off the map: assets/span_switch.js).
    const cd = gd.calcdata[t.index] || [];
    (t.lon || []).forEach((_lon, j) => {
      const lonlat = cd[j] && cd[j].lonlat;
      if (!lonlat || lonlat[0] === undefined || lonlat[1] === undefined) return;
      const own = Array.isArray(t.customdata) ? t.customdata[j] === rid : !!(t.meta && t.meta.rid === rid);
      const s = toScreen(lonlat[0], lonlat[1]);
      if (s) (own ? mine : others).push(s);
    });
  }
  const margin = 6;
  const onScreen = (s) => s[0] > Math.max(box.left, 0) + margin && s[0] < Math.min(box.right, innerWidth) - margin &&
                          s[1] > Math.max(box.top, 0) + margin && s[1] < Math.min(box.bottom, innerHeight) - margin;
  return mine.filter(onScreen).map((s) => {
    let d = Infinity;
    for (const o of others) d = Math.min(d, Math.hypot(o[0] - s[0], o[1] - s[1]));
    return [s[0], s[1], d];
  }).sort((a, b) => b[2] - a[2]);
}
"""

RECORD_HOVER_JS = """
(graph) => {
  const gd = document.querySelector(graph);
  if (window.__hoverFns) {
    gd.removeListener('plotly_hover', window.__hoverFns[0]);
    gd.removeListener('plotly_unhover', window.__hoverFns[1]);
  }
  const over = (e) => { window.__hovered = e.points.map((p) => Array.isArray(p.customdata) ? p.customdata[0] : p.customdata); };
  const out = () => { window.__hovered = null; };
  gd.on('plotly_hover', over);
  gd.on('plotly_unhover', out);
  window.__hoverFns = [over, out];
  window.__hovered = undefined;
}
"""


def click_feature_on_map(page, rid: str, tries: int = 6) -> tuple[float, float]:
    """Click the map's pixels where the record ``rid`` is drawn; return the point clicked.

    The point is found with the geo subplot's own projection. Before clicking, the mouse rests on
    it until Plotly reports a hover over ``rid`` (so the click cannot land on a neighbour); the
    most isolated points are tried first.
    """
    page.locator(MAP_GRAPH).scroll_into_view_if_needed()
    candidates = page.evaluate(_CANDIDATES_JS, [MAP_GRAPH, MAP_GEO_LAYER, rid])
    assert candidates, f"{rid} has no drawn point inside the visible map"
    tried = []
    for x, y, isolation in candidates[:tries]:
        page.evaluate(RECORD_HOVER_JS, MAP_GRAPH)
        page.mouse.move(2, 2)  # off the map, so that arriving on the point is a new hover
        page.mouse.move(x, y, steps=4)
        try:
            page.wait_for_function("(rid) => Array.isArray(window.__hovered) && window.__hovered.includes(rid)",
                                   arg=rid, timeout=HOVER_MS)
        except Exception:  # playwright TimeoutError: Plotly hovers something else here; next point
            tried.append((round(x), round(y), round(isolation, 1), page.evaluate("window.__hovered")))
            continue
        page.mouse.click(x, y)
        return x, y
    raise AssertionError(f"no point of {rid} could be hovered; tried (x, y, isolation px, hovered): {tried}")


# --------------------------------------------------------------------------------------------
# Dropdowns (Dash 4 dcc.Dropdown: a trigger <button id=...>, the list in a popover)
# --------------------------------------------------------------------------------------------


def choose_option(page, dropdown: str, value: str, typed: str | None = None, timeout: float = WAIT_MS) -> None:
    """Open ``dropdown``, optionally type ``typed`` into its search box, click the option ``value``."""
    page.click(dropdown)
    if typed is not None:
        page.fill(DROPDOWN_SEARCH_INPUT, typed)
    option = page.locator(DROPDOWN_OPTION.format(value))
    option.wait_for(state="visible", timeout=timeout)
    option.click()
    page.wait_for_selector(DROPDOWN_OPTION.format(value), state="detached", timeout=WAIT_MS)


def dash_props(page, component_id: str) -> dict:
    """The props the Dash renderer holds for a component (for those without a DOM, e.g. dcc.Interval)."""
    return page.evaluate("(id) => window.dash_component_api.getLayout(id).props", component_id)


def wait_dash_prop(page, component_id: str, prop: str, value) -> None:
    """Wait until the Dash renderer holds ``value`` for the component's ``prop``."""
    page.wait_for_function(
        "([id, prop, value]) => { const c = window.dash_component_api.getLayout(id);"
        " return !!c && JSON.stringify(c.props[prop]) === JSON.stringify(value); }",
        arg=[component_id, prop, value], timeout=WAIT_MS)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------------------------
# The details panel
# --------------------------------------------------------------------------------------------


def details_text(page) -> str:
    return normalise(page.inner_text(DETAILS))


def expected_cite(source, lang: str = "en") -> str:
    cite = f"{t('block', lang)} {digits(source.block, lang)}"
    if source.footnote:
        cite += f", {t('footnote', lang)} {digits(source.footnote, lang)}"
        if source.footnote_printed:
            cite += f" ({t('printed', lang)} {source.footnote_printed})"
    return cite


def assert_details_show_record(page, record, lang: str = "en") -> None:
    """Names in both languages, the status history, and every quote with its block and footnote."""
    page.wait_for_selector(DETAILS_FOR.format(record.id), timeout=WAIT_MS)
    names = normalise(page.inner_text(DETAILS_NAMES))
    assert record.names.en in names and record.names.ur in names
    assert page.get_attribute(DETAILS_NAME_UR, "lang") == "ur" and page.get_attribute(DETAILS_NAME_UR, "dir") == "rtl"
    stages = [normalise(s) for s in page.locator(DETAILS_STAGES).all_inner_texts()]
    assert len(stages) == len(record.stages)
    for shown, stage in zip(stages, record.stages):
        assert shown.startswith(status_label(stage.status, lang)) and format_date(stage.start, lang) in shown, shown
    quotes = page.locator(DETAILS_QUOTE)
    assert [normalise(q) for q in quotes.all_inner_texts()] == [normalise(s.quote) for s in record.sources]
    for i in range(quotes.count()):
        assert quotes.nth(i).get_attribute("lang") == "ur" and quotes.nth(i).get_attribute("dir") == "rtl"
    assert [normalise(c) for c in page.locator(DETAILS_CITE).all_inner_texts()] == \
        [expected_cite(s, lang) for s in record.sources]
