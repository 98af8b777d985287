"""The reader's own layers: upload, legend entries, details, drawing per year, downloads.

The layers live in the reader's browser (a dcc.Store in local storage) and nowhere else: the
server checks an upload with the pure functions of geodata/userdata.py, hands the result back and
keeps nothing.  Whatever the browser sends back is checked again before it is used.  For drawing,
the server turns the layers into Plotly traces, each with the span of years it is shown in
(:func:`draw_spec`); assets/exchange.js only adds them to the map and sets which are visible.

Names, notes and sources are the reader's text: the panel shows them as text (Dash escapes
children) and the hover labels escape them (:func:`escape_hover`), so markup is never read.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json

import dash
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from geodata.export import features_csv
from geodata.load import Dataset
from geodata.userdata import UploadError, check_layers, parse_upload, year_span
from geodata.userexport import geojson_features, lpf_features

from . import ids
from .downloads import view_collection, view_lpf
from .i18n import digits, t
from .layers._base import escape_hover
from .tour_ui import view_for
from .urlstate import parse_query

MAX_LAYERS = 6
COLOURS = ("#c2255c", "#0b7285", "#6741d9", "#d9480f", "#2b8a3e", "#862e9c")   # apart from the text's own
EXPORT_FORMATS = {"geojson": "GeoJSON", "csv": "CSV", "lpf": "Linked Places"}
SLOT = "routes"   # the figure's top slot (dashboard/figures.py): the year redraw keeps these traces there


# ------------------------------------------------------------------------------------- pure parts

def colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def dates_text(feature: dict, lang: str) -> str:
    start, end = feature.get("start"), feature.get("end")
    if not start and not end:
        return t("user_undated", lang)
    return f"{digits(start, lang) if start else '…'} – {digits(end, lang) if end else '…'}"


def _hover(layer: dict, feature: dict, number: int, lang: str) -> str:
    name = feature.get("name") or f"{layer['title']} {number}"
    return f"<b>{escape_hover(name)}</b><br>{escape_hover(dates_text(feature, lang))}<br>{escape_hover(layer['title'])}"


def _parts(geometry: dict) -> list:
    return geometry["coordinates"] if geometry["type"].startswith("Multi") else [geometry["coordinates"]]


def _trace(layer: dict, index: int, family: str, span: tuple, members: list, lang: str) -> dict:
    lon, lat, text, custom = [], [], [], []
    for number, feature in members:
        label, cid = _hover(layer, feature, number, lang), f"{layer['id']}:{number}"
        for part in _parts(feature["geometry"]):
            coords = [part] if family == "Point" else (part if family == "LineString" else part[0])
            for x, y in coords:
                lon.append(x), lat.append(y), text.append(label), custom.append(cid)
            if family != "Point":
                lon.append(None), lat.append(None), text.append(None), custom.append(None)
    c = colour(index)
    trace = {"type": "scattergeo", "lon": lon, "lat": lat, "text": text, "customdata": custom,
             "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "name": escape_hover(layer["title"]),
             "meta": {"role": "user", "slot": SLOT, "layer": layer["id"], "span": list(span)}}
    if family == "Point":
        trace.update(mode="markers", marker={"size": 10, "color": c, "symbol": "diamond",
                                             "line": {"color": "white", "width": 1.5}})
    else:
        trace.update(mode="lines", line={"color": c, "width": 3})
        if family == "Polygon":
            trace.update(fill="toself", fillcolor=c + "40")
    return trace


def draw_spec(layers: list[dict], lang: str) -> dict:
    """The traces of every layer, one per layer, shape and span of years; a token names this set."""
    traces = []
    for index, layer in enumerate(layers):
        groups: dict[tuple, list] = {}
        for number, feature in enumerate(layer["features"], start=1):
            family = feature["geometry"]["type"].replace("Multi", "")
            groups.setdefault((family, year_span(feature)), []).append((number, feature))
        for (family, span), members in groups.items():
            traces.append(_trace(layer, index, family, span, members, lang))
    token = hashlib.sha256(json.dumps([[l["id"], l["citation"]] for l in layers] + [lang]).encode()).hexdigest()[:12]
    for trace in traces:
        trace["meta"]["token"] = token
    return {"traces": traces, "token": token}


def _swatch(kind: str, index: int) -> html.Span:
    c = colour(index)
    if kind == "points":
        return html.Span("◆", className="swatch symbol", style={"color": c})
    if kind == "lines":
        return html.Span(className="swatch", children=html.Span(className="user-line", style={"borderColor": c}))
    return html.Span(className="swatch fill", style={"background": c})


def legend_entries(layers: list[dict], lang: str) -> list:
    items = []
    for index, layer in enumerate(layers):
        items.append(html.Li(className="user-layer", **{"data-layer": layer["id"]}, children=[
            _swatch(layer["kind"], index),
            html.Span([html.Strong(layer["title"], className="user-title", dir="auto"), " ",
                       html.Span(f"({digits(len(layer['features']), lang)})"), html.Br(),
                       html.Small([t("user_cited_as", lang), ": ", html.Span(layer["citation"], dir="auto")],
                                  className="user-citation")]),
            html.Button(t("user_remove", lang), id={"type": ids.USER_REMOVE, "id": layer["id"]}, n_clicks=0,
                        className="user-remove"),
        ]))
    return [html.Ul(items, className="user-legend")] if items else []


def feature_details(layer: dict, number: int, lang: str) -> list:
    feature = layer["features"][number - 1]
    rows = [html.H3(feature.get("name") or f"{layer['title']} {number}", className="user-name", dir="auto"),
            html.P(dates_text(feature, lang), className="user-dates")]
    if feature.get("note"):
        rows.append(html.P(feature["note"], className="user-note", dir="auto"))
    if feature.get("source"):
        rows.append(html.P([t("user_source", lang), ": ", feature["source"]], className="user-source"))
    rows.append(html.P([t("user_layer", lang), ": ", layer["title"], " · ", t("user_cited_as", lang), ": ",
                        layer["citation"]], className="user-citation"))
    return rows


# ------------------------------------------------------------------------------------- layout hooks

def stores() -> list:
    return [dcc.Store(id=ids.USER_LAYERS, storage_type="local", data=[]),
            dcc.Store(id=ids.USER_DRAW, data={}), dcc.Store(id=ids.USER_DRAWN, data=""),
            dcc.Download(id=ids.USER_DOWNLOAD)]


def panel(lang: str) -> html.Details:
    return html.Details(open=True, className="user-box", id=ids.USER_PANEL, children=[
        html.Summary(t("user_layers", lang), id="user-title"),
        html.P(t("user_help", lang), id="user-help", className="help"),
        html.Label(t("user_citation", lang), htmlFor=ids.USER_CITATION, id="user-citation-label"),
        dcc.Input(id=ids.USER_CITATION, type="text", maxLength=1000, debounce=True, className="user-citation-input"),
        dcc.Upload(id=ids.USER_UPLOAD, accept=".csv,.geojson,.json", max_size=1_000_000, multiple=False,
                   className="user-upload", children=html.Button(t("user_upload", lang), id="user-upload-button")),
        html.Div(id=ids.USER_MESSAGE, role="status", **{"aria-live": "polite"}, className="user-message"),
        html.Div(id=ids.USER_LEGEND),
        html.Div(id=ids.USER_DETAILS, className="user-details", **{"aria-live": "polite"}),
        html.Div(className="user-downloads", children=[
            html.Span(t("user_download", lang), id="user-download-label"), " ",
            *[html.Button(label, id=f"{ids.USER_EXPORT}-{fmt}", n_clicks=0) for fmt, label in EXPORT_FORMATS.items()],
        ]),
    ])


# ------------------------------------------------------------------------------------- callbacks

def _problems_message(problems: list[str], lang: str) -> list:
    return [html.P(t("user_problems", lang), className="user-refused"),
            html.Ul([html.Li(p, dir="ltr", lang="en") for p in problems], className="user-problems")]


def install(app: dash.Dash, dataset: Dataset, known_ids: frozenset[str], scenes: tuple) -> None:
    @app.callback(Output(ids.USER_LAYERS, "data"), Output(ids.USER_MESSAGE, "children"),
                  Input(ids.USER_UPLOAD, "contents"), State(ids.USER_UPLOAD, "filename"),
                  State(ids.USER_CITATION, "value"), State(ids.USER_LAYERS, "data"), State(ids.LANG, "value"),
                  prevent_initial_call=True)
    def add_layer(contents, filename, citation, stored, lang):
        if not contents:
            raise PreventUpdate
        layers = check_layers(stored, MAX_LAYERS)
        if len(layers) >= MAX_LAYERS:
            return no_update, _problems_message([t("user_too_many", lang).format(n=MAX_LAYERS)], lang)
        try:
            layer = parse_upload(contents, filename or "", citation or "")
        except UploadError as exc:
            return no_update, _problems_message(exc.problems, lang)
        layers = [l for l in layers if l["id"] != layer["id"]] + [layer]
        return layers, html.P(t("user_added", lang).format(title=layer["title"], n=len(layer["features"])))

    @app.callback(Output(ids.USER_LAYERS, "data", allow_duplicate=True),
                  Input({"type": ids.USER_REMOVE, "id": ALL}, "n_clicks"), State(ids.USER_LAYERS, "data"),
                  prevent_initial_call=True)
    def remove_layer(clicks, stored):
        if not isinstance(ctx.triggered_id, dict) or not any(c for c in clicks or []):
            raise PreventUpdate
        return [l for l in check_layers(stored, MAX_LAYERS) if l["id"] != ctx.triggered_id["id"]]

    @app.callback(Output(ids.USER_DRAW, "data"), Output(ids.USER_LEGEND, "children"),
                  Input(ids.USER_LAYERS, "data"), Input(ids.LANG, "value"))
    def layers_drawn(stored, lang):
        layers = check_layers(stored, MAX_LAYERS)
        return draw_spec(layers, lang), legend_entries(layers, lang)

    app.clientside_callback(dash.ClientsideFunction("exchange", "drawUserLayers"), Output(ids.USER_DRAWN, "data"),
                            Input(ids.USER_DRAW, "data"), Input(ids.YEAR, "value"))

    @app.callback(Output(ids.USER_DETAILS, "children"), Input(ids.MAP, "clickData"),
                  State(ids.USER_LAYERS, "data"), State(ids.LANG, "value"), prevent_initial_call=True)
    def show_feature(click, stored, lang):
        cid = next((p.get("customdata") for p in (click or {}).get("points") or []), None)
        layer_key, _, number = cid.partition(":") if isinstance(cid, str) else ("", "", "")
        layer = next((l for l in check_layers(stored, MAX_LAYERS) if l["id"] == layer_key), None)
        if layer is None or not number.isdigit() or not 1 <= int(number) <= len(layer["features"]):
            return []   # a click on the text's own features: their details are in the side panel
        return feature_details(layer, int(number), lang)

    @app.callback(Output(ids.USER_DOWNLOAD, "data"),
                  *[Input(f"{ids.USER_EXPORT}-{fmt}", "n_clicks") for fmt in EXPORT_FORMATS],
                  State(ids.USER_LAYERS, "data"), State(ids.URL, "search"), State(ids.YEAR, "value"),
                  prevent_initial_call=True)
    def download(*args):
        stored, search, year = args[-3:]
        if not ctx.triggered_id or not any(args[:len(EXPORT_FORMATS)]):
            raise PreventUpdate
        layers = check_layers(stored, MAX_LAYERS)
        state = view_for(parse_query(search or "", known_ids, len(scenes)), scenes)
        if isinstance(year, int):   # the slider's year, which the link may not carry yet
            state = dataclasses.replace(state, year=year)
        return export_file(dataset, state, scenes, layers, ctx.triggered_id.rsplit("-", 1)[1])

    @app.callback(Output("user-title", "children"), Output("user-help", "children"),
                  Output("user-citation-label", "children"), Output("user-upload-button", "children"),
                  Output("user-download-label", "children"), Input(ids.LANG, "value"), prevent_initial_call=True)
    def relabel(lang):
        return (t("user_layers", lang), t("user_help", lang), t("user_citation", lang), t("user_upload", lang),
                t("user_download", lang))


def export_file(dataset: Dataset, state, scenes: tuple, layers: list[dict], fmt: str) -> dict:
    """The view's download with the reader's layers added, as dcc.Download data."""
    if fmt == "lpf":
        extra = [f for layer in layers for f in lpf_features(layer)]
        body = json.dumps(view_lpf(dataset, state, extra), ensure_ascii=False, indent=1)
        return {"content": body, "filename": "view-with-my-layers.lpf.json", "type": "application/ld+json"}
    collection = view_collection(dataset, state, scenes)
    collection["features"] += [f for layer in layers for f in geojson_features(layer)]
    collection["metadata"]["readers_layers"] = [{"title": l["title"], "citation": l["citation"]} for l in layers]
    if fmt == "csv":
        caption = "".join(f"# {line}\n" for line in collection["metadata"]["caption"])
        return {"content": caption + features_csv(collection), "filename": "view-with-my-layers.csv",
                "type": "text/csv"}
    return {"content": json.dumps(collection, ensure_ascii=False, indent=1),
            "filename": "view-with-my-layers.geojson", "type": "application/geo+json"}
