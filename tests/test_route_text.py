"""The route explorer's strings come from the catalogues (locale/), so Persian works there too."""
from __future__ import annotations

import re

from dashboard.i18n import CATALOGUES, STRINGS, t
from dashboard.route_text import PREFIX, rt


def _route_keys() -> list[str]:
    return [k for k in STRINGS if k.startswith(PREFIX)]


def test_rtx001_every_route_string_is_translated_into_urdu_and_persian_with_its_placeholders():
    keys = _route_keys()
    assert len(keys) >= 49   # the explorer's strings, moved from dashboard/route_text.py
    for key in keys:
        english = STRINGS[key]
        for lang in ("ur", "fa"):
            translated = CATALOGUES.lookup(lang, "messages", key, english)
            assert translated and translated != english, (lang, key)
            assert sorted(re.findall(r"\{(\w+)\}", translated)) == sorted(re.findall(r"\{(\w+)\}", english)), (lang, key)


def test_rtx002_a_route_sentence_in_persian_is_persian_with_persian_digits():
    # "{km} km, {hours} h ({days} days)" with 1,234 km, 56 h, 2 days; Persian digits are ۰۱۲۳۴۵۶۷۸۹.
    assert rt("total", "fa", km="1,234", hours=56, days=2) == "۱,۲۳۴ کیلومتر، ۵۶ ساعت (۲ روز)"
    assert rt("total", "en", km="1,234", hours=56, days=2) == "1,234 km, 56 h (2 days)"
    assert rt("verdict_none", "ur") == "کوئی راستہ نہیں"


def test_rtx003_a_key_that_is_not_the_explorer_s_comes_from_the_page_s_strings():
    assert rt("title", "fa") == t("title", "fa")


LATIN = re.compile(r"[A-Za-z]")


def test_rtx010_why_there_is_no_route_is_said_in_the_language_with_the_links_it_needs():
    """Almaty to Bandar Abbas by rail in 1995: the text says the Mashhad-Sarakhs-Tejen line opened on
    12 May 1996 (block 14), so the route needs both Sarakhs lines, under construction until then."""
    from dashboard.i18n import format_date, name_in_year, status_label
    from dashboard.route_results import why_not
    from geodata.dates import PartialDate
    from geodata.load import shared_dataset
    from geodata.network import find_route
    ds = shared_dataset()
    result = find_route(ds, "almaty", "bandar-abbas", 1995, modes=("rail",))
    assert not result.found
    for lang in ("ur", "fa"):
        said = str(why_not(ds, result, lang).children)
        assert not LATIN.search(said), said
        for rid in ("rail-mashhad-sarakhs", "rail-sarakhs-tejen"):
            assert name_in_year(ds.by_id[rid], 1995, lang) in said
        assert status_label("under_construction", lang) in said
        assert format_date(PartialDate.parse("1996-05-12"), lang) in said
    assert "rail-mashhad-sarakhs" in str(why_not(ds, result, "en").children)   # English keeps the engine's own


def test_rtx011_the_speed_and_delay_boxes_are_labelled_and_explained_in_the_language():
    from dashboard.routes import assumption_label, assumption_note
    from geodata.network.costs import ASSUMPTION_FIELDS
    for lang in ("ur", "fa"):
        for name in ASSUMPTION_FIELDS:
            label, note = assumption_label(name, lang), assumption_note(name, lang)
            assert not LATIN.search(label) and not LATIN.search(note), (lang, name, label, note)
    assert assumption_label("rail_freight_kmh", "en") == "Rail freight (km/h)"   # costs.json's English label


def test_rtx012_the_parts_of_an_urdu_or_persian_answer_are_separated_by_the_arabic_semicolon():
    from dashboard.route_results import result_view
    from geodata.load import shared_dataset
    from geodata.network import find_route
    ds = shared_dataset()
    result = find_route(ds, "almaty", "bandar-abbas", 1997, modes=("rail",))   # three borders crossed
    for lang in ("ur", "fa"):
        said = str(result_view(ds, result, lang))
        assert "؛" in said and "; " not in said, lang   # ؛ U+061B
    assert "; " in str(result_view(ds, result, "en"))
