"""Events and episodes on the map: those in the chosen window, the chosen year's in full colour.

The trace is the same for every year: each marker rests small and faint (style.TIMELINE_MARKER),
and assets/clientside.js marks the year's markers on the drawn map (markTimelineOnMap), so a
year step that only changes which events are current asks nothing of Plotly.  Plotly redraws
every trace on any change of data; at 20 times the data that was most of a slider move.
"""
from __future__ import annotations

import datetime as _dt

import shapely

from geodata import query
from geodata.query import events_between

from .. import style
from ._base import MapState, by_identity, marker_point, tooltip

TIMELINE_ROLE = "timeline"


def spans(record) -> list:
    return [[s.start.first_day().isoformat() if s.start else None, s.end.day_after().isoformat() if s.end else None]
            for s in record.stages]


@by_identity
def _years(record) -> tuple[tuple[int, int], ...]:
    """The years each stage of ``record`` overlaps, as (first, last) (open ends: far years)."""
    out = []
    for s in record.stages:
        first = s.start.first_day().year if s.start else -10_000
        last = (s.end.day_after() - _dt.timedelta(days=1)).year if s.end else 10_000
        out.append((first, last))
    return tuple(out)


def in_year(record, year: int) -> bool:
    """Whether any stage of ``record`` shares a day with ``year``."""
    return any(first <= year <= last for first, last in _years(record))


def timeline_traces(dataset, state: MapState, kind: str, symbol: str, colour: str) -> list[dict]:
    records = [r for r in events_between(dataset, *state.window) if r.kind == kind]
    if not records:
        return []
    lons, lats, ids, names, symbols = [], [], [], [], []
    path_lon, path_lat, path_ids = [], [], []
    for r in records:
        uncertain = r.location_certainty in ("inferred", "schematic", "approximate")
        for lon, lat in marker_point(r, dataset):
            lons.append(lon); lats.append(lat); ids.append(r.id); names.append(tooltip(r, state))
            symbols.append(f"{symbol}-open" if uncertain else symbol)
        if r.geometry_form == "path":
            xs, ys = (list(v) for v in zip(*shapely.get_coordinates(r.geometry).tolist()))
            if path_lon:
                path_lon.append(None); path_lat.append(None); path_ids.append(None)
            path_lon += xs; path_lat += ys; path_ids += [r.id] * len(xs)
    out = []
    if path_lon:
        out.append({"type": "scattergeo", "mode": "lines", "lon": path_lon, "lat": path_lat,
                    "line": {"color": colour, "width": 1.2, "dash": "dot"}, "opacity": 0.4,
                    "customdata": path_ids, "hoverinfo": "skip", "showlegend": False,
                    "meta": {"role": f"{kind}-paths"}})
    out.append({"type": "scattergeo", "mode": "markers", "lon": lons, "lat": lats, "text": names,
                "marker": {"symbol": symbols, "size": style.TIMELINE_MARKER["resting"]["size"],
                           "opacity": style.TIMELINE_MARKER["resting"]["opacity"], "color": colour,
                           "line": {"width": 1.5, "color": "#FFFFFF"}},
                "customdata": ids, "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                "meta": {"role": TIMELINE_ROLE, "kind": kind}})
    out.append(hit_targets(out[-1], kind))
    return out


def hit_targets(markers: dict, kind: str) -> dict:
    """Invisible small markers on the same points, drawn after the lines, so that the marker's
    centre finds its event. Plotly's geo hover counts a line point within 3 px as a direct hit but
    keeps a marker of radius r at least 1 - 3/r away, so a line ending under an event (the railway
    at Sarakhs, 1996) took its hover and click; at radius 3 and drawn later, the target wins."""
    return {"type": "scattergeo", "mode": "markers", "lon": markers["lon"], "lat": markers["lat"],
            "text": markers["text"], "customdata": markers["customdata"], "hovertemplate": markers["hovertemplate"],
            "marker": {"size": 6, "opacity": 0}, "showlegend": False, "meta": {"role": f"{kind}-targets"}}


def now_points(dataset, trace: dict, year: int) -> list[int]:
    """Indices of the markers of a timeline ``trace`` whose record overlaps ``year``."""
    now = _current_by_year(dataset).get(year, frozenset())
    return [i for i, rid in enumerate(trace["customdata"]) if rid in now]


def current_events(dataset, year: int) -> list[str]:
    """Ids of the events and episodes that overlap ``year`` (marked in the timeline list)."""
    return sorted(_current_by_year(dataset).get(year, ()))


@by_identity
def _current_by_year(dataset) -> dict[int, frozenset[str]]:
    """For each year, the ids of the events and episodes that overlap it: worked out once per dataset
    (the renderer asks for every candidate year of every state; at 20 times the data, asking each
    record each time was half of a new model's cost)."""
    first, last = query.year_range(dataset)
    by_year: dict[int, set[str]] = {}
    for record in query.timeline_records(dataset):
        for a, b in _years(record):
            for year in range(max(a, first - 1), min(b, last + 1) + 1):
                by_year.setdefault(year, set()).add(record.id)
    return {year: frozenset(ids) for year, ids in by_year.items()}


def marked(trace: dict, points: list[int]) -> dict:
    """A timeline trace with the markers at ``points`` standing out in the trace itself, as an image
    export draws them (the map marks them on the drawn SVG instead: see the module's docstring)."""
    look, now = style.TIMELINE_MARKER, set(points)
    state = ["now" if i in now else "resting" for i in range(len(trace["customdata"]))]
    return {**trace, "marker": {**trace["marker"], "size": [look[n]["size"] for n in state],
                                "opacity": [look[n]["opacity"] for n in state]}}


__all__ = ["timeline_traces", "in_year", "now_points", "current_events", "marked", "TIMELINE_ROLE"]
