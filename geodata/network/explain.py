"""Why there is no route: the links that would be needed, and when they open.

The cheapest path over every hop of the modes asked, whatever its status, with hops
not usable that day costing a fortune, names the records that stop the route and
says when each becomes usable (or that it never does in the data).
"""
from __future__ import annotations

import datetime as _dt
import functools

import networkx as nx

from .. import schema
from ..load import Dataset
from ..model import Record
from .graph import (ALL_MODES, ByIdentity, build_network, epoch_start, link_state, network_epoch,
                    planned_statuses, transport_segments, usable_statuses)


def _modes_text(modes: tuple[str, ...]) -> str:
    if set(modes) == set(ALL_MODES):
        return "any mode"
    return modes[0] if len(modes) == 1 else ", ".join(modes[:-1]) + " or " + modes[-1]



_BLOCKED_COST_KM = 1_000_000.0   # a hop that is not usable costs more than any route of usable hops


@functools.lru_cache(maxsize=32)
def _potential(key: ByIdentity, day: _dt.date, modes: tuple[str, ...], include_planned: bool) -> nx.MultiGraph:
    dataset = key.dataset
    graph = nx.MultiGraph()
    states: dict[str, bool] = {}
    for seg in transport_segments(dataset):
        if seg.mode not in modes:
            continue
        if seg.record_id not in states:
            states[seg.record_id] = link_state(dataset.by_id[seg.record_id], day, include_planned)[0]
        usable = states[seg.record_id]
        graph.add_edge(seg.a, seg.b, key=seg.record_id, record=seg.record_id, usable=usable,
                       cost=seg.length_km + (0.0 if usable else _BLOCKED_COST_KM))
    return nx.freeze(graph)


def _potential_network(dataset: Dataset, day: _dt.date, modes: tuple[str, ...], include_planned: bool,
                       hidden: frozenset[str] = frozenset()) -> nx.MultiGraph:
    """Every hop of ``modes`` whatever its status; hops not usable on ``day`` cost a fortune."""
    epoch_day = epoch_start(dataset, network_epoch(dataset, day))
    graph = _potential(ByIdentity(dataset), epoch_day, tuple(modes), include_planned)
    return nx.restricted_view(graph, hidden, []) if hidden else graph


@functools.lru_cache(maxsize=32)
def _usable(key: ByIdentity, day: _dt.date, modes: frozenset[str], include_planned: bool) -> nx.MultiGraph:
    return nx.freeze(build_network(key.dataset, day, modes, include_planned))


def _blocked_on(dataset: Dataset, graph: nx.MultiGraph, o: str, d: str, day: _dt.date,
                include_planned: bool) -> list[dict] | None:
    """The records not usable on ``day`` along the cheapest route of ``graph``; None if no route at all."""
    if o not in graph or d not in graph:
        return None
    try:
        path = nx.dijkstra_path(graph, o, d, weight="cost")
    except nx.NetworkXNoPath:
        return None
    blocked: dict[str, dict] = {}
    previous = None
    for a, b in zip(path, path[1:]):
        edge = min(graph[a][b].values(), key=lambda e: (e["cost"], e["record"] != previous, e["record"]))
        previous = edge["record"]
        if not edge["usable"] and edge["record"] not in blocked:
            blocked[edge["record"]] = _describe_block(dataset.by_id[edge["record"]], day, include_planned)
    return list(blocked.values())


def _describe_block(record: Record, day: _dt.date, include_planned: bool) -> dict:
    stage = record.stage_at(day)
    wanted = usable_statuses(record.kind)
    accepted = wanted + (planned_statuses(record.kind) if include_planned else ())
    later = next((s for s in record.stages if s.status in accepted and s.start is not None
                  and s.start.first_day() > day), None)
    earlier = [s for s in record.stages if s.status in accepted and s.start is not None
               and s.start.first_day() <= day]
    if stage is None:
        first = record.stages[0] if record.stages else None
        if first is not None and first.start is not None and first.start.first_day() > day:
            now = f"has no status yet in {day.year}"
        else:
            now = f"has no recorded status in {day.year}"
    else:
        now = f"is {stage.status}, not {' or '.join(wanted)}"
    if later is not None:
        when = f"{later.status} from {later.start}"
    elif stage is not None and stage.status in schema.TERMINAL_STATUSES:
        when = f"closed since {stage.start}" if stage.start else "closed"
    elif earlier:
        when = "no reopening recorded"
    else:
        when = f"never {' or '.join(wanted)} in the data"
    return {"record": record.id, "kind": record.kind, "mode": record.mode, "from_text": record.from_text,
            "status": stage.status if stage else None, "usable_from": later.start.iso() if later else None,
            "text": f"{record.id} {now} ({when})"}


def explain_no_route(dataset: Dataset, o: str, d: str, day: _dt.date, modes: tuple[str, ...],
                     include_planned: bool, avoid: tuple[str, ...] = ()) -> tuple[str, list[dict]]:
    """(reason, blocked records) for a route from ``o`` to ``d`` that does not exist on ``day``."""
    year = day.year
    hidden = frozenset(pid for pid, p in dataset.places.items() if p.country in avoid and pid not in (o, d))
    how = _modes_text(modes) + (f" avoiding {', '.join(avoid)}" if avoid else "")
    touching: dict[str, set[str]] = {o: set(), d: set()}
    for seg in transport_segments(dataset):
        for end in (seg.a, seg.b):
            if end in touching:
                touching[end].add(seg.mode)
    name = {pid: f"{dataset.places[pid].names.en} ({pid})" for pid in (o, d)}
    for end in (o, d):
        if not touching[end]:
            return f"no route by {how} in {year}: no link at all reaches {name[end]} in the data", []
    for end in (o, d):
        if not touching[end] & set(modes):
            only = " or ".join(m for m in ALL_MODES if m in touching[end])
            return (f"no route by {how} in {year}: no {_modes_text(modes)} link reaches {name[end]}; "
                    f"it is linked only by {only}"), []

    blocked = _blocked_on(dataset, _potential_network(dataset, day, modes, include_planned, hidden), o, d, day,
                          include_planned)
    if blocked:
        return f"no route by {how} in {year}: " + "; ".join(b["text"] for b in blocked), blocked
    head = (f"no route by {how} in {year}: the {_modes_text(modes)} links in the data never join "
            f"{name[o]} and {name[d]}" + (f" outside {', '.join(avoid)}" if avoid else ""))
    if set(modes) == set(ALL_MODES):
        return head, []
    other = tuple(ALL_MODES)
    epoch_day = epoch_start(dataset, network_epoch(dataset, day))
    everything = _usable(ByIdentity(dataset), epoch_day, frozenset(other), include_planned)
    if nx.has_path(nx.restricted_view(everything, hidden, []), o, d):
        return f"{head}; a route exists by any mode in {year}", []
    blocked = _blocked_on(dataset, _potential_network(dataset, day, other, include_planned, hidden), o, d, day,
                          include_planned)
    if blocked:
        return f"{head}; by any mode it would need: " + "; ".join(b["text"] for b in blocked), blocked
    return f"{head}, nor do links of any other mode", []
