"""Thin callbacks, one module per feature: each reads its inputs, calls a pure function and returns.

No callback writes module-level state, so any worker can answer any request. A year move stays
in the browser (assets/clientside.js draws the year's span of the figure's render model, marks the
timeline's entries and writes the year into the link); the server rebuilds the figure only when
overlays, language, the chosen feature, the events window or the route change, and answers a year
move only with the details of a chosen feature.

- callbacks_url: the link and the controls;    - callbacks_map: the figure, the year, Play, choosing;
- callbacks_details: details, timeline, legend;  - search_ui: the search;    - callbacks_routes: the route explorer;
- callbacks_tour: seminar mode;    - callbacks_downloads: image exports;
- callbacks_language: every translated property;    - callbacks_a11y: keyboard list of features, window readout.
"""
from __future__ import annotations

from geodata.load import Dataset

from . import (callbacks_a11y, callbacks_details, callbacks_downloads, callbacks_language, callbacks_map, callbacks_routes,
               callbacks_tour, callbacks_url, explore, search_ui)
from .callbacks_common import Context, guarded, view_from_store

FEATURES = (callbacks_url, callbacks_map, callbacks_details, search_ui, callbacks_routes, callbacks_tour,
            callbacks_downloads, callbacks_language, callbacks_a11y, explore)
_view_from_store = view_from_store   # the name benchmarks/naive_app.py imports


def register(app, dataset: Dataset, known_ids: frozenset[str], scenes: tuple = ()) -> None:
    context = Context(dataset, known_ids, scenes)
    for feature in FEATURES:
        feature.register(app, context)


__all__ = ["register", "guarded", "FEATURES"]
