"""Issue 13: the map of year Y names and places things as they were in Y.

A table of places and years, written from the sources (not from the output), is checked against
what the map's layers draw for that year: the political unit that holds the place (innermost,
with its status), Iran's province, and the name the place's label shows. Sources:

- Sarakhs (Turkmen side) and Ashgabat in 1925: Turkmen SSR from 27 October 1924 (Wikipedia,
  'Turkmen Soviet Socialist Republic'); Ashgabat was Poltoratsk from July 1919 to 1927
  (Wikipedia, 'Ashgabat').
- Bishkek: Pishpek, renamed Frunze in 1926, Bishkek in 1991 (Wikipedia, 'Bishkek'); the Kirghiz
  ASSR 1926-1936 inside the RSFSR, the Kirghiz SSR from 5 December 1936 (Wikipedia, 'Kirghiz
  Autonomous Socialist Soviet Republic', '1936 Soviet Constitution').
- Anzali: Enzeli, Pahlavi from 1935, Bandar Anzali from 1980 (Wikipedia, 'Bandar-e Anzali');
  Gilan province (Wikipedia, 'Provinces of Iran': the 24 provinces of the 1980s).
- Ardabil: in East Azerbaijan until Ardabil province was formed in 1993 (Wikipedia, 'Provinces of
  Iran', 'Ardabil province'); coordinates 38°15′N 48°18′E (Wikipedia, 'Ardabil').
- Gorgan: in Mazandaran until Golestan province was formed in 1997 (Wikipedia, 'Golestan province').
- Dushanbe: Dyushambe, Stalinabad 1929-1961 (Wikipedia, 'Dushanbe'); Tajik ASSR inside the Uzbek
  SSR 1924-1929, Tajik SSR from 16 October 1929 (Wikipedia, 'Tajik Autonomous Soviet Socialist
  Republic').
- Tbilisi: Tiflis until 1936 (Wikipedia, 'Tbilisi'); Georgian SSR in the Transcaucasian SFSR
  1922-1936 (Wikipedia, 'Transcaucasian Socialist Federative Soviet Republic').
- Almaty: Verny, Alma-Ata from 1921, Almaty from 1993 (Wikipedia, 'Almaty'); in the Kazak ASSR
  from the delimitation of 1924 (Wikipedia, 'Kazakh Autonomous Socialist Soviet Republic').
- Tashkent 1920: Turkestan ASSR (Wikipedia, 'Turkestan Autonomous Soviet Socialist Republic').
- Mashhad 1990: Khorasan, divided in 2004 (Wikipedia, 'Khorasan province').
"""
from __future__ import annotations

import pytest

from geodata.dated import layers as dated
from geodata.load import shared_dataset

from dashboard.dated_details import panel
from dashboard.figures import build_map_figure
from dashboard.i18n import name_in_year
from dashboard.layers import MapState, labels, political, provinces

ARDABIL = (48.30, 38.25)

# (place id or (lon, lat), year, innermost unit, its status, province or None, the label's English name)
TABLE = [
    ("sarakhs-tm", 1925, "turkmen-ssr", "union_republic", None, None),
    ("ashgabat", 1925, "turkmen-ssr", "union_republic", None, "Poltoratsk"),
    ("ashgabat", 1930, "turkmen-ssr", "union_republic", None, "Ashkhabad"),
    ("bishkek", 1925, "kirghiz-ao", "autonomous_oblast", None, "Pishpek"),
    ("bishkek", 1930, "kirghiz-assr", "autonomous_republic", None, "Frunze"),
    ("bishkek", 1940, "kirghiz-ssr", "union_republic", None, "Frunze"),
    ("bishkek", 1995, "kyrgyzstan", "independent_state", None, "Bishkek"),
    ("bandar-anzali", 1930, "iran", "independent_state", None, "Enzeli"),
    ("bandar-anzali", 1950, "iran", "independent_state", None, "Pahlavi"),
    ("bandar-anzali", 1985, "iran", "independent_state", "gilan", "Bandar Anzali"),
    (ARDABIL, 1990, "iran", "independent_state", "east-azerbaijan", None),
    (ARDABIL, 1995, "iran", "independent_state", "ardabil", None),
    ("gorgan", 1995, "iran", "independent_state", "mazandaran", None),
    ("gorgan", 1998, "iran", "independent_state", "golestan", None),
    ("dushanbe", 1925, "tajik-assr", "autonomous_republic", None, "Dyushambe"),
    ("dushanbe", 1935, "tajik-ssr", "union_republic", None, "Stalinabad"),
    ("dushanbe", 1965, "tajik-ssr", "union_republic", None, "Dushanbe"),
    ("tbilisi", 1930, "georgian-ssr", "soviet_republic", None, "Tiflis"),
    ("tbilisi", 1940, "georgian-ssr", "union_republic", None, "Tbilisi"),
    ("almaty", 1918, "turkestan-assr", "autonomous_republic", None, "Verny"),
    ("almaty", 1925, "kazak-assr", "autonomous_republic", None, "Alma-Ata"),
    ("almaty", 1995, "kazakhstan", "independent_state", None, "Almaty"),
    ("tashkent", 1920, "turkestan-assr", "autonomous_republic", None, None),
    ("mashhad", 1990, "iran", "independent_state", "khorasan", None),
    ("mashhad", 2010, "iran", "independent_state", "razavi-khorasan", None),
]


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def _where(ds, place):
    if isinstance(place, tuple):
        return place
    p = ds.places[place]
    return p.lon, p.lat


