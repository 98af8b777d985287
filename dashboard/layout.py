"""The page: built per request from the URL's view state, so a shared link opens exactly that view."""
from __future__ import annotations

import json

from dash import dcc, html

from geodata.load import Dataset

from . import explore, ids, userlayers
from .export_image import video_controls
from .feature_list import FEATURE_LIST, FEATURE_LIST_TITLE, WINDOW_READOUT, window_readout
from .component_text import dropdown_labels, graph_config, widget_labels_json
from .figures import build_map_figure
from .i18n import LANGUAGES, digits, direction, t
from .layers import REGISTRY, MapState
from .panels import details_panel, legend, timeline_items
from .search_ui import search_box
from .routes import explorer_traces, explorer_view, route_panel, route_request
from .tour_ui import tour_buttons, tour_panel
from .urlstate import FIRST_YEAR, LAST_YEAR, ViewState, to_query

SPEEDS = {"slow": 1500, "normal": 700, "fast": 300}
GRAPH_CONFIG = {
    "displaylogo": False, "showSendToCloud": False, "showEditInChartStudio": False, "scrollZoom": True,
    # Plotly's own image button would draw gd.data, every span's drawing at once (render_union.py):
    # the page's PNG and SVG buttons (assets/exports.js) draw the year's.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"], "responsive": True,
    "toImageButtonOptions": {"format": "png", "filename": "iran-central-asia-map", "scale": 2},
    "topojsonURL": "/assets/topojson/",
}


def map_state(view: ViewState) -> MapState:
    return MapState(year=view.year, lang=view.lang, layers=frozenset(view.layers), window=view.window,
                    feature=view.feature, show_context="context" in view.layers)


def year_marks(lang: str) -> dict:
    years = [1918, 1945, 1970, 1991, LAST_YEAR]
    return {y: {"label": digits(y, lang)} for y in years}


def layer_options(lang: str) -> list[dict]:
    return [{"label": layer.label(lang), "value": layer.id} for layer in REGISTRY]


def speed_options(lang: str) -> list[dict]:
    return [{"label": t(k, lang), "value": v} for k, v in SPEEDS.items()]


def present_help(lang: str) -> str:
    """The Present button's tooltip: its keys, the arrows pointing the way the language reads."""
    forward, back = ("←", "→") if direction(lang) == "rtl" else ("→", "←")
    return t("present_help", lang).format(next=forward, prev=back)


def lang_attrs(lang: str) -> dict:
    return {"dir": direction(lang), "lang": lang, "className": f"app lang-{lang}"}


def language_switch_options() -> list[dict]:
    """One choice per registered language, each named in itself (and marked as that language)."""
    return [{"label": html.Span(lang.name, lang=lang.code, dir=lang.direction), "value": lang.code}
            for lang in LANGUAGES]


def play_labels() -> str:
    """The play button's two labels in every language, for the browser to switch between."""
    return json.dumps({lang.code: {"play": "▶ " + t("play", lang.code), "pause": "⏸ " + t("pause", lang.code)}
                       for lang in LANGUAGES}, ensure_ascii=False)


def build_layout(dataset: Dataset, view: ViewState, scenes: tuple = (), link: dict | None = None) -> html.Div:
    """The page for ``view``; ``link`` is the page's own address (pathname, search, href) when known."""
    lang = view.lang
    scene = scenes[view.scene - 1] if view.scene and view.scene <= len(scenes) else None
    route = route_request(view)
    figure = build_map_figure(dataset, map_state(view), view=view.view, route_traces=explorer_traces(dataset, route),
                              union=True)
    problems = [html.P([t("bad_url", lang), " ", ", ".join(view.problems)], role="status", className="notice")] \
        if view.problems else []
    return html.Div(id=ids.ROOT, **lang_attrs(lang), **{"data-widget-labels": widget_labels_json()}, children=[
        *_stores(view, route, link),
        html.A(t("skip_to_map", lang), href="#map-section", id="skip-link", className="skip-link"),
        html.Div(id=ids.STAGE, className="stage presenting" if scene else "stage", children=[
            _topbar(lang),
            html.Div(id=ids.MESSAGE, children=problems, **{"aria-live": "polite"}),
            html.Section(id=ids.TOUR_PANEL, className="tour-panel", **{"aria-live": "polite"},
                         children=[html.Div(tour_panel(scene, len(scenes), lang, dataset), id="tour-content"),
                                   tour_buttons(lang)]),
            html.Main(className="workspace", children=[
                _controls(dataset, view, lang), _map_section(figure, view, lang), _side(dataset, view, route)]),
            _sheet_bar(lang),
        ]),
    ])


