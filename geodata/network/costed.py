"""The costed network: one static table of edges per dataset, costed per query with numpy, searched with scipy.

Nodes are ``(place, mode)`` for every mode that reaches a place, plus a departure node
``("dep", place)`` and an arrival node ``("arr", place)``: a journey leaves from the one
and ends at the other, so changing mode is possible only over a transfer edge, which
costs the transfer time (a port if the sea is involved, else a rail-road station).

The edges never change; what changes with the day, the modes asked and the reader's
assumptions is each edge's cost, computed for all edges at once: a hop is usable if
its record carries traffic that day (:func:`usable_records`, cached per network epoch),
costs its length over the mode's speed, plus the border delay of its boundary that day
(international, or between two Soviet republics) and the break-of-gauge time where the
gauges of its ends differ.  Weights per priority: ``time`` (hours), ``distance`` (km,
then hours) and ``borders`` (international borders, then hours).  Dijkstra runs in C
(:func:`scipy.sparse.csgraph.dijkstra`), so a query costs milliseconds even at 20x data.
"""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from ..load import Dataset
from .costs import Assumptions, gauge_mm
from .graph import (ALL_MODES, ByIdentity, epoch_start, network_epoch, planned_statuses, transport_segments,
                    usable_statuses)
from .places import soviet_on

HOP, TRANSFER, DEP, ARR = 0, 1, 2, 3
NO_BOUNDARY, REPUBLIC, INTERNATIONAL = 0, 1, 2
BOUNDARY_NAMES = {NO_BOUNDARY: None, REPUBLIC: "republic", INTERNATIONAL: "international"}
BORDER_WEIGHT = 100_000.0   # one more border always costs more than any number of hours
KM_TIE_BREAK = 1e-3         # among equally short routes, the faster
EPSILON = 1e-9              # scipy drops zero-weight edges; a free edge costs this instead
MODE_INDEX = {m: i for i, m in enumerate(ALL_MODES)}


@dataclass(frozen=True)
class EdgeTable:
    nodes: tuple[tuple[str, str], ...]
    index: Mapping[tuple[str, str], int]
    kind: np.ndarray          # HOP, TRANSFER, DEP, ARR
    src: np.ndarray
    dst: np.ndarray
    mode_src: np.ndarray      # mode index of each end's node; len(ALL_MODES) for dep/arr nodes
    mode_dst: np.ndarray
    record: np.ndarray        # index into records, -1 if not a hop
    records: tuple[str, ...]
    from_text: np.ndarray     # per record: drawn from the text (not context)
    km: np.ndarray
    country_a: np.ndarray     # country index of a hop's ends
    country_b: np.ndarray
    countries: tuple[str, ...]
    gauge_break: np.ndarray   # bool
    port: np.ndarray          # bool: a transfer to or from the sea
    place_of_node: np.ndarray  # place index of every node
    places: tuple[str, ...]
    place_index: Mapping[str, int]


def _node_modes(dataset: Dataset) -> dict[str, set[str]]:
    modes: dict[str, set[str]] = {}
    for seg in transport_segments(dataset):
        modes.setdefault(seg.a, set()).add(seg.mode)
        modes.setdefault(seg.b, set()).add(seg.mode)
    return modes


@functools.lru_cache(maxsize=4)
def _table(key: ByIdentity) -> EdgeTable:
    dataset = key.dataset
    places = tuple(dataset.places)
    place_ix = {p: i for i, p in enumerate(places)}
    countries = tuple(sorted({p.country for p in dataset.places.values()}))
    country_ix = {c: i for i, c in enumerate(countries)}
    nodes: list[tuple[str, str]] = []
    for pid, modes in _node_modes(dataset).items():
        nodes += [("dep", pid), ("arr", pid)] + [(pid, m) for m in ALL_MODES if m in modes]
    index = {n: i for i, n in enumerate(nodes)}
    rows: list[tuple] = []     # kind, src, dst, mode_src, mode_dst, record, km, ca, cb, gauge_break, port
    records = tuple(dict.fromkeys(seg.record_id for seg in transport_segments(dataset)))
    record_ix = {r: i for i, r in enumerate(records)}
    none_mode = len(ALL_MODES)
    for seg in transport_segments(dataset):
        m = MODE_INDEX[seg.mode]
        for a, b in ((seg.a, seg.b), (seg.b, seg.a)):
            ca, cb = dataset.places[a].country, dataset.places[b].country
            gauge = seg.mode == "rail" and gauge_mm(ca) != gauge_mm(cb)
            rows.append((HOP, index[(a, seg.mode)], index[(b, seg.mode)], m, m, record_ix[seg.record_id],
                         seg.length_km, country_ix[ca], country_ix[cb], gauge, False))
    for pid, modes in _node_modes(dataset).items():
        c = country_ix[dataset.places[pid].country]
        for mode in modes:
            m, node = MODE_INDEX[mode], index[(pid, mode)]
            rows.append((DEP, index[("dep", pid)], node, none_mode, m, -1, 0.0, c, c, False, False))
            rows.append((ARR, node, index[("arr", pid)], m, none_mode, -1, 0.0, c, c, False, False))
            for other in modes - {mode}:
                rows.append((TRANSFER, node, index[(pid, other)], m, MODE_INDEX[other], -1, 0.0, c, c, False,
                             "sea" in (mode, other)))
    rows.sort(key=lambda r: (r[1], r[2]))      # by (src, dst): searches need no sorting of their own
    cols = list(zip(*rows))
    return EdgeTable(
        nodes=tuple(nodes), index=index, kind=np.array(cols[0], dtype=np.int8), src=np.array(cols[1]),
        dst=np.array(cols[2]), mode_src=np.array(cols[3]), mode_dst=np.array(cols[4]),
        record=np.array(cols[5]), records=records, km=np.array(cols[6], dtype=float),
        from_text=np.array([dataset.by_id[r].from_text for r in records], dtype=bool),
        country_a=np.array(cols[7]), country_b=np.array(cols[8]), countries=countries,
        gauge_break=np.array(cols[9], dtype=bool), port=np.array(cols[10], dtype=bool),
        place_of_node=np.array([place_ix[n[1] if n[0] in ("dep", "arr") else n[0]] for n in nodes]), places=places,
        place_index=place_ix)


