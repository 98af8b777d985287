"""Route explorer: the panel, the request it makes, and its pure renderers.

The panel asks for a journey (from, to, a year and a year to compare, modes, planned
lines, a priority, the rail service, speeds and delays a reader may change) and
optionally the reach of the origin within N hours and the network of the year.
:func:`make_request` turns the controls into one plain dict (kept in a store, so the
map and the results read the same thing); :func:`run_routes` and :func:`run_reach`
answer it with :mod:`geodata.network`; the views here render the answers.  The map's
traces are in :mod:`.route_map`, the callbacks in :mod:`.route_callbacks`.
"""
from __future__ import annotations

from dash import dcc, html

from geodata import query
from geodata.load import Dataset
from geodata.network import (ASSUMPTION_FIELDS, DEFAULT_PRIORITY, PRIORITIES, SERVICES, PlaceNotFound,
                             RouteResult, assumption_basis, default_assumptions, find_route, reach, route_questions)

from . import ids
from .component_text import dropdown_labels, input_number
from .i18n import DEFAULT_LANG, data_text, in_language, name_in, t
from .route_map import network_traces, reach_traces, route_traces
from .route_results import results_view
from .route_text import rt
from .urlstate import FIRST_YEAR, LAST_YEAR, MODES, ViewState

ROUTE_PLACE_TYPES = ("capital", "port", "city", "border town", "junction")
REACH_MAX_HOURS = 24 * 30


def place_options(dataset: Dataset, lang: str) -> list[dict]:
    places = sorted(query.places(dataset), key=lambda p: name_in(p, lang))
    # An English page glosses each name in Urdu; a page in another language names it in that language only.
    return [{"label": f"{name_in(p, lang)}" + (f" — {p.names.ur}" if lang == DEFAULT_LANG else ""),
             "value": p.id, "search": f"{p.names.en} {p.names.ur}"}
            for p in places if p.place_type in ROUTE_PLACE_TYPES]


def question_options(dataset: Dataset, lang: str) -> list[dict]:
    return [{"label": in_language(q.question, f"question:{q.id}", lang), "value": q.id}
            for q in route_questions(dataset)]


def mode_options(lang: str) -> list[dict]:
    return [{"label": t(f"mode_{m}", lang), "value": m} for m in MODES]


def by_options(lang: str) -> list[dict]:
    return [{"label": rt(f"by_{b}", lang), "value": b} for b in PRIORITIES]


def service_options(lang: str) -> list[dict]:
    return [{"label": rt(f"service_{s}", lang), "value": s} for s in SERVICES]


def assumption_label(name: str, lang: str) -> str:
    basis = assumption_basis(name)
    unit = rt("unit_kmh" if name.endswith("_kmh") else "col_hours", lang)
    return f"{in_language(basis['label'], 'cost:' + basis['id'], lang)} ({unit})"


def assumption_note(name: str, lang: str) -> str:
    """The box's tooltip: "assumption: " and why the value is what it is (the data catalogue's)."""
    basis = assumption_basis(name)
    note = data_text("cost:" + basis["id"], basis["note"], lang) or basis["note"]
    return (rt("assumption", lang) + ": " if basis["basis"] == "assumption" else "") + note


def number_box(box_id: str, value, lang: str, **kw) -> dcc.Input:
    """A box for a number, written in the language's digits: a text box (a browser writes a number box
    in Western digits whatever the page's language), read back by component_text.read_number."""
    return dcc.Input(id=box_id, type="text", inputMode="decimal", value=input_number(value, lang), debounce=True,
                     autoComplete="off", **kw)


def assume_id(name: str, label: bool = False) -> str:
    """The id of a speed or delay box (or of its label's text)."""
    return f"{ids.ROUTE_ASSUME_LABEL if label else ids.ROUTE_ASSUME}-{name.replace('_', '-')}"


