"""Route explorer: the panel, its pure renderers and the map traces of a route."""
from __future__ import annotations

from dash import dcc, html

from geodata.load import Dataset
from geodata.network import RouteResult, route_questions

from . import ids, style
from .escape import plotly_text
from .i18n import DEFAULT_LANG, digits, in_language, name_in, number, t
from .urlstate import FIRST_YEAR, LAST_YEAR, MODES, ViewState

ROUTE_PLACE_TYPES = ("capital", "port", "city", "border town", "junction")
COMPARE_COLOUR = "#56B4E9"


def place_options(dataset: Dataset, lang: str) -> list[dict]:
    places = sorted(dataset.places.values(), key=lambda p: name_in(p, lang))
    return [{"label": f"{name_in(p, lang)}" + (f" — {p.names.ur}" if lang == DEFAULT_LANG else f" — {p.names.en}"),
             "value": p.id, "search": f"{p.names.en} {p.names.ur}"}
            for p in places if p.place_type in ROUTE_PLACE_TYPES]


def question_options(lang: str) -> list[dict]:
    return [{"label": in_language({"en": q.question_en, "ur": q.question_ur}, f"question:{q.id}", lang), "value": q.id}
            for q in route_questions()]


def mode_options(lang: str) -> list[dict]:
    return [{"label": t(f"mode_{m}", lang), "value": m} for m in MODES]


def route_panel(dataset: Dataset, view: ViewState, results=None) -> html.Section:
    """The explorer's controls set from ``view``, and ``results`` (``results_view``) if a route is asked for."""
    lang = view.lang
    return html.Section(className="route-box", **{"aria-labelledby": "route-title"}, children=[
        html.H2(t("route", lang), id="route-title"),
        html.Label(t("questions", lang), htmlFor=ids.ROUTE_QUESTION, id="route-question-label"),
        dcc.Dropdown(id=ids.ROUTE_QUESTION, options=question_options(lang), placeholder=t("pick_question", lang),
                     clearable=True, searchable=False),
        html.Div(className="route-grid", children=[
            html.Label(t("route_from", lang), htmlFor=ids.ROUTE_FROM, id="route-from-label"),
            dcc.Dropdown(id=ids.ROUTE_FROM, options=place_options(dataset, lang), value=view.route_from,
                         clearable=True),
            html.Label(t("route_to", lang), htmlFor=ids.ROUTE_TO, id="route-to-label"),
            dcc.Dropdown(id=ids.ROUTE_TO, options=place_options(dataset, lang), value=view.route_to, clearable=True),
            html.Label(t("route_year", lang), htmlFor=ids.ROUTE_YEAR, id="route-year-label"),
            dcc.Input(id=ids.ROUTE_YEAR, type="number", min=FIRST_YEAR, max=LAST_YEAR, step=1,
                      value=view.route_year or view.year, debounce=True),
            html.Label(t("route_compare", lang), htmlFor=ids.ROUTE_COMPARE, id="route-compare-label"),
            dcc.Input(id=ids.ROUTE_COMPARE, type="number", min=FIRST_YEAR, max=LAST_YEAR, step=1,
                      value=view.compare_year, debounce=True),
        ]),
        html.Fieldset([html.Legend(t("route_modes", lang), id="route-modes-label"),
                       dcc.Checklist(id=ids.ROUTE_MODES, options=mode_options(lang), value=list(view.modes),
                                     inline=True)]),
        dcc.Checklist(id=ids.ROUTE_PLANNED, options=[{"label": t("route_planned", lang), "value": "planned"}],
                      value=["planned"] if view.planned else []),
        html.Div(results, id=ids.ROUTE_RESULT, className="route-result", **{"aria-live": "polite"}),
    ])


def _country_name(dataset: Dataset, iso: str, lang: str) -> str:
    props = dataset.base["countries"].properties.get(iso, {})
    return props.get(f"name_{lang}") or props.get("name_en") or iso


def _place_name(dataset: Dataset, pid: str, lang: str) -> str:
    p = dataset.places.get(pid)
    return name_in(p, lang) if p else pid


