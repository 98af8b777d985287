"""Place names by date (geodata/data/dated/place_names.csv) and search by any name.

Expected names and years from the sources named in place_names_sources.json (Wikipedia city
articles: Krasnovodsk -> Türkmenbaşy 1993, Poltoratsk 1919-1927, Pishpek -> Frunze 1926 ->
Bishkek 1991, Verny -> Alma-Ata 1921 -> Almaty 1993, Dyushambe -> Stalinabad 1929 -> Dushanbe
1961, Merv -> Mary 1937, Chardzhou -> Türkmenabat 1999, Guryev -> Atyrau 1992, Shevchenko ->
Aktau 1991, Enzeli -> Pahlavi 1935 -> Bandar Anzali 1980, Ganja -> Kirovabad 1935 -> Ganja 1989)
and from the text's own spellings (READING-NOTES.md). A year is its 31 December.
"""
from __future__ import annotations

import shutil

import pytest

from geodata.dated import names

TABLE = [
    ("turkmenbashi", 1992, "en", "Krasnovodsk"), ("turkmenbashi", 1993, "en", "Türkmenbaşy"),
    ("ashgabat", 1918, "en", "Askhabad"), ("ashgabat", 1919, "en", "Poltoratsk"), ("ashgabat", 1926, "en", "Poltoratsk"),
    ("ashgabat", 1930, "en", "Ashkhabad"), ("ashgabat", 1925, "ur", "پولتوراتسک"),
    ("bishkek", 1925, "en", "Pishpek"), ("bishkek", 1926, "en", "Frunze"), ("bishkek", 1990, "en", "Frunze"),
    ("bishkek", 1991, "en", "Bishkek"),
    ("almaty", 1920, "en", "Verny"), ("almaty", 1921, "en", "Alma-Ata"), ("almaty", 1992, "en", "Alma-Ata"),
    ("almaty", 1993, "en", "Almaty"),
    ("dushanbe", 1928, "en", "Dyushambe"), ("dushanbe", 1929, "en", "Stalinabad"), ("dushanbe", 1960, "en", "Stalinabad"),
    ("dushanbe", 1961, "en", "Dushanbe"), ("dushanbe", 1950, "fa", "استالین‌آباد"),
    ("mary", 1936, "en", "Merv"), ("mary", 1937, "en", "Mary"),
    ("turkmenabat", 1996, "en", "Chardzhou"), ("turkmenabat", 1999, "en", "Türkmenabat"),
    ("atyrau", 1991, "en", "Guryev"), ("atyrau", 1992, "en", "Atyrau"),
    ("aktau", 1990, "en", "Shevchenko"), ("aktau", 1991, "en", "Aktau"),
    ("bandar-anzali", 1934, "en", "Enzeli"), ("bandar-anzali", 1935, "en", "Pahlavi"),
    ("bandar-anzali", 1979, "fa", "بندر پهلوی"), ("bandar-anzali", 1980, "en", "Bandar Anzali"),
    ("ganja", 1920, "en", "Ganja"), ("ganja", 1935, "en", "Kirovabad"), ("ganja", 1988, "en", "Kirovabad"),
    ("ganja", 1989, "en", "Ganja"),
]


@pytest.mark.parametrize("place, year, lang, expected", TABLE, ids=[f"{p}-{y}-{l}" for p, y, l, _ in TABLE])
def test_a_place_has_the_name_of_the_year(place, year, lang, expected):
    found = names.name_in(place, year, lang)
    assert found is not None and found.name == expected
    assert found.source.startswith("wp-")


def test_without_a_dated_name_the_gazetteer_name_holds():
    row = names.known_places()["mashhad"]
    assert names.names_in("mashhad", 1925, row) == {"en": "Mashhad", "ur": "مشہد", "fa": "مشهد"}


