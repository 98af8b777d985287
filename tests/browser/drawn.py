"""What the browser drew, compared with what Python computed (dashboard/render.py) for the year.

The browser only draws: for the chosen year it finds the span in the figure's render model and
hands that span's traces to Plotly, then marks the span's markers on the drawn SVG and the span's
entries in the timeline list. Here the figure the server builds for the same state and year is
the expectation, trace for trace and value for value.
"""
from __future__ import annotations

import json

import pytest

from geodata.load import shared_dataset

from dashboard import style
from dashboard.figures import build_map_figure
from dashboard.layers import MapState
from dashboard.render import span_for_year

from .selectors import MAP_GRAPH

_DRAWN_JS = """
(graph) => {
  const gd = document.querySelector(graph);
  const data = gd.data.map((t) => { const c = Object.assign({}, t); delete c.uid; return c; });
  const points = {};
  for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
    const cd = g.__data__, t = cd && cd[0] && cd[0].trace;
    const drawn = Array.from(g.querySelectorAll('path.point'));
    if (!t || !drawn.length) continue;
    points[t.index] = drawn.map((p) => [p.__data__.i, p.classList.contains('timeline-now'),
                                        Number(getComputedStyle(p).opacity), p.getBBox().width]);
  }
  const listed = Array.from(document.querySelectorAll('#timeline .event-item[data-record]'));
  const notes = (gd.layout.annotations || []).map((a, i) => {
    const node = gd.querySelector('.annotation[data-index="' + i + '"] text.annotation-text');
    return [a.name, a.text, node ? node.textContent : null]; });
  return {data, points, notes, listed: listed.map((b) => b.dataset.record),
          current: listed.filter((b) => b.classList.contains('current')).map((b) => b.dataset.record)};
}
"""


def computed(year: int, layers, lang: str = "en", feature: str | None = None) -> dict:
    """The server's figure for the state, as JSON would carry it to the browser."""
    state = MapState(year=year, lang=lang, layers=frozenset(layers), feature=feature,
                     show_context="context" in layers)
    return json.loads(json.dumps(build_map_figure(shared_dataset(), state)))


def assert_drawn_as_computed(page, year: int, layers, lang: str = "en", feature: str | None = None) -> None:
    """Every trace Plotly was given, every marked marker and every current timeline entry are
    those Python computed for ``year``."""
    fig = computed(year, layers, lang, feature)
    model = fig["layout"]["meta"]["render"]
    span = span_for_year(model, year)
    got = page.evaluate(_DRAWN_JS, MAP_GRAPH)
    want = fig["data"]
    assert len(got["data"]) == len(want), f"{year}: {len(got['data'])} traces drawn, {len(want)} computed"
    for i, (g, w) in enumerate(zip(got["data"], want)):
        assert g == w, f"{year}: trace {i} ({w['meta'].get('role')}, {w['meta'].get('slot')}) differs"
    # The year and the span's caption, in the layout and in the text drawn (unescaped there).
    unescaped = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    want_notes = [[a["name"], a["text"], unescaped(a["text"]) or None] for a in fig["layout"]["annotations"]]
    got_notes = [[n, t, d or None] for n, t, d in got["notes"]]
    assert got_notes == want_notes, f"{year}: the year or caption on the map differs"
    now, resting = style.TIMELINE_MARKER["now"], style.TIMELINE_MARKER["resting"]
    for index, points in got["points"].items():
        marked = {i for i, is_now, _, _ in points if is_now}
        assert marked == set(span["marks"].get(index, [])), f"{year}: trace {index} marks {sorted(marked)}"
        widths = {}
        for i, is_now, opacity, width in points:
            if want[int(index)]["meta"].get("role") == "timeline":
                assert opacity == pytest.approx((now if is_now else resting)["opacity"]), (year, index, i)
            widths.setdefault(is_now, []).append(width)
        if widths.get(True) and widths.get(False):   # the year's markers are drawn larger, in proportion
            assert min(widths[True]) / max(widths[False]) == pytest.approx(now["size"] / resting["size"], rel=0.02)
    assert got["current"] == [r for r in got["listed"] if r in span["current"]], f"{year}: timeline list marks"


__all__ = ["assert_drawn_as_computed", "computed"]
