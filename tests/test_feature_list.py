"""The keyboard's list of the map's features and the events window's readout (dashboard/feature_list.py)."""
from __future__ import annotations

from geodata.load import shared_dataset

from dashboard.feature_list import feature_entries, visible_years, window_readout
from dashboard.layers import DEFAULT_LAYERS, MapState


def _trace(customdata, hoverinfo=None):
    return {"trace": {"type": "scattergeo", "customdata": customdata, "hoverinfo": hoverinfo, "meta": {}}}


def test_visible_years_merges_neighbouring_spans_and_skips_what_cannot_be_clicked():
    model = {
        "traces": [_trace(["a", "a", None]), _trace([["b"]]), _trace(["c"], hoverinfo="skip"), _trace(["zz"])],
        "spans": [{"first": 1918, "last": 1930, "traces": [0, 1, 2, 3]},
                  {"first": 1931, "last": 1950, "traces": [0, 2]},
                  {"first": 1951, "last": 2026, "traces": [1]}],
    }
    years = visible_years(model, lambda fid: fid != "zz")
    assert years == {"a": [(1918, 1950)], "b": [(1918, 1930), (1951, 2026)]}


def test_the_border_post_of_1991_is_listed_from_1991():
    # The text (block 31): the border post was opened in 1991, and has no end.
    state = MapState(year=1996, lang="en", layers=frozenset(DEFAULT_LAYERS), window=(1918, 1996), feature=None)
    entries = {fid: runs for fid, _, runs in feature_entries(shared_dataset(), state)}
    assert entries["border-post-1991"][0][0] == 1991


def _text(children) -> str:
    return "".join(c if isinstance(c, str) else c.children for c in children)


def test_window_readout_in_each_language():
    assert _text(window_readout([1991, 1992], "en")).startswith("1991–1992 ")
    assert _text(window_readout([1992, 1991], "ur")).startswith("۱۹۹۱–۱۹۹۲ ")
    assert _text(window_readout([1991, 1991], "fa")).startswith("۱۹۹۱ ")
    assert "overlap" in _text(window_readout([1991, 1992], "en"))
