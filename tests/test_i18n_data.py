"""Text from the data in every language: the ``data`` catalogues, and what the page makes of them.

Persian expectations are written by hand (the translations are this project's own, in
locale/fa/LC_MESSAGES/data.po); the English comes from the data files.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dashboard.data_catalogue import data_entries, required, template
from dashboard.i18n import name_in, text_in
from dashboard.languages import SOURCE_LANGUAGE, Catalogues, read_catalog, read_registry
from dashboard.panels import details_panel
from dashboard.routes import question_options
from dashboard.tour_ui import scene_text
from geodata.load import DATA_DIR, shared_dataset
from geodata.tour import read_tour

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "locale"
DATASET = shared_dataset(DATA_DIR)
SCENES = read_tour(DATASET)[0]


def po_entries(path: Path) -> dict:
    return {(m.context, m.id): m for m in read_catalog(path) if m.id}


def own_text(lang: str, context: str, english: str) -> bool:
    """True if the data itself carries this text in ``lang`` (places' name_fa), so none is needed."""
    thing = DATASET.by_id.get(context) or DATASET.places.get(context)
    return thing is not None and english == thing.names.en and bool(thing.names.as_dict().get(lang))


def text_of(component) -> str:
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    children = getattr(component, "children", None)
    return text_of(children) if children is not None else ""


def test_i18nd001_the_data_template_is_up_to_date_with_the_data():
    expected = {key for key in data_entries(DATASET, SCENES)}
    committed = set(po_entries(LOCALE / "data.pot"))
    assert committed == expected, (
        "locale/data.pot is out of date: run `python -m dashboard.data_catalogue` and "
        f"`pybabel update -i locale/data.pot -d locale -D data` (missing {len(expected - committed)}, "
        f"stale {len(committed - expected)}, e.g. {sorted(expected ^ committed)[:3]})")


def test_i18nd002_persian_translates_every_name_and_note_and_keeps_no_stale_entry():
    pot = {(m.context, m.id): m for m in template(DATASET, SCENES) if m.id}
    fa = po_entries(LOCALE / "fa" / "LC_MESSAGES" / "data.po")
    untranslated = [key for key, m in pot.items() if required(m.auto_comments[0]) and not own_text("fa", *key)
                    and not (key in fa and fa[key].string and not fa[key].fuzzy)]
    assert untranslated == []
    assert sorted(set(fa) - set(pot)) == []
    assert sum(1 for m in fa.values() if m.string) > 400   # names, notes, claims, tour, questions


@pytest.mark.parametrize("domain", ["messages", "data"])
def test_i18nd003_persian_and_urdu_text_is_in_their_own_digits_and_letters(domain):
    for lang in ("fa", "ur"):
        path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for m in po_entries(path).values():
            prose = re.sub(r"CC-BY 4\.0|[A-Za-z][\w.-]*", "", m.string or "")   # licence names, ids, file formats
            assert not re.search(r"[0-9]", prose), (lang, m.context, m.string)
            if lang == "fa":   # Persian ی and ک, not the Arabic ي and ك
                assert not re.search("[يك]", m.string), (m.context, m.string)


def test_i18nd004_a_record_is_named_from_the_catalogue_and_a_place_from_its_own_data():
    assert name_in(DATASET.by_id["rail-mashhad-sarakhs"], "fa") == "راه‌آهن مشهد–سرخس"
    assert name_in(DATASET.places["mashhad"], "fa") == "مشهد"            # name_fa in places.csv
    assert name_in(DATASET.by_id["rail-mashhad-sarakhs"], "ur") == "مشہد - سرخس ریلوے لائن"   # the data's Urdu
    assert name_in(DATASET.by_id["rail-mashhad-sarakhs"], "en") == "Mashhad–Sarakhs railway"


def test_i18nd005_a_changed_english_text_is_not_given_its_old_translation(tmp_path):
    shutil.copytree(LOCALE, tmp_path / "locale")
    catalogues = Catalogues.load(tmp_path / "locale")
    old = "Mashhad–Sarakhs railway"
    assert catalogues.lookup("fa", "data", "rail-mashhad-sarakhs", old) == "راه‌آهن مشهد–سرخس"
    assert catalogues.lookup("fa", "data", "rail-mashhad-sarakhs", "Mashhad–Sarakhs line") is None
    assert text_in("rail-mashhad-sarakhs", "Mashhad–Sarakhs line", "fa") == ("Mashhad–Sarakhs line", "en")


def test_i18nd006_the_persian_details_panel_reads_notes_in_persian_and_says_the_gloss_is_untranslated():
    text = text_of(details_panel(DATASET, "rail-mashhad-sarakhs", "fa", 1996))
    assert "راه‌آهن مشهد–سرخس" in text
    assert "متن حدود ۲۰۰ کیلومتر می‌گوید؛ خط طرح‌وار کوتاه‌تر است، چون مستقیم کشیده شده است." in text
    assert "(ترجمهٔ فارسی آن هنوز نوشته نشده است)" in text          # the glosses have no Persian yet
    assert "In its first phase the line can carry" in text           # ... so their English is shown
    assert "The text gives about 200 km" not in text                 # the translated note is not


def test_i18nd007_the_urdu_panel_says_its_notes_have_no_urdu_version_yet():
    text = text_of(details_panel(DATASET, "rail-mashhad-sarakhs", "ur", 1996))
    assert "اس کا اردو ترجمہ ابھی نہیں ہوا؛ انگریزی میں:" in text
    assert "The text gives about 200 km" in text


def test_i18nd008_tour_scenes_and_route_questions_in_persian():
    scene = next(s for s in SCENES if s.id == "sarakhs-1996")
    assert scene_text(scene, "title", "fa") == "۱۲ مه ۱۹۹۶: گشایش راه‌آهن مشهد–سرخس"
    assert scene_text(scene, "title", "ur") == scene.title["ur"]
    from dashboard.tour_ui import tour_panel
    panel = text_of(tour_panel(scene, len(SCENES), "fa"))
    assert "رفسنجانی و نیازاف با هم این خط را در سرخس، بر مرز و در ۲۰۰ کیلومتری مشهد، گشودند." in panel
    labels = {o["value"]: o["label"] for o in question_options(DATASET, "fa")}
    assert labels["kazakhstan-by-sea"] == "قزاقستان مرز زمینی با ایران ندارد: آیا می‌تواند از راه دریای خزر به ایران برسد؟"


def test_i18nd009_only_the_source_language_needs_no_catalogue():
    codes = [lang.code for lang in read_registry(LOCALE)]
    assert all((LOCALE / c / "LC_MESSAGES" / "messages.po").exists() for c in codes if c != SOURCE_LANGUAGE)


def test_i18nd010_the_geojson_export_names_each_feature_in_every_language_that_has_a_name():
    from dashboard import create_app
    client = create_app().server.test_client()
    collection = client.get("/export/view.geojson?year=1996&lang=fa").get_json()
    names = {f["properties"]["id"]: f["properties"]["name"] for f in collection["features"]}
    assert names["rail-mashhad-sarakhs"] == {"en": "Mashhad–Sarakhs railway", "ur": "مشہد - سرخس ریلوے لائن",
                                             "fa": "راه‌آهن مشهد–سرخس"}


def test_i18nd011_a_handout_gloss_is_in_the_handout_s_language_or_says_it_is_not_yet():
    from dashboard.downloads import handout_html
    first = SCENES[0]
    persian = handout_html(DATASET, SCENES, "fa", base_url="http://seminar.example:8050/")
    assert persian.startswith('<!doctype html>\n<html lang="fa" dir="rtl">')
    assert ('<p class="gloss"><span lang="fa" dir="rtl">در ژوئیهٔ ۱۹۱۸ ملی‌گرایان ترکمن به حکومت بلشویک‌ها پایان دادند '
            'و استقلال را اعلام کردند.</span></p>') in persian
    # absolute links (issue 16): a printed page has no address to be relative to
    assert 'href="http://seminar.example:8050/?scene=1&amp;lang=fa"' in persian
    urdu = handout_html(DATASET, SCENES, "ur")   # no Urdu data catalogue yet
    assert (f'<span lang="en" dir="ltr">{first.passage.gloss}</span> <span class="no-translation">'
            "(اس کا اردو ترجمہ ابھی نہیں ہوا)</span>") in urdu
    english = handout_html(DATASET, SCENES, "en", base_url="http://seminar.example:8050/")
    assert "no-translation" not in english and 'href="http://seminar.example:8050/?scene=1"' in english
