"""A layer is one module (issue 12): the legend, the details and the exports read the registry;
the consulates layer (blocks 9-11 of the text) is one module plus one registry line."""
from __future__ import annotations

import pytest

from dashboard.figures import build_map_figure
from dashboard.layers import BY_ID, DEFAULT_LAYERS, LAYER_IDS, REGISTRY, MapState
from dashboard.panels import details_panel, legend
from dashboard.tour_ui import visible_record_ids
from dashboard.urlstate import ViewState
from geodata.load import shared_dataset

# The republics of block 10 and their capitals in 1991 (Almaty was Kazakhstan's capital until 1997).
CAPITALS = {"KAZ": "almaty", "KGZ": "bishkek", "UZB": "tashkent", "TJK": "dushanbe", "TKM": "ashgabat",
            "AZE": "baku"}


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def _text(component) -> str:
    parts = component if isinstance(component, list) else [component]
    out = []
    for part in parts:
        for c in [part, *part._traverse()]:
            children = getattr(c, "children", None)
            # A text is a component's children, or a string among them (a legend entry's text).
            out += [children] if isinstance(children, str) else \
                [x for x in children if isinstance(x, str)] if isinstance(children, list) else []
    return " ".join(out)


def test_lay001_the_legend_has_a_section_for_each_layer_that_is_on(ds):
    sections = [c for c in legend("en", LAYER_IDS) if getattr(c, "data-layer", None)]
    assert [getattr(s, "data-layer") for s in sections] == [l.id for l in REGISTRY if l.legend]
    off = legend("en", tuple(l for l in LAYER_IDS if l != "consulates"))
    assert "consulates" not in [getattr(c, "data-layer", None) for c in off]
    assert "Iranian consulate (city inferred)" in _text(legend("en", ("consulates",)))
    assert "ایرانی قونصل خانہ (شہر قیاسی)" in _text(legend("ur", ("consulates",)))


def test_lay002_a_shared_legend_entry_is_shown_once(ds):
    text = _text(legend("en", ("rail", "corridors", "sea")))
    assert text.count("under construction") == 1 or text.count("Under construction") == 1


def test_lay003_six_consulates_at_the_capitals_of_the_six_republics_marked_inferred(ds):
    consulates = [r for r in ds.records if r.kind == "consulate"]
    assert sorted(ds.places[r.place_ids[0]].country for r in consulates) == sorted(CAPITALS)
    for r in consulates:
        place = ds.places[r.place_ids[0]]
        assert CAPITALS[place.country] == place.id
        assert r.location_certainty == "inferred" and "inferred" in r.location_note
        assert {s.block for s in r.sources} == {9, 10, 11}
        first = r.stages[0]
        assert (first.status, first.start.year, first.start.month, first.basis) == ("approved", 1991, 11, "text")


def test_lay004_the_consulates_appear_in_1991_with_their_status_and_inference_in_the_hover(ds):
    def drawn(year):
        fig = build_map_figure(ds, MapState(year=year, layers=frozenset(DEFAULT_LAYERS)))
        return [t for t in fig["data"] if t["meta"].get("slot") == "consulates"]
    assert drawn(1990) == []
    traces = drawn(1991)
    ids = {cid for t in traces for cid in t["customdata"] if cid}
    assert ids == {r.id for r in ds.records if r.kind == "consulate"}
    texts = {x for t in traces for x in t["text"] if x}
    assert all("uncertain location" in x and "<br>approved, since November 1991<br>" in x for x in texts)  # block 9: approved in November 1991


def test_lay005_the_details_name_the_layer_and_its_own_status_label(ds):
    en = _text(details_panel(ds, "consulate-tkm", "en", 1992))
    assert "Iranian consulates" in en and "1992: approved" in en
    ur = _text(details_panel(ds, "consulate-tkm", "ur", 1992))
    assert "ایرانی قونصل خانے" in ur and "منظور شدہ" in ur


def test_lay006_exports_list_the_consulates_only_with_their_layer_on(ds):
    on = visible_record_ids(ds, ViewState(year=1992, layers=DEFAULT_LAYERS))
    off = visible_record_ids(ds, ViewState(year=1992, layers=tuple(l for l in DEFAULT_LAYERS if l != "consulates")))
    consulates = {r.id for r in ds.records if r.kind == "consulate"}
    assert consulates <= set(on) and not consulates & set(off)
    assert BY_ID["consulates"].kinds == ("consulate",)


# The details panel says where a railway is drawn as the map draws it. Natural Earth 10m railroads
# has Mashhad-Sarakhs and the Trans-Caspian but not Zahedan-Chabahar (DATA-SOURCES.md; see
# tests/test_dated_railways.py), and Tehran-Mashhad only in part.
def _all_text(node) -> str:
    """Every string in a component tree, plain strings among children included."""
    if isinstance(node, str):
        return node
    if isinstance(node, (list, tuple)):
        return " ".join(_all_text(n) for n in node)
    children = getattr(node, "children", None)
    return _all_text(children) if children is not None else ""


@pytest.mark.parametrize("lang", ["en", "ur", "fa"])
@pytest.mark.parametrize("record, certainty, note", [
    ("rail-mashhad-sarakhs", "approximate", "rail_aligned"),
    ("ctx-rail-trans-caspian", "approximate", "rail_aligned"),
    ("ctx-rail-tehran-mashhad", "approximate", "rail_partly"),
    ("rail-zahedan-chabahar", "schematic", None),
])
def test_lay010_the_details_say_where_a_railway_is_drawn_and_from_what_source(ds, lang, record, certainty, note):
    from dashboard.i18n import t
    panel = details_panel(ds, record, lang, 1996)
    text = _all_text(panel)
    location = [_all_text(c) for c in panel._traverse()
                if type(c).__name__ == "P" and _all_text(c).startswith(t("location", lang) + ":")]
    assert len(location) == 1 and t(f"l_{certainty}", lang) in location[0]
    if note is None:   # drawn station to station, as the record's own path: its own certainty and note
        assert t("rail_aligned", lang) not in text and t("rail_partly", lang) not in text
    else:
        assert t(note, lang) in location[0]
        assert "Natural Earth 10m railroads" in text   # the source of the drawn line, cited
    assert "no railway geometry is available offline" not in text   # what the map now disproves
