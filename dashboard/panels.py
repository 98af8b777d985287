"""Pure functions that build the side panels: details of a feature, the events timeline, the legend."""
from __future__ import annotations

import json

from dash import html

from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata.query import events_between

from . import ids, style
from .i18n import DEFAULT_LANG, digits, direction, format_date, name_in, status_label, t, text_in
from .layers import REGISTRY
from .layers._timeline import in_year, spans

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
    page is English, a word that it has not been translated yet."""
    text, text_lang = text_in(context, english, lang)
    label = t("gloss_translated" if text_lang != DEFAULT_LANG else "gloss", lang)
    missing = [" ", html.Span(t("gloss_missing", lang), className="no-translation")] if text_lang != lang else []
    return html.P([html.Em(label + ": "), html.Span(text, lang=text_lang, dir=direction(text_lang))] + missing,
                  className="gloss")


def certainty_text(certainty: str, lang: str) -> str:
    return t(f"c_{certainty}", lang)


def details_panel(dataset: Dataset, feature_id: str | None, lang: str, year: int):
    if not feature_id:
        return html.P(t("details_hint", lang), className="hint")
    record = dataset.by_id.get(feature_id)
    place = dataset.places.get(feature_id)
    if record is None and place is None:
        return html.P(t("unknown_feature", lang), className="hint", role="alert")
    thing = record or place
    names = thing.names
    # English and the text's Urdu are always given; another page language's name comes first.
    own = [] if lang in ALWAYS_NAMED else [
        html.Span(name_in(thing, lang), lang=lang, dir=direction(lang), className="name-own"), html.Br()]
    head = [html.H3(own + [_en(names.en), html.Br(), _ur(names.ur)], className="feature-names")]
    others = [n for code, n in names.as_dict().items() if code not in ALWAYS_NAMED and code != lang]
    if others:
        head.append(html.P(" · ".join(others), className="other-names"))
    body = []
    if record is not None:
        stage = record.stage_at(end_of_year(year))
        kind_label = next((t(l.label_key, lang) for l in REGISTRY if record.kind in l.kinds), record.kind)
        badge = [html.Span(kind_label, className="badge")]
        if not record.from_text:
            badge.append(html.Span(t("context_badge", lang), className="badge badge-context"))
        if stage:
            badge.append(html.Span(f"{digits(year, lang)}: {status_label(stage.status, lang)}", className="badge badge-status"))
        body.append(html.P(badge))
        body.append(html.H4(t("status_history", lang)))
        rows = []
        for s in record.stages:
            basis = "" if s.basis == "text" else f" [{t('context', lang)}]"
            rows.append(html.Li([
                html.Strong(status_label(s.status, lang)), " ",
                f"{format_date(s.start, lang)} – {format_date(s.end, lang) if s.end else t('ongoing', lang)}",
                html.Span(f" ({t('certainty', lang)}: {certainty_text(s.certainty, lang)}){basis}", className="muted"),
                data_note(record.id, s.note, lang, className="note") if s.note else None,
            ]))
        body.append(html.Ul(rows, className="stages"))
        loc = t(f"l_{record.location_certainty}", lang)
        body.append(html.P([html.Strong(t("location", lang) + ": "), loc]))
        if record.location_note:
            body.append(data_note(record.id, record.location_note, lang, html.P, className="note"))
        sources = record.sources
        notes, context = record.notes, record.context
    else:
        body.append(html.P([html.Strong(t("location", lang) + ": "), t(f"l_{place.location_certainty}", lang),
                            f" — {place.lon:.3f}, {place.lat:.3f} ({place.coord_source})"], className="muted"))
        if place.note:
            body.append(data_note(place.id, place.note, lang, html.P, className="note"))
        sources = (place.source,) if place.source else ()
        notes, context = (), ()
    if sources:
        body.append(html.H4(t("source_passage", lang)))
        for s in sources:
            cite = f"{t('block', lang)} {digits(s.block, lang)}"
            if s.footnote:
                cite += f", {t('footnote', lang)} {digits(s.footnote, lang)}"
                if s.footnote_printed:
                    cite += f" ({t('printed', lang)} {s.footnote_printed})"
            body.append(html.Figure([
                html.Blockquote(s.quote, lang="ur", dir="rtl", className="quote urdu"),
                html.Figcaption(cite, className="cite"),
                gloss(feature_id, s.gloss, lang),
            ], className="passage"))
    if notes:
        body.append(html.H4(t("notes", lang)))
        body.append(html.Ul([data_note(feature_id, n.text, lang, html.Li, className=f"note note-{n.kind}")
                             for n in notes]))
    if context:
        body.append(html.H4(t("context", lang)))
        body.append(html.Ul([html.Li([data_note(feature_id, c.claim, lang, html.Span), " — ", html.Cite(c.citation),
                                      html.Span(f" {c.url}", className="muted") if c.url else None])
                             for c in context], className="context-list"))
    if place is not None:
        related = [r for r in dataset.records if place.id in r.all_places() and r.from_text]
        if related:
            body.append(html.H4(t("timeline", lang)))
            body.append(html.Ul([html.Li(html.Button(name_in(r, lang), id={"type": ids.RELATED_ITEM, "id": r.id},
                                                     className="linklike")) for r in related]))
    return html.Article(head + body, className="feature-details", **{"data-feature": feature_id})


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

    Each entry carries its date spans (``data-spans``, as the map's markers do) so the browser can
    mark the entries of a new year as current without asking the server to rebuild the list.
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
            [html.Span(when, className="when"), html.Span(name_in(r, lang), className="what")],
            id={"type": ids.EVENT_ITEM, "id": r.id}, className=" ".join(classes),
            **{"aria-pressed": "true" if r.id == selected else "false", "data-record": r.id,
               "data-spans": json.dumps(spans(r), separators=(",", ":"))})))
    out = [html.Ol(items, className="timeline-list")]
    if len(shown) < len(records):
        out.insert(0, html.P(t("timeline_capped", lang).format(shown=digits(len(shown), lang),
                                                               total=digits(len(records), lang),
                                                               year=digits(year, lang)),
                             className="hint timeline-capped"))
    return out


def _swatch_line(colour: str, dash: str, opacity: float = 1.0):
    dasharray = {"solid": "", "dash": "9,5", "dot": "2,4", "dashdot": "9,4,2,4", "longdash": "14,6"}[dash]
    return html.Span(className="swatch", children=html.Img(
        alt="", src="data:image/svg+xml;utf8," + (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='44' height='12'><line x1='2' y1='6' x2='42' y2='6' "
            f"stroke='{colour.replace('#', '%23')}' stroke-width='4' stroke-dasharray='{dasharray}' "
            f"opacity='{opacity}'/></svg>")))


def _swatch_fill(colour: str):
    return html.Span(className="swatch fill", style={"background": colour})


def _swatch_symbol(shape: str, colour: str, open_: bool = False):
    return html.Span(shape, className="swatch symbol" + (" open" if open_ else ""), style={"color": colour})


def legend(lang: str, layers: tuple[str, ...]):
    sections = []
    if "political" in layers:
        sections.append(("layer_political", [
            (_swatch_fill(style.POLITY_FILL["iran"]), t("st_iran", lang)),
            (_swatch_fill(style.POLITY_FILL["soviet_republic"]), t("st_soviet_republic", lang)),
            (_swatch_fill(style.POLITY_FILL["independent"]), t("st_independent", lang)),
            (_swatch_fill(style.POLITY_FILL["none"]), t("st_none", lang))]))
    kinds = [("rail", "rail_line", "layer_rail"), ("corridors", "corridor", "layer_corridors"),
             ("sea", "sea_link", "layer_sea")]
    lines = [(_swatch_line(style.KIND_COLOUR[k], "solid"), t(key, lang)) for lid, k, key in kinds if lid in layers]
    if lines:
        sections.append(("legend", lines))
        sections.append(("status_history", [
            (_swatch_line("#333333", "dash"), f"{t('st_proposed', lang)} / {t('st_possible', lang)}"),
            (_swatch_line("#333333", "dashdot"), t("st_agreed", lang)),
            (_swatch_line("#333333", "dot"), t("st_under_construction", lang)),
            (_swatch_line("#333333", "solid"), f"{t('st_operational', lang)} / {t('st_open', lang)}"),
            (_swatch_line("#333333", "solid", 0.45), t("uncertain_location", lang))]))
    symbols = []
    if "crossings" in layers:
        symbols.append((_swatch_symbol("■", style.KIND_COLOUR["border_crossing"]), t("layer_crossings", lang)))
    if "events" in layers:
        symbols.append((_swatch_symbol("◆", style.KIND_COLOUR["event"]), t("layer_events", lang)))
    if "episodes" in layers:
        symbols.append((_swatch_symbol("★", style.KIND_COLOUR["episode"]), t("layer_episodes", lang)))
    if symbols:
        symbols.append((_swatch_symbol("□", "#333333", True), t("uncertain_location", lang)))
        sections.append(("layer_events", symbols))
    areas = []
    if "provinces" in layers:
        areas.append((_swatch_fill("rgba(140,109,31,0.35)"), t("layer_provinces", lang)))
    if "zones" in layers:
        areas.append((_swatch_fill("rgba(230,159,0,0.5)"), t("layer_zones", lang)))
    if "context" in layers:
        areas.append((_swatch_line(style.CONTEXT_COLOUR, "solid"), t("layer_context", lang)))
    if areas:
        sections.append(("overlays", areas))
    out = []
    for title_key, entries in sections:
        out.append(html.H4(t(title_key, lang)))
        out.append(html.Ul([html.Li([sw, html.Span(text)]) for sw, text in entries]))
    return out
