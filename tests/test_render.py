"""The one renderer (dashboard/render.py): spans of years, each drawn as the layers draw its years."""
from __future__ import annotations

import dataclasses
import json

import pytest

from dashboard import style
from dashboard.escape import plotly_text
from dashboard.figures import build_map_figure
from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS, REGISTRY, MapState
from dashboard.layers._groups import group_looks
from dashboard.layers._timeline import in_year
from dashboard.render import render_model, span_for_year, traces_for_year
from dashboard.urlstate import FIRST_YEAR, LAST_YEAR
from geodata.load import shared_dataset


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def drawn_directly(ds, state: MapState) -> list[dict]:
    """What the layers draw for ``state.year``, grouped, written out here without the renderer's tables."""
    out = []
    for layer in REGISTRY:
        if layer.id not in state.layers:
            continue
        traces = layer.traces(ds, state)
        for look, members in group_looks([t for t in traces if t["meta"]["role"] == "record"]):
            lon, lat, ids, text = [], [], [], []
            for m in members:
                gap = [None] if lon else []
                lon += gap + list(m["lon"]); lat += gap + list(m["lat"])
                ids += gap + [m["meta"]["rid"]] * len(m["lon"])
                text += gap + [m.get("hover") or plotly_text(m["name"])] * len(m["lon"])
            members_meta = [{k: m["meta"][k] for k in ("rid", "kind", "ctx")} for m in members]
            out.append({**look, "lon": lon, "lat": lat, "customdata": ids, "text": text,
                        "meta": {"role": "records", "slot": layer.id, "members": members_meta}})
        out += [{**t, "meta": {**t["meta"], "slot": layer.id}} for t in traces if t["meta"]["role"] != "record"]
    return out


def canonical(traces) -> str:
    return json.dumps(traces, sort_keys=True, default=str)


@pytest.mark.parametrize("layers, lang", [(DEFAULT_LAYERS, "en"), (LAYER_IDS, "ur")], ids=["default", "all-urdu"])
def test_ren001_every_year_s_span_draws_what_the_layers_draw_for_that_year(ds, layers, lang):
    state = MapState(year=1996, lang=lang, layers=frozenset(layers), show_context="context" in layers)
    model = render_model(ds, state)
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        want = drawn_directly(ds, dataclasses.replace(state, year=year))
        assert canonical(traces_for_year(model, year)) == canonical(want), year
        span = span_for_year(model, year)
        marks = {str(i): [j for j, rid in enumerate(t["customdata"]) if in_year(ds.by_id[rid], year)]
                 for i, t in enumerate(want) if t["meta"]["role"] == "timeline"}
        assert span["marks"] == {i: points for i, points in marks.items() if points}, year
        assert span["current"] == sorted(r.id for r in ds.records if r.kind in ("event", "episode")
                                         and in_year(r, year)), year


def test_ren002_spans_cover_every_year_once_and_neighbours_differ(ds):
    model = render_model(ds, MapState(year=1996, layers=frozenset(DEFAULT_LAYERS)))
    spans = model["spans"]
    assert spans[0]["first"] == FIRST_YEAR and spans[-1]["last"] == LAST_YEAR
    for a, b in zip(spans, spans[1:]):
        assert a["last"] + 1 == b["first"]
        assert (a["traces"], a["marks"], a["current"]) != (b["traces"], b["marks"], b["current"])
    # far fewer spans than years (the dated units, provinces, names and shores of issue 13 change the
    # map in about 40 of the 109 years)
    assert len(spans) < (LAST_YEAR - FIRST_YEAR + 1) / 2


def test_ren003_spans_break_where_the_text_dates_a_change(ds):
    """The Mashhad-Sarakhs line runs from 12 May 1996 (blocks 14-15); Kazakhstan is independent from
    16 December 1991 (the polity record): each year on either side of these falls in another span."""
    model = render_model(ds, MapState(year=1996, layers=frozenset(DEFAULT_LAYERS)))
    assert span_for_year(model, 1995) is not span_for_year(model, 1996)
    assert span_for_year(model, 1990) is not span_for_year(model, 1991)
    # nothing of the text or of the dated geography changes (Alborz province is of 2010)
    assert span_for_year(model, 2013) is span_for_year(model, 2020)


