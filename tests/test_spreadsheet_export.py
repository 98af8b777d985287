"""CSV exports are safe to open in a spreadsheet (issue 15).

A name, a quote or a title that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab, a carriage
return) must reach the spreadsheet as text, and a line break inside any text must not start a
new row. The file starts with a UTF-8 byte order mark and its first line is the header.
"""
from __future__ import annotations

import csv
import io

import pytest

from dashboard import create_app
from geodata.export import CSV_COLUMNS, features_csv, spreadsheet_cell


def feature(name_en: str, name_ur: str = "نام", quote: str = "اقتباس", citation: str = "Natural Earth") -> dict:
    return {"type": "Feature", "id": "x", "geometry": {"type": "Point", "coordinates": [60.0, 36.0]},
            "properties": {"id": "x", "kind": "place", "type": "city", "name": {"en": name_en, "ur": name_ur},
                           "stages": [], "sources": [{"block": 14, "footnote": None, "quote": quote}],
                           "context": [{"citation": citation}], "from_text": True,
                           "location_certainty": "exact"}}


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("raw, shown", [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://example.org","click")', '\'=HYPERLINK("http://example.org","click")'),
    ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "' =1+1"), ("  =1+1", "'  =1+1"), ("\uff1d1+1", "'\uff1d1+1"),
    ("Mashhad\n=HYPERLINK(\"x\")", 'Mashhad =HYPERLINK("x")'),
    ("a\r\nb\u2028c", "a b c"),
    ("Sarakhs", "Sarakhs"), ("Bandar-e Abbas", "Bandar-e Abbas"),
])
def test_a_formula_or_a_line_break_comes_out_as_text_on_one_row(raw, shown):
    assert spreadsheet_cell(raw) == shown
    text = features_csv({"features": [feature(raw, name_ur=raw, quote=raw, citation=raw)]})
    rows = rows_of(text)
    assert len(rows) == 2, rows                       # the header and one row, whatever the text holds
    row = dict(zip(rows[0], rows[1]))
    assert row["name_en"] == shown and row["name_ur"] == shown
    flat = " ".join(raw.splitlines())                 # the cell starts "block 14: ", no formula: only flattened
    assert row["citations"] == f"block 14: {flat} | context: {flat}"
    for cell in rows[1]:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
        assert "\n" not in cell and "\r" not in cell


def test_numbers_pass_unchanged():
    assert spreadsheet_cell(-61.25) == -61.25
    rows = rows_of(features_csv({"features": [feature("x") | {"geometry": {"type": "Point",
                                                                          "coordinates": [-61.25, -12.5]}}]}))
    row = dict(zip(rows[0], rows[1]))
    assert (row["lon"], row["lat"]) == ("-61.25", "-12.5")


def test_the_download_starts_with_a_bom_then_the_header_with_one_charset():
    client = create_app().server.test_client()
    response = client.get("/export/view.csv?year=1996")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert response.data[3:].decode("utf-8").split("\n", 1)[0] == ",".join(CSV_COLUMNS)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Type"].count("charset") == 1
