"""The route explorer's labels follow a language switch in the page (issue 12: its strings are in the
catalogues, and callbacks_language sends them with every other translated property)."""
from __future__ import annotations

from .driver import WAIT_MS, open_app
from .selectors import LANG_RADIO

TEXT_IS = "([s, text]) => { const e = document.querySelector(s); return !!e && e.textContent.trim() === text; }"


def test_rtb001_switching_to_persian_and_urdu_translates_the_explorer_s_labels(page):
    open_app(page, "?year=1991", year=1991)
    # Written by hand from the catalogues' entries rt_by and rt_assumptions (locale/*/messages.po).
    wanted = {"fa": ("اولویت", "سرعت‌ها و تأخیرها (تغییرشان دهید تا تغییر پاسخ را ببینید)"),
              "ur": ("ترجیح", "رفتار اور تاخیر (بدل کر دیکھیں کہ جواب کیسے بدلتا ہے)"),
              "en": ("Priority", "Speeds and delays (change to see the answer change)")}
    for lang in ("fa", "ur", "en"):
        page.click(LANG_RADIO.format(lang))
        by, assumptions = wanted[lang]
        page.wait_for_function(TEXT_IS, arg=["#route-by-label", by], timeout=WAIT_MS)
        page.wait_for_function(TEXT_IS, arg=["#route-assume-summary", assumptions], timeout=WAIT_MS)
