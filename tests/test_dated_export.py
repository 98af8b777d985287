"""``python -m geodata export --year Y``: the whole map of a year, checked against the sources.

The table is written from the sources cited in geodata/data/dated (Wikipedia articles on each
unit, on the provinces of Iran and on each city's names), not from the export: for a place in a
year, the unit that held it (innermost first), Iran's province, and its English name that year.
"""
from __future__ import annotations

import json
from functools import cache

import pytest

from geodata import export
from geodata.dated.mapyear import add_dated_layers
from geodata.load import shared_dataset

# (place id, year, units holding it innermost first, province of Iran or None, English name)
TABLE = [
    ("ashgabat", 1918, ["transcaspian-government"], None, "Askhabad"),
    ("ashgabat", 1920, ["turkestan-assr", "rsfsr"], None, "Poltoratsk"),
    ("ashgabat", 1925, ["turkmen-ssr", "ussr"], None, "Poltoratsk"),
    ("ashgabat", 1930, ["turkmen-ssr", "ussr"], None, "Ashkhabad"),
    ("ashgabat", 1996, ["turkmenistan"], None, "Ashgabat"),
    ("turkmenbashi", 1920, ["turkestan-assr", "rsfsr"], None, "Krasnovodsk"),
    ("turkmenbashi", 1996, ["turkmenistan"], None, "Türkmenbaşy"),
    ("dashoguz", 1921, ["khorezm-psr"], None, "Tashauz"),
    ("bukhara", 1919, ["bukhara-emirate"], None, "Bukhara"),
    ("bukhara", 1922, ["bukhara-psr"], None, "Bukhara"),
    ("dushanbe", 1925, ["tajik-assr", "uzbek-ssr", "ussr"], None, "Dyushambe"),
    ("dushanbe", 1935, ["tajik-ssr", "ussr"], None, "Stalinabad"),
    ("khujand", 1928, ["uzbek-ssr", "ussr"], None, "Khujand"),
    ("khujand", 1950, ["tajik-ssr", "ussr"], None, "Leninabad"),
    ("bishkek", 1927, ["kirghiz-assr", "rsfsr", "ussr"], None, "Frunze"),
    ("bishkek", 1940, ["kirghiz-ssr", "ussr"], None, "Frunze"),
    ("almaty", 1920, ["turkestan-assr", "rsfsr"], None, "Verny"),
    ("almaty", 1930, ["kazak-assr", "rsfsr", "ussr"], None, "Alma-Ata"),
    ("almaty", 1995, ["kazakhstan"], None, "Almaty"),
    ("atyrau", 1925, ["kazak-assr", "rsfsr", "ussr"], None, "Guryev"),
    ("aktau", 1980, ["kazakh-ssr", "ussr"], None, "Shevchenko"),
    ("baku", 1919, ["azerbaijan-dr"], None, "Baku"),
    ("baku", 1930, ["azerbaijan-ssr", "transcaucasian-sfsr", "ussr"], None, "Baku"),
    ("ganja", 1950, ["azerbaijan-ssr", "ussr"], None, "Kirovabad"),
    ("nakhchivan", 1930, ["nakhchivan-assr", "azerbaijan-ssr", "transcaucasian-sfsr", "ussr"], None, "Nakhchivan"),
    ("tbilisi", 1920, ["georgia-dr"], None, "Tiflis"),
    ("yerevan", 1945, ["armenian-ssr", "ussr"], None, "Yerevan"),
    ("bandar-anzali", 1930, ["iran"], None, "Enzeli"),
    ("bandar-anzali", 1950, ["iran"], None, "Pahlavi"),
    ("bandar-anzali", 1990, ["iran"], "gilan", "Bandar Anzali"),
    ("mashhad", 1995, ["iran"], "khorasan", "Mashhad"),
    ("sarakhs-ir", 1996, ["iran"], "khorasan", "Sarakhs (Iran)"),
    ("gorgan", 1995, ["iran"], "mazandaran", "Gorgan"),
    ("gorgan", 1997, ["iran"], "golestan", "Gorgan"),
    ("qazvin", 1997, ["iran"], "qazvin", "Qazvin"),
    ("herat", 1930, ["afghanistan"], None, "Herat"),
]


@cache
def year_map(year: int) -> dict:
    return add_dated_layers(export.feature_collection(shared_dataset(), year), year)


def place(year: int, pid: str) -> dict:
    return next(f["properties"] for f in year_map(year)["features"] if f["properties"]["id"] == pid)


@pytest.mark.parametrize("pid, year, units, province, name_en", TABLE, ids=[f"{r[0]}-{r[1]}" for r in TABLE])
def test_a_place_in_a_year_has_the_sources_unit_province_and_name(pid, year, units, province, name_en):
    p = place(year, pid)
    assert p["within_at_year"]["units"] == units
    assert p["within_at_year"]["province"] == province
    assert p["name"]["en"] == name_en


def test_the_year_map_has_units_with_status_parent_names_and_sources():
    units = {f["properties"]["attributes"]["unit"]: f["properties"] for f in year_map(1925)["features"]
             if f["properties"]["kind"] == "political_unit"}
    assert {"ussr", "rsfsr", "turkmen-ssr", "uzbek-ssr", "tajik-assr", "kirghiz-ao", "kazak-assr",
            "transcaucasian-sfsr", "azerbaijan-ssr", "nakhchivan-assr", "nagorno-karabakh-ao", "iran",
            "afghanistan"} <= set(units)
    assert not {"turkestan-assr", "bukhara-psr", "khorezm-psr", "turkmenistan"} & set(units)
    tajik = units["tajik-assr"]
    assert tajik["status_at_year"] == "autonomous_republic" and tajik["attributes"]["parent"] == "uzbek-ssr"
    assert tajik["name"]["ur"] and tajik["name"]["fa"] and tajik["context"][0]["url"].startswith("https://")


def test_provinces_of_the_year_are_in_the_map():
    provinces = {f["properties"]["attributes"]["unit"] for f in year_map(1995)["features"]
                 if f["properties"]["kind"] == "province_of_year"}
    assert {"khorasan", "mazandaran", "east-azerbaijan", "ardabil", "qom"} <= provinces
    assert not {"golestan", "qazvin", "razavi-khorasan"} & provinces


def test_the_command_writes_the_year_with_its_borders_line(tmp_path):
    out = tmp_path / "1925.json"
    assert export.main(["--year", "1925", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metadata"]["borders"] == "Borders of 1925, reconstructed; approximate"
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert {"place", "political_unit", "rail_line", "landscape"} <= kinds
    csv_out = tmp_path / "1925.csv"
    assert export.main(["--year", "1925", "--format", "csv", "--out", str(csv_out)]) == 0
    assert "political_unit" in csv_out.read_text(encoding="utf-8")
    # The CSV's caption is beside it (rows of a spreadsheet cannot hold it), with the borders line.
    caption = (tmp_path / "1925.caption.txt").read_text(encoding="utf-8").splitlines()
    assert "year: 1925" in caption and "borders: Borders of 1925, reconstructed; approximate" in caption
