"""The link: the URL and the controls follow each other (one callback, since each drives the other)."""
from __future__ import annotations

from dash import Input, Output, State, ctx, no_update, set_props

from . import ids
from .callbacks_common import Context, guarded, view_from_store, year_or_none
from .component_text import input_number, read_number
from .i18n import DEFAULT_LANG, known_language
from .layers import LAYER_IDS
from .tour_ui import view_for
from .urlstate import MODES, to_query, with_changes

CONTROLS = (
    (ids.LAYERS, "value"), (ids.LANG, "value"), (ids.FEATURE, "data"), (ids.VIEW, "data"), (ids.WINDOW, "value"),
    (ids.ROUTE_FROM, "value"), (ids.ROUTE_TO, "value"), (ids.ROUTE_YEAR, "value"), (ids.ROUTE_COMPARE, "value"),
    (ids.ROUTE_MODES, "value"), (ids.ROUTE_PLANNED, "value"),
)


def controls_for_link(c: Context, search, current: tuple) -> tuple:
    """The controls' values for a link, ``no_update`` where a control already shows it."""
    s = view_for(c.parse(search), c.scenes)
    v = s.view
    wanted = (s.year, list(s.layers), s.lang, s.feature, [v.lon, v.lat, v.scale] if v else None,
              list(s.window), s.route_from, s.route_to,
              # the route's year boxes are text in the language's digits (routes.number_box)
              input_number(s.route_year or s.year, s.lang), input_number(s.compare_year, s.lang),
              list(s.modes), ["planned"] if s.planned else [])
    return tuple(no_update if w == now else w for w, now in zip(wanted, current))


def in_digits(box, lang: str):
    """A route year box's value in the language's digits (a question or a switch may have left it as a
    number, or in another language's digits); ``no_update`` if it already is, or is not a number."""
    value = read_number(box)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return no_update
    text = input_number(value, lang)
    return text if text != box else no_update


def link_for_controls(c: Context, search, year, layers, lang, feature, view, window, r_from, r_to, r_year,
                      r_compare, r_modes, r_planned) -> str:
    """The link for the controls' values; a bad value (a forged store, say) keeps the link's own."""
    current = c.parse(search)
    route = bool(r_from and r_to)
    return to_query(with_changes(
        current, year=year if isinstance(year, int) else current.year,
        layers=tuple(l for l in LAYER_IDS if l in (layers or [])), lang=known_language(lang) or DEFAULT_LANG,
        feature=feature if feature in c.known_ids else None, view=view_from_store(view),
        window=tuple(sorted(window)) if isinstance(window, list) and len(window) == 2 else current.window,
        route_from=r_from if r_from in c.known_ids else None, route_to=r_to if r_to in c.known_ids else None,
        route_year=year_or_none(r_year) if route else None, compare_year=year_or_none(r_compare) if route else None,
        modes=tuple(m for m in MODES if m in (r_modes or [])) or MODES, planned="planned" in (r_planned or [])))


def set_by_name(values: dict) -> None:
    """Set each control the link changes, named by (id, property), not matched by position."""
    for (cid, prop), value in values.items():
        if value is not no_update:
            set_props(cid, {prop: value})


def register(app, c: Context) -> None:
    # One callback, since the URL sets the controls and the controls set the URL (Dash allows such a
    # cycle only inside one callback). Its one output is the link; the controls are set by name.
    @app.callback(Output(ids.URL, "search"), Input(ids.URL, "search"), *(Input(i, p) for i, p in CONTROLS),
                  # The year is only read here: a year move writes itself into the link in the browser
                  # (map.followYear), so sliding costs no round trip.
                  State(ids.YEAR, "value"))
    @guarded
    def sync_url(search, layers, lang, feature, view, window, r_from, r_to, r_year, r_compare, r_modes, r_planned,
                 year):
        if ctx.triggered_id in (ids.URL, None):
            # Page load, back/forward or an edited link: the URL leads, the controls follow.
            # An empty store holds "" or [] (see layout.py), which means the same as the URL's None.
            current = (year, layers, lang, feature or None, view or None, window, r_from, r_to, r_year, r_compare,
                       r_modes, r_planned)
            set_by_name(dict(zip(((ids.YEAR, "value"),) + CONTROLS, controls_for_link(c, search, current))))
            return no_update
        lang = known_language(lang) or DEFAULT_LANG
        set_by_name({(ids.ROUTE_YEAR, "value"): in_digits(r_year, lang),
                     (ids.ROUTE_COMPARE, "value"): in_digits(r_compare, lang)})
        new = link_for_controls(c, search, year, layers, lang, feature, view, window, r_from, r_to, r_year,
                                r_compare, r_modes, r_planned)
        return new if new != search else no_update
