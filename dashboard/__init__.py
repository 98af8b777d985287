"""The Dash app: ``create_app()`` builds it around a dataset loaded once, read-only."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import flask
from dash import Dash
from flask_compress import Compress

from geodata.load import DATA_DIR, DataError, Dataset, shared_dataset

from . import callbacks, dated_details, dated_routes, downloads, ids, page_lang, page_scripts, userlayers
from .figures import clockwise_geojson
from .i18n import t
from .layout import build_layout, skeleton_layout
from .tour_ui import view_for
from .urlstate import parse_query
from . import security
from .served_once import ServedOnce

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BASE_LAYER_FILES = {"countries", "seas", "provinces"}
# Every text type the app serves (fonts are woff2, compressed already; PNGs likewise).
COMPRESSED_TYPES = ("text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
                    "application/json", "application/geo+json", "image/svg+xml", "image/x-icon")


def create_app(dataset: Dataset | None = None) -> Dash:
    dataset = dataset or shared_dataset(DATA_DIR)
    known_ids = frozenset(dataset.by_id) | frozenset(dataset.places) | dated_details.DATED_IDS
    scenes = dataset.tour   # the dataset's own, read and checked with it from its data folder
    # flask-compress fixes the types it compresses when it starts, and its list lacks GeoJSON (the
    # country layer is 306 kB raw, 103 kB compressed): start it here, on a server configured first.
    server = flask.Flask("dashboard")
    server.config["COMPRESS_MIMETYPES"] = list(COMPRESSED_TYPES)
    Compress(server)
    app = Dash(
        "dashboard", server=server, assets_folder=str(ASSETS), serve_locally=True, title=t("title", "en"),
        update_title=None, compress=False, suppress_callback_exceptions=False,
    )

    def serve_layout():
        # Dash fetches the layout in a request of its own; the page's URL arrives as the referrer
        # (same origin), so a shared link opens exactly its view from the first paint.
        query, link = "", None
        if flask.has_request_context():
            page = urlsplit(flask.request.referrer or "")
            query = page.query or flask.request.query_string.decode("latin-1")
            if page.netloc and page.netloc == flask.request.host:
                link = {"pathname": page.path or "/", "search": f"?{page.query}" if page.query else "",
                        "href": flask.request.referrer}
        return build_layout(dataset, view_for(parse_query(query, known_ids, len(scenes)), scenes), scenes, link)

    app.layout = serve_layout
    # A layout built per request needs a static one against which Dash checks the callbacks' ids.
    app.validation_layout = skeleton_layout(build_layout(dataset, parse_query({}, known_ids), scenes))

    _serve_base_layers(app, dataset)
    dated_routes.install(app)
    page_lang.install(app)
    page_scripts.install(app)
    callbacks.register(app, dataset, known_ids, scenes)
    downloads.install(app, dataset, known_ids, scenes)
    userlayers.install(app, dataset, known_ids, scenes)
    security.install(app)
    # Last, around everything above: what it keeps is exactly what the app answered.
    server.wsgi_app = ServedOnce(server.wsgi_app)
    logging.getLogger(__name__).info("app ready: %d records, %d places", len(dataset.records), len(dataset.places))
    return app


def _serve_base_layers(app, dataset: Dataset) -> None:
    """The base layers as GeoJSON: as stored, and wound the way Plotly's geo draws them."""
    @app.server.route("/geodata/base/<name>.geojson")
    def base_layer(name: str):
        if name not in BASE_LAYER_FILES:
            flask.abort(404)
        response = flask.Response(dataset.base[name].geojson_text, mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    @app.server.route("/geodata/plotly/<name>.geojson")
    def plotly_layer(name: str):
        """The same layer wound the way Plotly's geo draws it (see figures.clockwise_geojson)."""
        if name not in BASE_LAYER_FILES:
            flask.abort(404)
        response = flask.Response(clockwise_geojson(dataset.base[name].geojson_text), mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response


__all__ = ["create_app", "ids"]
