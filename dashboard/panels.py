"""Pure functions that build the side panels: details of a feature, the events timeline, the legend."""
from __future__ import annotations

from dash import html

from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata import query
from geodata.query import events_between

from . import dated_details, ids
from .i18n import (DEFAULT_LANG, digits, direction, format_date, gloss_wanted, name_in, number, status_label, t,
                   text_in)
from .layers import REGISTRY, legend_groups
from .layers._legend import DASH_PATTERNS
from .layers._timeline import in_year

UR = {"lang": "ur", "dir": "rtl", "className": "urdu"}
ALWAYS_NAMED = ("en", "ur")   # a feature is named in English and in the text's Urdu on every page


def _ur(text: str, tag=html.Span, **kw):
    return tag(text, lang="ur", dir="rtl", className="urdu " + kw.pop("className", ""), **kw)


def _en(text: str, tag=html.Span, **kw):
    return tag(text, lang="en", dir="ltr", **kw)


def data_note(context: str, english: str, lang: str, tag=html.Div, **kw):
    """A note from the data in ``lang``; where it has no translation yet, says so and gives the English."""
    text, text_lang = text_in(context, english, lang)
    if text_lang == lang:
        return tag(text, lang=lang, dir=direction(lang), **kw)
    return tag([html.Span(t("no_translation", lang), className="no-translation"), " ",
                html.Span(text, lang=text_lang, dir=direction(text_lang))], **kw)


def gloss(context: str, english: str, lang: str):
    """The gloss of a quotation: the page language's if there is one, else the English and, unless the
    page is English, a word that it has not been translated yet; none on a page in the quotation's language."""
    if not gloss_wanted(lang):
        return None
    text, text_lang = text_in(context, english, lang)
    label = t("gloss_translated" if text_lang != DEFAULT_LANG else "gloss", lang)
    missing = [" ", html.Span(t("gloss_missing", lang), className="no-translation")] if text_lang != lang else []
    return html.P([html.Em(label + ": "), html.Span(text, lang=text_lang, dir=direction(text_lang))] + missing,
                  className="gloss")


def certainty_text(certainty: str, lang: str) -> str:
    return t(f"c_{certainty}", lang)


def details_panel(dataset: Dataset, feature_id: str | None, lang: str, year: int):
    """What the text (and any context) says of a record or a place, its status in ``year`` included."""
    if not feature_id:
        return html.P(t("details_hint", lang), className="hint")
    if dated_details.is_dated(feature_id):   # a political unit or province of the year (issue 13)
        return dated_details.panel(dataset, feature_id, lang, year)
    record, place = query.record(dataset, feature_id), query.place(dataset, feature_id)
    if record is None and place is None:
        return html.P(t("unknown_feature", lang), className="hint", role="alert")
    if record is not None:
        body = _record_body(record, lang, year)
        sources, notes, context = record.sources, record.notes, record.context
    else:
        body = _place_body(place, lang)
        sources, notes, context = ((place.source,) if place.source else ()), (), ()
    body += _passages(feature_id, sources, lang) + _notes_and_context(feature_id, notes, context, lang)
    if place is not None:
        body += _related(dataset, place, lang)
    # For the keyboard: back to the entry, list or search the feature was chosen from (assets/a11y.js).
    back = html.Button(t("back_to_list", lang), className="back-to-list", **{"data-feature": feature_id})
    return html.Article(_names_head(record or place, lang) + body + [back], className="feature-details",
                        **{"data-feature": feature_id})


def _names_head(thing, lang: str) -> list:
    """English and the text's Urdu are always given; another page language's name comes first."""
    names = thing.names
    own = [] if lang in ALWAYS_NAMED else [
        html.Span(name_in(thing, lang), lang=lang, dir=direction(lang), className="name-own"), html.Br()]
    head = [html.H3(own + [_en(names.en), html.Br(), _ur(names.ur)], className="feature-names")]
    others = [n for code, n in names.as_dict().items() if code not in ALWAYS_NAMED and code != lang]
    if others:
        head.append(html.P(" · ".join(others), className="other-names"))
    return head