@pytest.mark.parametrize("query, place", [
    ("Meshed", "mashhad"), ("مشد", "mashhad"), ("مشهد", "mashhad"), ("Ashkhabad", "ashgabat"),
    ("Poltoratsk", "ashgabat"), ("Frunze", "bishkek"), ("alma ata", "almaty"), ("Stalinabad", "dushanbe"),
    ("Krasnovodsk", "turkmenbashi"), ("تیان", "tejen"), ("تیجند", "tejen"), ("ارمنج", "koneurgench"),
    ("Tashauz", "dashoguz"), ("TURKMENBASY", "turkmenbashi"), ("عشقاباد", "ashgabat"), ("بندر پهلوي", "bandar-anzali"), ("Kirovabad", "ganja"), ("Elisavetpol", "ganja"), ("Pahlavi", "bandar-anzali"),
])
def test_search_finds_a_place_by_any_of_its_names(query, place):
    assert place in names.search(query)


def test_serakhs_finds_both_sarakhs():
    assert names.search("Serakhs") == ["sarakhs-ir", "sarakhs-tm"]
    assert names.search("") == [] and names.search("Atlantis") == []


@pytest.mark.parametrize("row, expected", [
    ("nowhere,en,X,,,name,certain,text,", "line 2: place: 'nowhere'"),
    ("mashhad,de,X,,,name,certain,text,", "line 2: lang: 'de'"),
    ("mashhad,en,X,1990,1980,name,certain,text,", "line 2: end: before start"),
    ("mashhad,en,X,1990-13,,name,certain,text,", "line 2: start/end:"),
    ("mashhad,en,X,,,name,certain,nobody,", "line 2: source: 'nobody'"),
])
def test_a_bad_row_is_reported_with_line_and_field(tmp_path, row, expected):
    folder = tmp_path / "dated"
    folder.mkdir()
    for f in ("place_names_sources.json", "extra_places.csv"):
        shutil.copy(names.DATA_DIR / f, folder / f)
    shutil.copy(names.PLACES_CSV, tmp_path / "places.csv")
    (folder / "place_names.csv").write_text(
        "place,lang,name,start,end,kind,certainty,source,note\n" + row + "\n", encoding="utf-8")
    _, problems = names.read_table(folder)
    assert any(expected in p for p in problems), problems


def test_two_names_on_one_day_are_refused(tmp_path):
    rows = "mashhad,en,A,1920,1930,name,certain,text,\nmashhad,en,B,1925,,name,certain,text,\n"
    folder = tmp_path / "dated"
    folder.mkdir()
    for f in ("place_names_sources.json", "extra_places.csv"):
        shutil.copy(names.DATA_DIR / f, folder / f)
    shutil.copy(names.PLACES_CSV, tmp_path / "places.csv")
    (folder / "place_names.csv").write_text("place,lang,name,start,end,kind,certainty,source,note\n" + rows,
                                            encoding="utf-8")
    _, problems = names.read_table(folder)
    assert problems == ["place_names.csv: mashhad: en: 'A' and 'B' overlap"]


def test_the_shipped_table_has_no_problems():
    _, problems = names.read_table()
    assert problems == []


def test_the_table_folds_into_issue_11s_dated_names():
    """Issue 11's rules (docs/data-schema.md there): entries oldest first, en and ur in each, only the
    first without start and the last without end, each starting the day after the one before ends."""
    import json

    from geodata.dated import fold
    from geodata.dates import PartialDate

    sources = json.loads((names.DATA_DIR / "place_names_sources.json").read_text(encoding="utf-8"))["sources"]
    folded = {p["place"]: p["dated_names"] for p in fold.fold(sources, names.known_places())}
    assert [e["name"]["en"] for e in folded["bishkek"]] == ["Pishpek", "Frunze", "Bishkek"]
    assert [e.get("start") for e in folded["almaty"]] == [None, "1921-02", "1993"]
    for place, entries in folded.items():
        assert all(e["name"]["en"] and e["name"]["ur"] for e in entries), place
        assert all("start" in e for e in entries[1:]) and all("end" in e for e in entries[:-1]), place
        for before, after in zip(entries, entries[1:]):
            if after.get("joins") != "gap":
                assert PartialDate.parse(before["end"]).day_after() == PartialDate.parse(after["start"]).first_day(), place
