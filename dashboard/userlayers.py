"""The reader's own layers: upload, legend entries, details, drawing per year, downloads.

The layers live in the reader's browser (a dcc.Store in local storage) and nowhere else: the
server checks an upload with the pure functions of geodata/userdata.py, hands the result back and
keeps nothing.  Whatever the browser sends back is checked again before it is used.  For drawing,
the server turns the layers into Plotly traces, each with the span of years it is shown in
(:func:`draw_spec`); assets/exchange.js only adds them to the map and sets which are visible.

The file and the stored layers (up to a megabyte) travel in three plain POST endpoints under
/user-layers/ (check, draw, export), called by assets/exchange.js, not in Dash callbacks, whose
requests dashboard/security.py keeps small; the callbacks here carry only small summaries.

Names, notes and sources are the reader's text: the panel shows them as text (Dash escapes
children) and the hover labels escape them (:func:`escape_hover`), so markup is never read.
"""
from __future__ import annotations

import hashlib
import json

import dash
import flask
from dash import ALL, Input, Output, State, dcc, html

from geodata.export import features_csv
from geodata.load import Dataset
from geodata.userdata import (CITATION_LIMIT, MAX_BYTES, MAX_LAYERS, MAX_PROBLEMS_LISTED, UploadError, check_layers,
                              clean_text, no_room, parse_upload, year_span)
from geodata.userexport import geojson_features, lpf_features

from . import ids
from .downloads import view_collection, view_lpf
from .i18n import LANGS, digits, t
from .layers._base import escape_hover
from .tour_ui import view_for
from .urlstate import parse_query

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
    if kind == "points" or kind not in ("lines", "areas", "mixed"):
        return html.Span("◆", className="swatch symbol", style={"color": c})
    if kind == "lines":
        return html.Span(className="swatch", children=html.Span(className="user-line", style={"borderColor": c}))
    return html.Span(className="swatch fill", style={"background": c})


def legend_entries(index: list[dict], lang: str) -> list:
    """One entry per layer, from the browser's summary (id, title, kind, count, citation), shown as text."""
    items = []
    for n, layer in enumerate(index):
        items.append(html.Li(className="user-layer", **{"data-layer": str(layer.get("id"))}, children=[
            _swatch(layer.get("kind"), n),
            html.Span([html.Strong(str(layer.get("title")), className="user-title", dir="auto"), " ",
                       html.Span(f"({digits(int(layer.get('count') or 0), lang)})"), html.Br(),
                       html.Small([t("user_cited_as", lang), ": ", html.Span(str(layer.get("citation")), dir="auto")],
                                  className="user-citation")]),
            html.Button(t("user_remove", lang), id={"type": ids.USER_REMOVE, "id": str(layer.get("id"))}, n_clicks=0,
                        className="user-remove"),
        ]))
    return [html.Ul(items, className="user-legend")] if items else []


def feature_details(pick: dict, lang: str) -> list:
    """The clicked feature (its fields, its layer's title and citation, picked out in the browser), as text."""
    def text(key: str, limit: int = 2_000) -> str:
        return clean_text(pick.get(key), limit)
    feature = {"start": text("start", 10) or None, "end": text("end", 10) or None}
    rows = [html.H3(text("name") or f"{text('layer')} {text('number', 6)}", className="user-name", dir="auto"),
            html.P(dates_text(feature, lang), className="user-dates")]
    if text("note"):
        rows.append(html.P(text("note"), className="user-note", dir="auto"))
    if text("source"):
        rows.append(html.P([t("user_source", lang), ": ", text("source")], className="user-source", dir="auto"))
    rows.append(html.P([t("user_layer", lang), ": ", text("layer"), " · ", t("user_cited_as", lang), ": ",
                        text("citation")], className="user-citation", dir="auto"))
    return rows


# ------------------------------------------------------------------------------------- layout hooks

def stores() -> list:
    return [dcc.Store(id=ids.USER_LAYERS, storage_type="local", data=[]),
            dcc.Store(id=ids.USER_RESULT, data={}),     # what the check endpoint answered, set by exchange.js
            dcc.Store(id=ids.USER_STATUS, data={}),     # the message to show: added, or the problems
            dcc.Store(id=ids.USER_INDEX, data=[]),      # id, title, kind, count, citation of each layer
            dcc.Store(id=ids.USER_PICK, data={}),       # the reader's feature clicked on the map
            dcc.Store(id=ids.USER_DRAWN, data="")]


