"""The floor of the first map on this machine: Plotly alone drawing the page's own figure.

The machine's speed drifts over days by more than a factor of two (docs/performance.md, "The
machine"), so a first map of 2.4 s says little by itself. Each run therefore also loads a blank
page that holds nothing but Plotly's bundle (the app's own file, from the app) and the default
page's figure and config (read from the app's ``/_dash-layout``), and draws it with
``Plotly.newPlot`` into a box the size of the page's map. No Dash, no React, none of the app's
scripts; the figure's geographic files are fetched from the app, as the page's map fetches them.
The page is handed to the browser by Playwright on the app's origin and is never served by the app.

``first_map_floor_ms`` is its median time to a drawn map, taken in the same way as
``first_map_ms`` (the first animation frame with a drawn geo trace). ``first_map_ms`` minus it is
what the page's own stack (Dash, React, the layout, the rest) adds on this machine, today.
"""
from __future__ import annotations

import json
import re
import statistics
import urllib.request

from . import browser as br

FLOOR_PATH = "/__benchmark_floor.html"
MAP_ID = "map"
# The page's map at the benchmark's 1400 x 900 viewport: the two side panels (19rem and 26rem,
# assets/app.css) and the top bar (about 65 px) taken off.
MAP_BOX = {"width": br.VIEWPORT["width"] - 45 * 16, "height": br.VIEWPORT["height"] - 65}

DRAW_JS = """
const given = JSON.parse(document.getElementById("given").textContent);
window.Plotly.newPlot("floor", given.figure.data, given.figure.layout, given.config);
(function poll() {
  const gd = document.getElementById("floor");
  if (gd._fullData && gd.querySelector(".geo .trace")) { window.__floorAt = performance.now(); return; }
  requestAnimationFrame(poll);
})();
"""


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:   # the app on 127.0.0.1, never the outside
        return answer.read()


def _find_map(node):
    """The map's component in Dash's layout JSON (depth first)."""
    if isinstance(node, list):
        return next((found for found in map(_find_map, node) if found), None)
    if not isinstance(node, dict):
        return None
    props = node.get("props") or {}
    return node if props.get("id") == MAP_ID else _find_map(props.get("children"))


def floor_page(base_url: str) -> str:
    """The blank page: Plotly's bundle as the app's page loads it, and the default page's figure."""
    index = _get(base_url).decode("utf-8")
    found = re.search(r'<script src="([^"]*/plotly-geo\.min\.js[^"]*)"', index)
    if not found:
        raise RuntimeError("the app's page loads no plotly-geo.min.js: nothing to compare the first map with")
    graph = _find_map(json.loads(_get(base_url.rstrip("/") + "/_dash-layout")))
    if graph is None:
        raise RuntimeError(f"the app's layout has no component with id {MAP_ID!r}")
    given = json.dumps({"figure": graph["props"]["figure"], "config": graph["props"].get("config", {})})
    given = given.replace("</", "<\\/")   # JSON's own escape: no "</script>" can end the element early
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>floor</title></head><body style="margin:0">'
            f'<div id="floor" style="width:{MAP_BOX["width"]}px;height:{MAP_BOX["height"]}px"></div>'
            f'<script type="application/json" id="given">{given}</script>'
            f'<script src="{found.group(1)}"></script><script>{DRAW_JS}</script></body></html>')


def floor_load(browser, base_url: str, page_html: str) -> float:
    """One load of the blank page in a fresh context (empty cache): ms to its drawn map."""
    context = browser.new_context(viewport=br.VIEWPORT, base_url=base_url)
    try:
        context.route(f"**{FLOOR_PATH}", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                    body=page_html))
        page = context.new_page()
        page.set_default_timeout(br.TIMEOUT_MS)
        page.goto(FLOOR_PATH, wait_until="commit")
        return float(page.wait_for_function("() => window.__floorAt", polling=50).json_value())
    finally:
        context.close()


def first_map_floor(browser, base_url: str, loads: int, warm_up: bool = True) -> dict:
    page_html = floor_page(base_url)
    if warm_up:
        floor_load(browser, base_url, page_html)
    runs = [round(floor_load(browser, base_url, page_html), 1) for _ in range(loads)]
    return {"first_map_floor_ms": round(statistics.median(runs), 1), "first_map_floor_runs_ms": runs}