def _record_body(record, lang: str, year: int) -> list:
    """The record's layer, its status in the year and over time, and where it is drawn."""
    stage = record.stage_at(end_of_year(year))
    layer = next((l for l in REGISTRY if record.kind in l.kinds), None)
    status_name = layer.status_label if layer else status_label
    badge = [html.Span(layer.label(lang) if layer else record.kind, className="badge")]
    if not record.from_text:
        badge.append(html.Span(t("context_badge", lang), className="badge badge-context"))
    if stage:
        badge.append(html.Span(f"{digits(year, lang)}: {status_name(stage.status, lang)}", className="badge badge-status"))
    rows = []
    for s in record.stages:
        basis = "" if s.basis == "text" else f" [{t('context', lang)}]"
        rows.append(html.Li([
            html.Strong(status_name(s.status, lang)), " ",
            f"{format_date(s.start, lang)} – {format_date(s.end, lang) if s.end else t('ongoing', lang)}",
            html.Span(f" ({t('certainty', lang)}: {certainty_text(s.certainty, lang)}){basis}", className="muted"),
            data_note(record.id, s.note, lang, className="note") if s.note else None,
        ]))
    return [html.P(badge), html.H4(t("status_history", lang)), html.Ul(rows, className="stages"),
            *_location(record, layer, lang)]


def _location(record, layer, lang: str) -> list:
    """How surely the record is placed: as its layer draws it (a railway's real alignment), else its own."""
    drawn = layer.drawn_location(record, lang) if layer is not None and layer.drawn_location else None
    if drawn is None:
        own = [html.P([html.Strong(t("location", lang) + ": "), t(f"l_{record.location_certainty}", lang)])]
        return own + ([data_note(record.id, record.location_note, lang, html.P, className="note")]
                      if record.location_note else [])
    certainty, note, citations = drawn
    return [html.P([html.Strong(t("location", lang) + ": "), t(f"l_{certainty}", lang), " — ", note],
                   **{"data-drawn": "alignment"}),
            html.P([html.Cite(c, lang="en", dir="ltr") for c in citations], className="muted")]


def _place_body(place, lang: str) -> list:
    where = t("coordinates", lang).format(lat=number(place.lat, lang, 3), lon=number(place.lon, lang, 3))
    body = [html.P([html.Strong(t("location", lang) + ": "), t(f"l_{place.location_certainty}", lang), f" — {where} (",
                    html.Cite(place.coord_source, lang="en", dir="ltr"), ")"], className="muted")]
    if place.note:
        body.append(data_note(place.id, place.note, lang, html.P, className="note"))
    return body


def _passages(feature_id: str, sources, lang: str) -> list:
    """Each passage of the text, quoted verbatim, with its place in the text and its gloss."""
    if not sources:
        return []
    out = [html.H4(t("source_passage", lang))]
    for s in sources:
        cite = f"{t('block', lang)} {digits(s.block, lang)}"
        if s.footnote:
            cite += f", {t('footnote', lang)} {digits(s.footnote, lang)}"
            if s.footnote_printed:
                cite += f" ({t('printed', lang)} {s.footnote_printed})"
        out.append(html.Figure([
            html.Blockquote(s.quote, lang="ur", dir="rtl", className="quote urdu"),
            html.Figcaption(cite, className="cite"),
            gloss(feature_id, s.gloss, lang),
        ], className="passage"))
    return out


def _notes_and_context(feature_id: str, notes, context, lang: str) -> list:
    out = []
    if notes:
        out.append(html.H4(t("notes", lang)))
        out.append(html.Ul([data_note(feature_id, n.text, lang, html.Li, className=f"note note-{n.kind}")
                            for n in notes]))
    if context:
        out.append(html.H4(t("context", lang)))
        out.append(html.Ul([html.Li([data_note(feature_id, c.claim, lang, html.Span), " — ", html.Cite(c.citation),
                                     html.Span(f" {c.url}", className="muted") if c.url else None])
                            for c in context], className="context-list"))
    return out


