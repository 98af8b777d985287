"""Presenting on a projector, in a real browser: the caption stands beside the map and never over the
scene's subject, at 16:9 (1920x1080), a laptop (1366x768) and 4:3 (1024x768); the map's frame fills its
box; the year and legend are on screen; a scene's view is reached by a move, not a cut; a scene with a
route question opens the explorer's answer."""
from __future__ import annotations

import pytest

from geodata.load import shared_dataset

from .conftest import VIEWPORT, wait_for_map
from .driver import wait_year_drawn
from .test_tour import wait_scene

SIZES = ((1920, 1080), (1366, 768), (1024, 768))

# The scene's subject as drawn: the highlight trace's markers (their boxes) and its lines (points
# sampled along the drawn path every 4 px), in page coordinates, kept where the map's clip shows them.
_SUBJECT_JS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const frame = gd.querySelector('.geolayer .bglayer rect, .geolayer .bg rect') || null;
  const sub = gd._fullLayout.geo._subplot, box = gd.getBoundingClientRect();
  const clip = {left: box.left + sub.xaxis._offset, top: box.top + sub.yaxis._offset,
                right: box.left + sub.xaxis._offset + sub.xaxis._length,
                bottom: box.top + sub.yaxis._offset + sub.yaxis._length};
  const pts = [];
  for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
    const cd = g.__data__, tr = cd && cd[0] && cd[0].trace;
    if (!tr || !tr.meta || tr.meta.role !== 'highlight') continue;
    for (const p of g.querySelectorAll('path.point')) {
      const r = p.getBoundingClientRect();
      pts.push([r.left + r.width / 2, r.top + r.height / 2]);
    }
    for (const line of g.querySelectorAll('path.js-line')) {
      if (!line.getAttribute('d')) continue;   // nothing drawn (Plotly leaves an empty path for a line out of view)
      const m = line.getScreenCTM(), n = line.getTotalLength();
      for (let s = 0; s <= n; s += 4) {
        const q = line.getPointAtLength(s);
        pts.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]);
      }
    }
  }
  const inside = pts.filter(([x, y]) => x >= clip.left && x <= clip.right && y >= clip.top && y <= clip.bottom
                                       && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight);
  const cap = document.querySelector('#tour-panel').getBoundingClientRect();
  const wrap = document.querySelector('#map').getBoundingClientRect();
  return {points: inside, all: pts.length, clip, wrap: {left: wrap.left, top: wrap.top, right: wrap.right, bottom: wrap.bottom},
          caption: {left: cap.left, top: cap.top, right: cap.right, bottom: cap.bottom}};
}
"""


def _overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _settled(page, number: int, year: int | None = None) -> None:
    wait_scene(page, number)
    if year is not None:   # the scene's year drawn on its figure (a scene changes both)
        wait_year_drawn(page, year)
    page.wait_for_function("() => { const gd = document.querySelector('#map .js-plotly-plot');"
                           " return gd && !gd.hasAttribute('data-view-moving') && gd.getAttribute('data-projector') === 'true'; }",
                           timeout=20000)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_present_p001_caption_never_covers_the_scenes_subject(page, size):
    scenes = shared_dataset().tour
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto("/?scene=1")
    wait_for_map(page)
    for scene in scenes:
        if scene.number > 1:
            page.keyboard.press("ArrowRight")
        _settled(page, scene.number, scene.year)
        got = page.evaluate(_SUBJECT_JS)
        where = f"scene {scene.number} ({scene.id}) at {size[0]}x{size[1]}"
        assert got["all"] > 0, f"{where}: the highlight of {scene.highlight[0]} is not drawn"
        assert got["points"], f"{where}: the scene's subject is outside the map's visible area"
        xs, ys = [p[0] for p in got["points"]], [p[1] for p in got["points"]]
        subject = {"left": min(xs), "right": max(xs), "top": min(ys), "bottom": max(ys)}
        assert not _overlaps(subject, got["caption"]), f"{where}: caption {got['caption']} covers {subject}"
        assert not _overlaps(got["clip"], got["caption"]), f"{where}: the caption covers the map's plot area"
        # The map's frame fills its box (no blank bands beside or above and below it).
        clip, wrap = got["clip"], got["wrap"]
        assert clip["right"] - clip["left"] >= 0.97 * (wrap["right"] - wrap["left"]), where
        assert clip["bottom"] - clip["top"] >= 0.97 * (wrap["bottom"] - wrap["top"]), where
        # The year and the legend are on screen, in the caption.
        year = page.locator("#tour-panel .tour-year")
        assert year.inner_text() == str(scene.year) and year.is_visible()
        assert page.locator("#tour-panel .tour-legend li").first.is_visible()


def test_present_p002_scenes_move_smoothly_from_view_to_view(page):
    """Between scene 6 (Sarakhs, scale 4) and 7 (Moscow to Almaty, scale 1.3) the drawn map passes
    through views in between: frames whose projection scale lies strictly between the two (the move
    advances at most a fifth per frame, so even on a slow machine at least two frames lie between)."""
    page.goto("/?scene=6")
    wait_for_map(page)
    _settled(page, 6)
    page.evaluate("""() => { window.__scales = [];
        const gd = document.querySelector('#map .js-plotly-plot');
        (function sample() { window.__scales.push(gd._fullLayout.geo._subplot.projection.scale());
                             if (window.__scales.length < 2000) requestAnimationFrame(sample); })(); }""")
    page.keyboard.press("ArrowRight")
    _settled(page, 7)
    # The scene's number shows before its figure is drawn: wait for the wider view to be reached and
    # the move to end (scene 7's scale is about a third of scene 6's).
    page.wait_for_function("() => { const s = window.__scales, gd = document.querySelector('#map .js-plotly-plot');"
                           " return s.length > 1 && s[s.length - 1] < 0.8 * s[0] && !gd.hasAttribute('data-view-moving'); }",
                           timeout=30000)
    scales = page.evaluate("() => window.__scales")
    start, end = scales[0], scales[-1]
    assert end < start   # scene 7 shows more of the map
    margin = 0.02 * (start - end)
    between = {round(s) for s in scales if end + margin < s < start - margin}
    assert len(between) >= 2, f"a cut, not a move: scales seen {sorted(set(round(s) for s in scales))}"


def test_present_p003_a_scene_opens_the_route_explorer_with_its_question(page):
    ds = shared_dataset()
    scene = next(s for s in ds.tour if s.route is not None)
    question = scene.route
    page.goto(f"/?scene={scene.number}")
    wait_for_map(page)
    _settled(page, scene.number)
    route = page.locator(f"#tour-panel .tour-route[data-question='{question.id}']")
    assert route.is_visible()
    # The question's two years as questions.json expects them: 1995 no route, 1997 found.
    for year in question.years[:2]:
        verdict = route.locator(f".route-verdict[data-year='{year}']")
        assert verdict.is_visible()
        found = question.expect[year]["found"]
        assert (verdict.get_attribute("data-verdict") != "none") == found, year
    assert page.locator("#tour-route-key li").count() >= 1
    roles = page.evaluate("() => document.querySelector('#map .js-plotly-plot').data.map(t => t.meta && t.meta.role)")
    assert "route" in roles
    # Leaving the tour keeps the question in the explorer, now visible with its controls.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.presenting')")
    assert page.locator(".route-box").is_visible()
    page.wait_for_selector("#route-result .route-one", timeout=20000)
    assert f"from={question.origin}" in page.url and f"to={question.destination}" in page.url


def test_present_p004_projector_sizes_labels_and_lines(page):
    """Labels and lines are drawn larger while presenting than at the desk, for the same view."""
    page.goto("/?scene=11")
    wait_for_map(page)
    _settled(page, 11)
    sizes = page.evaluate("() => [...document.querySelectorAll('#map .geolayer text')]"
                          ".map(t => parseFloat(t.style.fontSize))")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot').getAttribute('data-projector') === 'false'")
    desk = page.evaluate("() => [...document.querySelectorAll('#map .geolayer text')]"
                         ".map(t => parseFloat(t.style.fontSize))")
    assert sizes and desk and min(sizes) >= 1.3 * min(desk) and max(sizes) >= 1.3 * max(desk)
    assert page.viewport_size == VIEWPORT
