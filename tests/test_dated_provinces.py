"""Iran's provinces by date (geodata/data/dated/provinces.geojson).

Expected values from Wikipedia, 'Provinces of Iran' (Ardabil out of East Azerbaijan in 1993, Qom
out of Tehran in 1995, Golestan out of Mazandaran and Qazvin in 1997, Khorasan divided in 2004)
and the issue's list; city coordinates from GeoNames. A year is its 31 December.
"""
from __future__ import annotations

import datetime as dt

import pytest

from geodata.dated import layers

ARDABIL, TABRIZ, GORGAN, SARI = (48.29, 38.25), (46.29, 38.08), (54.43, 36.84), (53.06, 36.56)
MASHHAD, BIRJAND, BOJNURD, QOM, QAZVIN = (59.61, 36.30), (59.21, 32.87), (57.33, 37.47), (50.88, 34.64), (50.00, 36.27)
SARAKHS, BANDAR_ABBAS, ZAHEDAN = (61.16, 36.54), (56.2808, 27.1865), (60.86, 29.50)

TABLE = [
    (ARDABIL, 1985, "east-azerbaijan"), (ARDABIL, 1992, "east-azerbaijan"), (ARDABIL, 1993, "ardabil"),
    (TABRIZ, 1995, "east-azerbaijan"),
    (GORGAN, 1990, "mazandaran"), (GORGAN, 1996, "mazandaran"), (GORGAN, 1997, "golestan"),
    (SARI, 1997, "mazandaran"),
    (MASHHAD, 1996, "khorasan"), (BIRJAND, 1996, "khorasan"), (BOJNURD, 2003, "khorasan"),
    (SARAKHS, 1996, "khorasan"),
    (MASHHAD, 2004, "razavi-khorasan"), (BIRJAND, 2004, "south-khorasan"), (BOJNURD, 2004, "north-khorasan"),
    (QOM, 1994, "tehran"), (QOM, 1995, "qom"), (QAZVIN, 1997, "qazvin"),
    (BANDAR_ABBAS, 1994, "hormozgan"), (ZAHEDAN, 1994, "sistan-baluchestan"),
]


def province_of(place, year):
    found = layers.province_at(*place, layers.year_day(year))
    return [found["unit"]] if found else []


@pytest.mark.parametrize("place, year, province", TABLE, ids=[f"{p}-{y}" for _, y, p in TABLE])
def test_place_in_year_is_in_the_province_of_the_sources(place, year, province):
    assert province_of(place, year) == [province]


def test_the_layer_starts_in_1979_and_says_so():
    assert layers.on_day("provinces", dt.date(1978, 12, 31)) == []
    assert len(layers.on_day("provinces", dt.date(1979, 12, 31))) == 24  # the 24 provinces of the 1980s
    first = {f.props["stage_start"] for f in layers.load_layer("provinces") if f.props["start"] == "1979-01-01"}
    assert first == {"1979"}


def test_a_province_created_in_a_known_year_only_is_marked_approximate():
    golestan = [f.props for f in layers.load_layer("provinces") if f.props["unit"] == "golestan"]
    assert golestan and golestan[0]["date_certainty"] == "approximate" and "1997" in golestan[0]["date_note"]
    qazvin = [f.props for f in layers.load_layer("provinces") if f.props["unit"] == "qazvin"]
    assert qazvin[0]["date_certainty"] == "disputed"


def test_a_point_at_sea_is_in_no_province():
    assert province_of((51.0, 40.0), 1995) == []  # the middle of the Caspian
    assert province_of(MASHHAD, 1978) == []
