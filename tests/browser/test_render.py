"""Issue 12: for every year from the first to the last, the browser draws what Python computed.

The slider is moved one year at a time with the keyboard, as a reader does; after each move the
traces Plotly holds, the markers marked on the drawn map and the current entries of the timeline
list are compared with the server's figure for that year (tests/browser/drawn.py). No move may
ask the server anything.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS
from dashboard.urlstate import FIRST_YEAR, LAST_YEAR

from .drawn import assert_drawn_as_computed
from .driver import open_app, wait_year_drawn
from .selectors import YEAR_THUMB


def _callbacks_sent(page) -> int:
    return sum(1 for u in page.requests_log if urlsplit(u).path == "/_dash-update-component")


@pytest.mark.parametrize("query, layers, lang", [
    ("", DEFAULT_LAYERS, "en"),
    ("&layers=" + ",".join(LAYER_IDS) + "&lang=ur", LAYER_IDS, "ur"),
], ids=["default-overlays", "all-overlays-with-context-urdu"])
def test_brr001_every_year_the_browser_draws_what_python_computed(page, query, layers, lang):
    open_app(page, f"?year={FIRST_YEAR}{query}", FIRST_YEAR)
    page.wait_for_load_state("networkidle")
    sent = _callbacks_sent(page)
    assert_drawn_as_computed(page, FIRST_YEAR, layers, lang)
    page.locator(YEAR_THUMB).focus()
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        page.keyboard.press("ArrowRight")
        wait_year_drawn(page, year)
        assert_drawn_as_computed(page, year, layers, lang)
    page.wait_for_timeout(300)
    assert _callbacks_sent(page) == sent, "a year move asked the server"
