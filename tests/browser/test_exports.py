"""Exports a teacher can use, downloaded through the real page in headless Chromium: the CSV opens
cleanly in a spreadsheet (a byte order mark, the header first, the caption beside it, formulas inert),
the image carries the year, legend, chosen feature and a caption that wraps in both scripts, and the
animation of a span of years is a playable video with each year burned in."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from geodata.export import CSV_COLUMNS

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
