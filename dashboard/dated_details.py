"""The details of a political unit or an Iranian province of the chosen year (``unit-<id>``,
``iranprov-<id>``): its names that year, status, parent, dates, how sure the drawing is, what it
is drawn with, and the sources of its dates and extent. Everything here is context from outside
the text; where the text has its own record of the country or province, a button opens it.
Pure: (dataset, id, language, year) -> Dash components.
"""
from __future__ import annotations

from dash import html

from geodata.dates import PartialDate
from geodata.load import Dataset

from . import ids
from .i18n import digits, direction, format_date, name_in, t, text_in
from .layers import _dated
from .layers.political import TEXT_RECORD, UNIT_IDS
from .layers.provinces import FIRST_DRAWN, PROVINCE_IDS, text_record

DATED_IDS = UNIT_IDS | PROVINCE_IDS
LANGS = ("en", "ur", "fa")


def is_dated(feature_id: str | None) -> bool:
    return bool(feature_id) and feature_id in DATED_IDS


def _note(context: str, english: str | None, lang: str, tag=html.P):
    """A note from the dated data in ``lang`` (the catalogue's translation), else the English, marked."""
    if not english:
        return None
    text, text_lang = text_in(context, english, lang)
    marker = [] if text_lang == lang else [html.Span(t("no_translation", lang), className="no-translation"), " "]
    return tag(marker + [html.Span(text, lang=text_lang, dir=direction(text_lang))], className="note")


def _date(text: str | None, lang: str) -> str:
    return format_date(PartialDate.parse(text), lang) if text else t("ongoing", lang)


def _stages(spans: list, lang: str) -> html.Ul:
    """Each stage once (a stage spans several drawn spans when a neighbour changes)."""
    seen, rows = set(), []
    for p in spans:
        key = (p.get("stage_start"), p.get("status"), p.get("parent"))
        if key in seen:
            continue
        seen.add(key)
        rows.append(html.Li([html.Strong(t(f"st_{p['status']}", lang)), " ",
                             f"{_date(p.get('stage_start'), lang)} – {_date(p.get('stage_end'), lang)}",
                             html.Span(f" ({t('certainty', lang)}: {t('c_' + p.get('date_certainty', 'approximate'), lang)})",
                                       className="muted"),
                             _note(p["id"], p.get("date_note"), lang, html.Div)]))
    return html.Ul(rows, className="stages")


def _names(props, lang: str, year: int) -> list:
    own = props.get(f"name_{lang}") or props["name_en"]
    head = html.H3([html.Span(own, lang=lang, dir=direction(lang), className="name-own")], className="feature-names")
    listed = [html.Li([html.Span(f"{code}: ", className="muted"),
                       html.Span(props.get(f"name_{code}") or "—", lang=code, dir=direction(code))])
              for code in LANGS]
    return [head, html.H4(t("names_in_year", lang).format(year=digits(year, lang))), html.Ul(listed, className="dated-names")]


def _sources(props, lang: str) -> list:
    items = [html.Li([html.Cite(s["citation"], lang="en", dir="ltr"),
                      html.Span(f" {s['url']}", className="muted", dir="ltr") if s.get("url") else None])
             for s in props.get("sources", [])]
    return [html.H4(t("unit_sources", lang)), html.Ul(items, className="context-list")]


def _text_link(dataset: Dataset, feature_id: str, lang: str) -> list:
    unit = feature_id.split("-", 1)[1]
    record = dataset.by_id.get(TEXT_RECORD.get(unit, "")) if feature_id in UNIT_IDS else text_record(dataset, unit)
    if record is None:
        return []
    return [html.H4(t("text_on_it", lang)),
            html.Button(name_in(record, lang), id={"type": ids.RELATED_ITEM, "id": record.id}, className="linklike")]


def panel(dataset: Dataset, feature_id: str, lang: str, year: int):
    """The details of a unit or province as it was in ``year`` (or at its nearest span)."""
    props = _dated.props_in_year(feature_id, year)
    spans = _dated.by_feature_id()[feature_id]
    layer = t("layer_political" if feature_id in UNIT_IDS else "layer_iran_provinces", lang)
    on = _covers(props, year)
    status = (f"{digits(year, lang)}: {t('st_' + props['status'], lang)}" if on
              else t("not_in_year", lang).format(year=digits(year, lang)))
    parent = next((f.props for f in _dated.features("units", year) if f.props["unit"] == props.get("parent")), None)
    badges = [html.Span(layer, className="badge"), html.Span(t("context_badge", lang), className="badge badge-context"),
              html.Span(status, className="badge badge-status")]
    body = [html.P(badges)]
    if parent and on:
        body.append(html.P(t("part_of", lang).format(parent=parent.get(f"name_{lang}") or parent["name_en"])))
    if feature_id in PROVINCE_IDS:
        body.append(html.P(t("provinces_from", lang).format(year=digits(FIRST_DRAWN, lang)), className="muted"))
    body += [html.H4(t("status_history", lang)), _stages(spans, lang),
             html.P([html.Strong(t("location", lang) + ": "), t(f"l_{props.get('location_certainty', 'approximate')}", lang),
                     " — ", t("approx_extent", lang)]),
             _note(props["unit"], props.get("extent_note"), lang),
             html.P([html.Strong(t("drawn_with", lang) + ": "),
                     html.Span(", ".join(props.get("divisions", [])), lang="en", dir="ltr")], className="muted")]
    body += _sources(props, lang) + _text_link(dataset, feature_id, lang)
    return html.Article(_names(props, lang, year) + body, className="feature-details",
                        **{"data-feature": feature_id})


def _covers(props, year: int) -> bool:
    day = f"{year}-12-31"
    return (props.get("start") or "") <= day and (not props.get("end") or day <= props["end"])
