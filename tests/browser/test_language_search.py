"""Every reader's language, and search, in the browser (issue 17a).

- An Urdu or Persian page shows and announces no Latin-script word outside an explicit, small
  allow-list (file formats, key names, quotes, the language switch's own names, the data's English
  glosses where the page marks them as English).
- Search finds the old and variant spellings (Serakhs, Ashkhabad, Meshed, the text's مشد), keeps
  every key typed right after opening, and says "nothing found" aloud (a status region) and on screen.
- A switch in the page changes <html lang dir>, and the labels only a screen reader hears.

Expected strings come from the catalogues through ``t`` (themselves checked in tests/test_i18n.py);
expected places from geodata/dated/place_names.csv (by their ids).
"""
from __future__ import annotations

import re

import pytest

from dashboard.component_text import input_number
from dashboard.i18n import digits, t
from dashboard.layout import present_help
from geodata.load import shared_dataset
from geodata.network import route_questions

from .driver import WAIT_MS, choose_option, open_app
from .selectors import LANG_RADIO

SEARCH_FIELD = ".dash-dropdown-content input.dash-dropdown-search"
SEARCH_OPTION = '.dash-dropdown-content input[value="{}"]'
STATUS = "#search-status"
RAIL = "rail-mashhad-sarakhs"

# Latin-script words an Urdu or Persian page may show: names of file formats, the keys of a
# keyboard as printed on them (in the Present button's tooltip), and proper names that have no
# Urdu or Persian form (a format's and a gazetteer's own names, in the LPF export's tooltip).
FILE_FORMATS = {"PNG", "SVG", "CSV", "GeoJSON", "LPF", "JSON", "WKT", "WebM"}
PROPER_NAMES = re.compile(r"Linked Places|World Historical Gazetteer")
KEY_NAMES = {"Esc", "Space", "PageUp", "PageDown"}
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]{2,}")
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|‘[^’]*’")

