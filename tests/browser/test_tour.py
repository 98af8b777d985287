"""Seminar mode in a real browser: keyboard and clicker through the tour, scene URLs, exports."""
from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from dashboard import style
from dashboard.figures import build_map_figure
from dashboard.layers import MapState
from dashboard.layers._timeline import in_year
from geodata.load import shared_dataset
from geodata.tour import read_tour

from .conftest import wait_for_map

SCENE_COUNTER = ".tour-counter"


@pytest.fixture(scope="module")
def scenes():
    return read_tour(shared_dataset())[0]


def scene_shown(page) -> int:
    return int(page.locator(SCENE_COUNTER).get_attribute("data-scene"))


def wait_scene(page, number: int) -> None:
    page.wait_for_function(
        "(n) => { const c = document.querySelector('.tour-counter');"
        " const gd = document.querySelector('#map .js-plotly-plot');"
        " return c && c.dataset.scene === String(n) && location.search.includes('scene=' + n) && gd &&"
        " gd.getAttribute('data-year-drawn') !== null; }", arg=number, timeout=20000)


def test_tour_b001_keyboard_and_clicker_step_through_every_scene(page, scenes):
    page.goto("/?scene=1")
    wait_for_map(page)
    wait_scene(page, 1)
    assert page.locator("#stage").get_attribute("class").split() == ["stage", "presenting"]
    assert not page.locator(".controls").is_visible()
    for number in range(2, len(scenes) + 1):
        key = "ArrowRight" if number % 3 else ("PageDown" if number % 2 else " ")
        page.keyboard.press(key)
        wait_scene(page, number)
        scene = scenes[number - 1]
        assert f"year={scene.year}" in page.url
        assert page.locator(".tour-title").inner_text() == scene.title["en"]
        assert page.eval_on_selector("#year", "e => e.querySelector('[role=slider]').getAttribute('aria-valuenow')") == str(scene.year)
    page.keyboard.press("ArrowRight")  # past the last scene: stays there
    page.keyboard.press("PageUp")       # the clicker's back button
    wait_scene(page, len(scenes) - 1)
    page.keyboard.press("ArrowLeft")
    wait_scene(page, len(scenes) - 2)


def test_tour_b002_each_scene_has_its_own_url(page, scenes):
    for scene in (scenes[0], scenes[5], scenes[-1]):
        page.goto(f"/?scene={scene.number}&lang=ur")
        wait_for_map(page)
        wait_scene(page, scene.number)
        assert page.locator(".tour-title").inner_text() == scene.title["ur"]
        assert page.locator("#app-root").get_attribute("dir") == "rtl"
        quote = page.locator("#tour-panel blockquote")
        assert quote.get_attribute("dir") == "rtl" and quote.inner_text().strip() == scene.passage.quote


def test_tour_b003_leave_the_tour_to_explore_and_come_back(page, scenes):
    page.goto("/?scene=4")
    wait_for_map(page)
    wait_scene(page, 4)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('scene=') && !document.querySelector('.presenting')")
    assert f"year={scenes[3].year}" in page.url          # the scene's view stays to explore
    assert page.locator(".controls").is_visible()
    page.click("#present")
    wait_scene(page, 4)                                   # back to the same scene


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_tour_b004_png_and_svg_exports_carry_the_caption(page, scenes):
    scene = scenes[10]
    page.goto(f"/?scene={scene.number}")
    wait_for_map(page)
    wait_scene(page, scene.number)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.presenting')")
    with page.expect_download() as svg_info:
        page.click("#export-svg")
    svg = Path(svg_info.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "geolayer" in svg
    text = re.sub(r"<[^>]+>", " ", svg)
    # Out of the tour the caption names the app, the scene's year and overlays, the blocks cited.
    assert "Iran, Central Asia and the Caucasus" in text and f"Year {scene.year}" in text
    assert "Rail lines" in text and "block" in text and "Natural Earth" in text
    # The year's events stand out in the image as on the screen (the marks on the drawn map are
    # not in gd.data: the export writes them into its own copy of the timeline traces).
    fig = build_map_figure(shared_dataset(), MapState(year=scene.year, layers=frozenset(scene.layers),
                                                      show_context="context" in scene.layers))
    ids = [rid for t in fig["data"] if t["meta"]["role"] == "timeline" for rid in t["customdata"]]
    current = sum(in_year(shared_dataset().by_id[rid], scene.year) for rid in ids)
    assert ids and 0 < current < len(ids)
    resting = style.TIMELINE_MARKER["resting"]["opacity"]
    points = re.findall(r'<path class="point"[^>]*>', svg)
    assert sum(f"opacity: {resting};" in p for p in points) == len(ids) - current
    with page.expect_download() as png_info:
        page.click("#export-png")
    data = Path(png_info.value.path()).read_bytes()
    width, height = _png_size(data)
    assert width >= 1200 and height > 760 + 30 and len(data) > 50_000


def test_tour_b005_data_downloads_work_offline(page):
    page.goto("/?year=1997&layers=rail,crossings")
    wait_for_map(page)
    with page.expect_download() as info:
        page.click("#export-geojson")
    import json
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    ids = {f["properties"]["id"] for f in data["features"]}
    assert "rail-mashhad-sarakhs" in ids and "border-post-1991" in ids
    assert all(f["properties"]["sources"] for f in data["features"])
