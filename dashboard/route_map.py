"""The route explorer on the map: routes of two years, reach bands, the network of a year.

Pure functions of the answers; every colour, width and dash is decided here, the
browser only draws.  The year of each route is written on the map at its end, and the
panel's key (:func:`dashboard.route_results.map_key`) uses the same colours.
"""
from __future__ import annotations

from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata.network import UNCERTAIN_STATUSES, RouteResult, build_network

from . import style
from .escape import plotly_text
from .i18n import name_in_year

COMPARE_COLOUR = "#56B4E9"
# Bands of travel time, nearest first: a sequential scale readable by colour-blind readers (viridis stops).
BAND_COLOURS = ("#FDE725", "#5EC962", "#21918C", "#3B528B")
MODE_COLOURS = {"rail": "#9E2A2B", "sea": "#1F6FB2", "road": "#8C6D31"}
DASH = {"built": "solid", "possible": "dot", "planned": "dash"}


def name_at_year(dataset: Dataset, pid: str, year: int) -> str:
    """The place's English name in the route's year (Poltoratsk for Ashgabat in 1925)."""
    return name_in_year(dataset.places[pid], year, "en")


def _line(lons, lats, **extra) -> dict:
    return {"type": "scattergeo", "mode": "lines", "lon": lons, "lat": lats, "hoverinfo": "skip",
            "showlegend": False, **extra}


def route_traces(dataset: Dataset, results: list[RouteResult]) -> list[dict]:
    """A dark casing with a bright line on top for the route, a dashed blue one for the year compared,
    and each route's year written at its destination."""
    out = []
    for i, result in enumerate(results):
        if not result.found:
            continue
        lons = [dataset.places[p].lon for p in result.path]
        lats = [dataset.places[p].lat for p in result.path]
        colour = style.ROUTE_COLOUR if i == 0 else COMPARE_COLOUR
        out.append(_line(lons, lats, line={"color": "#1A1A1A", "width": 11 - 3 * i}, opacity=0.75,
                         meta={"role": "route-casing"}))
        segs = [s["record"] for s in result.segments]
        out.append({"type": "scattergeo", "mode": "lines+markers", "lon": lons, "lat": lats,
                    "line": {"color": colour, "width": 6 - 2 * i, "dash": "solid" if i == 0 else "dash"},
                    "marker": {"size": 7, "color": colour}, "customdata": [segs[0]] + segs if segs else [],
                    "text": [plotly_text(f"{result.year}: {name_at_year(dataset, p, result.year)}") for p in result.path],
                    "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                    "meta": {"role": "route", "year": result.year}})
        out.append({"type": "scattergeo", "mode": "text", "lon": [lons[-1]], "lat": [lats[-1]],
                    "text": [f"<b>{result.year}</b>"], "textposition": "top right" if i == 0 else "bottom right",
                    "textfont": {"size": 15, "color": "#1A1A1A" if i == 0 else "#0B4F79"}, "hoverinfo": "skip",
                    "showlegend": False, "meta": {"role": "route-year-label", "year": result.year}})
    return out


def reach_traces(dataset: Dataset, reaches: list) -> list[dict]:
    """The first year's reach as dots coloured by band; places reached only in the second year ringed."""
    if not reaches:
        return []
    first = reaches[0]
    out = []
    for band, colour in enumerate(BAND_COLOURS):
        pids = [p for p in first.hours if first.band(p) == band]
        if pids:
            out.append({"type": "scattergeo", "mode": "markers", "lon": [dataset.places[p].lon for p in pids],
                        "lat": [dataset.places[p].lat for p in pids], "customdata": pids,
                        "marker": {"size": 14, "color": colour, "line": {"color": "#1A1A1A", "width": 1}},
                        "text": [plotly_text(f"{name_at_year(dataset, p, first.year)}: {first.hours[p]:.0f} h ({first.year})")
                                 for p in pids],
                        "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                        "meta": {"role": "reach", "year": first.year, "band": band}})
    if len(reaches) > 1:
        second = reaches[1]
        only = [p for p in second.hours if p not in first.hours]
        if only:
            out.append({"type": "scattergeo", "mode": "markers", "lon": [dataset.places[p].lon for p in only],
                        "lat": [dataset.places[p].lat for p in only], "customdata": only,
                        "marker": {"size": 18, "color": "rgba(0,0,0,0)", "line": {"color": COMPARE_COLOUR, "width": 3}},
                        "text": [plotly_text(f"{name_at_year(dataset, p, second.year)}: {second.hours[p]:.0f} h ({second.year})")
                                 for p in only], "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                        "meta": {"role": "reach-compare", "year": second.year}})
    return out


def network_traces(dataset: Dataset, year: int, modes: tuple[str, ...], planned: bool) -> list[dict]:
    """The links usable at the end of ``year``: one trace per mode and kind of status."""
    graph = build_network(dataset, end_of_year(year), frozenset(modes), planned)
    groups: dict[tuple[str, str], tuple[list, list]] = {}
    for a, b, edge in graph.edges(data=True):
        state = "planned" if edge["planned"] else ("possible" if edge["status"] in UNCERTAIN_STATUSES else "built")
        lons, lats = groups.setdefault((edge["mode"], state), ([], []))
        pa, pb = dataset.places[a], dataset.places[b]
        lons += [pa.lon, pb.lon, None]
        lats += [pa.lat, pb.lat, None]
    return [_line(lons, lats, line={"color": MODE_COLOURS[mode], "width": 2.5, "dash": DASH[state]}, opacity=0.85,
                  meta={"role": "network", "mode": mode, "state": state, "year": year})
            for (mode, state), (lons, lats) in sorted(groups.items())]
