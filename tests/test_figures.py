"""Pure figure and panel functions, tested without a browser."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import style
from dashboard.escape import plotly_text
from dashboard.figures import build_map_figure, clockwise_geojson
from dashboard.i18n import digits, format_date
from dashboard.layers import DEFAULT_LAYERS, LAYER_IDS, REGISTRY, MapState
from geodata.dates import PartialDate
from geodata.load import shared_dataset


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def record_traces(fig):
    """Each record as the figure draws it: ``{rid: trace-like dict}`` read off the record groups.

    A record drawn in a group takes the group's look, its own points and hover text; a record its
    layer selects (:func:`layer_templates`) but the figure draws in no group is ``visible: False``.
    A record drawn twice (a crossing's road and its marker) is read from its first group.
    """
    out, seen = {}, set()
    for t in fig["data"]:
        meta = t.get("meta", {})
        if meta.get("role") != "records":
            continue
        for member in meta["members"]:
            rid = member["rid"]
            own = [j for j, cid in enumerate(t["customdata"]) if cid == rid]
            assert own and (rid, t["mode"]) not in seen, f"{rid} drawn twice in one mode or with no point"
            seen.add((rid, t["mode"]))
            out.setdefault(rid, {**{k: v for k, v in t.items() if k not in ("lon", "lat", "customdata", "text", "meta")},
                        "lon": [t["lon"][j] for j in own], "lat": [t["lat"][j] for j in own],
                        "name": t["text"][own[0]], "visible": t.get("visible", True), "meta": member})
    for template in layer_templates(shared_dataset(), fig["__state"]):
        out.setdefault(template["meta"]["rid"], {**template, "visible": False})
    return out


def layer_templates(ds, map_state):
    """Each record trace the overlays of ``map_state`` draw for its year, before grouping."""
    return [{**t, "meta": {**t["meta"], "slot": layer.id}} for layer in REGISTRY if layer.id in map_state.layers
            for t in layer.traces(ds, map_state) if t["meta"]["role"] == "record"]


def figure(ds, map_state):
    """The figure for ``map_state``, remembering the state (for :func:`record_traces`)."""
    return {**build_map_figure(ds, map_state), "__state": map_state}


def state(year, layers=DEFAULT_LAYERS, lang="en", **kw):
    return MapState(year=year, lang=lang, layers=frozenset(layers), show_context="context" in layers, **kw)


def test_fig001_the_sarakhs_line_is_being_built_in_1995_and_running_in_1997(ds):
    # construction from 1992 (UPI, 13 May 1996; docs/fact-check.md), inaugurated May 1996 (block 14)
    before = record_traces(figure(ds, state(1995)))["rail-mashhad-sarakhs"]
    after = record_traces(figure(ds, state(1997)))["rail-mashhad-sarakhs"]
    assert before["visible"] and after["visible"]
    assert before["line"]["dash"] == style.STATUS_STYLE["under_construction"][0]
    assert after["line"]["dash"] == "solid"
    assert after["line"]["width"] == before["line"]["width"]   # both stages have width factor 1.0


def test_fig002_a_line_not_yet_agreed_is_hidden(ds):
    traces = record_traces(figure(ds, state(1990)))
    assert traces["rail-mashhad-sarakhs"]["visible"] is False


def test_fig003_context_records_only_with_the_context_overlay(ds):
    without = record_traces(figure(ds, state(1997)))
    with_ctx = record_traces(figure(ds, state(1997, DEFAULT_LAYERS + ("context",))))
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
            # The political units of the year stand for the text's polity records, the provinces of
            # the year for its province records (layers/political.py, provinces.py: issue 13).
            out.add(m.get("kind") or {"units": "polity", "provinces": "province"}.get(m.get("role")))
            out |= {member["kind"] for member in m.get("members", ())}
        return out
    assert set(layer.kinds) & kinds(on)
    assert not set(layer.kinds) & kinds(off)


def test_fig005_unit_colours_follow_independence(ds):
    """Kazakhstan: a union republic (the Kazakh SSR) to 16 December 1991, then independent."""
    from dashboard.layers.political import FILL, ORDER
    def fill_of(year, unit):
        fig = build_map_figure(ds, state(year))
        trace = next(t for t in fig["data"] if t.get("meta", {}).get("role") == "units")
        return FILL[ORDER[trace["z"][trace["meta"]["units"].index(unit)]]]
    assert fill_of(1990, "kazakh-ssr") == FILL["union_republic"]
    assert fill_of(1992, "kazakhstan") == FILL["independent_state"]
    assert fill_of(1991, "kazakhstan") == FILL["independent_state"]  # 16 December 1991, the year's end counts
    assert fill_of(1991, "iran") == FILL["iran"]


def test_fig006_urdu_labels_use_a_nastaliq_face(ds):
    fig = build_map_figure(ds, state(1996, lang="ur"))
    labels = [t for t in fig["data"] if t.get("meta", {}).get("role") == "place-labels"]
    assert labels and all("Nastaliq" in t["textfont"]["family"] for t in labels)
    assert any("مشہد" == x for t in labels for x in t["text"])


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
    # (that every language's catalogue has every key is tests/test_i18n.py's; a layer may own its strings)
    from dashboard.i18n import LANGS
    assert all(l.label(lang).strip() for l in REGISTRY for lang in LANGS)


def test_fig010_urdu_numerals_and_dates():
    assert digits(1996, "ur") == "۱۹۹۶"
    assert format_date(PartialDate.parse("1996-05-12"), "ur") == "۱۲ مئی ۱۹۹۶ء"
    assert format_date(PartialDate.parse("1991-11"), "en") == "November 1991"
    assert format_date(PartialDate.parse("1991"), "en") == "1991"


# --- the timeline list and the skeleton layout (issue 6) -------------------------------------------

def _timeline_buttons(tree):
    """The entry buttons of a timeline (a component or a list of them), in order."""
    from dash import html
    parts = tree if isinstance(tree, list) else [tree]
    return [c for part in parts for c in [part, *part._traverse()] if isinstance(c, html.Button)]


def test_fig012_timeline_entries_carry_their_record_and_the_year_s_are_current(ds):
    from dashboard.layers._timeline import in_year
    from dashboard.panels import timeline_items
    from geodata.query import events_between
    buttons = _timeline_buttons(timeline_items(ds, (1918, 1996), 1991, "en", None))
    records = events_between(ds, 1918, 1996)
    assert [getattr(b, "data-record") for b in buttons] == [r.id for r in records]
    for button, record in zip(buttons, records):
        assert ("current" in button.className.split()) == in_year(record, 1991)
    assert any("current" in b.className.split() for b in buttons)


@pytest.mark.parametrize("year, limit", [(1918, 5), (1991, 7), (1996, 3), (2026, 4)])
def test_fig013_a_long_timeline_lists_the_entries_nearest_the_year_in_order(ds, year, limit):
    from dashboard.panels import _distance_in_years, timeline_items
    from geodata.query import events_between
    records = events_between(ds, 1918, 1996)
    assert len(records) > limit
    out = timeline_items(ds, (1918, 1996), year, "en", None, limit=limit)
    hint, listed = out[0], [getattr(b, "data-record") for b in _timeline_buttons(out)]
    assert len(listed) == limit
    order = [r.id for r in records]
    assert listed == sorted(listed, key=order.index)          # still oldest first
    by_id = {r.id: r for r in records}
    worst_listed = max(_distance_in_years(by_id[i], year) for i in listed)
    assert all(_distance_in_years(r, year) >= worst_listed for r in records if r.id not in listed)
    assert f"{limit} of {len(records)} events" in hint.children and str(year) in hint.children
    uncapped = timeline_items(ds, (1918, 1996), year, "en", None)
    assert len(_timeline_buttons(uncapped)) == len(records) and "timeline-capped" not in str(uncapped)


def test_fig014_the_skeleton_validation_layout_keeps_every_id_and_drops_the_content(ds):
    import json
    import plotly.io as pio
    from dashboard.layout import build_layout, skeleton_layout
    from dashboard.urlstate import ViewState
    from geodata.tour import read_tour
    scenes, _ = read_tour(ds)

    def ids_of(layout):
        return sorted(json.dumps(c.id, sort_keys=True) for c in layout._traverse() if getattr(c, "id", None))

    full = build_layout(ds, ViewState(feature="rail-mashhad-sarakhs"), scenes)
    full_ids, full_size = ids_of(full), len(pio.to_json(full))
    skeleton = skeleton_layout(build_layout(ds, ViewState(feature="rail-mashhad-sarakhs"), scenes))
    kept = set(ids_of(skeleton))
    # Pattern-matching entries (timeline buttons) live inside the emptied panels; every plain id stays.
    assert {i for i in full_ids if not i.startswith("{")} <= kept
    graph = next(c for c in skeleton._traverse() if getattr(c, "id", None) == "map")
    assert graph.figure == {}
    assert len(pio.to_json(skeleton)) < full_size / 3


# --- records drawn in groups (issue 6) ------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1918, max_value=2026), st.sampled_from(["en", "ur"]), st.booleans())
def test_fig015_each_visible_record_is_drawn_once_in_the_group_of_its_own_look(year, lang, context):
    from dashboard.layers._groups import look_key
    ds = shared_dataset()
    layers = DEFAULT_LAYERS + (("context",) if context else ())
    fig = build_map_figure(ds, state(year, layers, lang))
    templates = {(t["meta"]["rid"], t["mode"]): t for t in layer_templates(ds, state(year, layers, lang))}
    drawn = {}
    for t in fig["data"]:
        if t["meta"]["role"] != "records":
            continue
        # A group is the records' points one after another, a gap (None everywhere) between two
        # records; a record's own gaps (between the parts of a multipolygon) keep its id.
        runs, current = [], []
        for lon, lat, cid, text in zip(t["lon"], t["lat"], t["customdata"], t["text"]):
            if cid is None:
                assert lon is None and lat is None and text is None
                runs.append(current); current = []
            else:
                current.append((lon, lat, cid, text))
        runs.append(current)
        assert [m["rid"] for m in t["meta"]["members"]] == [run[0][2] for run in runs]
        keys = set()
        for run, member in zip(runs, t["meta"]["members"]):
            template = templates[(member["rid"], t["mode"])]
            assert {cid for _, _, cid, _ in run} == {member["rid"]}
            assert [(lon, lat) for lon, lat, _, _ in run] == list(zip(template["lon"], template["lat"]))
            assert {text for *_, text in run} == {template.get("hover") or plotly_text(template["name"])}
            assert member["kind"] == template["meta"]["kind"] and member["ctx"] == template["meta"]["ctx"]
            keys.add(look_key(template))
            drawn[(member["rid"], t["mode"])] = t
        assert len(keys) == 1, "a group holds records that look different"
        assert all(t[k] == v for k, v in templates[(runs[0][0][2], t["mode"])].items()
                   if k not in ("lon", "lat", "name", "hover", "meta"))
    # Exactly the records visible in the year are drawn, and no two groups of a layer look alike.
    assert set(drawn) == {key for key, t in templates.items() if t["visible"] is not False}
    by_slot = {}
    for t in fig["data"]:
        if t["meta"]["role"] == "records":
            key = look_key(templates[(t["meta"]["members"][0]["rid"], t["mode"])])
            assert key not in by_slot.setdefault(t["meta"]["slot"], set())
            by_slot[t["meta"]["slot"]].add(key)


def test_fig016_the_figure_draws_in_registry_order_and_names_each_trace_s_layer(ds):
    fig = build_map_figure(ds, state(1996, LAYER_IDS, feature="rail-mashhad-sarakhs"))
    slots = ["base"] + [l.id for l in REGISTRY] + ["routes"]
    order = [slots.index(t["meta"]["slot"]) for t in fig["data"]]
    assert order == sorted(order)
    assert [t["meta"]["role"] for t in fig["data"][:3]] == ["countries", "seas", "highlight"]
    # Within a layer, its record groups come before its other traces.
    for slot in slots:
        roles = [t["meta"]["role"] for t in fig["data"] if t["meta"]["slot"] == slot]
        assert roles == sorted(roles, key=lambda r: r != "records")


def test_fig017_many_records_make_few_traces(ds):
    """The point of grouping: traces grow with the looks of a year, not with the records."""
    fig = build_map_figure(ds, state(1996, LAYER_IDS))
    groups = [t for t in fig["data"] if t["meta"]["role"] == "records"]
    records = len(layer_templates(ds, state(1996, LAYER_IDS)))
    looks = {(t["meta"]["slot"], t["mode"], json.dumps({k: v for k, v in t.items()
             if k not in ("lon", "lat", "customdata", "text", "meta")}, sort_keys=True)) for t in groups}
    assert len(groups) == len(looks) < records / 2


def test_fig018_the_timeline_trace_is_the_same_in_every_year(ds):
    """The year's events are marked in the browser (clientside.js); the trace itself never changes,
    so a year step that only changes the current events asks nothing of Plotly."""
    def timeline(year):
        return [t for t in build_map_figure(ds, state(year))["data"] if t["meta"]["role"] == "timeline"]
    first = timeline(1918)
    assert first and all(timeline(y) == first for y in (1991, 1996, 2026))
    resting = style.TIMELINE_MARKER["resting"]
    assert all(t["marker"]["size"] == resting["size"] and t["marker"]["opacity"] == resting["opacity"] for t in first)


@pytest.mark.parametrize("year", [1918, 1920, 1991, 1996, 2026])
def test_fig019_the_year_s_span_marks_exactly_the_year_s_events(ds, year):
    from dashboard.layers._timeline import in_year, marked
    from dashboard.render import span_for_year
    fig = build_map_figure(ds, state(year))
    span = span_for_year(fig["layout"]["meta"]["render"], year)
    now, rest = style.TIMELINE_MARKER["now"], style.TIMELINE_MARKER["resting"]
    timeline = [(i, t) for i, t in enumerate(fig["data"]) if t["meta"]["role"] == "timeline"]
    assert timeline
    for index, trace in timeline:
        points = span["marks"].get(str(index), [])
        assert points == [j for j, rid in enumerate(trace["customdata"]) if in_year(ds.by_id[rid], year)]
        look = marked(trace, points)["marker"]
        for j, (size, opacity) in enumerate(zip(look["size"], look["opacity"])):
            want = now if j in points else rest
            assert (size, opacity) == (want["size"], want["opacity"]), (year, j)
    assert set(span["current"]) == {r.id for r in ds.records if r.kind in ("event", "episode") and in_year(r, year)}
