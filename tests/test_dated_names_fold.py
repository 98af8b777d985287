"""Issue 13: the dated place names are one rule in one place.

place_names.csv (the table written with sources, also used for search variants) is folded into
the data model's place_names.json (``python -m geodata.dated.fold --write``), and the map, the
details, the route explorer and the exports read the names through the model
(``dashboard.i18n.name_in_year`` / ``geodata.query.name_in_year``). Here the two agree for every
place of the gazetteer, every year and language, and folding again changes nothing.
"""
from __future__ import annotations

import json

import pytest

from geodata.dated import DATA_DIR, fold, names
from geodata.load import shared_dataset

from dashboard.i18n import name_in_year

ds = shared_dataset()
PLACES = sorted({n.place for n in names.table() if n.kind == "name"} & set(ds.places))


@pytest.mark.parametrize("place", PLACES)
def test_dnf001_the_model_names_a_place_as_the_table_does_in_every_year(place):
    gazetteer = names.known_places()[place]
    first, last = ds.years
    for year in range(first, last + 1):
        table = names.names_in(place, year, gazetteer)
        for lang in names.LANGS:
            if names.name_in(place, year, lang) is None and lang != "en":
                continue   # no dated name in this language: the gazetteer's or the catalogue's holds
            assert name_in_year(ds.places[place], year, lang) == table[lang], (place, year, lang)


def test_dnf002_folding_again_changes_nothing():
    sources = json.loads((DATA_DIR / "place_names_sources.json").read_text(encoding="utf-8"))["sources"]
    current = json.loads((DATA_DIR.parent / "place_names.json").read_text(encoding="utf-8"))
    again = fold.merged(current, fold.fold(sources, names.known_places()), set(ds.places))
    assert again == current


def test_dnf003_every_dated_name_of_the_table_reached_the_model():
    assert {"ashgabat", "bishkek", "almaty", "dushanbe", "bandar-anzali", "turkmenbashi", "tbilisi"} <= set(PLACES)
    assert all(ds.places[p].dated_names for p in PLACES)
