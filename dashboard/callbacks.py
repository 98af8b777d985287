"""Thin callbacks: translate inputs into a view state and call the pure functions.

No callback writes module-level state, so any worker can answer any request.
A year move stays in the browser (assets/clientside.js): it restyles the map,
marks the timeline's entries and writes the year into the link. The server
rebuilds the figure only when overlays, language, the chosen feature, the
events window or the route change, and answers a year move only with the
details of a chosen feature.
"""
from __future__ import annotations

import functools
import logging

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update, set_props
from dash.exceptions import PreventUpdate

from geodata import query
from geodata.load import Dataset

from . import ids
from .figures import build_map_figure
from .i18n import DEFAULT_LANG, known_language, name_in, t

from .layout import lang_attrs, layer_options, speed_options, year_marks
from .layers import LAYER_IDS, MapState
from .panels import details_panel, legend, timeline_items
from .tour_ui import apply_scene, caption_lines, tour_panel, view_for
from .route_callbacks import register_route_callbacks
from .routes import explorer_traces, mode_options, place_options, question_options
from .urlstate import DEFAULT_YEAR, FIRST_YEAR, LAST_YEAR, MODES, View, ViewState, parse_query, to_query, with_changes

log = logging.getLogger(__name__)


def guarded(func):
    """Log a failing callback and show a short message instead of breaking the page."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PreventUpdate:
            raise
        except Exception:  # any bug must leave the page working: log it, tell the user briefly
            log.exception("callback %s failed", func.__name__)
            set_props(ids.MESSAGE, {"children": html.P(t("error", "en"), role="alert", className="notice error")})
            # Not PreventUpdate: Dash would answer 204 and drop the message set above.
            outputs = ctx.outputs_list
            return tuple(no_update for _ in outputs) if isinstance(outputs, list) else no_update
    return wrapper


def _view_from_store(data) -> View | None:
    if isinstance(data, (list, tuple)) and len(data) == 3:
        try:
            return View(*(float(v) for v in data))
        except (TypeError, ValueError):
            return None
    return None


def _year_or_none(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def register(app, dataset: Dataset, known_ids: frozenset[str], scenes: tuple = ()) -> None:
    n_scenes = len(scenes)

    def parse(search):
        return parse_query(search or "", known_ids, n_scenes)

    @app.callback(
        Output(ids.URL, "search"), Output(ids.YEAR, "value"), Output(ids.LAYERS, "value"), Output(ids.LANG, "value"),
        Output(ids.FEATURE, "data"), Output(ids.VIEW, "data"), Output(ids.WINDOW, "value"),
        Output(ids.ROUTE_FROM, "value"), Output(ids.ROUTE_TO, "value"), Output(ids.ROUTE_YEAR, "value"),
        Output(ids.ROUTE_COMPARE, "value"), Output(ids.ROUTE_MODES, "value"), Output(ids.ROUTE_PLANNED, "value"),
        Input(ids.URL, "search"), Input(ids.LAYERS, "value"), Input(ids.LANG, "value"),
        Input(ids.FEATURE, "data"), Input(ids.VIEW, "data"), Input(ids.WINDOW, "value"),
        Input(ids.ROUTE_FROM, "value"), Input(ids.ROUTE_TO, "value"), Input(ids.ROUTE_YEAR, "value"),
        Input(ids.ROUTE_COMPARE, "value"), Input(ids.ROUTE_MODES, "value"), Input(ids.ROUTE_PLANNED, "value"),
        # The year is only read here: a year move writes itself into the link in the browser
        # (map.followYear), so sliding costs no round trip.
        State(ids.YEAR, "value"))
    @guarded
    def sync_url(search, layers, lang, feature, view, window, r_from, r_to, r_year, r_compare, r_modes,
                 r_planned, year):
        if ctx.triggered_id in (ids.URL, None):
            # Page load, back/forward or an edited link: the URL leads, the controls follow.
            s = view_for(parse(search), scenes)
            v = s.view
            wanted = (s.year, list(s.layers), s.lang, s.feature, [v.lon, v.lat, v.scale] if v else None,
                      list(s.window), s.route_from, s.route_to, s.route_year or s.year, s.compare_year,
                      list(s.modes), ["planned"] if s.planned else [])
            # An empty store holds "" or [] (see layout.py), which means the same as the URL's None.
            current = (year, layers, lang, feature or None, view or None, window, r_from, r_to, r_year, r_compare,
                       r_modes, r_planned)
            return (no_update,) + tuple(no_update if w == c else w for w, c in zip(wanted, current))
        current = parse(search)
        state = with_changes(current, year=year if isinstance(year, int) else current.year,
                             layers=tuple(l for l in LAYER_IDS if l in (layers or [])),
                             lang=known_language(lang) or DEFAULT_LANG,
                             feature=feature if feature in known_ids else None,
                             view=_view_from_store(view),
                             window=tuple(sorted(window)) if isinstance(window, list) and len(window) == 2 else current.window,
                             route_from=r_from if r_from in known_ids else None,
                             route_to=r_to if r_to in known_ids else None,
                             route_year=_year_or_none(r_year) if r_from and r_to else None,
                             compare_year=_year_or_none(r_compare) if r_from and r_to else None,
                             modes=tuple(m for m in MODES if m in (r_modes or [])) or MODES,
                             planned="planned" in (r_planned or []))
        new = to_query(state)
        return (new if new != search else no_update,) + (no_update,) * 12

    @app.callback(Output(ids.MAP, "figure"),
                  Input(ids.LAYERS, "value"), Input(ids.LANG, "value"), Input(ids.FEATURE, "data"),
                  Input(ids.WINDOW, "value"), Input(ids.ROUTE_STORE, "data"), State(ids.YEAR, "value"),
                  State(ids.VIEW, "data"), prevent_initial_call=True)
    @guarded
    def redraw_map(layers, lang, feature, window, route, year, view):
        state = MapState(year=year, lang=lang, layers=frozenset(layers or ()), window=tuple(sorted(window)),
                         feature=feature, show_context="context" in (layers or ()))
        # A new feature moves the map to it; otherwise keep the reader's own pan and zoom.
        keep_view = _view_from_store(view) if ctx.triggered_id != ids.FEATURE else None
        return build_map_figure(dataset, state, view=keep_view,
                                route_traces=explorer_traces(dataset, route))

    register_route_callbacks(app, dataset, known_ids, guarded)   # the route explorer (issue 18)

    app.clientside_callback(ClientsideFunction("map", "applyYear"), Output(ids.YEAR_APPLIED, "data"),
                            Input(ids.YEAR, "value"), Input(ids.MAP, "figure"), State(ids.STYLE_STORE, "data"))
    app.clientside_callback(ClientsideFunction("map", "followYear"),
                            Output(ids.EXPORT_GEOJSON, "href"), Output(ids.EXPORT_CSV, "href"),
                            Input(ids.YEAR, "value"), Input(ids.URL, "search"))
    app.clientside_callback(ClientsideFunction("map", "markTimeline"), Output(ids.TIMELINE, "data-year"),
                            Input(ids.YEAR, "value"), Input(ids.TIMELINE, "children"))
    app.clientside_callback(ClientsideFunction("map", "detailsYear"), Output(ids.DETAILS_YEAR, "data"),
                            Input(ids.YEAR, "value"), Input(ids.FEATURE, "data"), State(ids.DETAILS_YEAR, "data"))
    app.clientside_callback(ClientsideFunction("map", "togglePlay"),
                            Output(ids.TICK, "disabled"), Output(ids.PLAY, "aria-pressed"), Output(ids.PLAY, "children"),
                            Input(ids.PLAY, "n_clicks"), State(ids.TICK, "disabled"), State(ids.LANG, "value"),
                            State(ids.YEAR, "value"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "advanceYear"),
                            Output(ids.YEAR, "value", allow_duplicate=True),
                            Output(ids.TICK, "disabled", allow_duplicate=True),
                            Input(ids.TICK, "n_intervals"), State(ids.YEAR, "value"), State(ids.YEAR, "max"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "setSpeed"), Output(ids.TICK, "interval"),
                            Input(ids.SPEED, "value"))
    app.clientside_callback(ClientsideFunction("map", "rememberView"), Output(ids.VIEW, "data", allow_duplicate=True),
                            Input(ids.MAP, "relayoutData"), State(ids.VIEW, "data"), prevent_initial_call=True)

    def go_to_scene(action: str, search, last, year):
        """The URL for a tour action: "next", "prev", "exit" or "present" (also resumes)."""
        if not scenes:
            raise PreventUpdate
        s = view_for(parse(search), scenes)
        if action == "exit" and _year_or_none(year) is not None:
            s = with_changes(s, year=_year_or_none(year))   # the link's year may lag the slider
        last = last if isinstance(last, int) and 1 <= last <= n_scenes else None
        if action == "exit":
            if s.scene is None:
                raise PreventUpdate
            # Leave the tour where it is, so the presenter can explore and come back to this scene.
            return to_query(with_changes(s, scene=None)), s.scene
        if action == "present":
            number = s.scene or last or 1
        else:
            number = min(max((s.scene or last or 0) + (1 if action == "next" else -1), 1), n_scenes)
            if number == s.scene:
                raise PreventUpdate   # already at the first or last scene: nothing to send
        return to_query(apply_scene(s, scenes[number - 1])), number

    # One callback per button: Dash merges quick successive triggers of one callback into one call,
    # which would lose a "previous" pressed right after a "next".
    def tour_button(action: str, button: str) -> None:
        @app.callback(Output(ids.URL, "search", allow_duplicate=True),
                      Output(ids.LAST_SCENE, "data", allow_duplicate=True),
                      Input(button, "n_clicks"), State(ids.URL, "search"), State(ids.LAST_SCENE, "data"),
                      State(ids.YEAR, "value"), prevent_initial_call=True)
        @guarded
        def tour_action(_clicks, search, last, year):
            return go_to_scene(action, search, last, year)

    for action, button in (("next", ids.TOUR_NEXT), ("prev", ids.TOUR_PREV), ("exit", ids.TOUR_EXIT),
                           ("present", ids.PRESENT)):
        tour_button(action, button)

    @app.callback(Output(ids.STAGE, "className"), Output("tour-content", "children"),
                  Output("handout-link", "href"), Input(ids.URL, "search"), Input(ids.LANG, "value"))
    @guarded
    def show_tour(search, lang):
        s = view_for(parse(search), scenes)
        scene = scenes[s.scene - 1] if s.scene else None
        return "stage presenting" if scene else "stage", tour_panel(scene, n_scenes, lang), f"/tour/handout?lang={lang}"

    @app.callback(Output(ids.CAPTION, "data"),
                  Input(ids.EXPORT_PNG, "n_clicks"), Input(ids.EXPORT_SVG, "n_clicks"),
                  State(ids.URL, "search"), State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def export_caption(_png, _svg, search, year):
        """What an image export says about itself, for the view on screen; map.exportImage draws it."""
        s = view_for(parse(search), scenes)
        if _year_or_none(year) is not None:
            s = with_changes(s, year=_year_or_none(year))   # the link's year may lag the slider
        scene = scenes[s.scene - 1] if s.scene else None
        return {"format": "svg" if ctx.triggered_id == ids.EXPORT_SVG else "png",
                "lines": caption_lines(dataset, s, scene), "clicks": (_png or 0) + (_svg or 0)}

    app.clientside_callback(ClientsideFunction("map", "exportImage"), Output(ids.EXPORT_DONE, "data"),
                            Input(ids.CAPTION, "data"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("map", "fullScreen"), Output(ids.EXPORT_DONE, "data", allow_duplicate=True),
                            Input(ids.PRESENT, "n_clicks"), prevent_initial_call=True)

    @app.callback(Output(ids.FEATURE, "data", allow_duplicate=True),
                  Output(ids.VIEW, "data", allow_duplicate=True),
                  Input(ids.MAP, "clickData"), Input({"type": ids.EVENT_ITEM, "id": ALL}, "n_clicks"),
                  Input({"type": ids.RELATED_ITEM, "id": ALL}, "n_clicks"),
                  Input({"type": ids.SEGMENT_SOURCE, "id": ALL, "n": ALL}, "n_clicks"),
                  Input(ids.SEARCH, "value"), Input(ids.CLOSE_DETAILS, "n_clicks"), prevent_initial_call=True)
    @guarded
    def choose_feature(click, _event_clicks, _related_clicks, _segment_clicks, search_value, _close):
        """The feature to show; choosing one drops the remembered view, since the map now centres on it."""
        trigger = ctx.triggered_id
        if trigger == ids.CLOSE_DETAILS:
            return None, no_update
        chosen = None
        if trigger == ids.SEARCH:
            chosen = search_value
        elif isinstance(trigger, dict):
            if not any(t_["value"] for t_ in ctx.triggered):
                raise PreventUpdate   # a list re-rendered, nobody clicked
            chosen = trigger["id"]
        else:
            for point in (click or {}).get("points") or []:
                cid = point.get("customdata")
                if isinstance(cid, list):
                    cid = cid[0] if cid else None
                if isinstance(cid, str) and cid in known_ids:
                    chosen = cid
                    break
        if chosen not in known_ids:
            raise PreventUpdate
        return chosen, None

    # The page's layout is built for its link (layout.build_layout), so the panels below skip Dash's
    # first call: it would only rebuild what the page already has, one round trip each.

    # The details name the chosen feature's status in the year, so they follow the year, but only
    # while a feature is chosen: map.detailsYear fills DETAILS_YEAR then, and leaves it alone otherwise.
    @app.callback(Output(ids.DETAILS, "children"),
                  Input(ids.FEATURE, "data"), Input(ids.LANG, "value"), Input(ids.DETAILS_YEAR, "data"),
                  State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def show_details(feature, lang, details_year, year):
        return details_panel(dataset, feature, lang, _year_or_none(details_year) or _year_or_none(year) or DEFAULT_YEAR)

    # The list is rebuilt for a new window, language or choice, not for a new year: map.markTimeline
    # marks the year's entries in the browser.
    @app.callback(Output(ids.TIMELINE, "children"),
                  Input(ids.WINDOW, "value"), Input(ids.LANG, "value"), Input(ids.FEATURE, "data"),
                  State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def show_timeline(window, lang, feature, year):
        return timeline_items(dataset, tuple(sorted(window)), _year_or_none(year) or DEFAULT_YEAR, lang, feature)

    @app.callback(Output(ids.LEGEND, "children"), Input(ids.LANG, "value"), Input(ids.LAYERS, "value"),
                  prevent_initial_call=True)
    @guarded
    def show_legend(lang, layers):
        return legend(lang, tuple(layers or ()))

    @app.callback(
        Output(ids.ROOT, "dir"), Output(ids.ROOT, "lang"), Output(ids.ROOT, "className"),
        Output(ids.TITLE, "children"), Output("subtitle", "children"), Output("layers-legend", "children"),
        Output(ids.LAYERS, "options"), Output("year-label", "children"), Output("year-help", "children"),
        Output("speed-label", "children"), Output(ids.SPEED, "options"), Output("window-label", "children"),
        Output("legend-title", "children"), Output("details-title", "children"), Output("timeline-title", "children"),
        Output(ids.YEAR, "marks"), Output(ids.WINDOW, "marks"), Output(ids.SEARCH, "placeholder"),
        Output(ids.PLAY, "children", allow_duplicate=True),
        Output("route-title", "children"), Output("route-question-label", "children"),
        Output(ids.ROUTE_QUESTION, "options"), Output(ids.ROUTE_QUESTION, "placeholder"),
        Output("route-from-label", "children"), Output("route-to-label", "children"),
        Output("route-year-label", "children"), Output("route-compare-label", "children"),
        Output("route-modes-label", "children"), Output(ids.ROUTE_MODES, "options"),
        Output(ids.ROUTE_PLANNED, "options"), Output(ids.ROUTE_FROM, "options"), Output(ids.ROUTE_TO, "options"),
        Output(ids.PRESENT, "children"), Output("downloads-label", "children"), Output("handout-link", "children"),
        Input(ids.LANG, "value"), State(ids.TICK, "disabled"), prevent_initial_call=True)
    @guarded
    def translate(lang, paused):
        attrs = lang_attrs(lang)
        play = ("▶ " + t("play", lang)) if paused in (True, None) else ("⏸ " + t("pause", lang))
        return (attrs["dir"], attrs["lang"], attrs["className"], t("title", lang), t("subtitle", lang),
                t("overlays", lang), layer_options(lang), t("year", lang), t("year_help", lang), t("speed", lang),
                speed_options(lang), t("events_window", lang), t("legend", lang), t("details", lang),
                t("timeline", lang), year_marks(lang), year_marks(lang), t("search", lang), play,
                t("route", lang), t("questions", lang), question_options(lang), t("pick_question", lang),
                t("route_from", lang), t("route_to", lang), t("route_year", lang), t("route_compare", lang),
                t("route_modes", lang), mode_options(lang),
                [{"label": t("route_planned", lang), "value": "planned"}], place_options(dataset, lang),
                place_options(dataset, lang), t("present", lang), t("downloads", lang), t("handout", lang))

    def _search_label(cid: str, lang: str) -> str:
        """The name in the page's language, then in English (or, on an English page, in Urdu)."""
        obj = dataset.by_id.get(cid) or dataset.places.get(cid)
        return f"{name_in(obj, lang)} — {obj.names.ur if lang == DEFAULT_LANG else obj.names.en}"

    @app.callback(Output(ids.SEARCH, "options"), Input(ids.SEARCH, "search_value"), State(ids.LANG, "value"),
                  State(ids.SEARCH, "value"), prevent_initial_call=True)
    @guarded
    def search_options(text, lang, current):
        hits = query.search(dataset, text or "", limit=15) if text else ()
        # The dropdown filters what it is given by the literal text typed; the server has already
        # matched across spellings, so each option carries the typed text too.
        options = [{"label": _search_label(h.id, lang), "value": h.id, "search": f"{h.name_en} {h.name_ur} {text}"}
                   for h in hits]
        if current and current in known_ids and all(o["value"] != current for o in options):
            options.append({"label": _search_label(current, lang), "value": current})
        return options