def edge_table(dataset: Dataset) -> EdgeTable:
    return _table(ByIdentity(dataset))


# --------------------------------------------------------------------------- what holds in an epoch

@dataclass(frozen=True)
class EpochState:
    usable: np.ndarray        # per record of the table: carries traffic (or is planned, if asked)
    planned: np.ndarray       # per record: usable only because planned links were asked for
    status: tuple             # per record: its status that day, or None
    boundary: np.ndarray      # per edge: NO_BOUNDARY, REPUBLIC or INTERNATIONAL


@functools.lru_cache(maxsize=4)
def _stage_spans(key: ByIdentity) -> tuple:
    """Per record of the table: its stages as (first day, day after, status), and its usable and planned
    statuses; dates as ordinals, so an epoch's states cost comparisons of integers."""
    dataset, table = key.dataset, _table(key)
    out = []
    for rid in table.records:
        record = dataset.by_id[rid]
        spans = tuple((s.start.first_day().toordinal() if s.start else -1,
                       s.end.day_after().toordinal() if s.end else 10 ** 9, s.status) for s in record.stages)
        out.append((spans, usable_statuses(record.kind), planned_statuses(record.kind)))
    return tuple(out)


def _states(key: ByIdentity, day: _dt.date, include_planned: bool) -> list[tuple[bool, bool, str | None]]:
    """(usable, planned, status) per record on ``day``, as :func:`link_state` decides (the later stage wins)."""
    today = day.toordinal()
    out = []
    for spans, usable, planned in _stage_spans(key):
        status = None
        for first, after, stage_status in spans:
            if first <= today < after:
                status = stage_status
        if status in usable:
            out.append((True, False, status))
        elif include_planned and status in planned:
            out.append((True, True, status))
        else:
            out.append((False, False, status))
    return out


@functools.lru_cache(maxsize=256)
def _epoch_state(key: ByIdentity, epoch: int, include_planned: bool) -> EpochState:
    dataset, table = key.dataset, _table(key)
    day = epoch_start(dataset, epoch)
    states = _states(key, day, include_planned)
    soviet = np.array([soviet_on(dataset, c, day) for c in table.countries], dtype=bool)
    crosses = table.country_a != table.country_b
    both_soviet = soviet[table.country_a] & soviet[table.country_b]
    boundary = np.where(crosses, np.where(both_soviet, REPUBLIC, INTERNATIONAL), NO_BOUNDARY).astype(np.int8)
    return EpochState(usable=np.array([s[0] for s in states], dtype=bool),
                      planned=np.array([s[1] for s in states], dtype=bool),
                      status=tuple(s[2] for s in states), boundary=boundary)


def epoch_state(dataset: Dataset, day: _dt.date, include_planned: bool) -> EpochState:
    return _epoch_state(ByIdentity(dataset), network_epoch(dataset, day), bool(include_planned))


# --------------------------------------------------------------------------- costs and searches

@dataclass(frozen=True)
class Costs:
    """Every edge's cost components for one query; ``ok`` marks the edges that may be used."""
    ok: np.ndarray
    travel_h: np.ndarray
    border_h: np.ndarray
    gauge_h: np.ndarray
    transfer_h: np.ndarray

    @property
    def hours(self) -> np.ndarray:
        return self.travel_h + self.border_h + self.gauge_h + self.transfer_h


