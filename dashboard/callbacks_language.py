"""A new language: every translated property of the page, as one table, sent in small callbacks.

Each row is (component id, property, the value for a language). The rows are registered in
groups of at most eight outputs, so no callback returns a long tuple matched by position.
"""
from __future__ import annotations

from dash import Input, Output, State

from geodata.network import ASSUMPTION_FIELDS

from . import ids
from .callbacks_common import Context, guarded
from .i18n import t
from .component_text import dropdown_labels, graph_config
from .layout import GRAPH_CONFIG, lang_attrs, layer_options, present_help, speed_options, year_marks
from .route_text import rt
from .routes import (assume_id, assumption_label, assumption_note, by_options, mode_options, place_options,
                     question_options, service_options)
from .tour_ui import tour_arrows

GROUP_SIZE = 8


def _text(key: str):
    return lambda lang, _c: t(key, lang)


def rows(c: Context) -> list[tuple]:
    """(id, property, value for (lang, context)) for every translated property of the page."""
    return [
        (ids.ROOT, "dir", lambda lang, _c: lang_attrs(lang)["dir"]),
        (ids.ROOT, "lang", lambda lang, _c: lang_attrs(lang)["lang"]),
        (ids.ROOT, "className", lambda lang, _c: lang_attrs(lang)["className"]),
        (ids.TITLE, "children", _text("title")), ("subtitle", "children", _text("subtitle")),
        ("layers-legend", "children", _text("overlays")),
        (ids.LAYERS, "options", lambda lang, _c: layer_options(lang)),
        ("year-label", "children", _text("year")), ("year-help", "children", _text("year_help")),
        ("speed-label", "children", _text("speed")), (ids.SPEED, "options", lambda lang, _c: speed_options(lang)),
        ("window-label", "children", _text("events_window")), ("legend-title", "children", _text("legend")),
        ("details-title", "children", _text("details")), ("timeline-title", "children", _text("timeline")),
        (ids.YEAR, "marks", lambda lang, _c: year_marks(lang)), (ids.WINDOW, "marks", lambda lang, _c: year_marks(lang)),
        (ids.SEARCH, "placeholder", _text("search")),
        ("route-title", "children", _text("route")), ("route-question-label", "children", _text("questions")),
        (ids.ROUTE_QUESTION, "options", lambda lang, c: question_options(c.dataset, lang)),
        (ids.ROUTE_QUESTION, "placeholder", _text("pick_question")),
        ("route-from-label", "children", _text("route_from")), ("route-to-label", "children", _text("route_to")),
        ("route-year-label", "children", _text("route_year")),
        ("route-compare-label", "children", _text("route_compare")),
        ("route-modes-label", "children", _text("route_modes")),
        (ids.ROUTE_MODES, "options", lambda lang, _c: mode_options(lang)),
        (ids.ROUTE_PLANNED, "options", lambda lang, _c: [{"label": t("route_planned", lang), "value": "planned"}]),
        (ids.ROUTE_FROM, "options", lambda lang, cx: place_options(cx.dataset, lang)),
        (ids.ROUTE_TO, "options", lambda lang, cx: place_options(cx.dataset, lang)),
        (ids.PRESENT, "children", _text("present")), ("downloads-label", "children", _text("downloads")),
        ("handout-link", "children", _text("handout")),
    ] + route_rows()


def route_rows() -> list[tuple]:
    """The route explorer's labels and options (its strings: the catalogue's rt_* keys)."""
    def route_text(key):
        return lambda lang, _c: rt(key, lang)
    return [
        ("route-by-label", "children", route_text("by")), (ids.ROUTE_BY, "options", lambda lang, _c: by_options(lang)),
        ("route-service-label", "children", route_text("service")),
        (ids.ROUTE_SERVICE, "options", lambda lang, _c: service_options(lang)),
        ("route-assume-summary", "children", route_text("assumptions")),
        ("route-reach-label", "children", route_text("reach")),
        (ids.ROUTE_NETWORK, "options", lambda lang, _c: [{"label": rt("network", lang), "value": "network"}]),
    ] + [(assume_id(name, label=True), "children", lambda lang, _c, name=name: assumption_label(name, lang))
         for name in ASSUMPTION_FIELDS] \
      + [(assume_id(name, label=True) + "-row", "title", lambda lang, _c, name=name: assumption_note(name, lang))
         for name in ASSUMPTION_FIELDS]


def component_rows() -> list[tuple]:
    """Labels that only a screen reader says, tooltips, and the components' own text (issue 17a)."""
    labels = lambda lang, _c: dropdown_labels(lang)  # noqa: E731
    return [
        ("search-label", "children", _text("search")), ("lang-legend", "children", _text("language")),
("downloads", "aria-label", _text("downloads")),
        (ids.CLOSE_DETAILS, "aria-label", _text("close")),
        (ids.PRESENT, "title", lambda lang, _c: present_help(lang)),
        (ids.MAP, "config", lambda lang, _c: graph_config(GRAPH_CONFIG, lang)),
        *((dropdown, "labels", labels) for dropdown in (ids.SEARCH, ids.SPEED, ids.ROUTE_QUESTION, ids.ROUTE_FROM,
                                                        ids.ROUTE_TO)),
        (ids.TOUR_PREV, "children", lambda lang, _c: tour_arrows(lang)[0]),
        (ids.TOUR_NEXT, "children", lambda lang, _c: tour_arrows(lang)[1]),
        (ids.TOUR_PREV, "aria-label", _text("tour_prev")), (ids.TOUR_NEXT, "aria-label", _text("tour_next")),
        (ids.TOUR_EXIT, "aria-label", _text("tour_exit")), (ids.TOUR_EXIT, "children", _text("tour_exit_short")),
    ]


def register_group(app, c: Context, group: list[tuple]) -> None:
    @app.callback(*(Output(i, p) for i, p, _ in group), Input(ids.LANG, "value"), prevent_initial_call=True)
    @guarded
    def translate(lang):
        return tuple(value(lang, c) for _, _, value in group)


def register(app, c: Context) -> None:
    # Two tables, grouped apart: a browser's captured requests (tests/fixtures) name each group's outputs.
    for table in (rows(c), component_rows()):
        for start in range(0, len(table), GROUP_SIZE):
            register_group(app, c, table[start:start + GROUP_SIZE])

    # The play button's label says whether it plays, so it also reads the play state.
    @app.callback(Output(ids.PLAY, "children", allow_duplicate=True), Input(ids.LANG, "value"),
                  State(ids.TICK, "disabled"), prevent_initial_call=True)
    @guarded
    def translate_play(lang, paused):
        return ("▶ " + t("play", lang)) if paused in (True, None) else ("⏸ " + t("pause", lang))
