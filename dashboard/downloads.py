"""Plain HTTP downloads: the visible features as GeoJSON, CSV or Linked Places, and a printable tour handout.

They read the same query string as the page, so a link downloads exactly what the view shows.
"""
from __future__ import annotations

import html as _html
import json
from urllib.parse import quote

import dash
import flask

from geodata.export import feature_collection, features_csv
from geodata.load import Dataset
from geodata.lpf import lpf_collection

from . import ids as _ids
from .i18n import DEFAULT_LANG, digits, direction, gloss_wanted, known_language, names_by_language, t, text_in
from .tour_ui import caption_lines, scene_text, view_for, visible_record_ids
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
        return flask.Response(handout_html(dataset, scenes, lang), mimetype="text/html")


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


def _handout_gloss(context: str, english: str, lang: str) -> str:
    """The passage's gloss in the handout's language, else the English and, on another language's
    handout, a word that it is not translated yet; none on a handout in the quotation's language."""
    if not gloss_wanted(lang):
        return ""
    text, text_lang = text_in(context, english, lang)
    missing = "" if text_lang == lang else f' <span class="no-translation">{_html.escape(t("gloss_missing", lang))}</span>'
    return (f'<p class="gloss"><span lang="{text_lang}" dir="{direction(text_lang)}">{_html.escape(text)}</span>'
            f'{missing}</p>')


def handout_html(dataset: Dataset, scenes: tuple, lang: str) -> str:
    """One printed page per scene: title, year, caption, the passage and its gloss, and the link to the scene."""
    e = _html.escape
    pages = []
    for scene in scenes:
        p = scene.passage
        pages.append(f"""<section class="page">
<p class="counter">{e(digits(scene.number, lang))} / {e(digits(len(scenes), lang))} · {e(t('year', lang))} {e(digits(scene.year, lang))}</p>
<h2>{e(scene_text(scene, 'title', lang))}</h2>
<p>{e(scene_text(scene, 'caption', lang))}</p>
<blockquote lang="ur" dir="rtl" class="urdu">{e(p.quote)}</blockquote>
<p class="cite">{e(t('block', lang))} {e(digits(p.block, lang))}</p>
{_handout_gloss(f"tour:{scene.id}", p.gloss, lang)}
<p class="link" dir="ltr">/?scene={scene.number}{"" if lang == DEFAULT_LANG else f"&amp;lang={e(lang)}"}</p>
</section>""")
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/_languages.css">
<title>{e(t('handout', lang))} — {e(t('title', lang))}</title>
<link rel="stylesheet" href="/assets/fonts.css"><link rel="stylesheet" href="/assets/fonts-fa.css"><link rel="stylesheet" href="/assets/handout.css">
</head><body class="handout"><header><h1>{e(t('title', lang))}</h1></header>
{''.join(pages)}
<footer>{e(t('attribution', lang))}</footer></body></html>"""
