"""Events of the text (visits, memoranda, agreements, arms deals, wars, statements) in the chosen window."""
from __future__ import annotations

from .. import style
from . import _legend
from ._base import Layer, MapState
from ._timeline import timeline_traces


def traces(dataset, state: MapState) -> list[dict]:
    return timeline_traces(dataset, state, "event", "diamond", style.KIND_COLOUR["event"])


LAYER = Layer("events", "layer_events", True, traces, legend=(_legend.symbol("◆", style.KIND_COLOUR["event"], "layer_events"), _legend.UNCERTAIN_SYMBOL), kinds=("event",), by_year=False)
