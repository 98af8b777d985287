"""Caspian sea links between ports (the ports are inferred: the text names only countries)."""
from __future__ import annotations

from . import _legend
from .. import style
from ._base import Layer, MapState, line_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [line_trace(r, state) for r in visible_records(dataset, state, ("sea_link",))]


LAYER = Layer("sea", "layer_sea", True, traces, legend=(_legend.line(style.KIND_COLOUR["sea_link"], "layer_sea"), *_legend.STATUS_PATTERNS), kinds=("sea_link",))
