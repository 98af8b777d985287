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
from dashboard.i18n import gloss_wanted, name_in, t, text_in
from dashboard.languages import SOURCE_LANGUAGE, Catalogues, read_catalog, read_registry
from dashboard.panels import details_panel
from dashboard.routes import question_options
from dashboard.tour_ui import scene_text
from geodata.load import DATA_DIR, shared_dataset
from geodata.network import route_questions
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


def test_i18nd006_the_persian_details_panel_reads_notes_and_glosses_in_persian():
    text = text_of(details_panel(DATASET, "rail-mashhad-sarakhs", "fa", 1996))
    assert "راه‌آهن مشهد–سرخس" in text
    assert "متن حدود ۲۰۰ کیلومتر می‌گوید؛ خط طرح‌وار کوتاه‌تر است، چون مستقیم کشیده شده است." in text
    assert ("این خط در مرحلهٔ نخست می‌تواند سالانه ۵۰۰ هزار مسافر و ۳ میلیون تن کالا جابه‌جا کند؛ "
            "در مرحلهٔ بعد جابه‌جایی ۱ میلیون مسافر و ۸ میلیون تن کالا پیش‌بینی می‌شود.") in text   # a gloss
    assert "(ترجمهٔ فارسی آن هنوز نوشته نشده است)" not in text
    assert "In its first phase the line can carry" not in text       # the translated gloss is not
    assert "The text gives about 200 km" not in text                 # nor the translated note


def test_i18nd007_the_urdu_panel_reads_its_notes_in_urdu_and_gives_the_quotation_without_a_gloss():
    text = text_of(details_panel(DATASET, "rail-mashhad-sarakhs", "ur", 1996))
    assert "متن تقریباً ۲۰۰ کلو میٹر بتاتا ہے؛ خاکے کی لائن کم ناپتی ہے کیونکہ وہ سیدھی کھینچی گئی ہے۔" in text
    assert "The text gives about 200 km" not in text
    assert "اس کا اردو ترجمہ ابھی نہیں ہوا" not in text             # neither "not translated yet" sentence
    assert "In its first phase the line can carry" not in text       # the quotation is Urdu: no gloss
    assert DATASET.by_id["rail-mashhad-sarakhs"].sources[0].quote in text


def test_i18nd008_tour_scenes_and_route_questions_in_persian():
    scene = next(s for s in SCENES if s.id == "sarakhs-1996")
    assert scene_text(scene, "title", "fa") == "۱۲ مه ۱۹۹۶: گشایش راه‌آهن مشهد–سرخس"
    assert scene_text(scene, "title", "ur") == scene.title["ur"]
    from dashboard.tour_ui import tour_panel
    panel = text_of(tour_panel(scene, len(SCENES), "fa"))
    assert "با هم این خط را در سرخس، بر مرز دو کشور و در ۲۰۰ کیلومتری مشهد، گشودند" in panel   # the gloss (issue 14)
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


def test_i18nd011_a_handout_gloss_is_in_the_handout_s_language_and_none_in_the_quotation_s():
    from dashboard.downloads import handout_html
    first = SCENES[0]
    persian = handout_html(DATASET, SCENES, "fa", base_url="http://seminar.example:8050/")
    assert persian.startswith('<!doctype html>\n<html lang="fa" dir="rtl">')
    assert ('<p class="gloss"><span lang="fa" dir="rtl">در ژوئیهٔ ۱۹۱۸ ملی‌گرایان ترکمن (که منشویک‌ها و '
            'سوسیال‌دموکرات‌های راست‌گرا در میانشان بودند) به حکومت بلشویک‌ها پایان دادند '
            'و استقلال را اعلام کردند.</span></p>') in persian
    # absolute links (issue 16): a printed page has no address to be relative to
    assert 'href="http://seminar.example:8050/?scene=1&amp;lang=fa"' in persian
    urdu = handout_html(DATASET, SCENES, "ur")   # the quotation is in Urdu: its reader needs no gloss
    assert first.passage.quote in urdu
    assert first.passage.gloss not in urdu and 'class="gloss"' not in urdu and "no-translation" not in urdu
    english = handout_html(DATASET, SCENES, "en", base_url="http://seminar.example:8050/")
    assert "no-translation" not in english and 'href="http://seminar.example:8050/?scene=1"' in english


# --------------------------------------------------------------------------- every language, complete

TRANSLATED = [lang.code for lang in read_registry(LOCALE) if lang.code != SOURCE_LANGUAGE]
QUESTIONS = {f"question:{q.id}": q for q in route_questions(DATASET)}
SCENE_BY_CONTEXT = {f"tour:{s.id}": s for s in SCENES}


def data_has_it(lang: str, context: str, english: str) -> bool:
    """True if the data itself says this text in ``lang`` (names, tour titles and captions, route
    questions in Urdu; places' name_fa), so the page shows that and needs no catalogue entry."""
    if own_text(lang, context, english):
        return True
    scene = SCENE_BY_CONTEXT.get(context)
    if scene is not None:
        return any(english == texts["en"] and texts.get(lang) for texts in (scene.title, scene.caption))
    question = QUESTIONS.get(context)
    return question is not None and english == question.question_en and bool(question.question.get(lang))


