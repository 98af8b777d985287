"""Land corridors the text says the landlocked states can use, styled by status."""
from __future__ import annotations

from . import _legend
from .. import style
from ._base import Layer, MapState, line_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [line_trace(r, state) for r in visible_records(dataset, state, ("corridor",))]


LAYER = Layer("corridors", "layer_corridors", True, traces, legend=(_legend.line(style.KIND_COLOUR["corridor"], "layer_corridors"), *_legend.STATUS_PATTERNS), kinds=("corridor",))
