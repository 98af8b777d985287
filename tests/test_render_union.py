"""The union of every span's drawing (dashboard/render_union.py): in each span, the points it shows
are exactly the span's own traces, point for point and look for look, areas in the span's order.

The expectation is the span's traces as dashboard/render.py computes them (the figure of one year
the app drew before the union); the points are read here with no help from the module under test.
"""
from __future__ import annotations

from collections import Counter

import pytest

from dashboard.figures import build_map_figure
from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS, MapState
from dashboard.render import materialise
from dashboard.render_union import browser_union, union_of, union_trace
from geodata.load import shared_dataset
from tests.drawing import elements, mask, point_count


@pytest.fixture(scope="module", params=[DEFAULT_LAYERS, LAYER_IDS], ids=["default-overlays", "all-overlays"])
def model_and_union(request):
    layers = frozenset(request.param)
    figure = build_map_figure(shared_dataset(), MapState(year=1918, layers=layers, show_context="context" in layers))
    model = figure["layout"]["meta"]["render"]
    union = union_of(model)
    assert union is not None, "the spans' drawing orders could not be kept"
    return model, union, [union_trace(model, union, k) for k in range(len(union["families"]))]


def test_uni001_each_span_shows_exactly_its_own_drawing(model_and_union):
    model, union, traces = model_and_union
    for span, part in zip(model["spans"], union["spans"]):
        want = Counter(e for i in span["traces"] for e in elements(materialise(model, i)))
        got = Counter(e for trace, show in zip(traces, part["show"]) for e in elements(trace, mask(show, point_count(trace))))
        assert got == want, f"{span['first']}-{span['last']}: {len(got - want)} extra, {len(want - got)} missing"


def test_uni002_areas_keep_the_spans_drawing_order(model_and_union):
    """Areas overlap (an autonomous republic over its republic): their order is the span's."""
    model, union, traces = model_and_union
    for span, part in zip(model["spans"], union["spans"]):
        for role in ("units", "provinces"):
            want = [loc for i in span["traces"] for tr in [materialise(model, i)] if tr["meta"]["role"] == role
                    for loc in tr["locations"]]
            got = [loc for tr, show in zip(traces, part["show"]) if tr["meta"]["role"] == role
                   for loc, keep in zip(tr["locations"], mask(show, point_count(tr))) if keep]
            assert got == want, (span["first"], role)


def test_uni003_marked_markers_are_the_spans(model_and_union):
    """The year's events, marked on the map, are the same points as the span marks on its own traces."""
    model, union, traces = model_and_union
    for span, part in zip(model["spans"], union["spans"]):
        want = sorted((materialise(model, span["traces"][int(at)])["customdata"][p], materialise(model, span["traces"][int(at)])["lon"][p])
                      for at, points in span["marks"].items() for p in points)
        got = sorted((traces[int(k)]["customdata"][p], traces[int(k)]["lon"][p]) for k, points in part["marks"].items() for p in points)
        assert got == want, span["first"]


def test_uni004_the_union_is_smaller_than_every_span_drawn_apart(model_and_union):
    """The reason for it: each distinct unit once (areas: 77 against 43 spans of 10-18)."""
    model, union, traces = model_and_union
    units = next(tr for tr in traces if tr["meta"]["role"] == "units")
    distinct = {loc for span in model["spans"] for i in span["traces"] for tr in [materialise(model, i)]
                if tr["meta"]["role"] == "units" for loc in tr["locations"]}
    assert sorted(units["locations"]) == sorted(distinct)
    assert browser_union(union)["count"] == len(traces)


def _areas(locations: list[str]) -> dict:
    return {"trace": {"type": "choropleth", "geojson": "/g.geojson", "locations": locations, "z": [0] * len(locations),
                      "colorscale": [[0, "#fff"], [1, "#fff"]], "meta": {"role": "units"}}}


def _labels(texts: list[str]) -> dict:
    return {"trace": {"type": "scattergeo", "mode": "text", "lon": [float(len(t)) for t in texts], "lat": [0.0] * len(texts),
                      "text": texts, "hoverinfo": "skip", "meta": {"role": "labels"}}}


def test_uni005_no_union_when_two_spans_overlap_the_same_areas_in_opposite_orders():
    """Which of two overlapping areas is on top is the span's to say: if spans disagree, the figure
    holds the year's own traces instead (dashboard/figures.py), drawn by Plotly as before."""
    model = {"traces": [_areas(["a", "b"]), _areas(["b", "a"])], "parts": [],
             "spans": [{"first": 1, "last": 1, "traces": [0], "marks": {}}, {"first": 2, "last": 2, "traces": [1], "marks": {}}]}
    assert union_of(model) is None
    model["traces"][1] = _areas(["a", "c"])
    assert union_of(model) is not None


def test_uni006_labels_merge_whatever_their_order():
    """Labels are placed apart, so spans that sort them differently (by the year's names) share them."""
    model = {"traces": [_labels(["Verny", "Pishpek"]), _labels(["Pishpek", "Verny", "Frunze"])], "parts": [],
             "spans": [{"first": 1, "last": 1, "traces": [0], "marks": {}}, {"first": 2, "last": 2, "traces": [1], "marks": {}}]}
    union = union_of(model)
    assert union_trace(model, union, 0)["text"] == ["Verny", "Pishpek", "Frunze"]   # in the order first seen
    assert [part["show"] for part in union["spans"]] == [[[0, 2]], [1]]


def test_uni007_no_union_when_one_area_would_be_two_points_of_a_trace():
    """An area whose hover text changes between spans is two units at one location: Plotly would
    draw only the last, so the figure holds the year's own traces instead."""
    first, then = _areas(["a", "b"]), _areas(["a", "b"])
    then["trace"]["text"], first["trace"]["text"] = ["a, of X", "b"], ["a, of Y", "b"]
    model = {"traces": [first, then], "parts": [],
             "spans": [{"first": 1, "last": 1, "traces": [0], "marks": {}}, {"first": 2, "last": 2, "traces": [1], "marks": {}}]}
    assert union_of(model) is None


def test_uni008_no_union_when_a_span_draws_one_look_twice_with_another_between():
    model = {"traces": [_areas(["a"]), _labels(["X"]), _areas(["b"])], "parts": [],
             "spans": [{"first": 1, "last": 1, "traces": [0, 1, 2], "marks": {}}]}
    assert union_of(model) is None
    model["spans"][0]["traces"] = [0, 2, 1]
    assert union_of(model) is not None
