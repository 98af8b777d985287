"""Border posts and crossings: a square at the crossing, and the road through it where the record has one."""
from __future__ import annotations

from . import _legend
from .. import style
from ._base import Layer, MapState, line_trace, marker_point, point_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    out = []
    for record in visible_records(dataset, state, ("border_crossing",)):
        if record.geometry_form == "path":
            out.append(line_trace(record, state, width_scale=0.6))
        out.append(point_trace(record, state, marker_point(record, dataset), "square", size=15))
    return out


LAYER = Layer("crossings", "layer_crossings", True, traces, legend=(_legend.symbol("■", style.KIND_COLOUR["border_crossing"], "layer_crossings"), _legend.UNCERTAIN_SYMBOL), kinds=("border_crossing",))
