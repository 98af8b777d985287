"""The benchmark's floor page (benchmarks/floor.py): Plotly's bundle and the page's own figure, nothing else.

The app is served for real (werkzeug, a thread); the page is read back and taken apart. Drawing it
in Chromium is the benchmark's smoke test (tests/test_benchmark_smoke.py, first_map_floor_ms).
"""
from __future__ import annotations

import json
import re
import threading

import pytest
from werkzeug.serving import make_server

from benchmarks.floor import _find_map, floor_page
from dashboard import create_app


@pytest.fixture(scope="module")
def base_url():
    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_the_page_loads_only_plotly_and_draws_the_layout_s_own_figure(base_url):
    page = floor_page(base_url)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert len(scripts) == 1 and re.search(r"/assets/vendor/plotly-geo\.min\.js\?m=\d", scripts[0]), scripts
    given = re.search(r'<script type="application/json" id="given">(.*?)</script>', page, re.S).group(1)
    # escaped, so that no "</script>" in a label could end the element (a plain bool: pytest's
    # explanation of `in` over a 700 kB string takes minutes)
    unescaped = given.count("</")
    assert unescaped == 0, f"{unescaped} unescaped '</' in the page's figure"
    figure = json.loads(given)["figure"]
    # the default page's figure: the year's notes and the union of every span, as the layout sends them
    assert figure["layout"]["geo"] and figure["layout"]["meta"]["render"]["union"]
    choropleths = [t for t in figure["data"] if t["type"] == "choropleth"]
    assert any(t["geojson"].endswith("/countries.geojson") for t in choropleths)
    assert json.loads(given)["config"]["topojsonURL"] == "/assets/topojson/"


def test_the_map_is_found_at_any_depth_and_only_by_its_id():
    graph = {"type": "Graph", "namespace": "dash_core_components", "props": {"id": "map", "figure": {}}}
    decoy = {"type": "Graph", "namespace": "dash_core_components", "props": {"id": "mini-map"}}
    layout = {"type": "Div", "props": {"children": [decoy, {"type": "Section", "props": {"children": graph}}]}}
    assert _find_map(layout) is graph
    assert _find_map({"type": "Div", "props": {"children": [decoy, "text", None]}}) is None