def _stores(view: ViewState, route, link: dict | None) -> list:
    """The URL and the stores. dcc.Location is given the address it will find, so that it starts
    with its props set: without them it treats the first props it receives as changed and pushes
    them into the history, undoing the year that map.followYear writes into the link."""
    return [
        dcc.Location(id=ids.URL, refresh=False, **(link or {})),
        # Empty stores hold "", [], {} or 0, never None: dcc.Store (Dash 4.4) reports a None as a new
        # value when it mounts, and the page then redid five callbacks on every load, the map's
        # figure among them (see docs/performance.md).
        dcc.Store(id=ids.FEATURE, data=view.feature or ""),
        dcc.Store(id=ids.VIEW, data=[view.view.lon, view.view.lat, view.view.scale] if view.view else []),
        dcc.Store(id=ids.DETAILS_YEAR, data=0),
        dcc.Store(id=ids.ROUTE_STORE, data=route or {}),
        dcc.Store(id=ids.LAST_SCENE, storage_type="session"),
        dcc.Store(id=ids.CAPTION, data={}),   # filled on an image export, for the view on screen then
        dcc.Store(id=ids.EXPORT_DONE, data=""),
        dcc.Store(id=ids.VIDEO_CAPTION, data={}),   # filled on an animation export
        dcc.Interval(id=ids.TICK, interval=SPEEDS["normal"], disabled=True),
        *userlayers.stores(),
        *explore.stores(),
    ]


def _topbar(lang: str):
    return html.Header(className="topbar", children=[
        html.Div([html.H1(t("title", lang), id=ids.TITLE),
                  html.P(t("subtitle", lang), id="subtitle", className="subtitle")]),
        html.Div(className="top-controls", children=[
            html.Div(search_box(lang), className="search-wrap"),
            html.Button(t("present", lang), id=ids.PRESENT, n_clicks=0, className="present", title=present_help(lang)),
            html.Fieldset(className="lang-switch", children=[
                html.Legend(t("language", lang), id="lang-legend", className="visually-hidden"),
                dcc.RadioItems(id=ids.LANG, value=lang, inline=True,
                               options=language_switch_options()),
            ]),
        ]),
    ])


def _controls(dataset: Dataset, view: ViewState, lang: str):
    return html.Section(className="controls", id="controls-panel", **{"aria-labelledby": "controls-heading"}, children=[
        html.H2(t("controls_heading", lang), id="controls-heading", className="visually-hidden"),
        html.Fieldset([
            html.Legend(t("overlays", lang), id="layers-legend"),
            dcc.Checklist(id=ids.LAYERS, value=list(view.layers), options=layer_options(lang),
                          className="layer-list"),
        ]),
        html.Div(className="time", children=[
            html.Label(t("year", lang), htmlFor=ids.YEAR, id="year-label"),
            dcc.Slider(id=ids.YEAR, min=FIRST_YEAR, max=LAST_YEAR, step=1, value=view.year,
                       marks=year_marks(lang), updatemode="drag", included=False,
                       tooltip={"always_visible": False, "placement": "bottom"}),
            explore.slider_ticks(dataset, lang),
            explore.change_row(lang),
            html.P(t("year_help", lang), id="year-help", className="hint"),
            html.Div(className="play-row", children=[
                html.Button("▶ " + t("play", lang), id=ids.PLAY, n_clicks=0, className="play",
                            **{"aria-pressed": "false", "data-labels": play_labels()}),
                html.Label(t("speed", lang), htmlFor=ids.SPEED, id="speed-label"),
                dcc.Dropdown(id=ids.SPEED, value=SPEEDS["normal"], options=speed_options(lang),
                             clearable=False, searchable=False, className="speed", labels=dropdown_labels(lang)),
            ]),
            html.Label(t("events_window", lang), htmlFor=ids.WINDOW, id="window-label"),
            dcc.RangeSlider(id=ids.WINDOW, min=FIRST_YEAR, max=LAST_YEAR, step=1, value=list(view.window),
                            marks=year_marks(lang), allowCross=False, pushable=0,
                            tooltip={"always_visible": False, "placement": "bottom"}),
            html.P(window_readout(view.window, lang), id=WINDOW_READOUT, className="window-readout",
                   **{"aria-live": "polite"}),
        ]),
        html.Details(open=True, className="legend-box", children=[
            html.Summary(t("legend", lang), id="legend-title"),
            html.Div(legend(lang, view.layers), id=ids.LEGEND),
        ]),
        userlayers.panel(lang),
    ])


