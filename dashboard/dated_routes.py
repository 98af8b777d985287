"""Serves the dated layers' shapes for drawing (dashboard/layers/_dated.py): one GeoJSON per
layer with every feature of every span, fetched once by Plotly and cached by the browser."""
from __future__ import annotations

import flask

from .layers import _dated


def install(app) -> None:
    @app.server.route("/geodata/dated/<name>.geojson")
    def dated_layer(name: str):
        if name not in _dated.DRAWN:
            flask.abort(404)
        response = flask.Response(_dated.drawing_geojson(name), mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response
