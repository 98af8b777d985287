"""The 1918-1924 episodes of block 1: the Ashgabat government, British troops, the Red Army, the Turkmen SSR."""
from __future__ import annotations

from .. import style
from . import _legend
from ._base import Layer, MapState
from ._timeline import timeline_traces


def traces(dataset, state: MapState) -> list[dict]:
    return timeline_traces(dataset, state, "episode", "star", style.KIND_COLOUR["episode"])


LAYER = Layer("episodes", "layer_episodes", True, traces, legend=(_legend.symbol("★", style.KIND_COLOUR["episode"], "layer_episodes"), _legend.UNCERTAIN_SYMBOL), kinds=("episode",), by_year=False)
