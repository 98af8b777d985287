"""The route explorer: a request from the route controls, its results, and the ready-made questions."""
from __future__ import annotations

from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from geodata.network import route_questions

from . import ids
from .callbacks_common import Context, guarded, year_or_none
from .layout import route_request, run_routes
from .routes import results_view
from .urlstate import MODES, ViewState

ROUTE_CONTROLS = (ids.ROUTE_FROM, ids.ROUTE_TO, ids.ROUTE_YEAR, ids.ROUTE_COMPARE, ids.ROUTE_MODES, ids.ROUTE_PLANNED)


def register(app, c: Context) -> None:
    @app.callback(Output(ids.ROUTE_STORE, "data"), Output(ids.ROUTE_RESULT, "children"),
                  *(Input(i, "value") for i in ROUTE_CONTROLS), Input(ids.LANG, "value"), State(ids.YEAR, "value"),
                  State(ids.ROUTE_STORE, "data"), prevent_initial_call=True)
    @guarded
    def explore_route(r_from, r_to, r_year, r_compare, r_modes, r_planned, lang, year, asked):
        if not (r_from in c.known_ids and r_to in c.known_ids):
            if not asked:
                raise PreventUpdate   # nothing was asked and nothing is shown: the map need not redraw
            return None, None
        view = ViewState(route_from=r_from, route_to=r_to, route_year=year_or_none(r_year) or year,
                         compare_year=year_or_none(r_compare),
                         modes=tuple(m for m in MODES if m in (r_modes or [])) or MODES,
                         planned="planned" in (r_planned or []))
        request = route_request(view)
        # The same request again (a language switch) redraws the results, not the map.
        return request if request != asked else no_update, results_view(c.dataset, run_routes(c.dataset, request), lang)

    @app.callback(*(Output(i, "value", allow_duplicate=True) for i in ROUTE_CONTROLS),
                  Input(ids.ROUTE_QUESTION, "value"), prevent_initial_call=True)
    @guarded
    def ask_question(qid):
        question = next((q for q in route_questions(c.dataset) if q.id == qid), None)
        if question is None:
            raise PreventUpdate
        years = list(question.years) + [None]
        return (question.origin, question.destination, years[0], years[1], list(question.modes),
                ["planned"] if question.include_planned else [])