def result_view(dataset: Dataset, result: RouteResult, lang: str, compare: bool = False):
    head = html.H3([digits(result.year, lang), ": ",
                    html.Span(t("route_found", lang) if result.found else t("route_none", lang),
                              className="route-found" if result.found else "route-none")],
                   **{"data-found": "true" if result.found else "false", "data-year": str(result.year)})
    body = [head]
    if result.found:
        body.append(html.P([html.Strong(number(result.length_km, lang)), " ", t("km", lang)], className="route-km",
                           **{"data-km": f"{result.length_km:.1f}"}))
        body.append(html.P([html.Strong(t("countries", lang) + ": "),
                            " → ".join(_country_name(dataset, c, lang) for c in result.countries)],
                           className="route-countries", **{"data-countries": ",".join(result.countries)}))
        if result.borders:
            body.append(html.P([html.Strong(t("borders", lang) + ": "), "; ".join(
                f"{_country_name(dataset, b['from'], lang)}–{_country_name(dataset, b['to'], lang)} "
                f"({_place_name(dataset, b['at'], lang)})" for b in result.borders)]))
        rows = []
        for position, seg in enumerate(_merge_segments(result.segments)):
            record = dataset.by_id[seg["record"]]
            cite = (f"{t('block', lang)} {digits(record.sources[0].block, lang)}" if record.from_text
                    else t("context_badge", lang))
            rows.append(html.Tr([
                html.Td(f"{_place_name(dataset, seg['from'], lang)} → {_place_name(dataset, seg['to'], lang)}"),
                html.Td(t(f"st_{seg['status']}", lang)),
                html.Td(number(seg["length_km"], lang)),
                html.Td(html.Button(cite, id={"type": ids.SEGMENT_SOURCE, "id": record.id,
                                              "n": f"{result.year}-{position}"}, className="linklike",
                                    title=name_in(record, lang))),
            ], className="context" if not record.from_text else "text"))
        body.append(html.Details([html.Summary(t("segments", lang)), html.Table(html.Tbody(rows))],
                                 open=not compare))
    else:
        body.append(html.P([html.Strong(t("why", lang) + ": "), html.Span(result.reason or "", lang="en", dir="ltr")],
                           className="route-reason"))
    return html.Div(body, className="route-one")


def _merge_segments(segments) -> list[dict]:
    """Consecutive hops of the same record shown as one row."""
    out: list[dict] = []
    for seg in segments:
        if out and out[-1]["record"] == seg["record"] and out[-1]["status"] == seg["status"]:
            out[-1] = {**out[-1], "to": seg["to"], "length_km": out[-1]["length_km"] + seg["length_km"]}
        else:
            out.append(dict(seg))
    return out


def results_view(dataset: Dataset, results: list[RouteResult], lang: str):
    if not results:
        return None
    if len(results) == 1:
        return result_view(dataset, results[0], lang)
    return html.Div([result_view(dataset, r, lang, compare=True) for r in results], className="route-compare")


def route_traces(dataset: Dataset, results: list[RouteResult]) -> list[dict]:
    """A dark casing with a bright line on top for the route, a dashed blue one for the year compared."""
    out = []
    for i, result in enumerate(results):
        if not result.found:
            continue
        lons = [dataset.places[p].lon for p in result.path]
        lats = [dataset.places[p].lat for p in result.path]
        colour = style.ROUTE_COLOUR if i == 0 else COMPARE_COLOUR
        out.append({"type": "scattergeo", "mode": "lines", "lon": lons, "lat": lats, "hoverinfo": "skip",
                    "line": {"color": "#1A1A1A", "width": 11 - 3 * i}, "opacity": 0.75, "showlegend": False,
                    "meta": {"role": "route-casing"}})
        segs = [s["record"] for s in result.segments]
        out.append({"type": "scattergeo", "mode": "lines+markers", "lon": lons, "lat": lats,
                    "line": {"color": colour, "width": 6 - 2 * i, "dash": "solid" if i == 0 else "dash"},
                    "marker": {"size": 7, "color": colour}, "customdata": [segs[0]] + segs,
                    "text": [plotly_text(f"{result.year}: {dataset.places[p].names.en}") for p in result.path],
                    "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                    "meta": {"role": "route", "year": result.year}})
    return out
