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