def shown_in(lang: str, fields: str) -> bool:
    """Whether a page in ``lang`` shows a text of these fields at all (no gloss beside a quotation in its own language)."""
    return required(fields) or ("gloss" in fields.split(", ") and gloss_wanted(lang))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_i18nd012_every_data_text_a_page_shows_is_translated_not_fuzzy_and_none_is_stale(lang):
    pot = {(m.context, m.id): m.auto_comments[0] for m in template(DATASET, SCENES) if m.id}
    po = po_entries(LOCALE / lang / "LC_MESSAGES" / "data.po")
    wanted = [key for key, fields in pot.items() if shown_in(lang, fields) and not data_has_it(lang, *key)]
    untranslated = [key for key in wanted if not (key in po and po[key].string and not po[key].fuzzy)]
    assert untranslated == [], f"{len(untranslated)} of {len(wanted)} untranslated in {lang}, e.g. {untranslated[:3]}"
    assert sorted(set(po) - set(pot)) == []
    assert [key for key, m in po.items() if m.fuzzy] == []
    assert len(wanted) > 350   # notes, stage and location notes, context claims, question notes at least


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sd]")
TO_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def years(text: str) -> set[str]:
    """The years a text names: 1991, 1958–61 (both ends), 1991-09-21; not decades ('the 1990s')."""
    text = text.translate(TO_LATIN_DIGITS)
    found = set(re.findall(r"(?<![\d-])(1[89]\d\d|20\d\d)(?![\d-]|s\b)", text))
    found |= {a[:2] + b for a, b in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)–(\d\d)(?!\d)", text)}
    return found | set(re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)-\d\d-\d\d", text))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_i18nd013_translations_keep_the_placeholders_and_the_years_of_the_english(lang):
    wrong = []
    for (context, english), m in po_entries(LOCALE / lang / "LC_MESSAGES" / "data.po").items():
        if not m.string or m.fuzzy:   # a fuzzy entry is not shown: it waits for its translator
            continue
        decades = set(re.findall(r"(?<!\d)(1[89]\d0|20\d0)s\b", english))   # 'the 1990s' may be written 'دههٔ ۱۹۹۰'
        if (sorted(PLACEHOLDER.findall(m.string)) != sorted(PLACEHOLDER.findall(english))
                or years(m.string) - decades != years(english)):
            wrong.append((context, english, m.string))
    assert wrong == []


def test_i18nd013_the_year_reader_reads_what_the_data_writes():
    assert years("Soviet republic from 1920-11-29; independent from 1991-09-21.") == {"1920", "1991"}
    assert years("founded in 1958–61, the 1990s, 1310 Š.") == {"1958", "1961"}
    assert years("۲۹ نومبر ۱۹۲۰ء سے؛ دههٔ ۱۹۹۰") == {"1920", "1990"}


def texts_in_language(component, lang: str | None = None) -> list[tuple[str | None, str]]:
    """(language, text) of every string in a Dash tree, each with the ``lang`` of its nearest element."""
    if isinstance(component, str):
        return [(lang, component)]
    if isinstance(component, (list, tuple)):
        return [pair for c in component for pair in texts_in_language(c, lang)]
    if component is None or not hasattr(component, "children"):
        return []
    if type(component).__name__ == "Cite":   # the citation of an outside source (a title, a database id)
        return []
    return texts_in_language(component.children, getattr(component, "lang", None) or lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_i18nd014_no_details_panel_in_urdu_or_persian_shows_an_english_note_or_gloss(lang):
    """Each record's and place's panel: the only English left is its English name (given on every page)."""
    for thing in [*DATASET.records, *DATASET.places.values()]:
        panel = details_panel(DATASET, thing.id, lang, 1996)
        english = {text.strip() for text_lang, text in texts_in_language(panel) if text_lang == "en"}
        assert english <= {thing.names.en}, (thing.id, english - {thing.names.en})
        flat = text_of(panel)
        assert t("no_translation", lang) not in flat and t("gloss_missing", lang) not in flat, thing.id


def test_i18nd015_pending_translations_fill_only_empty_or_fuzzy_entries_of_the_same_text(tmp_path):
    import runpy
    apply_pending = runpy.run_path(str(REPO / "scripts" / "apply_pending_translations.py"))["apply_pending"]
    shutil.copytree(LOCALE, tmp_path / "locale", ignore=shutil.ignore_patterns("pending"))
    ur_path = tmp_path / "locale" / "ur" / "LC_MESSAGES" / "data.po"
    note, drawn = ("rail-mashhad-sarakhs", "The text gives about 200 km; the schematic line measures less "
                   "because it is drawn straight."), ("ctx-road-anzali-tehran", "Drawn town to town along the main road.")
    text = ur_path.read_text(encoding="utf-8")
    text = text.replace('msgstr "متن تقریباً ۲۰۰ کلو میٹر بتاتا ہے؛ خاکے کی لائن کم ناپتی ہے کیونکہ وہ سیدھی کھینچی گئی '
                        'ہے۔"', 'msgstr ""')
    ur_path.write_text(text, encoding="utf-8")
    assert po_entries(ur_path)[note].string == ""
    (tmp_path / "locale" / "pending").mkdir()
    (tmp_path / "locale" / "pending" / "next.ur.po").write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'msgctxt "{note[0]}"\nmsgid "{note[1]}"\nmsgstr "نیا ترجمہ"\n\n'
        f'msgctxt "{drawn[0]}"\nmsgid "{drawn[1]}"\nmsgstr "دوسرا ترجمہ"\n\n'
        f'msgctxt "{drawn[0]}"\nmsgid "A text the data does not have."\nmsgstr "کچھ"\n', encoding="utf-8")
    report = apply_pending(tmp_path / "locale")
    assert report[0] == "next.ur.po: 1 of 3 filled into ur/LC_MESSAGES/data.po"
    assert report[1].startswith("  not in the data any more: ctx-road-anzali-tehran: A text the data")
    entries = po_entries(ur_path)
    assert entries[note].string == "نیا ترجمہ"                                        # was empty: filled
    assert entries[drawn].string == "بڑی سڑک کے ساتھ شہر بہ شہر کھینچی گئی ہے۔"       # was translated: kept
