"""Languages in the browser: Persian and Urdu right to left from the first paint, a switch in the
page, each language's digits, and its font from the app's own files.

Expected strings come from the catalogues through ``t`` (themselves tested against hand-written
values in tests/test_i18n.py); the digits are checked by their Unicode range.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.i18n import name_in, t
from geodata.load import shared_dataset

from .conftest import wait_for_map
from .driver import WAIT_MS, details_text, normalise, open_app, wait_url
from .selectors import (DETAILS_FOR, DETAILS_OWN_NAME, DETAILS_UNTRANSLATED, LANG_RADIO, LAYER_INPUTS, ROOT, TITLE,
                        YEAR_MARKS)

RAIL = "rail-mashhad-sarakhs"
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/map-screenshots"))
PERSIAN_DIGITS = re.compile(r"[۰-۹]+")
# Recorded before any script of the page runs: what the server wrote into <html>.
FIRST_PAINT_JS = """
document.addEventListener('DOMContentLoaded', () => {
  const h = document.documentElement;
  window.__firstPaint = {lang: h.getAttribute('lang'), dir: h.getAttribute('dir'), title: document.title,
                         root: !!document.getElementById('app-root')};
});
"""
HTML_IS = "([lang, dir]) => document.documentElement.lang === lang && document.documentElement.dir === dir"


def html_attrs(page) -> tuple[str, str]:
    return tuple(page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]"))


@pytest.mark.parametrize("lang, direction", [("fa", "rtl"), ("ur", "rtl"), ("en", "ltr")])
def test_lng001_the_server_writes_lang_and_dir_into_html_from_the_first_byte(page, lang, direction):
    page.add_init_script(FIRST_PAINT_JS)
    response = page.goto(f"/?lang={lang}&year=1991")
    assert f'<html lang="{lang}" dir="{direction}">' in response.text()
    page.wait_for_function("() => !!window.__firstPaint")
    first = page.evaluate("() => window.__firstPaint")
    assert first == {"lang": lang, "dir": direction, "title": t("title", lang), "root": False}
    wait_for_map(page)
    assert html_attrs(page) == (lang, direction)


def test_lng002_a_persian_page_speaks_persian_in_persian_digits_and_font(page):
    open_app(page, "?lang=fa", year=1996)
    assert page.text_content(TITLE) == t("title", "fa")
    assert page.get_attribute(ROOT, "lang") == "fa" and page.get_attribute(ROOT, "dir") == "rtl"
    assert page.locator(LAYER_INPUTS).count() > 0
    labels = page.locator("#layers label").all_inner_texts()
    assert normalise(labels[0]) == t("layer_political", "fa")
    marks = [normalise(m) for m in page.locator(YEAR_MARKS).all_inner_texts()]
    assert marks and all(PERSIAN_DIGITS.fullmatch(m) for m in marks), marks
    # The title is set in Vazirmatn (Naskh) from the app's own files, not in Urdu's Nastaliq.
    assert page.evaluate("(s) => getComputedStyle(document.querySelector(s)).fontFamily", TITLE).startswith("Vazirmatn")
    page.wait_for_function("() => document.fonts.check('16px Vazirmatn', 'ایران')", timeout=WAIT_MS)
    assert any(urlsplit(u).path == "/assets/fonts/vazirmatn-arabic-400-normal.woff2" for u in page.requests_log)
    # Map labels from places.csv's name_fa.
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot').layout.meta.lang === 'fa'",
                           timeout=WAIT_MS)
    texts = page.eval_on_selector_all("#map .js-plotly-plot .geolayer text", "els => els.map(e => e.textContent)")
    assert "مشهد" in texts and "Mashhad" not in texts


def test_lng003_persian_details_give_the_name_notes_and_glosses_in_persian(page):
    ds = shared_dataset()
    open_app(page, f"?lang=fa&feature={RAIL}", year=1996)
    page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)
    assert normalise(page.text_content(DETAILS_OWN_NAME)) == name_in(ds.by_id[RAIL], "fa")
    text = details_text(page)
    assert t("status_history", "fa") in text
    assert "متن حدود ۲۰۰ کیلومتر می‌گوید" in text            # a note, translated
    assert "۱۲ مه ۱۹۹۶" in text                             # the stage's start, CLDR month, Persian digits
    assert "این خط در مرحلهٔ نخست می‌تواند سالانه ۵۰۰ هزار مسافر" in text   # a gloss, translated
    assert page.locator(DETAILS_UNTRANSLATED).count() == 0


def test_lng004_switching_language_in_the_page_sets_html_lang_and_dir(page):
    open_app(page, "?year=1991", year=1991)
    assert html_attrs(page) == ("en", "ltr")
    for lang, direction in (("fa", "rtl"), ("ur", "rtl"), ("en", "ltr"), ("fa", "rtl")):
        page.click(LANG_RADIO.format(lang))
        page.wait_for_function(HTML_IS, arg=[lang, direction], timeout=WAIT_MS)
        page.wait_for_function("([s, text]) => document.querySelector(s).textContent === text",
                               arg=[TITLE, t("title", lang)], timeout=WAIT_MS)
        assert page.title() == t("title", lang)
        wait_url(page, lang=None if lang == "en" else lang)
    # Play's label comes from the catalogue too (the browser switches it without the server).
    page.click("#play")
    page.wait_for_function("(text) => document.querySelector('#play').textContent === text",
                           arg="⏸ " + t("pause", "fa"), timeout=WAIT_MS)
    page.click("#play")
    page.wait_for_function("(text) => document.querySelector('#play').textContent === text",
                           arg="▶ " + t("play", "fa"), timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["fa", "ur"])
@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_lng005_screenshots_for_looking_at(page, lang, width, height):
    """Not a check of pixels: pictures of the page for a person to look at (SCREENSHOT_DIR)."""
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, f"?lang={lang}&feature={RAIL}", year=1996)
    page.wait_for_selector(DETAILS_FOR.format(RAIL), timeout=WAIT_MS)
    page.evaluate("() => document.fonts.ready")
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The whole page: at 390 px the page still overflows sideways (the phone layout is issue 17's), and
    # Chromium's viewport capture of a right-to-left page that overflows comes out blank.
    page.screenshot(path=str(SHOTS / f"{lang}-{width}x{height}.png"), full_page=width < 800)
    assert html_attrs(page) == (lang, "rtl")
