"""Rail lines: each rail_line record styled by its status in the chosen year (planned dashed, building dotted, running solid)."""
from __future__ import annotations

from . import _legend
from .. import style
from ._base import Layer, MapState, line_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [line_trace(r, state) for r in visible_records(dataset, state, ("rail_line",))]


LAYER = Layer("rail", "layer_rail", True, traces, legend=(_legend.line(style.KIND_COLOUR["rail_line"], "layer_rail"), *_legend.STATUS_PATTERNS), kinds=("rail_line",))
