"""The reader's own layers (issue 19), in the real app in headless Chromium.

A CSV of dated points and a GeoJSON of lines are uploaded through the page's file input; the year
is moved with the keyboard and the drawn SVG is read to see which features are on the map; the page
is reloaded and the layers are still there (the browser's local storage); a file with a bad row is
refused with a message naming the row; a name holding markup is shown as text.
"""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from .conftest import wait_for_map
from .driver import WAIT_MS, click_feature_on_map, open_app, wait_year_drawn
from .selectors import YEAR_THUMB

UPLOAD_INPUT = "#user-file input[type=file]"
MESSAGE = "#user-message"
LEGEND = "#user-legend"
DETAILS = "#user-details"
CITATION = "#user-citation"

MARKUP_NAME = '<img src=x onerror="window.__owned=1"><b>Bold</b>'
POINTS_CSV = (
    "name,lat,lon,start,end,note,source\n"
    "Mashhad depot,36.30,59.60,1992,1995,opened after the tour,Field notes p. 4\n"     # row 2: 1992-1995
    "Bukhara office,39.77,64.42,1990-03,1991-11,,\n"                                     # row 3: 1990-1991
    f"\"{MARKUP_NAME.replace(chr(34), chr(34) * 2)}\",38.0,46.3,,,,\n"                   # row 4: no dates
)
LINES_GEOJSON = json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Tejen spur", "start": "1992-06"},
     "geometry": {"type": "LineString", "coordinates": [[60.5, 37.4], [61.2, 36.6]]}},
    {"type": "Feature", "properties": {"name": "Old track", "start": 1980, "end": 1991},
     "geometry": {"type": "MultiLineString", "coordinates": [[[52.0, 37.0], [54.0, 37.5]],
                                                             [[54.0, 37.5], [55.0, 38.0]]]}},
]})
BAD_CSV = "name,lat,lon,start\nGood,36.3,59.6,1992\nBad date,36.4,59.7,1992/05\n"

# The features on the map each year, from the dates above (a feature shows in every year its dates touch).
SHOWN = {1991: {"Bukhara office", "Old track", "Bold"}, 1992: {"Mashhad depot", "Tejen spur", "Bold"}}

# Names of the reader's features Plotly has drawn: read from the SVG, not from the figure data.
_DRAWN_USER_NAMES_JS = """
() => {
  const names = new Set();
  for (const g of document.querySelectorAll('#map .scatterlayer .trace')) {
    const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!trace || !trace.meta || trace.meta.role !== 'user' || trace.visible !== true) continue;
    if (!g.querySelector('path')) continue;
    for (const text of trace.text) if (text) names.add(text);
  }
  return [...names];
}
"""


def _upload(page, name: str, mime: str, text: str) -> None:
    page.set_input_files(UPLOAD_INPUT, files=[{"name": name, "mimeType": mime, "buffer": text.encode("utf-8")}])


def _drawn_names(page) -> set[str]:
    """The plain names of the reader's features on the map (hover text is '<b>name</b><br>...')."""
    import html as _html
    import re
    out = set()
    for text in page.evaluate(_DRAWN_USER_NAMES_JS):
        name = _html.unescape(re.match(r"<b>(.*?)</b><br>", text).group(1))
        out.add("Bold" if name == MARKUP_NAME else name)
    return out


def _wait_drawn(page, year: int, expected: set[str]) -> None:
    page.wait_for_function(
        "([year, n]) => { const gd = document.querySelector('#map .js-plotly-plot');"
        " return gd && gd.getAttribute('data-user-year') === String(year) &&"
        " gd.data.filter((t) => t.meta && t.meta.role === 'user').length >= n; }",
        arg=[year, 1], timeout=WAIT_MS)
    page.wait_for_function(_DRAWN_USER_NAMES_JS.replace("return [...names];", "return names.size === %d;"
                                                        % len(expected)), timeout=WAIT_MS)
    assert _drawn_names(page) == expected


