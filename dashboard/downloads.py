"""Plain HTTP downloads: the visible features as GeoJSON, CSV or Linked Places, and a printable tour handout.

They read the same query string as the page, so a link downloads exactly what the view shows.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import dash
import flask

from geodata.export import feature_collection, features_csv
from geodata.load import Dataset
from geodata.lpf import lpf_collection

from . import ids as _ids
from .handout import handout_html
from .i18n import DEFAULT_LANG, known_language, names_by_language
from .tour_ui import caption_lines, view_for, visible_record_ids
from .urlstate import parse_query, to_query


def install(app, dataset: Dataset, known_ids: frozenset[str], scenes: tuple) -> None:
    server = app.server

    def current_view():
        return view_for(parse_query(flask.request.query_string.decode("latin-1"), known_ids, len(scenes)), scenes)

    def caption_lines_for_view():
        state = current_view()
        return caption_lines(dataset, state, scenes[state.scene - 1] if state.scene else None)

    def visible_collection():
        return view_collection(dataset, current_view(), scenes)

    @server.route("/export/view.geojson")
    def export_geojson():
        body = json.dumps(visible_collection(), ensure_ascii=False, indent=1)
        return flask.Response(body, mimetype="application/geo+json",
                              headers={"Content-Disposition": 'attachment; filename="view.geojson"'})

    @server.route("/export/view.csv")
    def export_csv():
        # The caption is not in the CSV (a spreadsheet would read it as rows): it is served next
        # to it, at the same query, and named in a Link header.
        caption_url = "/export/view.caption.txt?" + flask.request.query_string.decode("latin-1")
        return flask.Response(features_csv(visible_collection()), content_type="text/csv; charset=utf-8",
                              headers={"Content-Disposition": 'attachment; filename="view.csv"',
                                       "Link": f'<{quote(caption_url, safe="/?=&,.:%")}>; rel="describedby"'})

    @server.route("/export/view.caption.txt")
    def export_caption():
        text = "".join(line + "\n" for line in caption_lines_for_view())
        return flask.Response(text, content_type="text/plain; charset=utf-8",
                              headers={"Content-Disposition": 'attachment; filename="view.caption.txt"'})

    # The LPF link follows the GeoJSON link, which the year and the URL keep current.
    app.clientside_callback(dash.ClientsideFunction("exchange", "lpfHref"),
                            dash.Output(_ids.EXPORT_LPF, "href"), dash.Input(_ids.EXPORT_GEOJSON, "href"))

    @server.route("/export/view.lpf.json")
    def export_lpf():
        body = json.dumps(view_lpf(dataset, current_view()), ensure_ascii=False, indent=1)
        return flask.Response(body, mimetype="application/ld+json",
                              headers={"Content-Disposition": 'attachment; filename="view.lpf.json"'})

    @server.route("/tour/handout")
    def handout():
        lang = known_language(flask.request.args.get("lang")) or DEFAULT_LANG
        # Absolute links: a printed handout's reader types or scans them, with no page to be relative to.
        return flask.Response(handout_html(dataset, scenes, lang, base_url=flask.request.host_url),
                              mimetype="text/html")


def view_collection(dataset: Dataset, state, scenes: tuple) -> dict:
    """The GeoJSON of what the map shows for ``state``, with the caption and the view's link."""
    ids = visible_record_ids(dataset, state)
    collection = feature_collection(dataset, year=state.year, ids=ids)
    scene = scenes[state.scene - 1] if state.scene else None
    collection["metadata"]["caption"] = caption_lines(dataset, state, scene)
    collection["metadata"]["view"] = to_query(state)
    for feature in collection["features"]:   # names in every registered language, catalogues included
        props = feature["properties"]
        thing = dataset.by_id.get(props["id"]) or dataset.places.get(props["id"])
        if thing is not None:
            props["name"] = {**props["name"], **names_by_language(thing)}
    return collection


def view_lpf(dataset: Dataset, state, extra: list[dict] = ()) -> dict:
    """The Linked Places of what the map shows for ``state`` (its records), then ``extra`` features."""
    ids = set(visible_record_ids(dataset, state))
    collection = lpf_collection(dataset, [r for r in dataset.records if r.id in ids], [], extra)
    collection["metadata"]["view"] = to_query(state)
    return collection