def test_ren004_a_trace_and_a_record_s_geometry_are_stored_once(ds):
    model = render_model(ds, MapState(year=1996, layers=frozenset(LAYER_IDS), show_context=True))
    keys = [json.dumps(e, sort_keys=True) for e in model["traces"]]
    assert len(keys) == len(set(keys))
    parts = [json.dumps(p, sort_keys=True) for p in model["parts"]]
    assert len(parts) == len(set(parts))
    used = {i for s in model["spans"] for i in s["traces"]}
    assert used == set(range(len(model["traces"])))
    # Stored once, the model is smaller than the years' drawings written out one after another.
    per_year = sum(len(canonical(traces_for_year(model, y))) for y in range(FIRST_YEAR, LAST_YEAR + 1))
    assert len(canonical(model)) < per_year / 10


def test_ren005_the_figure_draws_its_year_s_span_and_says_which(ds):
    fig = build_map_figure(ds, MapState(year=1993, layers=frozenset(DEFAULT_LAYERS)))
    model = fig["layout"]["meta"]["render"]
    assert model["spans"][fig["layout"]["meta"]["drawn"]] is span_for_year(model, 1993)
    assert canonical(fig["data"]) == canonical(traces_for_year(model, 1993))


def test_ren006_the_marks_say_how_much_the_year_s_markers_grow():
    model = render_model(shared_dataset(), MapState(year=1996, layers=frozenset(DEFAULT_LAYERS)))
    now, rest = style.TIMELINE_MARKER["now"], style.TIMELINE_MARKER["resting"]
    assert model["mark"]["scale"] == pytest.approx(now["size"] / rest["size"])
    assert model["mark"]["opacity"] == now["opacity"] and model["mark"]["resting_opacity"] == rest["opacity"]


def test_ren007_the_year_s_current_events_are_those_that_overlap_it(ds):
    model = render_model(ds, MapState(year=1996, layers=frozenset(DEFAULT_LAYERS)))
    sarakhs = "event-sarakhs-inauguration-1996"   # 12 May 1996 (blocks 14-15)
    assert sarakhs in span_for_year(model, 1996)["current"]
    assert sarakhs not in span_for_year(model, 1995)["current"] + span_for_year(model, 1997)["current"]
    assert all(in_year(ds.by_id[i], 1991) for i in span_for_year(model, 1991)["current"])


def _border_layer(changes):
    """A layer whose one line moves in 1924 and again in 1936 (as a dated border would), saying
    through ``changes`` in which years it may change."""
    from dashboard.layers import Layer

    def traces(_ds, state):
        lon = 50.0 if state.year < 1924 else 51.0 if state.year < 1936 else 52.0
        return [{"type": "scattergeo", "mode": "lines", "lon": [lon, lon], "lat": [30.0, 40.0], "showlegend": False,
                 "meta": {"role": "test-border"}}]
    return Layer("test-border", "layer_political", True, traces, changes=changes)


@pytest.mark.parametrize("changes", [lambda _ds: {1924, 1936}, None], ids=["says-its-years", "cannot-say"])
def test_ren008_spans_break_in_every_year_a_layer_says_its_drawing_changes(ds, monkeypatch, changes):
    """The renderer asks the registry, not a list of its own: a layer drawing from elsewhere than the
    records (geodata/dated) names its years through Layer.changes, or is asked every year."""
    import dashboard.render as render
    layer = _border_layer(changes)
    monkeypatch.setattr(render, "REGISTRY", render.REGISTRY + (layer,))
    model = render_model(ds, MapState(year=1930, layers=frozenset({"test-border"})))
    def lon(year):
        return [t["lon"][0] for t in traces_for_year(model, year) if t["meta"]["role"] == "test-border"]
    # Expected from the layer's own rule above, year by year.
    assert [lon(y) for y in (1918, 1923, 1924, 1935, 1936, 1991)] == [[50.0], [50.0], [51.0], [51.0], [52.0], [52.0]]
    assert span_for_year(model, 1923) is not span_for_year(model, 1924)
    assert span_for_year(model, 1935) is not span_for_year(model, 1936)


def test_ren009_a_record_s_dated_names_are_among_its_change_years(ds):
    """Türkmenbaşy is Krasnovodsk to 1992 and Türkmenbaşy from 1993 (places.csv's dated names)."""
    from geodata import query
    assert {1993, 1994} <= query.change_years([query.place(ds, "turkmenbashi")])