def assumption_inputs(lang: str) -> list:
    """One labelled number box per speed and delay, its tooltip the record's basis and note."""
    defaults = default_assumptions()
    rows = []
    for name in ASSUMPTION_FIELDS:
        input_id = assume_id(name)
        title = assumption_note(name, lang)
        # The box sits inside its label, so a screen reader names it; the span is what a language switch rewrites.
        rows.append(html.Label([html.Span(assumption_label(name, lang), id=assume_id(name, label=True)),
                                number_box(input_id, getattr(defaults, name), lang, className="assume-input")],
                               title=title, id=assume_id(name, label=True) + "-row", className="assume-label"))
    return rows


def route_panel(dataset: Dataset, view: ViewState, results=None) -> html.Section:
    """The explorer's controls set from ``view``, and ``results`` (``results_view``) if a route is asked for."""
    lang = view.lang
    return html.Section(className="route-box", **{"aria-labelledby": "route-title"}, children=[
        html.H2(t("route", lang), id="route-title"),
        html.Label(t("questions", lang), htmlFor=ids.ROUTE_QUESTION, id="route-question-label"),
        dcc.Dropdown(id=ids.ROUTE_QUESTION, options=question_options(dataset, lang), placeholder=t("pick_question", lang),
                     clearable=True, searchable=False, labels=dropdown_labels(lang)),
        html.Div(className="route-grid", children=[
            html.Label(t("route_from", lang), htmlFor=ids.ROUTE_FROM, id="route-from-label"),
            dcc.Dropdown(id=ids.ROUTE_FROM, options=place_options(dataset, lang), value=view.route_from,
                         clearable=True, labels=dropdown_labels(lang)),
            html.Label(t("route_to", lang), htmlFor=ids.ROUTE_TO, id="route-to-label"),
            dcc.Dropdown(id=ids.ROUTE_TO, options=place_options(dataset, lang), value=view.route_to, clearable=True,
                         labels=dropdown_labels(lang)),
            html.Label(t("route_year", lang), htmlFor=ids.ROUTE_YEAR, id="route-year-label"),
            number_box(ids.ROUTE_YEAR, view.route_year or view.year, lang),
            html.Label(t("route_compare", lang), htmlFor=ids.ROUTE_COMPARE, id="route-compare-label"),
            number_box(ids.ROUTE_COMPARE, view.compare_year, lang),
        ]),
        html.Fieldset([html.Legend(t("route_modes", lang), id="route-modes-label"),
                       dcc.Checklist(id=ids.ROUTE_MODES, options=mode_options(lang), value=list(view.modes),
                                     inline=True)]),
        dcc.Checklist(id=ids.ROUTE_PLANNED, options=[{"label": t("route_planned", lang), "value": "planned"}],
                      value=["planned"] if view.planned else []),
        html.Fieldset([html.Legend(rt("by", lang), id="route-by-label"),
                       dcc.RadioItems(id=ids.ROUTE_BY, options=by_options(lang), value=DEFAULT_PRIORITY,
                                      inline=True)]),
        html.Fieldset([html.Legend(rt("service", lang), id="route-service-label"),
                       dcc.RadioItems(id=ids.ROUTE_SERVICE, options=service_options(lang), value=SERVICES[0],
                                      inline=True)]),
        html.Details([html.Summary(rt("assumptions", lang), id="route-assume-summary"),
                      html.Div(assumption_inputs(lang), className="assume-grid")], className="route-assume"),
        html.Div(className="route-grid", children=[
            html.Label(rt("reach", lang), htmlFor=ids.ROUTE_REACH, id="route-reach-label"),
            number_box(ids.ROUTE_REACH, None, lang),
        ]),
        dcc.Checklist(id=ids.ROUTE_NETWORK, options=[{"label": rt("network", lang), "value": "network"}], value=[]),
        html.Div(results, id=ids.ROUTE_RESULT, className="route-result", **{"aria-live": "polite"}),
    ])


# --------------------------------------------------------------------------- the request

