"""Pure figure and panel functions, tested without a browser."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import style
from dashboard.figures import build_map_figure, clockwise_geojson
from dashboard.i18n import STRINGS, digits, format_date
from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS, REGISTRY, MapState
from geodata.dates import PartialDate
from geodata.load import shared_dataset


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def record_traces(fig):
    return {t["meta"]["rid"]: t for t in fig["data"] if t.get("meta", {}).get("role") == "record"}


def state(year, layers=DEFAULT_LAYERS, lang="en", **kw):
    return MapState(year=year, lang=lang, layers=frozenset(layers), show_context="context" in layers, **kw)


def test_fig001_the_sarakhs_line_is_planned_in_1995_and_running_in_1997(ds):
    before = record_traces(build_map_figure(ds, state(1995)))["rail-mashhad-sarakhs"]
    after = record_traces(build_map_figure(ds, state(1997)))["rail-mashhad-sarakhs"]
    assert before["visible"] and after["visible"]
    assert before["line"]["dash"] == style.STATUS_STYLE["agreed"][0]
    assert after["line"]["dash"] == "solid"
    assert after["line"]["width"] > before["line"]["width"]


def test_fig002_a_line_not_yet_agreed_is_hidden(ds):
    traces = record_traces(build_map_figure(ds, state(1990)))
    assert traces["rail-mashhad-sarakhs"]["visible"] is False


def test_fig003_context_records_only_with_the_context_overlay(ds):
    without = record_traces(build_map_figure(ds, state(1997)))
    with_ctx = record_traces(build_map_figure(ds, state(1997, DEFAULT_LAYERS + ("context",))))
    ctx_ids = {r.id for r in ds.records if not r.from_text and r.kind == "rail_line"}
    assert ctx_ids and not ctx_ids & set(without)
    assert ctx_ids <= set(with_ctx)
    assert all(with_ctx[i]["line"]["color"] == style.CONTEXT_COLOUR for i in ctx_ids)
    assert all("context" in with_ctx[i]["name"] for i in ctx_ids)


@pytest.mark.parametrize("layer", [l for l in REGISTRY if l.kinds])
def test_fig004_each_overlay_adds_and_removes_its_own_traces(ds, layer):
    on = build_map_figure(ds, state(1996, LAYER_IDS))
    off = build_map_figure(ds, state(1996, tuple(l for l in LAYER_IDS if l != layer.id)))
    def kinds(fig):
        out = set()
        for t in fig["data"]:
            m = t.get("meta", {})
            out.add(m.get("kind") or ("polity" if m.get("role") == "polity" else None))
        return out
    assert set(layer.kinds) & kinds(on)
    assert not set(layer.kinds) & kinds(off)


def test_fig005_polity_colours_follow_independence(ds):
    def z_of(year, iso):
        fig = build_map_figure(ds, state(year))
        trace = next(t for t in fig["data"] if t.get("meta", {}).get("role") == "polity")
        return trace["z"][trace["locations"].index(iso)]
    assert z_of(1990, "KAZ") == style.POLITY_CODES["soviet_republic"]
    assert z_of(1992, "KAZ") == style.POLITY_CODES["independent"]
    assert z_of(1991, "KAZ") == style.POLITY_CODES["independent"]  # 16 December 1991, the year's end counts
    assert z_of(1991, "IRN") == style.POLITY_CODES["iran"]


def test_fig006_urdu_labels_use_a_nastaliq_face(ds):
    fig = build_map_figure(ds, state(1996, lang="ur"))
    labels = next(t for t in fig["data"] if t.get("meta", {}).get("role") == "place-labels")
    assert "Nastaliq" in labels["textfont"]["family"]
    assert any("مشہد" == x for x in labels["text"])


def test_fig007_a_chosen_feature_is_highlighted_and_centred(ds):
    fig = build_map_figure(ds, state(1996, feature="zone-sarakhs-ftz"))
    roles = [t.get("meta", {}).get("role") for t in fig["data"]]
    assert "highlight" in roles
    centre = fig["layout"]["geo"]["center"]
    assert abs(centre["lon"] - 61.16) < 0.3 and abs(centre["lat"] - 36.54) < 0.3


def test_fig008_geojson_for_plotly_winds_clockwise(ds):
    import json
    from shapely.geometry import shape
    text = ds.base["countries"].geojson_text
    flipped = json.loads(clockwise_geojson(text))
    iran = next(f for f in flipped["features"] if f["properties"]["id"] == "IRN")
    ring = shape(iran["geometry"]).geoms[0].exterior
    assert not ring.is_ccw


def test_fig009_every_interface_string_has_both_languages():
    assert all(en.strip() and ur.strip() for en, ur in STRINGS.values())
    assert all(f"layer_{l.id}" in STRINGS for l in REGISTRY)


def test_fig010_urdu_numerals_and_dates():
    assert digits(1996, "ur") == "۱۹۹۶"
    assert format_date(PartialDate.parse("1996-05-12"), "ur") == "۱۲ مئی ۱۹۹۶ء"
    assert format_date(PartialDate.parse("1991-11"), "en") == "November 1991"
    assert format_date(PartialDate.parse("1991"), "en") == "1991"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1900, max_value=2030), st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_fig011_browser_rule_and_model_agree_on_the_stage_of_a_day(year, month, day):
    """style.status_on (the rule assets/clientside.js mirrors) equals Record.stage_at for every record."""
    ds = shared_dataset()
    when = dt.date(year, month, day)
    for record in ds.records:
        stage = record.stage_at(when)
        assert style.status_on(style.stage_rows(record.stages), when) == (stage.status if stage else None), record.id
