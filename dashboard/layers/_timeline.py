"""Events and episodes on the map: those in the chosen window, the chosen year's in full colour."""
from __future__ import annotations

import datetime as _dt

import shapely

from geodata.query import events_between

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
    lons, lats, ids, names, opac, size, symbols, rec_spans = [], [], [], [], [], [], [], []
    path_lon, path_lat, path_ids = [], [], []
    for r in records:
        now = in_year(r, state.year)
        uncertain = r.location_certainty in ("inferred", "schematic", "approximate")
        for lon, lat in marker_point(r, dataset):
            lons.append(lon); lats.append(lat); ids.append(r.id); names.append(hover_name(r, state.lang))
            opac.append(1.0 if now else 0.35); size.append(17 if now else 12)
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
                "marker": {"symbol": symbols, "size": size, "opacity": opac, "color": colour,
                           "line": {"width": 1.5, "color": "#FFFFFF"}},
                "customdata": ids, "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                "meta": {"role": "timeline", "kind": kind, "spans": rec_spans}})
    return out


__all__ = ["timeline_traces", "in_year"]