def _related(dataset: Dataset, place, lang: str) -> list:
    """The text's records that run through the place, each a button that opens it."""
    related = [r for r in query.records_at_place(dataset, place.id) if r.from_text]
    if not related:
        return []
    return [html.H4(t("timeline", lang)),
            html.Ul([html.Li(html.Button(name_in(r, lang), id={"type": ids.RELATED_ITEM, "id": r.id},
                                         className="linklike")) for r in related])]


TIMELINE_LIMIT = 40   # entries rendered at once; a wider window lists those nearest the year


def _distance_in_years(record, year: int) -> int:
    """0 for an event in the year, else how many years it lies before or after it."""
    if in_year(record, year):
        return 0
    years = [d.year for s in record.stages for d in (s.start, s.end) if d]
    return min((abs(y - year) for y in years), default=10_000)


def timeline_items(dataset: Dataset, window: tuple[int, int], year: int, lang: str, selected: str | None,
                   limit: int = TIMELINE_LIMIT):
    """The events of the window, oldest first; at most ``limit`` of them, those nearest ``year``.

    Each entry carries its record's id (``data-record``): the browser marks the entries of a new
    year as current from the map's render model (dashboard/render.py), without the server.
    """
    records = events_between(dataset, *window)
    if not records:
        return html.P(t("no_events", lang), className="hint")
    shown = records
    if len(records) > limit:
        nearest = sorted(range(len(records)), key=lambda i: (_distance_in_years(records[i], year), i))[:limit]
        shown = tuple(records[i] for i in sorted(nearest))
    items = []
    for r in shown:
        stage = r.stages[0]
        when = format_date(stage.start, lang)
        if stage.end and stage.end != stage.start:
            when += f" – {format_date(stage.end, lang)}"
        classes = ["event-item"]
        if in_year(r, year):
            classes.append("current")
        if r.id == selected:
            classes.append("selected")
        items.append(html.Li(html.Button(
            [html.Span(when, className="when"), name_in(r, lang)],   # the name a text node: one component fewer each
            id={"type": ids.EVENT_ITEM, "id": r.id}, className=" ".join(classes),
            **{"aria-pressed": "true" if r.id == selected else "false", "data-record": r.id})))
    out = [html.Ol(items, className="timeline-list")]
    if len(shown) < len(records):
        out.insert(0, html.P(t("timeline_capped", lang).format(shown=digits(len(shown), lang),
                                                               total=digits(len(records), lang),
                                                               year=digits(year, lang)),
                             className="hint timeline-capped"))
    return out




def swatch(sw):
    """A legend swatch (layers/_legend.Swatch) as a small inline picture."""
    if sw.shape == "fill":
        return html.Span(className="swatch fill", style={"background": sw.colour})
    if sw.shape == "symbol":
        return html.Span(sw.symbol, className="swatch symbol" + (" open" if sw.open else ""), style={"color": sw.colour})
    # A picture as the span's background, not an <img> in it: one component, not two (every
    # component costs each update of Dash's store, a slider move among them).
    picture = ("data:image/svg+xml;utf8,"
               f"<svg xmlns='http://www.w3.org/2000/svg' width='44' height='12'><line x1='2' y1='6' x2='42' y2='6' "
               f"stroke='{sw.colour.replace('#', '%23')}' stroke-width='4' stroke-dasharray='{','.join(map(str, DASH_PATTERNS[sw.dash]))}' "
               f"opacity='{sw.opacity}'/></svg>")
    return html.Span(className="swatch line", style={"backgroundImage": f'url("{picture}")'})


def legend(lang: str, layers: tuple[str, ...]):
    """The legend entries of each layer that is on, in the registry's order; an entry that two
    layers share (a line pattern, the open symbol) is shown under the first of them."""
    out = []
    for layer, entries in legend_groups(layers, lang):
        out.append(html.H3(layer.label(lang), className="legend-layer"))
        out.append(html.Ul([html.Li([swatch(sw), text]) for sw, text in entries],
                           **{"data-layer": layer.id}))
    return out
