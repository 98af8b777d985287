"""Caspian sea links between ports (the ports are inferred: the text names only countries)."""
from __future__ import annotations

from ._base import Layer, MapState, line_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [line_trace(r, state) for r in visible_records(dataset, state, ("sea_link",))]


LAYER = Layer("sea", "layer_sea", True, traces, legend=("sea",), kinds=("sea_link",))
