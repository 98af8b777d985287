"""Iran's provinces as they were in the 1990s: the five northern ones the text names (and, as context, three more)."""
from __future__ import annotations

from .. import style
from . import _legend
from ._base import Layer, MapState, area_trace, visible_records


def traces(dataset, state: MapState) -> list[dict]:
    return [area_trace(r, state, "rgba(140,109,31,0.16)" if r.from_text else "rgba(110,110,110,0.10)",
                       style.KIND_COLOUR["province"] if r.from_text else style.CONTEXT_COLOUR)
            for r in visible_records(dataset, state, ("province",))]


LAYER = Layer("provinces", "layer_provinces", True, traces, legend=(_legend.fill("rgba(140,109,31,0.35)", "layer_provinces"),), kinds=("province",))