@pytest.mark.parametrize("place, year, unit, status, province, name", TABLE,
                         ids=[f"{r[0] if isinstance(r[0], str) else 'ardabil'}-{r[1]}" for r in TABLE])
def test_dmt001_a_place_in_a_year_is_in_the_unit_province_and_name_of_that_year(ds, place, year, unit, status,
                                                                                 province, name):
    lon, lat = _where(ds, place)
    state = MapState(year=year, lang="en", layers=frozenset({"political", "provinces", "labels"}))
    held = dated.units_at(lon, lat, dated.year_day(year))
    assert held and held[0]["unit"] == unit and held[0]["status"] == status
    drawn = political.traces(ds, state)[0]
    assert held[0]["id"] in drawn["locations"]          # the map of the year draws that unit
    prov = dated.province_at(lon, lat, dated.year_day(year))
    assert (prov["unit"] if prov else None) == province
    prov_trace = provinces.traces(ds, state)
    assert (prov["id"] in prov_trace[0]["locations"]) if province else True
    if name:
        assert name_in_year(ds.places[place], year, "en") == name
        shown = labels.traces(ds, state)[1]
        if place in shown["customdata"]:   # a labelled place: its label shows that name
            assert shown["text"][shown["customdata"].index(place)] == name


def test_dmt002_provinces_are_drawn_from_1979_only(ds):
    assert provinces.traces(ds, MapState(year=1978)) == []
    assert provinces.traces(ds, MapState(year=1979))


def test_dmt003_the_ussr_is_an_outline_around_its_republics(ds):
    """The USSR, 30 December 1922 - 26 December 1991 (Wikipedia, 'Soviet Union'), drawn first (under
    its republics), unfilled, with a line of its own."""
    for year, there in ((1921, False), (1922, True), (1990, True), (1991, False)):
        trace = political.traces(ds, MapState(year=year))[0]
        assert ("ussr" in trace["meta"]["units"]) is there, year
        if there:
            units = trace["meta"]["units"]
            i = units.index("ussr")
            inside = [units.index(u) for u in ("turkmen-ssr", "rsfsr", "ukrainian-ssr") if u in units]
            assert inside and i < min(inside)   # drawn before (under) its republics
            assert political.FILL[political.ORDER[trace["z"][i]]] == "rgba(0,0,0,0)"
            assert trace["marker"]["line"]["width"][i] > max(w for j, w in enumerate(trace["marker"]["line"]["width"]) if j != i)


@pytest.mark.parametrize("year, lang, want", [
    (1925, "en", "Borders of 1925, reconstructed; approximate"),   # Kirghiz AO -> Kazak ASSR name, 1925
    # the constitution of 5 December 1936 holds on 31 December 1936; the next change is of 1940
    # (the Karelo-Finnish, Moldavian and Baltic SSRs: Wikipedia, 'Republics of the Soviet Union')
    (1938, "en", "Borders of 1936–1939, reconstructed; approximate"),
    (1925, "ur", "\u200f۱۹۲۵ کی سرحدیں، از سرِ نو تشکیل شدہ؛ تقریبی"),   # a right-to-left mark first
])
def test_dmt004_the_borders_line_says_what_the_borders_are(ds, year, lang, want):
    state = MapState(year=year, lang=lang, layers=frozenset({"political"}))
    assert political.LAYER.caption(ds, state) == want
    caption = next(a for a in build_map_figure(ds, state)["layout"]["annotations"] if a["name"] == "map-caption")
    assert caption["text"] == want and caption["xref"] == caption["yref"] == "paper"   # in view however panned


def test_dmt005_a_unit_s_details_give_its_status_parent_dates_and_sources(ds):
    text = str(panel(ds, "unit-tajik-assr", "en", 1925))
    assert "Tajik ASSR" in text and "Autonomous republic" in text and "part of Uzbek SSR" in text
    assert "Wikipedia" in text and "approximate" in text.lower()
    gone = str(panel(ds, "unit-tajik-assr", "en", 1935))
    assert "Not on the map in 1935" in gone
