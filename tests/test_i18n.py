"""The languages as data: the registry, the catalogues, and Babel's numbers and dates.

Expected values are written by hand from CLDR's conventions (the Extended Arabic-Indic digits
۰–۹ and the Arabic thousands separator ٬ U+066C for Urdu and Persian), never copied from output.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard import i18n
from dashboard.i18n import digits, format_date, number, t
from dashboard.languages import (DOMAINS, SOURCE_LANGUAGE, Catalogues, LanguageError, read_catalog,
                                 read_registry)
from geodata.dates import PartialDate

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "locale"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "locale"
TRANSLATED = [lang.code for lang in read_registry(LOCALE) if lang.code != SOURCE_LANGUAGE]


def entries(path: Path) -> dict:
    return {(m.context, m.id): m for m in read_catalog(path) if m.id}


# --------------------------------------------------------------------------- the registry

def test_i18n001_the_registry_lists_english_urdu_and_persian_with_their_script_facts():
    langs = {lang.code: lang for lang in read_registry(LOCALE)}
    assert list(langs) == ["en", "ur", "fa"]
    assert (langs["fa"].name, langs["fa"].direction, langs["fa"].numbering) == ("فارسی", "rtl", "arabext")
    assert (langs["ur"].name, langs["ur"].direction, langs["ur"].numbering) == ("اردو", "rtl", "arabext")
    assert langs["en"].direction == "ltr"
    assert langs["fa"].font.startswith("Vazirmatn")   # Naskh, vendored in assets/fonts


@pytest.mark.parametrize("line, complaint", [
    ("xx,Nothing,ltr,latn,serif,13", "'xx' is not a locale"),
    ("eo,Esperanto,sideways,latn,serif,13", "direction must be"),
    ("eo,Esperanto,ltr,roman,serif,13", "numbering 'roman'"),
    ("eo,Esperanto,ltr,latn,serif} body { display: none,13", "font must be"),
    ("eo,Esperanto,ltr,latn,serif,huge", "label_px must be a whole number"),
    ("eo,Esperanto,ltr,latn,serif,90", "label_px must be a whole number of px from 9 to 24"),
    ("eo,,ltr,latn,serif,13", "empty name"),
])
def test_i18n002_a_bad_registry_line_is_refused_with_its_line_and_fault(tmp_path, line, complaint):
    (tmp_path / "languages.csv").write_text((LOCALE / "languages.csv").read_text(encoding="utf-8") + line + "\n",
                                            encoding="utf-8")
    with pytest.raises(LanguageError) as caught:
        read_registry(tmp_path)
    assert "line 5" in str(caught.value) and complaint in str(caught.value)


# --------------------------------------------------------------------------- the catalogues

def test_i18n003_every_catalogue_has_every_key_and_no_stale_one():
    template = entries(LOCALE / "messages.pot")
    assert len(template) > 100 and all(ctx for ctx, _ in template)
    for code in TRANSLATED:
        catalogue = entries(LOCALE / code / "LC_MESSAGES" / "messages.po")
        missing = sorted(ctx for ctx, msgid in template if not (ctx, msgid) in catalogue
                         or not catalogue[(ctx, msgid)].string)
        stale = sorted(ctx for ctx, msgid in set(catalogue) - set(template))
        fuzzy = sorted(ctx for (ctx, _), m in catalogue.items() if m.fuzzy)
        assert (missing, stale, fuzzy) == ([], [], []), code


def test_i18n004_t_reads_each_language_from_its_catalogue():
    assert t("close", "en") == "Close"
    assert t("close", "ur") == "بند کریں"
    assert t("close", "fa") == "بستن"
    assert t("layer_rail", "fa") == "خطوط راه‌آهن"


def test_i18n005_placeholders_survive_translation():
    for code in TRANSLATED:
        text = t("timeline_capped", code).format(shown="A", total="B", year="C")
        assert all(x in text for x in "ABC"), code


def test_i18n006_a_stale_or_fuzzy_translation_falls_back_to_the_english(tmp_path):
    shutil.copytree(LOCALE, tmp_path / "locale")
    po = tmp_path / "locale" / "fa" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Close"', 'msgid "Shut"')                   # the English moved on
    text = text.replace('msgctxt "present"', '#, fuzzy\nmsgctxt "present"')  # a guess, not checked
    po.write_text(text, encoding="utf-8")
    catalogues = Catalogues.load(tmp_path / "locale")
    assert catalogues.lookup("fa", "messages", "close", "Close") is None
    assert catalogues.lookup("fa", "messages", "present", "Present") is None
    assert catalogues.lookup("fa", "messages", "year", "Year") == "سال"


def test_i18n007_a_broken_catalogue_is_refused_with_its_path(tmp_path):
    shutil.copytree(LOCALE, tmp_path / "locale")
    po = tmp_path / "locale" / "fa" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgctxt "close"\nmsgid "Close"\nmsgtsr "بستن"\n', encoding="utf-8")   # a misspelt keyword
    with pytest.raises(LanguageError, match=r"fa/LC_MESSAGES/messages.po"):
        Catalogues.load(tmp_path / "locale")


# --------------------------------------------------------------------------- numbers and dates

@pytest.mark.parametrize("lang, value, decimals, expected", [
    ("en", 4044, 0, "4,044"),
    ("ur", 4044, 0, "۴٬۰۴۴"),        # no Western comma inside Urdu digits
    ("fa", 4044, 0, "۴٬۰۴۴"),
    ("fa", 1234567.25, 1, "۱٬۲۳۴٬۵۶۷٫۳"),   # Arabic decimal separator ٫ U+066B, rounded half up
    ("en", 200, 0, "200"),
    ("ur", 85, 0, "۸۵"),
])
def test_i18n008_numbers_use_the_languages_digits_and_separators(lang, value, decimals, expected):
    assert number(value, lang, decimals) == expected


def test_i18n009_years_and_block_numbers_are_never_grouped():
    assert (digits(1991, "en"), digits(1991, "ur"), digits(1991, "fa")) == ("1991", "۱۹۹۱", "۱۹۹۱")


@pytest.mark.parametrize("date, lang, expected", [
    ("1996-05-12", "en", "12 May 1996"),
    ("1996-05-12", "ur", "۱۲ مئی ۱۹۹۶ء"),     # the text's own form: day, month, year with ء
    ("1996-05-12", "fa", "۱۲ مه ۱۹۹۶"),       # CLDR's Persian names of the Gregorian months
    ("1991-11", "en", "November 1991"),
    ("1991-11", "ur", "نومبر ۱۹۹۱ء"),
    ("1991-11", "fa", "نوامبر ۱۹۹۱"),
    ("1918", "fa", "۱۹۱۸"),
    ("1918", "ur", "۱۹۱۸ء"),
    ("1921-02-26", "fa", "۲۶ فوریه ۱۹۲۱"),
])
def test_i18n010_dates_to_their_precision_in_each_language(date, lang, expected):
    assert format_date(PartialDate.parse(date), lang) == expected


def test_i18n011_an_open_end_is_said_in_the_language():
    assert format_date(None, "fa") == "ادامه دارد"


# --------------------------------------------------------------------------- a fourth language

PROBE = textwrap.dedent("""
    from dashboard import create_app
    from dashboard.i18n import LANGS, format_date, number, t
    from geodata.dates import PartialDate
    app = create_app()
    client = app.server.test_client()
    page = client.get("/?lang=ps").get_data(as_text=True)
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=ps"})
    print(LANGS)
    print(t("close", "ps"), "|", t("year", "ps"), "|", number(4044, "ps"), "|",
          format_date(PartialDate.parse("1996-05-12"), "ps"))
    print(page[:120].replace("\\n", " "))
    # Decoded JSON, not the raw body: without orjson the layout's JSON escapes non-ASCII as \\uXXXX.
    import json
    print(layout.status_code, "پښتو" in json.dumps(layout.get_json(), ensure_ascii=False))
