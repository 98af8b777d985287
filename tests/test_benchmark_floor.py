"""The benchmark's floor page (benchmarks/floor.py): the app's Plotly and present.js, and the page's own figure.

The app is served for real (werkzeug, a thread); the page is read back and taken apart. Drawing it
in Chromium is the benchmark's smoke test (tests/test_benchmark_smoke.py, first_map_floor_ms).
"""
from __future__ import annotations

import json
import re
import threading
import urllib.request

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


def test_the_page_loads_plotly_and_present_js_and_draws_the_layout_s_own_figure(base_url):
    page = floor_page(base_url, {"width": 640, "height": 700})
    scripts = [src.split("?")[0] for src in re.findall(r'<script src="([^"]+)"', page)]
    assert scripts == ["/assets/vendor/plotly-geo.min.js", "/assets/present.js"], scripts
    given = re.search(r'<script type="application/json" id="given">(.*?)</script>', page, re.S).group(1)
    # every "<" escaped, so that no "</script>" or "<!--" in a label can end the element (a plain
    # count: pytest's explanation of `in` over a 700 kB string takes minutes)
    unescaped = given.count("<")
    assert unescaped == 0, f"{unescaped} unescaped '<' in the page's figure"
    with urllib.request.urlopen(base_url + "_dash-layout") as answer:
        layout = json.load(answer)
    graph = _find_map(layout)
    assert json.loads(given) == {"figure": graph["props"]["figure"], "config": graph["props"]["config"]}
    assert 'style="width:640px;height:700px"' in page


def test_the_map_is_found_at_any_depth_and_only_by_its_id():
    graph = {"type": "Graph", "namespace": "dash_core_components", "props": {"id": "map", "figure": {}}}
    decoy = {"type": "Graph", "namespace": "dash_core_components", "props": {"id": "mini-map"}}
    layout = {"type": "Div", "props": {"children": [decoy, {"type": "Section", "props": {"children": graph}}]}}
    assert _find_map(layout) is graph
    assert _find_map({"type": "Div", "props": {"children": [decoy, "text", None]}}) is None
