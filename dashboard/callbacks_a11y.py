"""Keyboard access (issue 17b): the list of the map's features, choosing from it, the events window's readout."""
from __future__ import annotations

from dash import ALL, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from . import ids
from .callbacks_common import Context, guarded
from .feature_list import FEATURE_ITEM, FEATURE_LIST, FEATURE_LIST_TITLE, WINDOW_READOUT, feature_list, window_readout
from .i18n import t
from .layers import MapState

# This module's own translated properties (callbacks_language holds the rest of the page's).
TRANSLATED = (("skip-link", "children", "skip_to_map"), ("controls-heading", "children", "controls_heading"),
              ("toggle-controls", "children", "controls_heading"), ("toggle-side", "children", "toggle_details"),
              ("map-section", "aria-label", "map_region"), (FEATURE_LIST_TITLE, "children", "feature_list"))


def register(app, c: Context) -> None:
    @app.callback(Output(FEATURE_LIST, "children"),
                  Input(FEATURE_LIST_TITLE, "n_clicks"), Input(ids.LAYERS, "value"), Input(ids.LANG, "value"),
                  Input(ids.WINDOW, "value"), State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def list_features(opened, layers, lang, window, year):
        """Made when the list is first opened (a press of its summary), then kept up to date."""
        if not opened or (ctx.triggered_id == FEATURE_LIST_TITLE and opened > 1):
            raise PreventUpdate   # not opened yet, or closed and opened again: made already
        state = MapState(year=year, lang=lang, layers=frozenset(layers or ()), window=tuple(sorted(window)),
                         feature=None, show_context="context" in (layers or ()))
        return feature_list(c.dataset, state)

    @app.callback(Output(ids.FEATURE, "data", allow_duplicate=True), Output(ids.VIEW, "data", allow_duplicate=True),
                  Input({"type": FEATURE_ITEM, "id": ALL}, "n_clicks"), prevent_initial_call=True)
    @guarded
    def choose_listed(_clicks):
        """A button of the list chooses its feature, as a click on the map does (and the map centres on it)."""
        if not isinstance(ctx.triggered_id, dict) or not any(t_["value"] for t_ in ctx.triggered):
            raise PreventUpdate   # the list re-rendered, nobody pressed
        chosen = ctx.triggered_id["id"]
        if chosen not in c.known_ids:
            raise PreventUpdate
        return chosen, None

    @app.callback(Output(WINDOW_READOUT, "children"), Input(ids.WINDOW, "value"), Input(ids.LANG, "value"),
                  prevent_initial_call=True)
    @guarded
    def read_window(window, lang):
        return window_readout(window, lang)

    @app.callback(*(Output(i, p) for i, p, _ in TRANSLATED), Input(ids.LANG, "value"), prevent_initial_call=True)
    @guarded
    def translate(lang):
        return tuple(t(key, lang) for _, _, key in TRANSLATED)
    # The list follows the year drawn on the map in the browser alone (assets/a11y.js): a second
    # callback on the slider's value, with an output, cost every move another round of Dash's store.
