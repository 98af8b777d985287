"""Events and episodes on the map: those in the chosen window, the chosen year's in full colour.

The trace is the same for every year: each marker rests small and faint (style.TIMELINE_MARKER),
and assets/clientside.js marks the year's markers on the drawn map (markTimelineOnMap), so a
year step that only changes which events are current asks nothing of Plotly.  Plotly redraws
every trace on any change of data; at 20 times the data that was most of a slider move.
"""
from __future__ import annotations

import datetime as _dt

import shapely

from geodata.query import events_between

from .. import style
from ..escape import plotly_text
from ._base import MapState, hover_name, marker_point


def spans(record) -> list:
    return [[s.start.first_day().isoformat() if s.start else None, s.end.day_after().isoformat() if s.end else None]
            for s in record.stages]


def in_year(record, year: int) -> bool:
    first, after = _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    return any(s.overlaps(first, after) for s in record.stages)


def timeline_traces(dataset, state: MapState, kind: str, symbol: str, colour: str) -> list[dict]:
    records = [r for r in events_between(dataset, *state.window) if r.kind == kind]
    if not records:
        return []
    lons, lats, ids, names, symbols, rec_spans = [], [], [], [], [], []
    path_lon, path_lat, path_ids = [], [], []
    for r in records:
        uncertain = r.location_certainty in ("inferred", "schematic", "approximate")
        for lon, lat in marker_point(r, dataset):
            lons.append(lon); lats.append(lat); ids.append(r.id); names.append(plotly_text(hover_name(r, state.lang)))
            symbols.append(f"{symbol}-open" if uncertain else symbol); rec_spans.append(spans(r))
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
                "meta": {"role": "timeline", "kind": kind, "spans": rec_spans}})
    return out


def overlaps_year(record_spans: list, year: int) -> bool:
    """Mirror of overlapsYear() in assets/clientside.js, on a record's :func:`spans`."""
    first, after = f"{year}-01-01", f"{year + 1}-01-01"
    return any((start or "0000-01-01") < after and first < (end or "9999-12-31") for start, end in record_spans)


def marked_for_year(trace: dict, year: int) -> dict:
    """A timeline trace with the year's markers standing out in the trace itself: how the browser
    draws an image export (timelineForExport in clientside.js), for a figure drawn without it."""
    if (trace.get("meta") or {}).get("role") != "timeline":
        return trace
    look = style.TIMELINE_MARKER
    now = ["now" if overlaps_year(record_spans, year) else "resting" for record_spans in trace["meta"]["spans"]]
    return {**trace, "marker": {**trace["marker"], "size": [look[n]["size"] for n in now],
                                "opacity": [look[n]["opacity"] for n in now]}}


__all__ = ["timeline_traces", "in_year", "overlaps_year", "marked_for_year"]
