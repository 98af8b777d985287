"""The floor of the first map on this machine: Plotly alone drawing the page's own figure.

The machine's speed drifts over days by more than a factor of two (docs/performance.md, "The
machine"), so a first map of 2.4 s says little by itself. Each run therefore also loads a blank
page that holds Plotly's bundle and ``assets/present.js`` (the app's own files, from the app: the
latter fits the figure's ranges to the map's box, as it does for dcc.Graph's first drawing) and
the default page's figure and config (read from the app's ``/_dash-layout``), and draws them with
``Plotly.react``, as dcc.Graph does, into ``#map`` at the size the page's map had in the first
load. No Dash, no React, none of the other scripts; the figure's geographic files are fetched from
the app, as the page's map fetches them. The page is handed to the browser by Playwright on the
app's origin and is never served by the app.

``first_map_floor_ms`` is its median time to a drawn map, taken by the same instrument as
``first_map_ms`` (``browser.INSTRUMENT_JS``: the first animation frame in which ``#map`` holds a
drawn geo trace). ``first_map_ms`` minus it is what the page's own stack (Dash, React, the
layout, the other scripts) adds on this machine, today.
"""
from __future__ import annotations

import json
import re
import statistics
import urllib.request

from dashboard.ids import MAP as MAP_ID   # the page's map, as the layout names it

from . import browser as br

FLOOR_PATH = "/__benchmark_floor.html"
# Plotly first, so that present.js wraps Plotly.react (to fit the ranges) as it loads
SCRIPTS = (r"/assets/vendor/plotly-geo\.min\.js", r"/assets/present\.js")

DRAW_JS = """
const given = JSON.parse(document.getElementById("given").textContent);
window.Plotly.react(document.getElementById("floor"), given.figure.data, given.figure.layout, given.config);
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


def _script_sources(index: str) -> list[str]:
    sources = []
    for pattern in SCRIPTS:
        found = re.search(f'<script src="([^"]*{pattern}[^"]*)"', index)
        if not found:
            raise RuntimeError(f"the app's page loads no script matching {pattern}: no floor to measure")
        sources.append(found.group(1))
    return sources


def floor_page(base_url: str, box: dict) -> str:
    """The blank page: the app's Plotly and present.js as its page loads them, the page's figure."""
    sources = _script_sources(_get(base_url).decode("utf-8"))
    graph = _find_map(json.loads(_get(base_url.rstrip("/") + "/_dash-layout")))
    if graph is None:
        raise RuntimeError(f"the app's layout has no component with id {MAP_ID!r}")
    given = json.dumps({"figure": graph["props"]["figure"], "config": graph["props"].get("config", {})})
    given = given.replace("<", "\\u003c")   # JSON's own escape: no "</script>" or "<!--" in a label counts
    scripts = "".join(f'<script src="{src}"></script>' for src in sources)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>floor</title></head><body style="margin:0">'
            f'<div id="{MAP_ID}"><div id="floor" style="width:{box["width"]}px;height:{box["height"]}px">'
            f'</div></div><script type="application/json" id="given">{given}</script>'
            f'{scripts}<script>{DRAW_JS}</script></body></html>')


def floor_load(browser, base_url: str, page_html: str) -> float:
    """One load of the blank page in a fresh context (empty cache): ms to its drawn map."""
    context, page, _net, errors = br._new_page(browser, base_url)
    try:
        context.route(f"**{FLOOR_PATH}", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                    body=page_html))
        page.goto(FLOOR_PATH, wait_until="commit")
        try:
            return br._wait_map(page)
        except Exception as exc:   # a timeout says nothing by itself: say what the page said
            raise RuntimeError(f"the floor page drew no map ({type(exc).__name__}); {errors[:3]}") from None
    finally:
        context.close()


def first_map_floor(browser, base_url: str, loads: int, box: dict, warm_up: bool = True, log=print) -> dict:
    """The floor's median over ``loads`` loads; an error is reported in the result, not raised: the
    floor is a reference for the first map, and the rest of the run stands without it."""
    try:
        page_html = floor_page(base_url, box)
        if warm_up:
            floor_load(browser, base_url, page_html)
        runs = [round(floor_load(browser, base_url, page_html), 1) for _ in range(loads)]
    except Exception as exc:   # noqa: BLE001 - reported in the JSON, and the run goes on
        log(f"the floor of the first map was not measured: {exc}")
        return {"first_map_floor_error": str(exc)}
    log(f"Plotly alone draws the page's figure in {statistics.median(runs):.0f} ms (median of {loads})")
    return {"first_map_floor_ms": round(statistics.median(runs), 1), "first_map_floor_runs_ms": runs}
