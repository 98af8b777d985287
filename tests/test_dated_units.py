"""Political units by date (geodata/data/dated/units.geojson, built by geodata/dated/).

The table below is written from the sources the units cite (Wikipedia articles named in
units.json, e.g. 'Turkestan ASSR': 30 April 1918 - 27 October 1924; 'Transcaspian Government':
Ashgabat July 1918 - 9 July 1919, Krasnovodsk to 6 February 1920), not from the built file:
for a place (coordinates from GeoNames) on a day, the innermost unit that held it, its status and
the chain of units around it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from geodata.dated import DATA_DIR, layers, timeline

D = dt.date
ASHGABAT, TASHKENT, BUKHARA, KHIVA = (58.38, 37.95), (69.24, 41.31), (64.42, 39.77), (60.36, 41.38)
DUSHANBE, KHUJAND, BISHKEK, ALMATY = (68.78, 38.54), (69.62, 40.28), (74.59, 42.87), (76.95, 43.25)
NUKUS, BAKU, YEREVAN, TBILISI = (59.61, 42.46), (49.89, 40.38), (44.51, 40.18), (44.79, 41.71)
STEPANAKERT, NAKHCHIVAN, MASHHAD, HERAT = (46.75, 39.82), (45.41, 39.21), (59.61, 36.30), (62.20, 34.35)
MOSCOW, KRASNOVODSK = (37.62, 55.76), (52.97, 40.02)

# (place, day, innermost unit, its name that day, status, the units around it, nearest first)
TABLE = [
    (TASHKENT, D(1918, 5, 1), "turkestan-assr", "Turkestan ASSR", "autonomous_republic", ["rsfsr"]),
    (ASHGABAT, D(1918, 12, 31), "transcaspian-government", "Transcaspian Government (Ashgabat)",
     "provisional_government", []),
    (ASHGABAT, D(1919, 12, 31), "turkestan-assr", "Turkestan ASSR", "autonomous_republic", ["rsfsr"]),
    (KRASNOVODSK, D(1919, 12, 31), "transcaspian-government", "White-held Transcaspia (Krasnovodsk)",
     "provisional_government", []),
    (KRASNOVODSK, D(1920, 2, 6), "turkestan-assr", "Turkestan ASSR", "autonomous_republic", ["rsfsr"]),
    (ASHGABAT, D(1920, 12, 31), "turkestan-assr", "Turkestan ASSR", "autonomous_republic", ["rsfsr"]),
    (ASHGABAT, D(1924, 10, 27), "turkmen-ssr", "Turkmen SSR", "union_republic", ["ussr"]),
    (ASHGABAT, D(1991, 10, 26), "turkmen-ssr", "Turkmen SSR", "union_republic", ["ussr"]),
    (ASHGABAT, D(1991, 10, 27), "turkmenistan", "Turkmenistan", "independent_state", []),
    (KHIVA, D(1919, 6, 1), "khiva", "Khanate of Khiva", "protectorate_or_khanate", []),
    (KHIVA, D(1921, 12, 31), "khorezm-psr", "Khorezm People's Soviet Republic", "peoples_soviet_republic", []),
    (KHIVA, D(1923, 12, 31), "khorezm-psr", "Khorezm SSR", "peoples_soviet_republic", []),
    (BUKHARA, D(1920, 9, 1), "bukhara-emirate", "Emirate of Bukhara", "protectorate_or_khanate", []),
    (BUKHARA, D(1920, 10, 8), "bukhara-psr", "Bukharan People's Soviet Republic", "peoples_soviet_republic", []),
    (BUKHARA, D(1924, 10, 27), "uzbek-ssr", "Uzbek SSR", "union_republic", ["ussr"]),
    (DUSHANBE, D(1925, 12, 31), "tajik-assr", "Tajik ASSR", "autonomous_republic", ["uzbek-ssr", "ussr"]),
    (DUSHANBE, D(1929, 10, 16), "tajik-ssr", "Tajik SSR", "union_republic", ["ussr"]),
    (KHUJAND, D(1928, 12, 31), "uzbek-ssr", "Uzbek SSR", "union_republic", ["ussr"]),
    (KHUJAND, D(1929, 12, 31), "tajik-ssr", "Tajik SSR", "union_republic", ["ussr"]),
    (BISHKEK, D(1925, 1, 1), "kirghiz-ao", "Kara-Kirghiz AO", "autonomous_oblast", ["rsfsr", "ussr"]),
    (BISHKEK, D(1925, 5, 25), "kirghiz-ao", "Kirghiz AO", "autonomous_oblast", ["rsfsr", "ussr"]),
    (BISHKEK, D(1926, 2, 1), "kirghiz-assr", "Kirghiz ASSR", "autonomous_republic", ["rsfsr", "ussr"]),
    (BISHKEK, D(1936, 12, 5), "kirghiz-ssr", "Kirghiz SSR", "union_republic", ["ussr"]),
    (BISHKEK, D(1991, 8, 31), "kyrgyzstan", "Kyrgyzstan", "independent_state", []),
    (ALMATY, D(1923, 12, 31), "turkestan-assr", "Turkestan ASSR", "autonomous_republic", ["rsfsr", "ussr"]),
    (ALMATY, D(1925, 4, 19), "kazak-assr", "Kazak ASSR", "autonomous_republic", ["rsfsr", "ussr"]),
    (ALMATY, D(1936, 12, 5), "kazakh-ssr", "Kazakh SSR", "union_republic", ["ussr"]),
    (ALMATY, D(1991, 12, 15), "kazakh-ssr", "Kazakh SSR", "union_republic", ["ussr"]),
    (ALMATY, D(1991, 12, 16), "kazakhstan", "Kazakhstan", "independent_state", []),
    (NUKUS, D(1926, 12, 31), "karakalpak", "Karakalpak AO", "autonomous_oblast", ["kazak-assr", "rsfsr", "ussr"]),
    (NUKUS, D(1931, 12, 31), "karakalpak", "Karakalpak AO", "autonomous_oblast", ["rsfsr", "ussr"]),
    (NUKUS, D(1932, 3, 20), "karakalpak", "Karakalpak ASSR", "autonomous_republic", ["rsfsr", "ussr"]),
    (NUKUS, D(1936, 12, 5), "karakalpak", "Karakalpak ASSR", "autonomous_republic", ["uzbek-ssr", "ussr"]),
    (BAKU, D(1918, 12, 31), "azerbaijan-dr", "Azerbaijan Democratic Republic", "independent_state", []),
    (BAKU, D(1920, 4, 28), "azerbaijan-ssr", "Azerbaijan SSR", "soviet_republic", []),
    (BAKU, D(1923, 12, 31), "azerbaijan-ssr", "Azerbaijan SSR", "soviet_republic", ["transcaucasian-sfsr", "ussr"]),
    (BAKU, D(1936, 12, 5), "azerbaijan-ssr", "Azerbaijan SSR", "union_republic", ["ussr"]),
    (BAKU, D(1991, 8, 30), "azerbaijan", "Azerbaijan", "independent_state", []),
    (YEREVAN, D(1919, 12, 31), "armenia-first-republic", "Republic of Armenia (1918-1920)", "independent_state", []),
    (YEREVAN, D(1921, 12, 31), "armenian-ssr", "Armenian SSR", "soviet_republic", []),
    (TBILISI, D(1920, 12, 31), "georgia-dr", "Democratic Republic of Georgia", "independent_state", []),
    (TBILISI, D(1991, 4, 9), "georgia", "Georgia", "independent_state", []),
    (STEPANAKERT, D(1923, 7, 7), "nagorno-karabakh-ao", "Nagorno-Karabakh AO", "autonomous_oblast",
     ["azerbaijan-ssr", "transcaucasian-sfsr", "ussr"]),
    (STEPANAKERT, D(1991, 11, 26), "azerbaijan", "Azerbaijan", "independent_state", []),
    (NAKHCHIVAN, D(1924, 2, 9), "nakhchivan-assr", "Nakhchivan ASSR", "autonomous_republic",
     ["azerbaijan-ssr", "transcaucasian-sfsr", "ussr"]),
    (MASHHAD, D(1930, 12, 31), "iran", "Persia (Iran)", "independent_state", []),
    (MASHHAD, D(1935, 3, 21), "iran", "Iran", "independent_state", []),
    (HERAT, D(1918, 12, 31), "afghanistan", "Afghanistan", "protectorate_or_khanate", []),
    (HERAT, D(1919, 8, 19), "afghanistan", "Afghanistan", "independent_state", []),
    (MOSCOW, D(1991, 12, 24), "rsfsr", "Russian SFSR", "union_republic", ["ussr"]),
    (MOSCOW, D(1991, 12, 25), "russia", "Russia", "independent_state", []),
]


@pytest.mark.parametrize("place, day, unit, name, status, around", TABLE,
                         ids=[f"{r[2]}-{r[1]}" for r in TABLE])
def test_place_on_a_day_is_in_the_unit_the_sources_give(place, day, unit, name, status, around):
    found = layers.units_at(*place, day)
    assert found, f"no unit holds {place} on {day}"
    assert [u["unit"] for u in found] == [unit, *around]
    assert (found[0]["name_en"], found[0]["status"]) == (name, status)


def test_every_unit_has_names_sources_and_says_how_it_is_drawn():
    for f in layers.load_layer("units"):
        p = f.props
        assert p["name_ur"] and p["name_fa"] and p["name_en"], p["id"]
        assert p["sources"] and all(s["citation"] and s["url"].startswith("https://") for s in p["sources"]), p["id"]
        assert p["location_certainty"] == "approximate" and p["extent_note"], p["id"]
        assert p["drawn_with"] and f.geometry.is_valid and not f.geometry.is_empty, p["id"]


def test_the_ussr_is_the_outline_of_its_republics():
    ashgabat_1930 = [u["unit"] for u in layers.units_at(*ASHGABAT, D(1930, 12, 31))]
    mashhad_1930 = [u["unit"] for u in layers.units_at(*MASHHAD, D(1930, 12, 31))]
    assert "ussr" in ashgabat_1930 and "ussr" not in mashhad_1930
    assert not [f for f in layers.on_day("units", D(1992, 12, 31)) if f.props["unit"] == "ussr"]


def test_the_built_layer_is_the_one_the_manifest_records():
    manifest = json.loads((DATA_DIR.parent / "base" / "MANIFEST.json").read_text(encoding="utf-8"))
    entry = {r["file"]: r for r in manifest["dated_layers"]["layers"]}["geodata/data/dated/units.geojson"]
    assert hashlib.sha256((DATA_DIR / "units.geojson").read_bytes()).hexdigest() == entry["sha256"]
    deb = {i["id"]: i for i in manifest["dated_layers"]["inputs"]}["qgis-common-world-map"]
    assert deb["version"] == "3.22.16+dfsg-1" and len(deb["sha256"]) == 64 and deb["licence"]


# ---- bad definitions are refused, each problem naming the unit and field --------------------

KEYS = ["AAA:North", "AAA:South", "BBB:One"]
SOURCES = {"s": {"citation": "c", "url": "https://example.org"}}


def unit(uid, stages, **extra):
    return {"id": uid, "name": {"en": uid, "ur": "ا", "fa": "ا"}, "stages": stages, "sources": ["s"],
            "extent_note": "n", "location_certainty": "approximate", **extra}


def stage(start, end, divisions, parent=None, status="union_republic"):
    return {"start": start, "end": end, "status": status, "parent": parent, "divisions": divisions,
            "certainty": "certain", "basis": "s"}


def problems_of(units):
    stages = [timeline._stage(u, i, s, u["id"]) for u in units for i, s in enumerate(u["stages"])]
    known = lambda sel: bool(timeline.resolve([sel], KEYS))  # noqa: E731
    return timeline.check_definitions(SOURCES, units, stages, known), stages


@pytest.mark.parametrize("bad, expected", [
    (unit("x", [stage("1920", None, ["AAA"], status="empire")]), "x: stages[0]: status:"),
    (unit("x", [stage("1920", None, ["AAA"], parent="nowhere")]), "x: stages[0]: parent: unknown unit"),
    (unit("x", [stage("1920", None, ["CCC:Nowhere"])]), "x: stages[0]: divisions: 'CCC:Nowhere'"),
    (unit("x", [stage("1920", "1925", ["AAA"]), stage("1924", None, ["AAA"])]), "x: stages[1]: start: overlaps"),
    (unit("x", [stage("1920", "1919", ["AAA"])]), "x: stages[0]: end: before start"),
    ({**unit("x", [stage("1920", None, ["AAA"])]), "name": {"en": "x", "ur": "ا"}}, "x: name.fa: missing"),
])
def test_a_broken_definition_is_reported_with_unit_and_field(bad, expected):
    problems, _ = problems_of([bad])
    assert any(p.startswith(expected) for p in problems), problems


def test_a_division_in_two_unrelated_units_or_in_none_is_reported_on_its_year_end():
    units = [unit("a", [stage("1920", None, ["AAA"])]), unit("b", [stage("1925", None, ["AAA:South"])])]
    problems, stages = problems_of(units)
    assert problems == []
    spans = timeline.spans(stages, KEYS, D(1920, 1, 1), D(1926, 12, 31))
    found = timeline.year_end_problems(spans, stages, frozenset(KEYS))
    assert "1925: AAA:South: in both a and b (neither contains the other)" in found
    assert "1924: BBB:One: in no unit (a gap)" in found
    nested = [unit("a", [stage("1920", None, ["AAA", "BBB"])]),
              unit("b", [stage("1925", None, ["AAA:South"], parent="a")])]
    _, stages = problems_of(nested)
    assert timeline.year_end_problems(timeline.spans(stages, KEYS, D(1920, 1, 1), D(1926, 12, 31)),
                                      stages, frozenset(KEYS)) == []


def test_a_parent_is_drawn_around_its_children():
    units = [unit("u", [stage("1920", None, [])]),
             unit("a", [stage("1920", None, ["AAA:North"], parent="u")]),
             unit("b", [stage("1920", "1921", ["BBB"], parent="u")])]
    _, stages = problems_of(units)
    spans = timeline.spans(stages, KEYS, D(1920, 1, 1), D(1923, 12, 31))
    assert spans[0].territory["u"] == {"AAA:North", "BBB:One"}
    assert spans[-1].territory["u"] == {"AAA:North"}