def _year(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR \
        else None


def route_request(view: ViewState, by: str = DEFAULT_PRIORITY, service: str = SERVICES[0],
                  assume: dict | None = None, reach_hours=None, network: bool = False) -> dict | None:
    """What the explorer should compute for this view and these controls, or None.

    A journey needs both ends; the reach of a place or the network alone needs only
    the origin (or, for the network, nothing but a year).
    """
    year = view.route_year or view.year
    years = [year]
    if view.compare_year is not None and view.compare_year != year:
        years.append(view.compare_year)
    if not (view.route_from and view.route_to) and not (view.route_from and reach_hours) and not network:
        return None
    return {"from": view.route_from, "to": view.route_to, "years": years, "modes": list(view.modes),
            "planned": view.planned, "by": by, "service": service, "assume": dict(assume or {}),
            "reach": reach_hours, "network": bool(network)}


def request_assumptions(request: dict):
    """The request's assumptions, checked; ValueError naming the field if one is bad."""
    assume = request.get("assume") or {}
    if not isinstance(assume, dict):
        raise ValueError("the speeds and delays are malformed")
    return default_assumptions().changed(service=request.get("service") or SERVICES[0],
                                         **{k: v for k, v in assume.items() if v not in (None, "")})


def _common(request: dict):
    return (tuple(request["modes"]) or MODES, bool(request["planned"]), request_assumptions(request))


def run_routes(dataset: Dataset, request: dict | None) -> list[RouteResult]:
    """The routes a request asks for; a bad request (a forged store, say) gives none."""
    if not isinstance(request, dict) or not (request.get("from") and request.get("to")):
        return []
    try:
        modes, planned, assumptions = _common(request)
        return [find_route(dataset, request["from"], request["to"], int(y), modes=modes, include_planned=planned,
                           by=request.get("by") or DEFAULT_PRIORITY, assumptions=assumptions)
                for y in request["years"][:2]]
    except (PlaceNotFound, KeyError, TypeError, ValueError):
        return []


def run_reach(dataset: Dataset, request: dict | None) -> list:
    """The reach of the request's origin in each of its years, or none."""
    if not isinstance(request, dict) or not (request.get("from") and request.get("reach")):
        return []
    try:
        modes, planned, assumptions = _common(request)
        return [reach(dataset, request["from"], int(y), float(request["reach"]), modes, planned, assumptions)
                for y in request["years"][:2]]
    except (PlaceNotFound, KeyError, TypeError, ValueError):
        return []


def explorer_traces(dataset: Dataset, request: dict | None) -> list[dict]:
    """Everything the explorer draws on the map for a request: network, reach, routes (on top)."""
    if not isinstance(request, dict) or request_problem(request):
        return []
    out = []
    if request.get("network"):
        try:
            modes, planned, _ = _common(request)
            out += network_traces(dataset, int(request["years"][0]), modes, planned)
        except (KeyError, TypeError, ValueError):
            pass
    return out + reach_traces(dataset, run_reach(dataset, request)) + route_traces(dataset, run_routes(dataset, request))


def explorer_view(dataset: Dataset, request: dict | None, lang: str):
    """The panel's answer to a request (None when nothing is asked)."""
    if not isinstance(request, dict):
        return None
    problem = request_problem(request)
    if problem:
        return results_view(dataset, [], lang, problem=problem)
    return results_view(dataset, run_routes(dataset, request), lang, run_reach(dataset, request),
                        bool(request.get("network")))


def request_problem(request: dict | None) -> str | None:
    """What is wrong with a request's speeds, delays or reach, in one line; None if nothing."""
    if not isinstance(request, dict):
        return None
    try:
        request_assumptions(request)
        if request.get("reach") is not None:
            from geodata.network.reach import check_hours
            check_hours(request["reach"])
    except ValueError as exc:
        name, _, rest = str(exc).partition(" ")
        if name in ASSUMPTION_FIELDS:     # name the box as the reader sees it, not the field
            return f"{assumption_basis(name)['label']['en']}: {rest}"
        return str(exc)
    return None


__all__ = ["place_options", "question_options", "mode_options", "route_panel", "route_request", "run_routes",
           "run_reach", "results_view", "request_problem", "explorer_traces", "explorer_view", "route_traces"]
