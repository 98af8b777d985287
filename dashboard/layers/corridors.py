"""Land corridors the text says the landlocked states can use, styled by status."""
from __future__ import annotations

from ._base import Layer, MapState, line_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [line_trace(r, state) for r in visible_records(dataset, state, ("corridor",))]


LAYER = Layer("corridors", "layer_corridors", True, traces, legend=("corridor",), kinds=("corridor",))
