"""Exports a teacher can use, downloaded through the real page in headless Chromium: the CSV opens
cleanly in a spreadsheet (a byte order mark, the header first, the caption beside it, formulas inert),
the image carries the year, legend, chosen feature and a caption that wraps in both scripts, and the
animation of a span of years is a playable video with each year burned in."""
from __future__ import annotations

import base64
import csv
import io
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from geodata.export import CSV_COLUMNS
from geodata.load import shared_dataset

from .conftest import wait_for_map
from .driver import WAIT_MS, open_app

UPLOAD_INPUT = "#user-file input[type=file]"
BOM = b"\xef\xbb\xbf"
HEADER = ",".join(CSV_COLUMNS)


def _download(page, selector: str) -> bytes:
    with page.expect_download(timeout=WAIT_MS) as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_exports_e001_csv_starts_with_a_bom_then_the_header(page):
    open_app(page, "?year=1997&layers=rail,crossings", 1997)
    data = _download(page, "#export-csv")
    assert data[:3] == BOM
    lines = data[3:].decode("utf-8").split("\n")
    assert lines[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))
    assert "rail-mashhad-sarakhs" in {r["id"] for r in rows}
    assert not any(line.startswith("#") for line in lines)
    # The caption lives beside the file, at the same query, named by the CSV's Link header.
    href = page.get_attribute("#export-csv", "href")
    response = page.request.get(href)
    link = response.headers["link"]
    assert link.startswith("</export/view.caption.txt?") and 'rel="describedby"' in link
    caption = page.request.get(link[1:link.index(">")]).text()
    assert "Year 1997" in caption and "Rail lines" in caption


def test_exports_e002_a_formula_written_by_a_reader_comes_out_inert(page):
    """A reader's layer names a point ``=1+1`` and notes ``@SUM(A1)``: the CSV with the reader's
    layers (BOM, then the header) has them as text a spreadsheet shows, not runs."""
    open_app(page, "?year=1992", 1992)
    rows = "name,lat,lon,start,end,note,source\n=1+1,36.30,59.60,1990,1995,@SUM(A1),-2+3\n"
    page.set_input_files(UPLOAD_INPUT, files=[{"name": "formula.csv", "mimeType": "text/csv",
                                                "buffer": rows.encode("utf-8")}])
    page.wait_for_selector("#user-message >> text=Added formula.csv: 1 features.", timeout=WAIT_MS)
    data = _download(page, "#user-export-csv")
    assert data[:3] == BOM
    text = data[3:].decode("utf-8")
    assert text.split("\n")[0] == HEADER
    mine = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "user"]
    assert len(mine) == 1
    assert mine[0]["name_en"] == "'=1+1"
    assert "=1+1" not in [cell for r in mine for cell in r.values()]
    assert all(not cell.lstrip(" ").startswith(("=", "+", "-", "@")) for r in mine for cell in r.values()
               if isinstance(cell, str) and not cell.lstrip("-").replace(".", "").isdigit()), mine


# --------------------------------------------------------------------------- images

_SVG_TEXTS_JS = """
(svgText) => {
  document.body.innerHTML = svgText;
  const svg = document.body.querySelector('svg');
  const box = (el) => { const r = el.getBBox(); return {x: r.x, y: r.y, w: r.width, h: r.height, text: el.textContent,
                        dir: el.getAttribute('direction'), anchor: el.getAttribute('text-anchor')}; };
  return {width: +svg.getAttribute('width'), height: +svg.getAttribute('height'),
          caption: [...svg.querySelectorAll(':scope > text.export-caption')].map(box),
          legend: [...svg.querySelectorAll(':scope > text.export-legend')].map(box),
          year: [...svg.querySelectorAll(':scope > text.export-year')].map(box)};
}
"""


def _state(lang: str):
    from dashboard.urlstate import ViewState
    return ViewState(year=1996, lang=lang, feature="rail-mashhad-sarakhs")


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_exports_e003_image_caption_wraps_in_its_script_with_year_legend_and_feature(page, lang):
    """The SVG's caption lines stay inside the image, do not overlap, keep every word of the caption in
    order (read in the line's direction), and the image names the year, the chosen feature and the legend."""
    from dashboard.i18n import digits, t
    from dashboard.layers import BY_ID
    from dashboard.tour_ui import caption_lines
    state = _state(lang)
    open_app(page, f"?year=1996&feature=rail-mashhad-sarakhs&lang={lang}", 1996)
    svg = _download(page, "#export-svg").decode("utf-8")
    assert "geolayer" in svg   # the map itself, as vector
    got = page.evaluate(_SVG_TEXTS_JS, svg)
    width, lines = got["width"], got["caption"]
    assert lines, "no caption in the image"
    for a, b in zip(lines, lines[1:]):
        assert a["y"] + a["h"] <= b["y"] + 2, f"caption lines overlap: {a['text']!r} / {b['text']!r}"
    for line in lines:
        assert 0 <= line["x"] and line["x"] + line["w"] <= width, f"cut off: {line}"
        assert line["dir"] == ("rtl" if lang == "ur" else "ltr")
        assert line["anchor"] == "start"   # the start of an RTL line is its right end
        if lang == "ur":   # right-aligned: each line ends at the image's right margin
            assert line["x"] + line["w"] > width - 60, line
    expected = " ".join(caption_lines(shared_dataset(), state, None)).split()
    assert " ".join(line["text"] for line in lines).split() == expected
    assert [y["text"] for y in got["year"]] == [digits(1996, lang)]
    assert f"{t('chosen', lang)}:" in lines[1]["text"]
    legend = {entry["text"] for entry in got["legend"]}
    assert t("legend", lang) in legend and BY_ID["rail"].label(lang) in legend
    for entry in got["legend"]:
        assert 0 <= entry["x"] and entry["x"] + entry["w"] <= width, f"legend cut off: {entry}"


