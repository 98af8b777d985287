"""Keyboard access to the map (issue 17b): a list that mirrors the features the map draws, and the
events window's readout.

A feature on the map can only be clicked with a pointer; this list gives each one a button. What
the map draws in each year comes from the renderer's model (dashboard/render.py), so the list is
computed from the same model: for each feature, the spans of years in which a trace that answers a
click (hover not skipped) carries its id. The browser only shows the entries whose years hold the
slider's year (assets/a11y.js, ``showFeatures``). The page gets the list when its summary is first
pressed, not before (dashboard/callbacks_a11y.py).
"""
from __future__ import annotations

from dash import html

from geodata import query
from geodata.load import Dataset

from .i18n import digits, name_in, t
from .layers import MapState
from .render import materialise, render_model

FEATURE_ITEM = "feature-item"      # pattern-matching id type of the list's buttons
FEATURE_LIST = "feature-list"
FEATURE_LIST_TITLE = "feature-list-title"   # its <summary>: the list is made when this is first pressed
WINDOW_READOUT = "window-readout"


def _clickable_ids(trace: dict) -> set[str]:
    """The record or place ids a click on ``trace`` can report (dashboard/callbacks_map.chosen_feature)."""
    if trace.get("hoverinfo") == "skip":
        return set()
    found = set()
    for cid in trace.get("customdata") or ():
        cid = (cid[0] if cid else None) if isinstance(cid, list) else cid
        if isinstance(cid, str) and cid:
            found.add(cid)
    return found


def visible_years(model: dict, known) -> dict[str, list[tuple[int, int]]]:
    """For each known id drawn clickable in the model, its spans of years (neighbours merged)."""
    years: dict[str, list[tuple[int, int]]] = {}
    drawn_by_trace: dict[int, set[str]] = {}
    for span in model["spans"]:
        in_span = set()
        for index in span["traces"]:
            if index not in drawn_by_trace:
                drawn_by_trace[index] = {i for i in _clickable_ids(materialise(model, index)) if known(i)}
            in_span |= drawn_by_trace[index]
        for fid in in_span:
            runs = years.setdefault(fid, [])
            if runs and runs[-1][1] + 1 == span["first"]:
                runs[-1] = (runs[-1][0], span["last"])
            else:
                runs.append((span["first"], span["last"]))
    return years


def _thing(dataset: Dataset, fid: str):
    return query.record(dataset, fid) or query.place(dataset, fid)


def feature_entries(dataset: Dataset, state: MapState) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(id, name in the page's language, years drawn) of every feature the map can draw for
    ``state`` (its year aside): the text's records first, then places, each by name."""
    model = render_model(dataset, state)
    years = visible_years(model, lambda fid: _thing(dataset, fid) is not None)
    entries = [(fid, name_in(_thing(dataset, fid), state.lang), runs) for fid, runs in years.items()]
    return sorted(entries, key=lambda e: (query.record(dataset, e[0]) is None, e[1].casefold(), e[0]))


def feature_list(dataset: Dataset, state: MapState):
    """The list's buttons; each carries its years as ``data-years="1918-1935 1940-2026"``."""
    items = [html.Li(html.Button(name, id={"type": FEATURE_ITEM, "id": fid}, className="linklike",
                                 **{"data-years": " ".join(f"{a}-{b}" for a, b in runs), "data-feature": fid}),
                     hidden=not any(a <= state.year <= b for a, b in runs))
             for fid, name, runs in feature_entries(dataset, state)]
    return [html.P(t("feature_list_help", state.lang), className="hint"), html.Ul(items, className="feature-items")]


def window_readout(window, lang: str) -> list:
    """"1991–1992" (in the language's digits) and what the window includes."""
    first, last = sorted(window)
    span = digits(first, lang) if first == last else f"{digits(first, lang)}–{digits(last, lang)}"
    return [html.Strong(span, className="window-span"),
            " ", html.Span(t("window_includes", lang), className="hint")]