def panel(lang: str) -> html.Details:
    return html.Details(open=True, className="user-box", id=ids.USER_PANEL, **{"data-max-bytes": str(MAX_BYTES)},
                        children=[
        html.Summary(t("user_layers", lang), id="user-title"),
        html.P(t("user_help", lang), id="user-help", className="help"),
        html.Label(t("user_citation", lang), htmlFor=ids.USER_CITATION, id="user-citation-label"),
        dcc.Input(id=ids.USER_CITATION, type="text", maxLength=CITATION_LIMIT, className="user-citation-input"),
        # dcc.Upload only reads the file in the browser; exchange.checkUpload sends its bytes to
        # /user-layers/check (no callback carries the contents).
        dcc.Upload(id=ids.USER_FILE, accept=".csv,.geojson,.json", multiple=False, className="user-upload",
                   children=html.Button(t("user_upload", lang), id="user-upload-button")),
        html.Div(id=ids.USER_MESSAGE, role="status", **{"aria-live": "polite"}, className="user-message"),
        html.Div(id=ids.USER_LEGEND),
        html.Div(id=ids.USER_DETAILS, className="user-details", **{"aria-live": "polite"}),
        html.Div(className="user-downloads", children=[
            html.Span(t("user_download", lang), id="user-download-label"), " ",
            *[html.Button(t(f"export_{fmt}", lang), id=f"{ids.USER_EXPORT}-{fmt}", n_clicks=0, **{"data-format": fmt})
              for fmt in EXPORT_FORMATS],
        ]),
    ])


# ------------------------------------------------------------------------------------- server

def _status_message(status: dict, lang: str) -> list:
    if status.get("problems"):
        return [html.P(t("user_problems", lang), className="user-refused"),
                html.Ul([html.Li(str(p), dir="ltr", lang="en") for p in status["problems"][:MAX_PROBLEMS_LISTED + 1]],
                        className="user-problems")]
    if status.get("added"):
        count = digits(int(status.get("n", 0)), lang)
        return [html.P(t("user_added", lang).format(title=str(status["added"]), n=count))]
    return []


def _json_error(message: str, status: int) -> flask.Response:
    return flask.Response(json.dumps({"problems": [message]}), status=status, mimetype="application/json")


def _posted_layers() -> list[dict] | None:
    body = flask.request.get_json(silent=True)
    return check_layers(body, MAX_LAYERS) if isinstance(body, list) else None


def install_endpoints(server: flask.Flask, dataset: Dataset, known_ids: frozenset[str], scenes: tuple) -> None:
    @server.post("/user-layers/check")
    def check_upload():
        args = flask.request.args
        try:
            layer = parse_upload(flask.request.get_data(cache=False), args.get("name", ""), args.get("citation", ""))
        except UploadError as exc:   # a refused file is an answer, not a failed request
            return flask.jsonify({"problems": exc.problems})
        try:
            stored_bytes, stored_count = int(args.get("stored_bytes", 0)), int(args.get("stored_count", 0))
        except ValueError:
            return _json_error("stored_bytes and stored_count must be whole numbers", 400)
        full = no_room(layer, stored_bytes, stored_count)
        if full:
            return flask.jsonify({"problems": [f"{layer['title']}: {full}"]})
        return flask.jsonify({"layer": layer})

    @server.post("/user-layers/draw")
    def draw():
        layers = _posted_layers()
        if layers is None:
            return _json_error("expected the layers as a JSON list", 400)
        lang = flask.request.args.get("lang", "en")
        return flask.jsonify(draw_spec(layers, lang if lang in LANGS else "en"))

    @server.post("/user-layers/export/<fmt>")
    def export(fmt: str):
        layers = _posted_layers()
        if layers is None or fmt not in EXPORT_FORMATS:
            return _json_error("expected the layers as a JSON list, and geojson, csv or lpf", 400)
        state = view_for(parse_query(flask.request.query_string.decode("latin-1"), known_ids, len(scenes)), scenes)
        out = export_file(dataset, state, scenes, layers, fmt)
        return flask.Response(out["content"], mimetype=out["type"],
                              headers={"Content-Disposition": f'attachment; filename="{out["filename"]}"'})


