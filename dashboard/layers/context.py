"""Context from outside the text: switching it on lets every other layer draw its context records,
in grey and marked as context.  It draws nothing of its own."""
from __future__ import annotations

from . import _legend
from ._base import Layer, MapState


def traces(dataset, state: MapState) -> list[dict]:
    return []


LAYER = Layer("context", "layer_context", False, traces, legend=(_legend.CONTEXT,), by_year=False)
