"""The side panels: the chosen feature's details, the events timeline and the legend (the search: search_ui)."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

from . import ids
from .callbacks_common import Context, guarded, year_or_none
from .panels import details_panel, legend, timeline_items
from .urlstate import DEFAULT_YEAR

# The page's layout is built for its link (layout.build_layout), so the panels skip Dash's first
# call: it would only rebuild what the page already has, one round trip each.


def register(app, c: Context) -> None:
    # The details name the chosen feature's status in the year, so they follow the year, but only
    # while a feature is chosen: map.showYear then changes DETAILS_YEAR (a count, not a year: the
    # year is the slider's), and leaves it alone otherwise.
    @app.callback(Output(ids.DETAILS, "children"),
                  Input(ids.FEATURE, "data"), Input(ids.LANG, "value"), Input(ids.DETAILS_YEAR, "data"),
                  State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def show_details(feature, lang, _asked, year):
        return details_panel(c.dataset, feature, lang, year_or_none(year) or DEFAULT_YEAR)

    # The list is rebuilt for a new window, language or choice, not for a new year: map.markTimeline
    # marks the year's entries in the browser, from the map's render model.
    @app.callback(Output(ids.TIMELINE, "children"),
                  Input(ids.WINDOW, "value"), Input(ids.LANG, "value"), Input(ids.FEATURE, "data"),
                  State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def show_timeline(window, lang, feature, year):
        return timeline_items(c.dataset, tuple(sorted(window)), year_or_none(year) or DEFAULT_YEAR, lang, feature)

    @app.callback(Output(ids.LEGEND, "children"), Input(ids.LANG, "value"), Input(ids.LAYERS, "value"),
                  prevent_initial_call=True)
    @guarded
    def show_legend(lang, layers):
        return legend(lang, tuple(layers or ()))

    # A year move marks the list's entries itself (map.showYear); a new list is marked here.
    app.clientside_callback(ClientsideFunction("map", "markTimeline"),
                            Input(ids.TIMELINE, "children"), State(ids.YEAR, "value"))
