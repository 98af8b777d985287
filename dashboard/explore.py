"""Exploring the map in time: the year written large on the map, Play over the text's span, where
on the slider the map changes, and jumps to the previous or next change.

Every year here is computed in Python: the years in which the map changes are the first years of
the renderer's spans (dashboard/render.py merges years that draw the same), and the ticks under
the slider count the records whose drawing changes in a year. assets/explore.js only reads them.
"""
from __future__ import annotations

from collections import Counter

from dash import ClientsideFunction, Input, Output, State, dcc, html

from geodata.load import Dataset
from geodata.query import change_dates

from . import ids
from .callbacks_common import guarded
from .i18n import digits, t
from .style import LABEL_FONT, line_height
from .urlstate import DEFAULT_WINDOW, FIRST_YEAR, LAST_YEAR

PLAY_SPAN = DEFAULT_WINDOW            # the text's span (sources.json period, 1918–1996): what Play runs over
READOUT = "year-readout"              # the name of the figure annotation that shows the year
CAPTION = "map-caption"               # and of the one above it: the span's caption (what the borders are)
READOUT_SIZE = 44                     # px: the year's font size on the map
PLAY_SPAN_STORE = "play-span"
PLAY_END_STORE = "play-end"           # Play's last year, where map.advanceYear (assets/clientside.js) stops
CHANGE_PREV, CHANGE_NEXT = "change-prev", "change-next"
TICKS = "change-ticks"


def year_readout(year: int, lang: str) -> dict:
    """The year, large, on the map: a figure annotation, so an image export carries it too."""
    return {"name": READOUT, "text": digits(year, lang), "xref": "paper", "yref": "paper", "x": 0.012, "y": 0.015,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False, "align": "center",  # centred: RTL-proof
            "font": {"size": READOUT_SIZE, "color": "#1A1A1A"}, "bgcolor": "rgba(255,255,255,0.78)", "borderpad": 4,
            "captureevents": False}


def readout_height(lang: str) -> int:
    """How tall the year's box is in px, in the language's digits (Nastaliq's line box is about twice
    Latin's): the caption stands on it."""
    return round(READOUT_SIZE * line_height(lang)) + 2 * 4 + 4


def map_caption(text: str, lang: str) -> dict:
    """The span's caption lines (render.py: "Borders of 1925, reconstructed; approximate"), in the
    map's lower corner above the year, so that it is in view however the map is panned or sized."""
    return {"name": CAPTION, "text": text, "xref": "paper", "yref": "paper", "x": 0.012, "y": 0.015,
            "yshift": readout_height(lang), "xanchor": "left", "yanchor": "bottom", "showarrow": False, "align": "center",
            "font": {"family": LABEL_FONT[lang], "size": 14, "color": "#333333"},
            "bgcolor": "rgba(255,255,255,0.78)", "borderpad": 3, "captureevents": False}


def change_years(model: dict) -> list[int]:
    """The years in which the map differs from the year before: the first year of each span."""
    return [span["first"] for span in model["spans"]]


def readout_meta(model: dict, lang: str) -> dict:
    """What assets/explore.js reads from ``layout.meta``: the change years and the language's digits."""
    return {"changes": change_years(model), "digits": digits("0123456789", lang)}


def changes_per_year(dataset: Dataset) -> Counter:
    """How many of the text's records change what the map draws in each year of the slider."""
    counts: Counter = Counter()
    for record in dataset.records:
        if record.from_text:
            for year in {day.year for day in change_dates(record)}:
                if FIRST_YEAR <= year <= LAST_YEAR:
                    counts[year] += 1
    return counts


def slider_ticks(dataset: Dataset, lang: str) -> html.Div:
    """A small histogram under the year slider: a bar at each year in which the text's records
    change, as tall as the number of changes (kepler.gl's time slider does the same)."""
    counts = changes_per_year(dataset)
    top = max(counts.values(), default=1)
    span = LAST_YEAR - FIRST_YEAR
    bars = [html.Span(className="change-tick", title=digits(year, lang), **{"data-year": year, "data-count": n},
                      style={"left": f"{100 * (year - FIRST_YEAR) / span:.3f}%", "height": f"{30 + 70 * n / top:.0f}%"})
            for year, n in sorted(counts.items())]
    return html.Div(bars, id=TICKS, className="change-ticks", role="img", dir="ltr",
                    title=t("change_ticks", lang), **{"aria-label": t("change_ticks", lang)})


def change_buttons(lang: str) -> list:
    return [html.Button("⏮", id=CHANGE_PREV, n_clicks=0, className="change-jump", title=t("change_prev", lang),
                        **{"aria-label": t("change_prev", lang)}),
            html.Button("⏭", id=CHANGE_NEXT, n_clicks=0, className="change-jump", title=t("change_next", lang),
                        **{"aria-label": t("change_next", lang)})]


def change_row(lang: str) -> html.Div:
    """The jumps, on their own row under the slider: beside Play, whose label changes width, a
    click meant for Pause could land on them."""
    return html.Div(change_buttons(lang), className="change-row")


def stores() -> list:
    return [dcc.Store(id=PLAY_SPAN_STORE, data=list(PLAY_SPAN)), dcc.Store(id=PLAY_END_STORE, data=PLAY_SPAN[1])]


def translated(lang: str) -> tuple:
    """The controls' names in ``lang``, in the order :func:`register` sends them."""
    return (t("change_prev", lang), t("change_prev", lang), t("change_next", lang), t("change_next", lang),
            t("change_ticks", lang), t("change_ticks", lang))


def register(app, _context=None) -> None:
    @app.callback(Output(CHANGE_PREV, "title"), Output(CHANGE_PREV, "aria-label"), Output(CHANGE_NEXT, "title"),
                  Output(CHANGE_NEXT, "aria-label"), Output(TICKS, "title"), Output(TICKS, "aria-label"),
                  Input(ids.LANG, "value"), prevent_initial_call=True)
    @guarded
    def translate(lang):
        return translated(lang)

    app.clientside_callback(ClientsideFunction("explore", "jumpChange"), Output(ids.YEAR, "value", allow_duplicate=True),
                            Input(CHANGE_PREV, "n_clicks"), Input(CHANGE_NEXT, "n_clicks"), State(ids.YEAR, "value"),
                            prevent_initial_call=True)
    # Play pressed at (or past) the end of the text's span starts again from its first year.
    app.clientside_callback(ClientsideFunction("explore", "restartPlay"), Output(ids.YEAR, "value", allow_duplicate=True),
                            Input(ids.PLAY, "n_clicks"), State(ids.TICK, "disabled"), State(ids.YEAR, "value"),
                            State(PLAY_SPAN_STORE, "data"), prevent_initial_call=True)


__all__ = ["year_readout", "change_years", "readout_meta", "changes_per_year", "slider_ticks", "change_buttons", "change_row",
           "stores", "register", "PLAY_SPAN", "READOUT"]
