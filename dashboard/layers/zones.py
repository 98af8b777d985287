"""Zones: the Sarakhs free trade zone and Kazakhstan's Russian-majority north."""
from __future__ import annotations

from .. import style
from . import _legend
from ._base import Layer, MapState, area_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [area_trace(r, state, "rgba(230,159,0,0.28)", style.KIND_COLOUR["zone"])
            for r in visible_records(dataset, state, ("zone",))]


LAYER = Layer("zones", "layer_zones", True, traces, legend=(_legend.fill("rgba(230,159,0,0.5)", "layer_zones"),), kinds=("zone",))
