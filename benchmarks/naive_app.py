"""The NAIVE variant the benchmark compares against: the server rebuilds and resends the whole figure per year.

``build_naive_app(dataset)`` is the real app (:func:`dashboard.create_app`: same layout, same
other callbacks) with one change: the clientside year callback (``map.showYear``, which
restyles the figure already in the browser) is removed, and a server callback
``Input(year) -> Output(map, figure)`` calls :func:`dashboard.figures.build_map_figure` for the
new year with the current overlays, language, feature, events window, route and view, exactly
as ``redraw_map`` does for the other inputs, with the year's events marked in the figure itself
(``_timeline.marked``, on the points of the year's span; the app marks them on the drawn map in the
browser). The naive figure carries only its year's drawing (``layout.meta.year``), not the render
model of every span that the real app's figure carries.

So that the benchmark measures both variants the same way, a small clientside callback on
``map.figure`` sets ``data-year-drawn`` on the plot div once Plotly has drawn the new figure
(on Plotly's ``plotly_react`` / ``plotly_afterplot`` events, reading ``layout.meta.year``).  Its
code is ``naive_drawn.js``, served by this app from its own origin and loaded as a page script
(the app's Content-Security-Policy blocks inline scripts, which is how Dash would otherwise ship
a clientside callback given as a string).
"""
from __future__ import annotations

from pathlib import Path

import flask
from dash import ClientsideFunction, Input, Output, State

from dashboard import create_app, ids
from dashboard.figures import build_map_figure
from dashboard.layers import MapState
from dashboard.layers._timeline import marked
from dashboard.render import span_for_year
from dashboard.routes import explorer_traces
from geodata.load import DATA_DIR, Dataset, shared_dataset

SHOW_YEAR = ("map", "showYear")   # the app's clientside year callback (assets/clientside.js)

DRAWN_JS = Path(__file__).with_name("naive_drawn.js")
DRAWN_JS_URL = "/_benchmarks/naive_drawn.js"


def _remove_clientside_callback(app, namespace: str, function_name: str) -> None:
    """Drop the clientside callback ``namespace.function_name`` before the app has served anything."""
    wanted = {"namespace": namespace, "function_name": function_name}
    found = [c for c in app._callback_list if c.get("clientside_function") == wanted]
    if not found:
        raise LookupError(f"the app has no clientside callback {namespace}.{function_name}; has it moved?")
    app._callback_list[:] = [c for c in app._callback_list if c not in found]
    for callback in found:
        app.callback_map.pop(callback["output"], None)


def build_naive_app(dataset: Dataset | None = None):
    dataset = dataset or shared_dataset(DATA_DIR)
    app = create_app(dataset)
    _remove_clientside_callback(app, *SHOW_YEAR)

    @app.callback(Output(ids.MAP, "figure", allow_duplicate=True), Input(ids.YEAR, "value"),
                  State(ids.LAYERS, "value"), State(ids.LANG, "value"), State(ids.FEATURE, "data"),
                  State(ids.WINDOW, "value"), State(ids.ROUTE_STORE, "data"), State(ids.VIEW, "data"),
                  prevent_initial_call=True)
    def naive_year(year, layers, lang, feature, window, route, view):
        from dashboard.callbacks import _view_from_store
        state = MapState(year=year, lang=lang, layers=frozenset(layers or ()), window=tuple(sorted(window)),
                         feature=feature, show_context="context" in (layers or ()))
        figure = build_map_figure(dataset, state, view=_view_from_store(view),
                                  route_traces=explorer_traces(dataset, route))
        # The year's events stand out in the figure itself (the app marks them in the browser).
        meta = figure["layout"]["meta"]
        marks = span_for_year(meta.pop("render"), year)["marks"]
        figure["data"] = [marked(trace, marks[str(i)]) if str(i) in marks else trace
                          for i, trace in enumerate(figure["data"])]
        meta["year"] = year
        return figure

    @app.server.route(DRAWN_JS_URL)
    def _naive_drawn_js():
        return flask.Response(DRAWN_JS.read_text(encoding="utf-8"), mimetype="text/javascript")

    app.config.external_scripts.append(DRAWN_JS_URL)
    app.clientside_callback(ClientsideFunction("bench_naive", "markDrawn"), Input(ids.MAP, "figure"))
    return app


if __name__ == "__main__":   # python -m benchmarks.naive_app: serve it on :8051 to look at it
    build_naive_app().run(port=8051)