# The page's text as a reader sees it: every visible text node, except those inside elements that
# may be in another script (ALLOWED): the language switch (each language named in itself); the
# data's English glosses and not-yet-translated notes, which the details mark lang="en"; and the
# citations of outside sources (titles of English-language works, their addresses).
ALLOWED = ['#lang', '#details [lang="en"]', "#details cite", "#details .context-list .muted"]
VISIBLE_TEXT_JS = """
(allowed) => {
  const skip = (el) => allowed.some((s) => el.closest(s));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || ['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
    if (skip(el)) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    out.push(n.textContent);
  }
  return out;
}
"""
# What a screen reader says that is not text on screen.
ANNOUNCED_JS = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], .visually-hidden')) {
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push([el.id || el.className || el.tagName, a, v]);
    }
    if (el.classList.contains('visually-hidden')) out.push([el.id, 'text', el.textContent]);
  }
  return out;
}
"""


def latin_words(text: str) -> set[str]:
    return set(LATIN_WORD.findall(PROPER_NAMES.sub(" ", QUOTED.sub(" ", text)))) - FILE_FORMATS - KEY_NAMES


@pytest.mark.parametrize("lang", ["ur", "fa"])
@pytest.mark.parametrize("query", ["", f"&feature={RAIL}"])
def test_l17001_an_urdu_or_persian_page_shows_no_latin_words(page, lang, query):
    open_app(page, f"?lang={lang}{query}", year=1996)
    if query:
        page.wait_for_selector(f'#details [data-feature="{RAIL}"]', timeout=WAIT_MS)
    texts = page.evaluate(VISIBLE_TEXT_JS, ALLOWED)
    found = {w: text for text in texts for w in latin_words(text)}
    assert not found, f"Latin-script words on the {lang} page: {found}"


@pytest.mark.parametrize("lang", ["ur", "fa"])
def test_l17002_what_a_screen_reader_hears_is_in_the_language(page, lang):
    open_app(page, f"?lang={lang}", year=1996)
    # Dash's range-slider handles and number steppers are translated in the browser: wait for them.
    page.wait_for_function("(name) => document.querySelector('#event-window [role=slider]')"
                           ".getAttribute('aria-label') === name", arg=t("wd_minimum", lang), timeout=WAIT_MS)
    found = [(where, attr, value) for where, attr, value in page.evaluate(ANNOUNCED_JS)
             if latin_words(value) and "assume-label" not in where]
    assert not found, found


def open_search_and_type(page, text: str) -> None:
    """Click the search and type at once, as a reader does (no wait between the two).

    Playwright types a letter that is not on its US keyboard as text input without key events (as an
    input method does): such text is typed once the search field has the focus."""
    page.click("#search")
    if not text.isascii():
        page.wait_for_function("(s) => document.activeElement === document.querySelector(s)", arg=SEARCH_FIELD,
                               timeout=WAIT_MS)
    page.keyboard.type(text)


@pytest.mark.parametrize("typed, expected", [
    ("Serakhs", {"sarakhs-ir", "sarakhs-tm"}), ("Ashkhabad", {"ashgabat"}), ("Meshed", {"mashhad"}),
    ("مشد", {"mashhad"}), ("مشهد", {"mashhad"}), ("Türkmenbaşy", {"turkmenbashi"}),
])
def test_l17003_search_finds_old_and_variant_spellings(page, typed, expected):
    open_app(page, "", year=1996)
    open_search_and_type(page, typed)
    for place in expected:
        page.wait_for_selector(SEARCH_OPTION.format(place), state="attached", timeout=WAIT_MS)
    page.wait_for_function("(s) => document.querySelector(s).textContent !== ''", arg=STATUS, timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_l17004_typing_right_after_opening_keeps_every_key(page, lang):
    open_app(page, f"?lang={lang}", year=1996)
    open_search_and_type(page, "Sarakhs")
    page.wait_for_selector(SEARCH_OPTION.format("sarakhs-tm"), state="attached", timeout=WAIT_MS)
    assert page.input_value(SEARCH_FIELD) == "Sarakhs"
    # Readable: the list opens inside the dark top bar, whose white text it must not take.
    colour = page.eval_on_selector(SEARCH_OPTION.format("sarakhs-tm"),
                                   "e => getComputedStyle(e.closest('label')).color")
    assert colour != "rgb(255, 255, 255)"
    page.keyboard.press("Enter")   # the first option: the best match
    page.wait_for_selector('#details [data-feature="sarakhs-tm"]', timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["en", "ur", "fa"])
def test_l17005_a_search_that_finds_nothing_says_so(page, lang):
    open_app(page, f"?lang={lang}", year=1996)
    typed = "Qzxqzx"
    open_search_and_type(page, typed)
    expected = t("search_none", lang).format(text=typed)
    page.wait_for_function("([s, text]) => document.querySelector(s).textContent === text", arg=[STATUS, expected],
                           timeout=WAIT_MS)
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.is_visible()
    assert page.locator(".dash-dropdown-content").inner_text().strip() == t("dd_no_options", lang)


def test_l17006_a_switch_in_the_page_translates_what_is_heard_too(page):
    open_app(page, "", year=1996)
    for lang, direction in (("ur", "rtl"), ("fa", "rtl"), ("en", "ltr")):
        page.click(LANG_RADIO.format(lang))
        page.wait_for_function("([l, d]) => document.documentElement.lang === l && document.documentElement.dir === d",
                               arg=[lang, direction], timeout=WAIT_MS)
        page.wait_for_function("([s, text]) => document.querySelector(s).textContent === text",
                               arg=["#search-label", t("search", lang)], timeout=WAIT_MS)
        expected = {
            "#lang-legend": ("text", t("language", lang)),
            "#layers-legend": ("text", t("overlays", lang)),
            "#downloads": ("aria-label", t("downloads", lang)),
            "#close-details": ("aria-label", t("close", lang)),
            "#event-window [role=slider]": ("aria-label", t("wd_minimum", lang)),
            "#present": ("title", present_help(lang)),
        }
        for selector, (attr, text) in expected.items():
            page.wait_for_function(
                "([s, a, text]) => { const e = document.querySelector(s);"
                " return !!e && (a === 'text' ? e.textContent : e.getAttribute(a)) === text; }",
                arg=[selector, attr, text], timeout=WAIT_MS)
        page.wait_for_function("(names) => JSON.stringify([...document.querySelectorAll('#event-window [role=slider]')]"
                               ".map((e) => e.getAttribute('aria-label'))) === JSON.stringify(names)",
                               arg=[t("wd_minimum", lang), t("wd_maximum", lang)], timeout=WAIT_MS)
        # Plotly's toolbar, from the locale in the graph's config (English is plotly.js's own).
        zoom_in = "Zoom in" if lang == "en" else t("pl_zoom_in", lang)
        page.wait_for_selector(f'#map .modebar-btn[data-title="{zoom_in}"]', state="attached", timeout=WAIT_MS)


@pytest.mark.parametrize("lang, year_text, hours_text", [("ur", "۱۹۹۶", "۱۲"), ("fa", "۱۹۹۶", "۱۲"), ("en", "1996", "12")])
def test_l17007_the_route_boxes_show_the_language_digits(page, lang, year_text, hours_text):
    # Expected by hand: the year 1996, and the border delay of geodata/network's costs (12 hours).
    open_app(page, f"?lang={lang}", year=1996)
    assert page.input_value("#route-year") == year_text
    assert page.input_value("#route-assume-border-h") == hours_text
    # A question sets the years as numbers; the boxes show them in the language's digits.
    question = next(q for q in route_questions(shared_dataset()) if len(q.years) >= 2)
    choose_option(page, "#route-question", question.id)
    shown, compared = question.years[1], question.years[0]
    for box, year in (("#route-year", shown), ("#route-compare-year", compared)):
        page.wait_for_function("([s, v]) => document.querySelector(s).value === v",
                               arg=[box, input_number(year, lang)], timeout=WAIT_MS)
    assert input_number(shown, lang) == (digits(shown, lang))


def test_l17008_a_year_typed_in_urdu_digits_is_read_and_a_switch_rewrites_the_boxes(page):
    open_app(page, "?lang=ur", year=1996)
    page.fill("#route-reach-hours", "۱۲")
    page.fill("#route-year", "۱۹۹۵")
    page.keyboard.press("Enter")
    choose_option(page, "#route-from", "mashhad")
    page.wait_for_function("() => { const s = window.dash_component_api.getLayout('route-store').props.data;"
                           " return s && s.years && s.years[0] === 1995 && s.reach === 12; }", timeout=WAIT_MS)
    page.click(LANG_RADIO.format("en"))
    for box, text in (("#route-year", "1995"), ("#route-reach-hours", "12"), ("#route-assume-border-h", "12")):
        page.wait_for_function("([s, v]) => document.querySelector(s).value === v", arg=[box, text], timeout=WAIT_MS)


MIXED_SIGNS = re.compile(r"[۰-۹][,.][۰-۹]|[0-9][٬٫][0-9]")


# The explorer's answer as read: quotations in another script (marked with their lang) left out.
ROUTE_TEXT_JS = """() => { const box = document.querySelector('#route-result').cloneNode(true);
  box.querySelectorAll('[lang]:not([lang="ur"]):not([lang="fa"])').forEach((e) => e.remove()); return box.innerText; }"""


@pytest.mark.parametrize("lang", ["ur", "fa"])
def test_l17009_route_figures_use_the_language_signs_and_arrows_follow_the_reading(page, lang):
    open_app(page, f"?lang={lang}", year=1996)
    question = next(q for q in route_questions(shared_dataset()) if q.destination)
    choose_option(page, "#route-question", question.id)
    page.wait_for_selector("#route-result .route-km", timeout=WAIT_MS)
    text = page.evaluate(ROUTE_TEXT_JS)
    assert re.search(r"[۰-۹]", text) and not re.search(r"[0-9]", text), text
    assert not MIXED_SIGNS.search(text), MIXED_SIGNS.search(text)
    # Thousands (4,044 km) are grouped with CLDR's Arabic sign ٬ (U+066C), as number() gives.
    kms = [float(k) for k in page.eval_on_selector_all("#route-result .route-km", "els => els.map(e => e.dataset.km)")]
    if any(k >= 1000 for k in kms):
        assert "٬" in text
    assert "→" not in text
    assert not re.search(r"[A-Za-z]{2,}", text), text   # no English left in the answer
