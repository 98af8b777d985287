"""The keyboard's list of the map's features and the events window's readout (dashboard/feature_list.py)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from geodata.load import shared_dataset

from dashboard import create_app
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


def _list_request(clicks: int, changed: str) -> dict:
    """The list's callback as the browser sends it (benchmarks/payloads/lang_switch.json), its summary
    pressed ``clicks`` times and ``changed`` the input that fired it."""
    doc = json.loads((Path(__file__).resolve().parent.parent / "benchmarks/payloads/lang_switch.json").read_text("utf-8"))
    body = copy.deepcopy(next(r["body"] for r in doc["requests"] if r["output"] == "feature-list.children"))
    next(i for i in body["inputs"] if i["id"] == "feature-list-title")["value"] = clicks
    body["changedPropIds"] = body["parsedChangedPropsIds"] = [changed]
    return body


def test_the_list_is_made_when_first_opened_not_before():
    """Its hundred-odd buttons would cost every update of Dash's store while nobody has opened it."""
    client = create_app().server.test_client()
    page = client.get("/_dash-layout").get_json()
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "feature-list":
                found.append(node["props"].get("children"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(page)
    assert found == [[]], "the page's first layout carries the list"
    assert client.post("/_dash-update-component", json=_list_request(0, "lang.value")).status_code == 204
    opened = client.post("/_dash-update-component", json=_list_request(1, "feature-list-title.n_clicks"))
    listed = json.dumps(opened.get_json())
    assert opened.status_code == 200 and '"data-feature": "border-post-1991"' in listed
    # Closed and opened again: the list made before stays, nothing is sent.
    assert client.post("/_dash-update-component", json=_list_request(2, "feature-list-title.n_clicks")).status_code == 204
    # A change of language while it is open makes it again, in that language.
    assert client.post("/_dash-update-component", json=_list_request(2, "lang.value")).status_code == 200