def test_exports_e004_png_is_a_slide_sized_picture_with_its_caption(page):
    open_app(page, "?year=1996&feature=rail-mashhad-sarakhs&lang=ur", 1996)
    data = _download(page, "#export-png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1600 and height > 1000 + 200
    # Ink under the map (the caption and legend), and none in the outer 8 px margins: nothing cut.
    ink = page.evaluate("""async (b64) => {
        const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 1000, img.width, img.height - 1000).data;
        let dark = 0, edge = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] + d[i + 1] + d[i + 2] < 200) { dark++; const x = (i / 4) % img.width; if (x < 8 || x >= img.width - 8) edge++; }
        }
        return {dark, edge};
    }""", base64.b64encode(data).decode())
    assert ink["dark"] > 5000 and ink["edge"] == 0, ink


# --------------------------------------------------------------------------- video

YEAR_BADGE = "crop=200:76:32:33"   # inside the year's box: PAD 28 px from the corner (assets/exports.js)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is missing: apt-get install ffmpeg tesseract-ocr (.ci/run installs them)", pytrace=False)
    return path


def test_exports_e005_animation_of_1990_to_1997_is_a_playable_video_of_each_year(page, tmp_path):
    """The video is decoded with ffmpeg (not the browser that made it), and the year burned into each
    frame is read back with OCR: the years follow each other, 1990 to 1997, none missing."""
    ffmpeg, ffprobe, tesseract = _tool("ffmpeg"), _tool("ffprobe"), _tool("tesseract")
    open_app(page, "?year=1997", 1997)
    page.click(".video-export summary")
    page.fill("#video-from", "1990")
    page.fill("#video-to", "1997")
    with page.expect_download(timeout=240_000) as info:
        page.click("#export-video")
    video = tmp_path / "animation.webm"
    info.value.save_as(video)
    assert info.value.suggested_filename == "iran-central-asia-1990-1997.webm"
    probe = subprocess.run([ffprobe, "-v", "error", "-show_entries", "stream=codec_name,width:format=duration",
                            "-of", "default=nw=1", str(video)], capture_output=True, text=True, check=True).stdout
    assert "codec_name=vp8" in probe and "width=1600" in probe
    duration = float(re.search(r"duration=([\d.]+)", probe).group(1))
    assert 7.5 <= duration <= 8.5, probe   # eight years, one second each
    frames = tmp_path / "frames"
    frames.mkdir()
    subprocess.run([ffmpeg, "-v", "error", "-i", str(video), "-vf",
                    f"{YEAR_BADGE},format=gray,lut=y='if(lt(val\\,110)\\,0\\,255)',scale=400:152", "-vsync", "0",
                    str(frames / "%03d.png")], check=True)
    read = []
    for frame in sorted(frames.glob("*.png")):
        text = subprocess.run([tesseract, str(frame), "-", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"],
                              capture_output=True, text=True).stdout.strip()
        if not read or read[-1] != text:
            read.append(text)
    assert read == [str(y) for y in range(1990, 1998)]


# --------------------------------------------------------------------------- handout

def test_exports_e006_handout_has_a_map_per_scene_absolute_links_and_sources(page, live_server):
    scenes = shared_dataset().tour
    response = page.goto("/tour/handout?lang=ur")
    assert response.status == 200
    page.wait_for_function(f"() => document.body.getAttribute('data-maps-drawn') === '{len(scenes)}'", timeout=120_000)
    pages = page.locator("section.page")
    assert pages.count() == len(scenes)
    for scene in scenes:
        section = pages.nth(scene.number - 1)
        # the scene's own map, drawn: its geo subplot holds traces, and the highlight is among them
        roles = section.locator("figure.scene-map").evaluate("el => el.data.map(t => t.meta && t.meta.role)")
        assert "highlight" in roles and section.locator(".geolayer .trace").count() > 0
        href = section.locator("p.link a").get_attribute("href")
        assert href == f"{live_server}/?scene={scene.number}&lang=ur"
        sources = section.locator("ul.sources li").all_inner_texts()
        assert any(str(scene.passage.block) in s.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) for s in sources)
    # A printed link opens its scene.
    page.goto(pages.nth(11).locator("p.link a").get_attribute("href"))
    wait_for_map(page)
    page.wait_for_function("() => { const c = document.querySelector('.tour-counter'); return c && c.dataset.scene === '12'; }")


def test_exports_e020_the_map_offers_no_plotly_picture_of_every_year_at_once(page):
    """Plotly's own camera button would draw the figure's data, which holds every span's drawing
    (dashboard/render_union.py); the page's PNG and SVG buttons draw the year's."""
    open_app(page, "?year=1925", 1925)
    page.wait_for_selector("#map .modebar-btn", state="attached", timeout=WAIT_MS)
    titles = page.eval_on_selector_all("#map .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert titles and not [t for t in titles if "png" in (t or "").lower() or "download" in (t or "").lower()], titles