def test_upload_points_and_lines_follow_the_year_and_survive_a_reload(page):
    open_app(page, "?year=1991", 1991)
    page.fill(CITATION, "My field notes, 2026")
    page.press(CITATION, "Enter")
    _upload(page, "points.csv", "text/csv", POINTS_CSV)
    page.wait_for_selector(f"{MESSAGE} >> text=Added points.csv: 3 features.", timeout=WAIT_MS)
    _upload(page, "lines.geojson", "application/geo+json", LINES_GEOJSON)
    page.wait_for_selector(f"{MESSAGE} >> text=Added lines.geojson: 2 features.", timeout=WAIT_MS)
    # The legend is drawn by a callback chained after the store: wait for it, do not race it.
    expect(page.locator(f"{LEGEND} li")).to_have_count(2, timeout=WAIT_MS)
    assert "My field notes, 2026" in page.inner_text(LEGEND)
    _wait_drawn(page, 1991, SHOWN[1991])

    page.locator(YEAR_THUMB).press("ArrowRight")
    wait_year_drawn(page, 1992)
    _wait_drawn(page, 1992, SHOWN[1992])

    page.reload()
    wait_for_map(page)
    wait_year_drawn(page, 1992)
    _wait_drawn(page, 1992, SHOWN[1992])
    # The legend is drawn by a callback chained after the store: wait for it, do not race it.
    expect(page.locator(f"{LEGEND} li")).to_have_count(2, timeout=WAIT_MS)

    page.locator(YEAR_THUMB).press("ArrowLeft")
    wait_year_drawn(page, 1991)
    _wait_drawn(page, 1991, SHOWN[1991])

    # The view's downloads carry the reader's features with the reader's citation.
    for button, fmt in (("#user-export-lpf", "lpf"), ("#user-export-geojson", "geojson")):
        with page.expect_download(timeout=WAIT_MS) as info:
            page.click(button)
        doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        mine = [f for f in doc["features"] if (f.get("@id") or f.get("id", "")).startswith(("user:", "u"))
                and "icamap:" not in f.get("@id", "")]
        assert len(mine) == 5, fmt
        text = json.dumps(mine, ensure_ascii=False)
        assert "My field notes, 2026" in text and "Field notes p. 4" in text


def test_a_bad_row_is_named_and_the_file_refused(page):
    open_app(page, "?year=1992", 1992)
    _upload(page, "bad.csv", "text/csv", BAD_CSV)
    message = page.wait_for_selector(f"{MESSAGE} .user-problems", timeout=WAIT_MS).inner_text()
    assert "bad.csv: row 3: start: '1992/05' is not a date" in message
    assert "row 2" not in message
    assert page.locator(f"{LEGEND} li").count() == 0, "nothing of a refused file is kept"


def test_a_name_holding_markup_shows_as_text(page):
    open_app(page, "?year=1992", 1992)
    _upload(page, "points.csv", "text/csv", POINTS_CSV)
    page.wait_for_selector(f"{MESSAGE} >> text=Added points.csv: 3 features.", timeout=WAIT_MS)
    _wait_drawn(page, 1992, {"Mashhad depot", "Bold"})
    rid = page.evaluate("""() => { const gd = document.querySelector('#map .js-plotly-plot');
        const t = gd.data.find((t) => t.meta && t.meta.role === 'user' && t.meta.span[0] === null);
        return t.customdata[0]; }""")
    click_feature_on_map(page, rid)
    heading = page.wait_for_selector(f"{DETAILS} h3", timeout=WAIT_MS)
    assert heading.inner_text() == MARKUP_NAME          # the characters, not an image and bold text
    assert page.locator(f"{DETAILS} img, {DETAILS} b").count() == 0
    assert page.evaluate("window.__owned") is None
    hover = page.evaluate("document.querySelector('#map .hoverlayer').textContent")
    assert "<b>Bold</b>" in hover and "<img" in hover   # Plotly's label shows the text as typed


def test_a_file_of_the_most_rows_allowed_is_added_and_drawn(page):
    rows = "".join(f"P{i},{36 + (i % 40) * 0.1:.2f},{52 + (i // 40) * 0.3:.2f},1990,1999\n" for i in range(2000))
    text = "name,lat,lon,start,end\n" + rows
    # Far beyond one string of a Dash callback request (10,000 characters, dashboard/security.py).
    assert len(text.encode()) > 50_000
    open_app(page, "?year=1995", 1995)
    _upload(page, "many.csv", "text/csv", text)
    page.wait_for_selector(f"{MESSAGE} >> text=Added many.csv: 2000 features.", timeout=WAIT_MS)
    page.wait_for_function("""() => { const gd = document.querySelector('#map .js-plotly-plot');
        return gd && gd.data.filter((t) => t.meta && t.meta.role === 'user' && t.visible === true)
                            .reduce((n, t) => n + t.lon.length, 0) === 2000; }""", timeout=WAIT_MS)
