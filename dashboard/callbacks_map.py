"""The map: a new figure for new overlays, language, feature, window or route; the year, Play, the
view and choosing a feature. A year move stays in the browser (assets/clientside.js draws the
year's span of the figure's render model), so the slider's path asks the server nothing."""
from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from . import ids
from .callbacks_common import Context, guarded, view_from_store
from .explore import PLAY_END_STORE
from .figures import build_map_figure
from .layers import MapState
from .routes import explorer_traces


def chosen_feature(c: Context, click, search_value) -> str | None:
    """The feature a click on the map, a list entry or the search chose, if it is one we know."""
    trigger = ctx.triggered_id
    if trigger == ids.SEARCH:
        return search_value
    if isinstance(trigger, dict):
        if not any(t_["value"] for t_ in ctx.triggered):
            raise PreventUpdate   # a list re-rendered, nobody clicked
        return trigger["id"]
    for point in (click or {}).get("points") or []:
        cid = point.get("customdata")
        cid = (cid[0] if cid else None) if isinstance(cid, list) else cid
        if isinstance(cid, str) and cid in c.known_ids:
            return cid
    return None


def register_server(app, c: Context) -> None:
    @app.callback(Output(ids.MAP, "figure"),
                  Input(ids.LAYERS, "value"), Input(ids.LANG, "value"), Input(ids.FEATURE, "data"),
                  Input(ids.WINDOW, "value"), Input(ids.ROUTE_STORE, "data"), State(ids.YEAR, "value"),
                  State(ids.VIEW, "data"), prevent_initial_call=True)
    @guarded
    def redraw_map(layers, lang, feature, window, route, year, view):
        state = MapState(year=year, lang=lang, layers=frozenset(layers or ()), window=tuple(sorted(window)),
                         feature=feature, show_context="context" in (layers or ()))
        # A new feature moves the map to it; otherwise keep the reader's own pan and zoom.
        keep_view = view_from_store(view) if ctx.triggered_id != ids.FEATURE else None
        return build_map_figure(c.dataset, state, view=keep_view,
                                route_traces=explorer_traces(c.dataset, route), union=True)

    @app.callback(Output(ids.FEATURE, "data", allow_duplicate=True), Output(ids.VIEW, "data", allow_duplicate=True),
                  Input(ids.MAP, "clickData"), Input({"type": ids.EVENT_ITEM, "id": ALL}, "n_clicks"),
                  Input({"type": ids.RELATED_ITEM, "id": ALL}, "n_clicks"),
                  Input({"type": ids.SEGMENT_SOURCE, "id": ALL, "n": ALL}, "n_clicks"),
                  Input(ids.SEARCH, "value"), Input(ids.CLOSE_DETAILS, "n_clicks"), prevent_initial_call=True)
    @guarded
    def choose_feature(click, _event_clicks, _related_clicks, _segment_clicks, search_value, _close):
        """The feature to show; choosing one drops the remembered view, since the map now centres on it."""
        if ctx.triggered_id == ids.CLOSE_DETAILS:
            return None, no_update
        chosen = chosen_feature(c, click, search_value)
        if chosen not in c.known_ids:
            raise PreventUpdate
        return chosen, None


def register_browser(app) -> None:
    # The slider's one callback: no output, so a year move sets nothing in Dash's store but the year.
    app.clientside_callback(ClientsideFunction("map", "showYear"),
                            Input(ids.YEAR, "value"), Input(ids.MAP, "figure"), State(ids.FEATURE, "data"))
    app.clientside_callback(ClientsideFunction("map", "togglePlay"),
                            Output(ids.TICK, "disabled"), Output(ids.PLAY, "aria-pressed"), Output(ids.PLAY, "children"),
                            Input(ids.PLAY, "n_clicks"), State(ids.TICK, "disabled"), State(ids.LANG, "value"),
                            State(ids.YEAR, "value"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "advanceYear"),
                            Output(ids.YEAR, "value", allow_duplicate=True),
                            Output(ids.TICK, "disabled", allow_duplicate=True),
                            Input(ids.TICK, "n_intervals"), State(ids.YEAR, "value"), State(PLAY_END_STORE, "data"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "setSpeed"), Output(ids.TICK, "interval"),
                            Input(ids.SPEED, "value"))
    app.clientside_callback(ClientsideFunction("map", "rememberView"), Output(ids.VIEW, "data", allow_duplicate=True),
                            Input(ids.MAP, "relayoutData"), State(ids.VIEW, "data"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "exportLinks"),
                            Output(ids.EXPORT_GEOJSON, "href"), Output(ids.EXPORT_CSV, "href"),
                            Input(ids.URL, "search"), State(ids.YEAR, "value"))


def register(app, c: Context) -> None:
    register_server(app, c)
    register_browser(app)
