"""What the browser drew, compared with what Python computed (dashboard/render.py) for the year.

The browser only draws: Plotly holds the union of every span's drawing (dashboard/render_union.py),
and for the chosen year the browser shows the span's part of it, marks the span's markers on the
drawn SVG and the span's entries in the timeline list. Here the expectation is the server's: the
union's traces value for value, and of them exactly what the year's own traces (the figure of one
year, dashboard/render.py) draw, area for area, label for label, line for line.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from geodata.load import shared_dataset

from dashboard import style
from dashboard.figures import build_map_figure
from dashboard.layers import MapState
from dashboard.render import span_for_year

from tests.drawing import elements, mask

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
    points[t.index] = drawn.filter((p) => !p.classList.contains('span-off')).map((p) => [p.__data__.i,
      p.classList.contains('timeline-now'), Number(getComputedStyle(p).opacity), p.getBBox().width]);
  }
  // What shows of each trace: an area, marker or label whose element is displayed; a line's points
  // that Plotly's line goes through (a point set aside is a gap).
  const shown = gd.calcdata.map((cd) => {
    const t = cd[0].trace, line = t.type === 'scattergeo' && ((t.mode || '').includes('lines') || (t.fill || 'none') !== 'none');
    if (line) return cd.map((pt, i) => pt.lonlat[0] !== undefined ? i : -1).filter((i) => i >= 0);
    const out = new Set();
    for (const g of gd.querySelectorAll('.choroplethlayer .trace, .scatterlayer .trace')) {
      if (!g.__data__ || g.__data__ !== cd) continue;
      for (const el of g.querySelectorAll('path.choroplethlocation, path.point, text')) {
        if (el.__data__ && getComputedStyle(el).display !== 'none') out.add(t.type === 'choropleth' ? el.__data__.index : el.__data__.i);
      }
    }
    return Array.from(out);
  });
  const listed = Array.from(document.querySelectorAll('#timeline .event-item[data-record]'));
  const notes = (gd.layout.annotations || []).map((a, i) => {
    const node = gd.querySelector('.annotation[data-index="' + i + '"] text.annotation-text');
    return [a.name, a.text, node ? node.textContent : null]; });
  // A marker or label displayed with no place on the map (drawn at the corner, or nowhere).
  const placeless = Array.from(gd.querySelectorAll('.scatterlayer path.point, .scatterlayer text')).filter((el) =>
    getComputedStyle(el).display !== 'none' && el.__data__ && el.__data__.lonlat &&
    !(isFinite(el.__data__.lonlat[0]) && isFinite(el.__data__.lonlat[1]))).length;
  return {data, points, notes, shown, placeless, listed: listed.map((b) => b.dataset.record),
          current: listed.filter((b) => b.classList.contains('current')).map((b) => b.dataset.record)};
}
"""


def computed(year: int, layers, lang: str = "en", feature: str | None = None, union: bool = False) -> dict:
    """The server's figure for the state, as JSON would carry it to the browser: of the year alone,
    or (``union``) as the app sends it, every span's drawing at once."""
    state = MapState(year=year, lang=lang, layers=frozenset(layers), feature=feature,
                     show_context="context" in layers)
    return json.loads(json.dumps(build_map_figure(shared_dataset(), state, union=union)))


def _shown_elements(data: list[dict], shown: list[list[int]]) -> Counter:
    out = Counter()
    for trace, points in zip(data, shown):
        keep = [False] * len(trace.get("locations") or trace.get("lon") or [])
        for i in points:
            keep[i] = True
        out.update(elements(trace, keep))
    return out


def assert_drawn_as_computed(page, year: int, layers, lang: str = "en", feature: str | None = None) -> None:
    """Plotly holds the union the server sent; what shows of it, the marked markers and the current
    timeline entries are those Python computed for ``year``."""
    fig, sent = computed(year, layers, lang, feature), computed(year, layers, lang, feature, union=True)
    span = span_for_year(fig["layout"]["meta"]["render"], year)
    got = page.evaluate(_DRAWN_JS, MAP_GRAPH)
    want = fig["data"]
    assert len(got["data"]) == len(sent["data"]), f"{year}: {len(got['data'])} traces held, {len(sent['data'])} sent"
    for i, (g, w) in enumerate(zip(got["data"], sent["data"])):
        assert g == w, f"{year}: trace {i} ({w['meta'].get('role')}, {w['meta'].get('slot')}) differs"
    assert got["placeless"] == 0, f"{year}: {got['placeless']} markers or labels displayed with no place on the map"
    drawn, expected = _shown_elements(got["data"], got["shown"]), Counter(e for tr in want for e in elements(tr))
    assert drawn == expected, f"{year}: {sum((drawn - expected).values())} shown not computed, " \
        f"{sum((expected - drawn).values())} computed not shown; first: {list(drawn - expected)[:1]} " \
        f"against {list(expected - drawn)[:1]}"
    # The year and the span's caption, in the layout and in the text drawn (unescaped there).
    unescaped = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    want_notes = [[a["name"], a["text"], unescaped(a["text"]) or None] for a in fig["layout"]["annotations"]]
    got_notes = [[n, t, d or None] for n, t, d in got["notes"]]
    assert got_notes == want_notes, f"{year}: the year or caption on the map differs"
    now, resting = style.TIMELINE_MARKER["now"], style.TIMELINE_MARKER["resting"]
    marked = sorted((sent["data"][int(k)]["customdata"][i], sent["data"][int(k)]["lon"][i])
                    for k, points in got["points"].items() for i, is_now, _, _ in points if is_now)
    assert marked == sorted((want[int(at)]["customdata"][p], want[int(at)]["lon"][p])
                            for at, points in span["marks"].items() for p in points), f"{year}: marked markers"
    for index, points in got["points"].items():
        widths = {}
        for i, is_now, opacity, width in points:
            if sent["data"][int(index)]["meta"].get("role") == "timeline":
                assert opacity == pytest.approx((now if is_now else resting)["opacity"]), (year, index, i)
            widths.setdefault(is_now, []).append(width)
        if widths.get(True) and widths.get(False):   # the year's markers are drawn larger, in proportion
            assert min(widths[True]) / max(widths[False]) == pytest.approx(now["size"] / resting["size"], rel=0.02)
    assert got["current"] == [r for r in got["listed"] if r in span["current"]], f"{year}: timeline list marks"


__all__ = ["assert_drawn_as_computed", "computed"]