def edge_costs(table: EdgeTable, state: EpochState, modes: tuple[str, ...], a: Assumptions,
               hidden_places: frozenset[int] = frozenset()) -> Costs:
    mode_ok = np.array([m in modes for m in ALL_MODES] + [True])
    hop = table.kind == HOP
    ok = mode_ok[table.mode_src] & mode_ok[table.mode_dst]
    ok &= ~hop | state.usable[np.where(hop, table.record, 0)]
    if hidden_places:
        hidden = np.isin(table.place_of_node, list(hidden_places))
        ok &= ~hidden[table.src] & ~hidden[table.dst]
    speeds = np.array([a.speed(m) for m in ALL_MODES] + [1.0])
    travel = np.where(hop, table.km / speeds[table.mode_src], 0.0)
    border = np.where(state.boundary == INTERNATIONAL, a.border_h,
                      np.where(state.boundary == REPUBLIC, a.republic_h, 0.0)) * hop
    gauge = np.where(hop & table.gauge_break, a.gauge_h, 0.0)
    transfer = np.where(table.kind == TRANSFER, np.where(table.port, a.port_h, a.rail_road_h), 0.0)
    return Costs(ok, travel, border, gauge, transfer)


def weights(table: EdgeTable, state: EpochState, costs: Costs, by: str) -> np.ndarray:
    hours = costs.hours
    if by == "distance":
        return table.km + KM_TIE_BREAK * hours
    if by == "borders":
        return (state.boundary == INTERNATIONAL) * (table.kind == HOP) * BORDER_WEIGHT + hours
    return hours


@dataclass(frozen=True)
class Search:
    """A graph of the usable edges (the cheapest of parallel ones) and a Dijkstra run on it."""
    chosen: np.ndarray        # per (src, dst) pair kept: the edge index
    keys: np.ndarray          # src * n + dst of the kept edges, sorted
    dist: np.ndarray
    pred: np.ndarray


def shortest(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, ok: np.ndarray, source: int,
             tie: np.ndarray | None = None, limit: float = np.inf) -> Search:
    """Dijkstra over ``n`` nodes and the ``ok`` edges, which come sorted by (src, dst).

    Of parallel edges the cheapest is kept (then the lowest ``tie``): only those few
    are sorted by weight; the rest are already in the order the sparse matrix needs.
    """
    idx = np.flatnonzero(ok)
    key = src[idx].astype(np.int64) * n + dst[idx]
    same = key[1:] == key[:-1]
    if same.any():
        w = weight[idx]
        order = np.lexsort((tie[idx], w, key) if tie is not None else (w, key))
        idx, key = idx[order], key[order]
        same = key[1:] == key[:-1]
    keep = np.concatenate(([True], ~same)) if len(idx) else np.zeros(0, dtype=bool)
    idx, key = idx[keep], key[keep]
    indptr = np.searchsorted(src[idx], np.arange(n + 1))
    matrix = csr_matrix((weight[idx] + EPSILON, dst[idx], indptr), shape=(n, n))
    dist, pred = dijkstra(matrix, directed=True, indices=source, return_predecessors=True, limit=limit)
    return Search(idx, key, dist, pred)


def search(table: EdgeTable, state: EpochState, costs: Costs, weight: np.ndarray, source: int,
           limit: float = np.inf) -> Search:
    """Dijkstra on the costed network; among equal parallel links a built one, then one from the text."""
    hop = table.kind == HOP
    rec = np.where(hop, table.record, 0)
    tie = (hop & state.planned[rec]) * 2 + (hop & ~table.from_text[rec])
    return shortest(len(table.nodes), table.src, table.dst, weight, costs.ok, source, tie, limit)


def path_edges(found: Search, target: int) -> list[int] | None:
    """The edge indices from the search's source to ``target``, or None if it is not reached."""
    if not np.isfinite(found.dist[target]):
        return None
    n = len(found.dist)
    out, node = [], target
    while found.pred[node] >= 0:
        prev = found.pred[node]
        out.append(int(found.chosen[np.searchsorted(found.keys, prev * n + node)]))
        node = prev
    return out[::-1]


def describe_edge(dataset: Dataset, table: EdgeTable, state: EpochState, costs: Costs, e: int) -> dict:
    """One edge of a path as the route reports it (a hop or a transfer)."""
    kind = int(table.kind[e])
    hours = float(costs.hours[e])
    if kind == TRANSFER:
        return {"type": "transfer", "at": table.nodes[table.src[e]][0], "from_mode": table.nodes[table.src[e]][1],
                "to_mode": table.nodes[table.dst[e]][1], "hours": hours, "km": 0.0}
    if kind != HOP:
        return {"type": "dep" if kind == DEP else "arr", "hours": 0.0, "km": 0.0}
    r = int(table.record[e])
    a, mode = table.nodes[table.src[e]]
    b = table.nodes[table.dst[e]][0]
    record = dataset.by_id[table.records[r]]
    ca, cb = dataset.places[a].country, dataset.places[b].country
    gauges = (gauge_mm(ca), gauge_mm(cb)) if table.gauge_break[e] else None
    return {"type": "hop", "record": record.id, "kind": record.kind, "mode": mode, "status": state.status[r],
            "planned": bool(state.planned[r]), "from_text": record.from_text, "a": a, "b": b,
            "km": float(table.km[e]), "hours": hours, "travel_h": float(costs.travel_h[e]),
            "border_h": float(costs.border_h[e]), "gauge_h": float(costs.gauge_h[e]),
            "boundary": BOUNDARY_NAMES[int(state.boundary[e])], "gauges": gauges}