def _map_section(figure: dict, view: ViewState, lang: str):
    return html.Section(className="map-wrap", id="map-section", tabIndex="-1",
                        **{"aria-label": t("map_region", lang)}, children=[
        dcc.Graph(id=ids.MAP, figure=figure, config=graph_config(GRAPH_CONFIG, lang), className="map",
                  style={"height": "100%"}),
        html.Div(id="downloads", className="downloads", **{"aria-label": t("downloads", lang)}, children=[
            html.Span(t("downloads", lang), id="downloads-label"),
            html.Button(t("export_png", lang), id=ids.EXPORT_PNG, n_clicks=0),
            html.Button(t("export_svg", lang), id=ids.EXPORT_SVG, n_clicks=0),
            html.A(t("export_geojson", lang), id=ids.EXPORT_GEOJSON, download="view.geojson",
                   href=f"/export/view.geojson{to_query(view)}"),
            html.A(t("export_csv", lang), id=ids.EXPORT_CSV, download="view.csv",
                   href=f"/export/view.csv{to_query(view)}"),
            html.A(t("export_lpf", lang), id=ids.EXPORT_LPF, download="view.lpf.json",
                   href=f"/export/view.lpf.json{to_query(view)}", title=t("export_lpf_help", lang)),
            html.A(t("handout", lang), href=f"/tour/handout?lang={lang}", target="_blank", id="handout-link"),
            video_controls(view.year, lang),
        ]),
    ])


def _side(dataset: Dataset, view: ViewState, route):
    lang = view.lang
    return html.Aside(className="side", id="side-panel", children=[
        html.Section(className="details-box", **{"aria-live": "polite"}, children=[
            html.Div(className="details-head", children=[
                html.H2(t("details", lang), id="details-title"),
                html.Button("×", id=ids.CLOSE_DETAILS, n_clicks=0, className="close",
                            **{"aria-label": t("close", lang)}),
            ]),
            html.Div(details_panel(dataset, view.feature, lang, view.year), id=ids.DETAILS),
        ]),
        route_panel(dataset, view, explorer_view(dataset, route, lang)),
        html.Section(className="timeline-box", children=[
            html.H2(t("timeline", lang), id="timeline-title"),
            html.Div(timeline_items(dataset, view.window, view.year, lang, view.feature), id=ids.TIMELINE,
                     **{"data-year": view.year}),
        ]),
        # The list is made when it is first opened (dashboard/callbacks_a11y.py): its hundred-odd
        # components would otherwise cost every update of Dash's store, each slider move among them.
        html.Details(className="feature-list-box", children=[
            html.Summary(t("feature_list", lang), id=FEATURE_LIST_TITLE, n_clicks=0),
            html.Div([], id=FEATURE_LIST, **{"data-year": view.year}),
        ]),
    ])


def _sheet_bar(lang: str):
    """On a phone the controls and the details are panels over the map; these buttons slide them in
    and out (assets/a11y.js). Hidden on a wider screen, where the panels sit beside the map."""
    return html.Nav(className="sheet-bar", children=[
        html.Button(t("controls_heading", lang), id="toggle-controls", className="sheet-toggle", n_clicks=0,
                    **{"data-sheet": "controls", "aria-controls": "controls-panel", "aria-expanded": "false"}),
        html.Button(t("toggle_details", lang), id="toggle-side", className="sheet-toggle", n_clicks=0,
                    **{"data-sheet": "side", "aria-controls": "side-panel", "aria-expanded": "false"}),
    ])


# Props that carry content rather than structure: a skeleton leaves them out.
_CONTENT_PROPS = {"Graph": {"figure": {}}, "Store": {"data": None}, "Dropdown": {"options": []},
                  "Checklist": {"options": []}, "RadioItems": {"options": []}}
_CONTENT_IDS = {ids.DETAILS, ids.TIMELINE, ids.LEGEND, ids.ROUTE_RESULT, "tour-content", FEATURE_LIST}


def skeleton_layout(layout):
    """The same components and ids as ``layout``, without their content.

    Dash sends the validation layout inside the index page, and the renderer parses all of it
    before it draws anything; the content (figure, options, panels) comes with the real layout
    anyway. With the whole default layout there, the index page was 134 kB (2.5 MB at 20x the
    records); as a skeleton it is about 26 kB whatever the data.
    """
    for component in layout._traverse():
        blanks = _CONTENT_PROPS.get(type(component).__name__, {})
        for prop, empty in blanks.items():
            if getattr(component, prop, None) is not None:
                setattr(component, prop, empty)
        if getattr(component, "id", None) in _CONTENT_IDS:
            component.children = None
    return layout
