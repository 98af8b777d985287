"""Markup in the data shows as text, on the map and in the exported SVG (issue 15).

A copy of the bundled data gets a place name and an event name holding Plotly pseudo-HTML (a
link, bold, a line break); the real app serves that copy, and headless Chromium draws it. The
names must appear character for character, and no ``<a>`` (a live link), ``<b>`` or extra line
may come out of them: not in the map's labels, not in a hover label, not in the SVG export.
Every text goes through dashboard.escape.plotly_text.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.helpers import copy_data, edit_place, edit_record

from .conftest import REPO_ROOT, VIEWPORT, _free_port, _stop, _tail, wait_for_map
from .driver import wait_year_drawn

PLACE_NAME = 'Mashhad <a href="https://evil.example/">click</a><b>bold</b>'
EVENT_NAME = 'Revolution <a href="https://evil.example/e">here</a><br>second line'
EVENT_ID = "event-islamic-revolution"   # in events.json, at Tehran, 1979
SERVE = ("import sys; from pathlib import Path; from geodata.load import shared_dataset; "
         "from dashboard import create_app; "
         "create_app(shared_dataset(Path(sys.argv[1]))).run(host='127.0.0.1', port=int(sys.argv[2]))")


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("markup"))
    edit_place(data, "mashhad", name_en=PLACE_NAME)
    edit_record(data, "events.json", EVENT_ID, lambda r: r["name"].update(en=EVENT_NAME))
    port = _free_port()
    log = data.parent / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", SERVE, str(data), str(port)], cwd=REPO_ROOT,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the app exited ({proc.returncode}):\n{_tail(log)}", pytrace=False)
        try:
            with opener.open(base + "/", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            _stop(proc)
            pytest.fail(f"the app did not start:\n{_tail(log)}", pytrace=False)
        time.sleep(0.2)
    yield base
    _stop(proc)


@pytest.fixture
def markup_page(browser, markup_server):
    context = browser.new_context(viewport=VIEWPORT, base_url=markup_server, accept_downloads=True)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort("blockedbyclient"))
    try:
        yield context.new_page()
    finally:
        context.close()


LIVE_MARKUP_JS = """
() => {
  const svg = document.querySelector('#map .main-svg');
  return {
    anchors: document.querySelectorAll('#map svg a').length,
    bold: Array.from(document.querySelectorAll('#map svg tspan')).filter(t => /bold/.test(t.getAttribute('style') || '')).length,
    texts: Array.from(document.querySelectorAll('#map svg text')).map(t => t.textContent),
  };
}
"""

HOVER_EVENT_JS = """
(rid) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  for (let c = 0; c < gd._fullData.length; c++) {
    const ids = gd._fullData[c].customdata || [];
    const i = ids.indexOf(rid);
    if (i >= 0 && (gd._fullData[c].meta || {}).role === 'timeline') {
      window.Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: i}], 'geo');
      return true;
    }
  }
  return false;
}
"""


def test_markup_in_names_is_text_on_the_map_in_hover_and_in_the_svg(markup_page):
    page = markup_page
    page.goto("/?year=1979&window=1978-1980")
    wait_for_map(page)
    page.wait_for_function("(name) => Array.from(document.querySelectorAll('#map svg text'))"
                           ".some(t => t.textContent === name)", arg=PLACE_NAME, timeout=20_000)
    wait_year_drawn(page, 1979)   # hover once the year is drawn: a later drawing would take the tooltip away
    drawn = page.evaluate(LIVE_MARKUP_JS)
    assert drawn["anchors"] == 0 and drawn["bold"] == 0, drawn
    assert PLACE_NAME in drawn["texts"]                    # the label, character for character

    for attempt in range(4):   # a redraw of the map (a refit to its box after the first paint) takes a tooltip away
        assert page.evaluate(HOVER_EVENT_JS, EVENT_ID), f"{EVENT_ID} is not on the map"
        try:
            page.wait_for_function("() => document.querySelector('#map .hoverlayer .hovertext')", timeout=3_000)
            break
        except PlaywrightTimeoutError:
            assert attempt < 3, "Plotly showed no tooltip for the event in four tries"
    hover = page.evaluate("() => { const h = document.querySelector('#map .hoverlayer');"
                          " return {text: h.textContent, anchors: h.querySelectorAll('a').length,"
                          " lines: Array.from(h.querySelectorAll('tspan.line')).map((l) => l.textContent)}; }")
    assert EVENT_NAME in hover["text"] and hover["anchors"] == 0, hover
    # The tooltip's lines are the name, its status and "click for the source": the <br> in the name
    # did not break it, the whole name is one line.
    assert EVENT_NAME in hover["lines"], hover

    with page.expect_download() as svg_info:
        page.click("#export-svg")
    svg = Path(svg_info.value.path()).read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)                     # the file is well-formed XML
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "a" not in tags and "foreignObject" not in tags  # no link element anywhere in the image
    assert "font-weight:bold" not in svg.replace(" ", "")
    texts = ["".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert PLACE_NAME in texts                             # the name, as text, character for character
