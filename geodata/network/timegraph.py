"""The costed network of a day: a directed graph whose hops carry km, hours and borders.

Nodes are ``(place, mode)`` for every mode that reaches a place, plus a departure
node ``("dep", place)`` and an arrival node ``("arr", place)``: a journey leaves from
the one and ends at the other, so changing mode is possible only over a transfer
edge, which costs the transfer time (a port, or a rail-road station).  A hop that
crosses a boundary costs the border delay of its kind (international, or none
between two Soviet republics of the day), and a rail hop between two gauges the
break-of-gauge time.

Every edge has the weights the priorities use: ``km`` (shortest), ``hours``
(fastest) and ``border_cost`` (fewest international borders, then fastest).
Graphs are cached per network epoch, modes, planned flag and assumptions.
"""
from __future__ import annotations

import datetime as _dt
import functools
from typing import Mapping

import networkx as nx

from ..load import Dataset
from .costs import Assumptions, gauge_mm
from .graph import ByIdentity, epoch_start, network_epoch, usable_links
from .places import boundary_kind

BORDER_WEIGHT = 100_000.0   # one more border always costs more than any number of hours
KM_TIE_BREAK = 1e-3         # among equally short routes, the faster


def dep(pid: str) -> tuple[str, str]:
    return ("dep", pid)


def arr(pid: str) -> tuple[str, str]:
    return ("arr", pid)


def hop_costs(dataset: Dataset, seg, day: _dt.date, assumptions: Assumptions) -> dict:
    """The costs of one hop: travel time, and the boundary and gauge it crosses, if any."""
    ca, cb = dataset.places[seg.a].country, dataset.places[seg.b].country
    boundary = boundary_kind(dataset, ca, cb, day)
    travel_h = seg.length_km / assumptions.speed(seg.mode)
    border_h = {"international": assumptions.border_h, "republic": assumptions.republic_h}.get(boundary, 0.0)
    gauges = (gauge_mm(ca), gauge_mm(cb)) if seg.mode == "rail" else None
    gauge_h = assumptions.gauge_h if gauges and gauges[0] != gauges[1] else 0.0
    hours = travel_h + border_h + gauge_h
    borders = 1 if boundary == "international" else 0
    return {"km": seg.length_km, "travel_h": travel_h, "border_h": border_h, "gauge_h": gauge_h, "hours": hours,
            "boundary": boundary, "gauges": gauges if gauge_h or (gauges and gauges[0] != gauges[1]) else None,
            "borders": borders, "border_cost": borders * BORDER_WEIGHT + hours,
            "dist_cost": seg.length_km + KM_TIE_BREAK * hours}


def _add_hop(graph: nx.MultiDiGraph, dataset: Dataset, seg, stage, planned: bool, day, assumptions) -> None:
    for a, b in ((seg.a, seg.b), (seg.b, seg.a)):
        hop = type(seg)(seg.record_id, seg.kind, seg.mode, seg.from_text, a, b, seg.length_km)
        costs = hop_costs(dataset, hop, day, assumptions)
        graph.add_edge((a, seg.mode), (b, seg.mode), key=seg.record_id, type="hop", record=seg.record_id,
                       kind=seg.kind, mode=seg.mode, status=stage.status, planned=planned,
                       from_text=seg.from_text, a=a, b=b, **costs)


def _add_stations(graph: nx.MultiDiGraph, modes_at: Mapping[str, set[str]], assumptions: Assumptions) -> None:
    zero = {"km": 0.0, "hours": 0.0, "borders": 0, "border_cost": 0.0, "dist_cost": 0.0}
    for pid, modes in modes_at.items():
        for mode in modes:
            graph.add_edge(dep(pid), (pid, mode), key="dep", type="dep", **zero)
            graph.add_edge((pid, mode), arr(pid), key="arr", type="arr", **zero)
            for other in modes:
                if other != mode:
                    hours = assumptions.transfer_hours(mode, other)
                    graph.add_edge((pid, mode), (pid, other), key="transfer", type="transfer", at=pid,
                                   from_mode=mode, to_mode=other, km=0.0, hours=hours, borders=0,
                                   border_cost=hours, dist_cost=KM_TIE_BREAK * hours)


@functools.lru_cache(maxsize=48)
def _cached(key: ByIdentity, epoch: int, day: _dt.date, modes: frozenset[str], include_planned: bool,
            assumptions: Assumptions) -> nx.MultiDiGraph:
    dataset = key.dataset
    graph = nx.MultiDiGraph()
    modes_at: dict[str, set[str]] = {}
    for seg, stage, planned in usable_links(dataset, day, modes, include_planned):
        _add_hop(graph, dataset, seg, stage, planned, day, assumptions)
        modes_at.setdefault(seg.a, set()).add(seg.mode)
        modes_at.setdefault(seg.b, set()).add(seg.mode)
    _add_stations(graph, modes_at, assumptions)
    graph.graph.update(day=day, modes=modes, include_planned=include_planned)
    return nx.freeze(graph)


def costed_network(dataset: Dataset, day: _dt.date, modes: frozenset[str], include_planned: bool,
                   assumptions: Assumptions) -> nx.MultiDiGraph:
    """The (frozen, shared) costed graph of ``day``; the same object for every day of one epoch."""
    epoch = network_epoch(dataset, day)
    return _cached(ByIdentity(dataset), epoch, epoch_start(dataset, epoch), frozenset(modes), include_planned,
                   assumptions)


def place_of(node: tuple[str, str]) -> str:
    return node[1] if node[0] in ("dep", "arr") else node[0]


def hidden_nodes(graph: nx.MultiDiGraph, dataset: Dataset, avoid: tuple[str, ...], keep: tuple[str, ...]) -> set:
    """The nodes of places in the ``avoid`` countries, except those of the ``keep`` places."""
    if not avoid:
        return set()
    return {n for n in graph if place_of(n) not in keep and dataset.places[place_of(n)].country in avoid}