""")


def test_i18n012_a_fourth_language_is_one_catalogue_and_one_registry_line(tmp_path):
    """Pashto from a fixture catalogue: no code changes, only a copy of locale/ with one more line."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    with (locale / "languages.csv").open("a", encoding="utf-8") as f:
        f.write((FIXTURES / "languages-line.csv").read_text(encoding="utf-8"))
    shutil.copytree(FIXTURES / "ps", locale / "ps")
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "MAP_LOCALE_DIR": str(locale)})
    assert out.returncode == 0, out.stderr[-2000:]
    langs, strings, page, layout = out.stdout.strip().splitlines()[-4:]
    assert langs == "('en', 'ur', 'fa', 'ps')"
    # Its own strings, English where the fixture has none, and CLDR's Pashto month name in its digits.
    assert strings == "بندول | کال | ۴٬۰۴۴ | ۱۲ مۍ ۱۹۹۶"
    assert '<html lang="ps" dir="rtl">' in page
    assert layout == "200 True"   # the language switch offers it by its own name


def test_i18n013_every_domain_is_read_for_every_translated_language():
    assert set(DOMAINS) == {"messages", "data"}
    assert all((code, "messages") in i18n.CATALOGUES.domains for code in TRANSLATED)


# --------------------------------------------------------------------------- lists