def install(app: dash.Dash, dataset: Dataset, known_ids: frozenset[str], scenes: tuple) -> None:
    install_endpoints(app.server, dataset, known_ids, scenes)
    cf = dash.ClientsideFunction
    # In the browser: the checked file joins the stored layers; a layer is removed; the summary and
    # the clicked feature are taken out of the stored layers; the layers are drawn for the year.
    app.clientside_callback(cf("exchange", "checkUpload"), Output(ids.USER_RESULT, "data"),
                            Input(ids.USER_FILE, "contents"), State(ids.USER_FILE, "filename"),
                            State(ids.USER_CITATION, "value"), prevent_initial_call=True)
    app.clientside_callback(cf("exchange", "addChecked"), Output(ids.USER_LAYERS, "data"),
                            Output(ids.USER_STATUS, "data"), Input(ids.USER_RESULT, "data"),
                            State(ids.USER_LAYERS, "data"), prevent_initial_call=True)
    app.clientside_callback(cf("exchange", "removeLayer"), Output(ids.USER_LAYERS, "data", allow_duplicate=True),
                            Input({"type": ids.USER_REMOVE, "id": ALL}, "n_clicks"), State(ids.USER_LAYERS, "data"),
                            prevent_initial_call=True)
    app.clientside_callback(cf("exchange", "summarise"), Output(ids.USER_INDEX, "data"),
                            Input(ids.USER_LAYERS, "data"))
    app.clientside_callback(cf("exchange", "pick"), Output(ids.USER_PICK, "data"), Input(ids.MAP, "clickData"),
                            State(ids.USER_LAYERS, "data"), prevent_initial_call=True)
    app.clientside_callback(cf("exchange", "drawUserLayers"), Output(ids.USER_DRAWN, "data"),
                            Input(ids.USER_LAYERS, "data"), Input(ids.LANG, "value"))

    @app.callback(Output(ids.USER_LEGEND, "children"), Input(ids.USER_INDEX, "data"), Input(ids.LANG, "value"))
    def legend(index, lang):
        return legend_entries([i for i in index or [] if isinstance(i, dict)], lang)

    @app.callback(Output(ids.USER_MESSAGE, "children"), Input(ids.USER_STATUS, "data"), Input(ids.LANG, "value"),
                  prevent_initial_call=True)
    def message(status, lang):
        return _status_message(status if isinstance(status, dict) else {}, lang)

    @app.callback(Output(ids.USER_DETAILS, "children"), Input(ids.USER_PICK, "data"), Input(ids.LANG, "value"),
                  prevent_initial_call=True)
    def details(pick, lang):
        return feature_details(pick, lang) if isinstance(pick, dict) and pick.get("layer") else []

    @app.callback(Output("user-title", "children"), Output("user-help", "children"),
                  Output("user-citation-label", "children"), Output("user-upload-button", "children"),
                  Output("user-download-label", "children"), Input(ids.LANG, "value"), prevent_initial_call=True)
    def relabel(lang):
        return (t("user_layers", lang), t("user_help", lang), t("user_citation", lang), t("user_upload", lang),
                t("user_download", lang))


def export_file(dataset: Dataset, state, scenes: tuple, layers: list[dict], fmt: str) -> dict:
    """The view's download with the reader's layers added: content, filename and media type."""
    if fmt == "lpf":
        extra = [f for layer in layers for f in lpf_features(layer)]
        body = json.dumps(view_lpf(dataset, state, extra), ensure_ascii=False, indent=1)
        return {"content": body, "filename": "view-with-my-layers.lpf.json", "type": "application/ld+json"}
    collection = view_collection(dataset, state, scenes)
    collection["features"] += [f for layer in layers for f in geojson_features(layer)]
    collection["metadata"]["readers_layers"] = [{"title": l["title"], "citation": l["citation"]} for l in layers]
    if fmt == "csv":
        # BOM and header first, as /export/view.csv: caption lines above the header broke it in a
        # spreadsheet (the reader's citation is in each of their rows' citations).
        return {"content": features_csv(collection), "filename": "view-with-my-layers.csv",
                "type": "text/csv; charset=utf-8"}
    return {"content": json.dumps(collection, ensure_ascii=False, indent=1),
            "filename": "view-with-my-layers.geojson", "type": "application/geo+json"}
