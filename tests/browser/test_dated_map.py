"""Issue 13: the map of year Y, as Chromium draws it, shows the units, provinces and names of Y.

Expected values are written from the sources, not from the output:
- Turkestan ASSR 30 April 1918 - 27 October 1924; Khanate of Khiva to February 1920, Emirate of
  Bukhara to September 1920 (Wikipedia, 'Turkestan Autonomous Soviet Socialist Republic',
  'Khanate of Khiva', 'Emirate of Bukhara'); the Democratic Republic of Azerbaijan, the First
  Republic of Armenia and the Democratic Republic of Georgia from May 1918 (Wikipedia, each).
- USSR 30 December 1922 - 26 December 1991 (Wikipedia, 'Soviet Union'); Turkmen and Uzbek SSRs
  27 October 1924, Tajik ASSR inside the Uzbek SSR 1924-1929, Kara-Kirghiz AO 1924, Kazak ASSR in
  the RSFSR (Wikipedia, 'National delimitation in the Soviet Union'); Transcaucasian SFSR
  1922 - 5 December 1936, Kazakh and Kirghiz SSRs from 5 December 1936 (Wikipedia, '1936 Soviet
  Constitution'; 'Transcaucasian Socialist Federative Soviet Republic').
- Ardabil province 1993, Golestan 1997 (Wikipedia, 'Provinces of Iran').
- Ashgabat: Poltoratsk 1919-1927 (Wikipedia, 'Ashgabat'); Bishkek: Frunze 1926-1991
  (Wikipedia, 'Bishkek'); Dushanbe: Stalinabad 1929-1961 (Wikipedia, 'Dushanbe'); Almaty:
  Verny to 1921, Alma-Ata to 1993 (Wikipedia, 'Almaty').
"""
from __future__ import annotations

import pytest

from .driver import open_app
from .selectors import DETAILS_FOR, MAP_GEO_TEXT, MAP_GRAPH, MAP_NOTE_TEXT

_UNITS_JS = """
(graph) => {
  const gd = document.querySelector(graph);
  // The areas shown: the figure holds every span's, and those of other years are not displayed.
  const of = (role) => { const out = [];
    for (const g of gd.querySelectorAll('.choroplethlayer .trace')) {
      const t = g.__data__ && g.__data__[0].trace;
      if (!t || !t.meta || t.meta.role !== role) continue;
      for (const p of g.querySelectorAll('path.choroplethlocation')) {
        if (getComputedStyle(p).display !== 'none') out.push(t.locations[p.__data__.index]);
      }
    }
    return out; };
  return {units: of('units'), provinces: of('provinces')};
}
"""

YEARS = {
    1918: {"in": {"turkestan-assr", "khiva", "bukhara-emirate", "azerbaijan-dr", "armenia-first-republic",
                  "georgia-dr", "rsfsr", "iran", "afghanistan"},
           "out": {"ussr", "turkmen-ssr", "kazakhstan", "uzbek-ssr"},
           "names": {"Pishpek", "Verny", "Dyushambe"}, "not_names": {"Bishkek", "Almaty", "Dushanbe", "Kazakhstan"}},
    1925: {"in": {"ussr", "turkmen-ssr", "uzbek-ssr", "tajik-assr", "transcaucasian-sfsr", "kirghiz-ao",
                  "kazak-assr", "rsfsr"},
           "out": {"turkestan-assr", "khiva", "bukhara-psr", "khorezm-psr", "kazakh-ssr", "azerbaijan-dr"},
           "names": {"Poltoratsk", "Alma-Ata", "Pishpek"}, "not_names": {"Ashgabat", "Almaty"}},
    1936: {"in": {"ussr", "kazakh-ssr", "kirghiz-ssr", "tajik-ssr", "georgian-ssr", "armenian-ssr",
                  "azerbaijan-ssr", "turkmen-ssr"},
           "out": {"transcaucasian-sfsr", "kazak-assr", "tajik-assr", "kirghiz-assr"},
           "names": {"Frunze", "Stalinabad", "Alma-Ata"}, "not_names": {"Bishkek", "Dushanbe"}},
    1995: {"in": {"kazakhstan", "turkmenistan", "uzbekistan", "tajikistan", "kyrgyzstan", "azerbaijan",
                  "armenia", "georgia", "russia"},
           "out": {"ussr", "kazakh-ssr", "turkmen-ssr"},
           "provinces_in": {"ardabil", "east-azerbaijan", "mazandaran", "khorasan"}, "provinces_out": {"golestan"},
           "names": {"Bishkek", "Almaty", "Ashgabat"}, "not_names": {"Frunze", "Alma-Ata"}},
}


def _units(page) -> tuple[set[str], set[str]]:
    got = page.evaluate(_UNITS_JS, MAP_GRAPH)
    unit = lambda fid: fid.split("@")[0]   # noqa: E731  (feature ids are "<unit>@<first day of the span>")
    return {unit(f) for f in got["units"]}, {unit(f) for f in got["provinces"]}


def _texts(page) -> set[str]:
    """The texts drawn on the map: its labels, and the year and caption written in its corner."""
    drawn = page.locator(MAP_GEO_TEXT).all_text_contents() + page.locator(MAP_NOTE_TEXT).all_text_contents()
    return {t.strip() for t in drawn}


@pytest.mark.parametrize("year", sorted(YEARS))
def test_dmap001_the_drawn_map_shows_the_units_provinces_and_names_of_its_year(page, year):
    want = YEARS[year]
    open_app(page, f"?year={year}", year)
    units, provinces = _units(page)
    assert want["in"] <= units, f"{year}: missing {want['in'] - units}"
    assert not want["out"] & units, f"{year}: drawn but gone {want['out'] & units}"
    assert want.get("provinces_in", set()) <= provinces
    assert not want.get("provinces_out", set()) & provinces
    if year < 1979:
        assert provinces == set()   # Iran's provinces are drawn from 1979
    texts = _texts(page)
    assert want["names"] <= texts, f"{year}: labels lack {want['names'] - texts}"
    assert not want["not_names"] & texts, f"{year}: labels show {want['not_names'] & texts}"
    assert any(t.startswith(f"Borders of {year}") or (t.startswith("Borders of ") and _in_run(t, year))
               for t in texts), f"{year}: no borders line among {sorted(texts)[:5]}"


def _in_run(text: str, year: int) -> bool:
    """'Borders of 1937–1939, ...' holds for 1938."""
    run = text.removeprefix("Borders of ").split(",")[0]
    first, _, last = run.partition("–")
    return int(first) <= year <= int(last or first)


def test_dmap002_urdu_map_of_1925_names_poltoratsk_and_the_borders_in_urdu(page):
    open_app(page, "?year=1925&lang=ur", 1925)
    texts = _texts(page)
    assert "پولتوراتسک" in texts   # place_names.csv: Poltoratsk in Urdu
    assert any("سرحدیں" in t and "۱۹۲۵" in t for t in texts)


def test_dmap003_a_unit_s_details_name_its_status_parent_and_sources(page):
    open_app(page, "?year=1925&feature=unit-turkmen-ssr", 1925)
    page.wait_for_selector(DETAILS_FOR.format("unit-turkmen-ssr"), timeout=20_000)
    text = page.inner_text(DETAILS_FOR.format("unit-turkmen-ssr"))
    assert "Turkmen SSR" in text and "Union republic of the USSR" in text
    assert "part of" in text and "Soviet" in text
    assert "Wikipedia, 'Turkmen Soviet Socialist Republic'" in text
