"""Iranian consulates in the six republics (blocks 9-11): the Soviet authorities approved them in
November 1991, during Velayati's visit to Moscow, and the memoranda of his tour provided for them.

The text names the republics, not the cities: each consulate is drawn at the republic's capital of
1991, an inference its record says it is (open triangle, faded). What this layer selects, how it
draws it, its legend entry, hover text and strings all live here; the registry lists it once.
"""
from __future__ import annotations

from . import _legend
from ._base import Layer, MapState, hover_name, marker_point, point_trace, tooltip, visible_records

KIND = "consulate"
COLOUR = "#332288"   # indigo (Paul Tol's colour-blind-safe palette), apart from every other overlay
SYMBOL = "triangle-up"
SIZE = {"approved": 12, "open": 15, "closed": 10}   # a consulate approved on paper is drawn smaller

STRINGS = {
    "layer_consulates": {"en": "Iranian consulates", "ur": "ایرانی قونصل خانے", "fa": "کنسولگری‌های ایران"},
    "st_approved": {"en": "approved", "ur": "منظور شدہ", "fa": "تصویب‌شده"},
    "consulate_legend": {"en": "Iranian consulate (city inferred)", "ur": "ایرانی قونصل خانہ (شہر قیاسی)",
                         "fa": "کنسولگری ایران (شهر استنباطی)"},
}


def _hover(record, state: MapState) -> str:
    stage = record.stage_at(state.day)
    status = LAYER.status_label(stage.status, state.lang) if stage else ""
    return f"{hover_name(record, state.lang)} — {status}" if status else hover_name(record, state.lang)


def traces(dataset, state: MapState) -> list[dict]:
    out = []
    for record in visible_records(dataset, state, (KIND,)):
        stage = record.stage_at(state.day)
        size = SIZE.get(stage.status, 12) if stage else 12
        trace = point_trace(record, state, marker_point(record, dataset), SYMBOL, size=size, colour_=COLOUR)
        status = LAYER.status_label(stage.status, state.lang) if stage else None
        out.append({**trace, "name": _hover(record, state), "hover": tooltip(record, state, status)})
    return out


LAYER = Layer("consulates", "layer_consulates", True, traces,
              legend=(_legend.symbol("△", COLOUR, "consulate_legend", open_=True),), kinds=(KIND,), strings=STRINGS)