@pytest.mark.parametrize("lang, expected", [
    ("en", "Ashgabat, Mary, and Tejen"),
    ("ur", "Ashgabat، Mary، اور Tejen"),   # CLDR's Urdu list: the Arabic comma ، U+060C, and اور "and"
    ("fa", "Ashgabat،\u200f Mary، و Tejen"),   # CLDR's Persian list: ، and و "and"
])
def test_i18n030_lists_are_joined_as_the_language_joins_them(lang, expected):
    assert i18n.listed(["Ashgabat", "Mary", "Tejen"], lang) == expected


def test_i18n031_the_presenters_route_line_groups_kilometres_in_the_languages_signs():
    from dashboard.route_results import _verdict_line
    from geodata.network.routing import RouteResult
    result = RouteResult(found=True, length_km=4044.2, path=("almaty", "bandar-abbas"), countries=(), borders=(),
                         segments=(), year=1997, reason=None, origin="almaty", destination="bandar-abbas",
                         modes=("rail",), include_planned=False, hours=60.0)
    text = str(_verdict_line(None, result, "ur").children)
    assert "۴٬۰۴۴" in text and "۴,۰۴۴" not in text    # 4,044 km: the Arabic thousands sign, no Western comma
    assert "۲٫۵" in str(_verdict_line(None, result, "fa").children)   # 60 h = 2.5 days, Persian ٫


def test_i18n032_the_two_year_sentence_is_in_the_page_language_with_the_first_year_names():
    """Krasnovodsk was renamed Türkmenbaşy in 1993 (issue 13's list): a 1990/1997 comparison names
    it as in 1990, in English and in Persian, and the Persian page gets a Persian sentence."""
    from dashboard.route_results import compare_sentence
    from geodata.load import shared_dataset
    from geodata.network import find_route
    ds = shared_dataset()
    before, after = (find_route(ds, "turkmenbashi", "mashhad", year) for year in (1990, 1997))
    english = compare_sentence(ds, before, after, "en")
    assert english.startswith("From Krasnovodsk to Mashhad") and "Türkmenbaşy" not in english
    persian = compare_sentence(ds, before, after, "fa")
    assert not re.search(r"[A-Za-z]", persian) and "۱۹۹۷" in persian and "۱۹۹۰" in persian
    assert i18n.name_in_year(ds.places["turkmenbashi"], 1990, "fa") in persian


def test_i18n033_a_place_s_coordinates_are_in_the_language_s_digits_and_its_citation_marked_english():
    """Mashhad at 36.298° N, 59.606° E (places.csv): Urdu ۳۶٫۲۹۸ and ۵۹٫۶۰۶, with CLDR's decimal sign ٫."""
    from dashboard.panels import _place_body
    from geodata.load import shared_dataset
    line = _place_body(shared_dataset().places["mashhad"], "ur")[0]
    own = "".join(part for part in line.children if isinstance(part, str))
    assert "۳۶٫۲۹۸" in own and "۵۹٫۶۰۶" in own and not re.search(r"[0-9]", own), own
    cited = [part for part in line.children if getattr(part, "lang", None) == "en"]
    assert cited and "GeoNames" in cited[0].children


def test_i18n034_a_unit_s_and_a_place_s_tooltips_say_since_when_and_that_a_click_opens_the_source():
    """The Uzbek SSR was formed on 27 October 1924 (the national delimitation; units.geojson cites it)."""
    from dashboard.layers import DEFAULT_LAYERS, MapState, _dated
    from dashboard.layers.labels import traces as label_traces
    from dashboard.layers.political import hover_text
    from geodata.load import shared_dataset
    uzbek = next(f for f in _dated.features("units", 1925) if f.props["unit"] == "uzbek-ssr")
    for lang in ("en", "ur", "fa"):
        text = hover_text(uzbek.props, {}, lang)
        assert format_date(PartialDate.parse("1924-10-27"), lang) in text and t("hover_click", lang) in text
    state = MapState(year=1925, layers=frozenset(DEFAULT_LAYERS), lang="ur")
    places = [tr for tr in label_traces(shared_dataset(), state)
              if tr["meta"]["role"] == "place-labels" and "hovertemplate" in tr]
    assert places and all(t("hover_click", "ur") in tr["hovertemplate"] for tr in places)
