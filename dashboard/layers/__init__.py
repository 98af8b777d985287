"""The map's overlays: one module per kind of layer, listed once in :data:`REGISTRY`.

A layer is a pure function from the dataset and the map state to Plotly trace
dicts.  Adding a kind of layer is writing one module with a ``LAYER`` and adding
it to the tuple below.
"""
from __future__ import annotations

from . import (consulates, context, corridors, crossings, episodes, events, labels, landscape, political, provinces,
               rail, sea, zones)
from ._base import Layer, MapState
from ._legend import legend_groups as _legend_groups

REGISTRY: tuple[Layer, ...] = (
    political.LAYER, provinces.LAYER, landscape.LAYER, zones.LAYER, corridors.LAYER, sea.LAYER, rail.LAYER, crossings.LAYER,
    consulates.LAYER, episodes.LAYER, events.LAYER, labels.LAYER, context.LAYER,
)
BY_ID = {layer.id: layer for layer in REGISTRY}
LAYER_IDS = tuple(BY_ID)
DEFAULT_LAYERS = tuple(layer.id for layer in REGISTRY if layer.default_on)



def legend_groups(layer_ids, lang: str) -> list[tuple]:
    """The legend of the registry's layers that are on (see layers/_legend.py)."""
    return _legend_groups(REGISTRY, layer_ids, lang)


__all__ = ["legend_groups", "REGISTRY", "BY_ID", "LAYER_IDS", "DEFAULT_LAYERS", "Layer", "MapState"]
