"""The route explorer's callbacks: controls -> one request (a store) -> answers and map traces.

Registered from :func:`dashboard.callbacks.register` with its ``guarded`` wrapper, so a
failing callback logs and tells the reader instead of breaking the page.
"""
from __future__ import annotations

from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from geodata.load import Dataset
from geodata.network import ASSUMPTION_FIELDS, DEFAULT_PRIORITY, PRIORITIES, SERVICES, route_questions

from . import ids
from .component_text import input_number, read_number
from .routes import assume_id, explorer_view, route_request
from .urlstate import FIRST_YEAR, LAST_YEAR, MODES, ViewState


def _year_or_none(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _assume(values: list) -> dict:
    """The boxes' values by field, as typed (checked later, so a bad one is named, not dropped)."""
    typed = {name: read_number(value) for name, value in zip(ASSUMPTION_FIELDS, values or [])}
    return {name: value for name, value in typed.items() if value is not None}


def controls_request(known_ids, r_from, r_to, r_year, r_compare, r_modes, r_planned, by, service, assume_values,
                     reach_hours, network, year) -> dict | None:
    view = ViewState(route_from=r_from if r_from in known_ids else None,
                     route_to=r_to if r_to in known_ids else None,
                     route_year=_year_or_none(r_year) or _year_or_none(year),
                     compare_year=_year_or_none(r_compare),
                     modes=tuple(m for m in MODES if m in (r_modes or [])) or MODES,
                     planned="planned" in (r_planned or []))
    return route_request(view, by=by if by in PRIORITIES else DEFAULT_PRIORITY,
                         service=service if service in SERVICES else SERVICES[0], assume=_assume(assume_values),
                         reach_hours=read_number(reach_hours), network="network" in (network or []))


def register_route_callbacks(app, dataset: Dataset, known_ids: frozenset[str], guarded) -> None:
    @app.callback(Output(ids.ROUTE_STORE, "data"), Output(ids.ROUTE_RESULT, "children"),
                  Input(ids.ROUTE_FROM, "value"), Input(ids.ROUTE_TO, "value"), Input(ids.ROUTE_YEAR, "value"),
                  Input(ids.ROUTE_COMPARE, "value"), Input(ids.ROUTE_MODES, "value"),
                  Input(ids.ROUTE_PLANNED, "value"), Input(ids.ROUTE_BY, "value"), Input(ids.ROUTE_SERVICE, "value"),
                  Input(ids.ROUTE_REACH, "value"),
                  Input(ids.ROUTE_NETWORK, "value"), Input(ids.LANG, "value"),
                  *[Input(assume_id(name), "value") for name in ASSUMPTION_FIELDS],
                  State(ids.YEAR, "value"), State(ids.ROUTE_STORE, "data"), prevent_initial_call=True)
    @guarded
    def explore_route(r_from, r_to, r_year, r_compare, r_modes, r_planned, by, service, reach_hours, network, lang,
                      *rest):
        *assume_values, year, asked = rest
        request = controls_request(known_ids, r_from, r_to, r_year, r_compare, r_modes, r_planned, by, service,
                                   assume_values, reach_hours, network, year)
        if request is None and not asked:
            raise PreventUpdate   # nothing was asked and nothing is shown: the map need not redraw
        # The same request again (a language switch) redraws the results, not the map.
        return request if request != asked else no_update, explorer_view(dataset, request, lang)

    @app.callback(Output(ids.ROUTE_FROM, "value", allow_duplicate=True),
                  Output(ids.ROUTE_TO, "value", allow_duplicate=True),
                  Output(ids.ROUTE_YEAR, "value", allow_duplicate=True),
                  Output(ids.ROUTE_COMPARE, "value", allow_duplicate=True),
                  Output(ids.ROUTE_MODES, "value", allow_duplicate=True),
                  Output(ids.ROUTE_PLANNED, "value", allow_duplicate=True),
                  Output(ids.ROUTE_BY, "value", allow_duplicate=True),
                  Input(ids.ROUTE_QUESTION, "value"), prevent_initial_call=True)
    @guarded
    def ask_question(qid):
        question = next((q for q in route_questions(dataset) if q.id == qid), None)
        if question is None:
            raise PreventUpdate
        # A question's first two years are the pair it sets side by side: the later one leads.
        years = list(question.years) + [None]
        shown, compared = (years[1], years[0]) if years[1] is not None else (years[0], None)
        # The years go in as numbers; the link's sync (callbacks_url) writes them back in the language's digits.
        return (question.origin, question.destination, shown, compared, list(question.modes),
                ["planned"] if question.include_planned else [], question.by)

    # The number boxes are text in the language's digits: a switch rewrites them in the new digits
    # (in groups of at most eight: a callback's outputs are matched by position).
    boxes = [ids.ROUTE_REACH, *(assume_id(name) for name in ASSUMPTION_FIELDS)]
    for start in range(0, len(boxes), 5):
        _register_redigit(app, boxes[start:start + 5], guarded)


def _register_redigit(app, boxes: list, guarded) -> None:
    @app.callback(*(Output(b, "value", allow_duplicate=True) for b in boxes), Input(ids.LANG, "value"),
                  *(State(b, "value") for b in boxes), prevent_initial_call=True)
    @guarded
    def redigit_boxes(lang, *values):
        return tuple(input_number(read_number(v), lang) if isinstance(read_number(v), (int, float)) else v
                     for v in values)
