"""Railway records on their real alignment, from Natural Earth 10m railroads.

The railroads come as zoom-8 vector tiles (github bovine3dom/fahrtle): pieces cut at tile edges.
They are joined into one network (noded where lines meet, short gaps at tile edges bridged); then
for each railway record the line between each pair of consecutive stations is the shortest path
in the network between the nodes nearest the two stations. A path is taken only if both stations
are near the network and the path is not much longer than the straight line; otherwise that leg
stays schematic (station to station). Natural Earth has no dates: the dates stay the records'.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import networkx as nx
import shapely
import shapely.ops

FRAME = (40.0, 22.0, 90.0, 50.0)
GRID = 1e-4  # degrees: the network is noded on this grid
STATION_REACH_KM = 15.0  # a station farther than this from any railway line has no alignment
BRIDGE_KM = 25.0  # a line end this close to another part of the network is joined to it (tile edges)
MAX_DETOUR = 1.6  # a path longer than this times the straight line (plus 20 km) is not the line meant


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance, good to well under 1 % at these distances."""
    lat = math.radians((a[1] + b[1]) / 2)
    return math.hypot((b[0] - a[0]) * 111.32 * math.cos(lat), (b[1] - a[1]) * 110.57)


def line_km(line: shapely.LineString) -> float:
    c = list(line.coords)
    return sum(km(p, q) for p, q in zip(c, c[1:]))


def read_network(tile_dir: Path) -> nx.Graph:
    """The railroads in the frame as a graph: nodes are (lon, lat), edges carry their line."""
    gdf = gpd.read_file(tile_dir).to_crs(4326)
    lines = shapely.clip_by_rect(shapely.union_all(gdf.geometry.values, grid_size=GRID), *FRAME)
    graph = nx.Graph()
    for part in shapely.get_parts(lines):
        if part.geom_type != "LineString" or part.length == 0:
            continue
        a, b = part.coords[0], part.coords[-1]
        graph.add_edge(a, b, line=part, km=line_km(part), bridge=False)
    _bridge_gaps(graph)
    return graph


def _bridge_gaps(graph: nx.Graph) -> None:
    """Join each dead end to the nearest node of another component within BRIDGE_KM."""
    comp = {n: i for i, c in enumerate(nx.connected_components(graph)) for n in c}
    nodes = list(graph.nodes)
    tree = shapely.STRtree(shapely.points(nodes))
    for end in [n for n in nodes if graph.degree(n) == 1]:
        near = tree.query(shapely.Point(end).buffer(BRIDGE_KM / 80.0))
        others = [nodes[i] for i in near if comp[nodes[i]] != comp[end]]
        if others:
            best = min(others, key=lambda n: km(end, n))
            if km(end, best) <= BRIDGE_KM:
                graph.add_edge(end, best, line=shapely.LineString([end, best]), km=km(end, best), bridge=True)


def attach(graph: nx.Graph, point: tuple[float, float]) -> tuple[Any, float]:
    """Split the line nearest the station at the point nearest it; (that node, km away)."""
    edges = list(graph.edges(data=True))
    tree = shapely.STRtree([e["line"] for _, _, e in edges])
    u, v, data = edges[tree.nearest(shapely.Point(point))]
    line = data["line"]
    at = line.project(shapely.Point(point))
    node = tuple(line.interpolate(at).coords[0])
    if node in (u, v) or at <= 0 or at >= line.length:
        node = min((u, v), key=lambda n: km(point, n)) if node not in (u, v) else node
        return node, km(point, node)
    first, second = shapely.ops.substring(line, 0, at), shapely.ops.substring(line, at, line.length)
    graph.remove_edge(u, v)
    start, end = line.coords[0], line.coords[-1]
    for a, b, part in ((start, node, first), (node, end, second)):
        graph.add_edge(a, b, line=part, km=line_km(part), bridge=data["bridge"])
    return node, km(point, node)


def leg(graph: nx.Graph, stations: dict, a: tuple[float, float], b: tuple[float, float]) -> dict[str, Any]:
    """The alignment between two stations, or why there is none."""
    straight = km(a, b)
    na, da = stations[a]
    nb, db = stations[b]
    if max(da, db) > STATION_REACH_KM:
        return {"aligned": False, "why": f"a station is {max(da, db):.0f} km from the nearest railway line"}
    try:
        path = nx.shortest_path(graph, na, nb, weight="km")
    except nx.NetworkXNoPath:
        return {"aligned": False, "why": "no railway line joins the two stations"}
    edges = [graph.edges[u, v] for u, v in zip(path, path[1:])]
    length = sum(e["km"] for e in edges)
    if length > MAX_DETOUR * straight + 20:
        return {"aligned": False, "why": f"the railway path is {length:.0f} km for {straight:.0f} km straight"}
    coords = [a]
    for u, v, e in zip(path, path[1:], edges):
        c = list(e["line"].coords)
        coords += c if c[0] == u else c[::-1]
    coords.append(b)
    return {"aligned": True, "line": shapely.LineString(coords), "km": round(length, 1),
            "bridged_km": round(sum(e["km"] for e in edges if e["bridge"]), 1)}


def rail_features(records_dir: Path, places: dict[str, tuple[float, float]], tile_dir: Path) -> list:
    """One feature per railway record: its legs on their alignment, or schematic where none."""
    graph = read_network(tile_dir)
    records = [rec for path in sorted(records_dir.glob("*rail*.json")) for rec in _records(path)
               if rec.get("geometry", {}).get("path")]
    used = sorted({places[p] for rec in records for p in rec["geometry"]["path"]})
    stations = {pt: attach(graph, pt) for pt in used}
    out = []
    for rec in sorted(records, key=lambda r: r["id"]):
        stops = rec["geometry"]["path"]
        legs = [leg(graph, stations, places[p], places[q]) for p, q in zip(stops, stops[1:])]
        lines = [lg["line"] if lg["aligned"] else shapely.LineString([places[p], places[q]])
                 for lg, p, q in zip(legs, stops, stops[1:])]
        geom = shapely.simplify(shapely.multilinestrings(lines), 0.005)
        out.append((_properties(rec, stops, legs), geom))
    return out


def _records(path: Path) -> list[dict]:
    """A records file: a list, or (the data model of issue 11) an object with a "records" list."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["records"] if isinstance(data, dict) else data


def _properties(rec: dict, stops: list[str], legs: list[dict]) -> dict[str, Any]:
    aligned = sum(lg["aligned"] for lg in legs)
    return {
        "id": rec["id"], "record": rec["id"], "kind": "railway_alignment",
        "name_en": rec["name"]["en"], "name_ur": rec["name"]["ur"], "name_fa": rec["name"].get("fa", ""),
        "start": None, "end": None,
        "location_certainty": "approximate" if aligned == len(legs) else ("schematic" if not aligned else
                                                                          "approximate in part"),
        "legs": [{"from": p, "to": q, "alignment": "Natural Earth 10m railroads" if lg["aligned"] else "schematic",
                  **({"km": lg["km"], "bridged_km": lg["bridged_km"]} if lg["aligned"] else {"why": lg["why"]})}
                 for p, q, lg in zip(stops, stops[1:], legs)],
        "extent_note": "Alignment from Natural Earth 10m railroads (no dates: the record's dates apply); "
                       "legs marked schematic are drawn station to station.",
        "sources": [{"id": "ne-railroads", "citation": "Natural Earth 10m railroads (public domain), as vector "
                     "tiles in github bovine3dom/fahrtle public/train_tiles at commit 9335621",
                     "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/railroads/"}],
    }
