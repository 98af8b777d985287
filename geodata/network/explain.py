"""Why there is no route: the links that would be needed, and when they open.

The cheapest path over every hop of the modes asked, whatever its status, with hops
not usable that day costing a fortune, names the records that stop the route and
says when each becomes usable (or that it never does in the data).
"""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .. import schema
from ..load import Dataset
from ..model import Record
from .costed import MODE_INDEX, edge_table, epoch_state, path_edges, shortest
from .graph import ALL_MODES, ByIdentity, planned_statuses, transport_segments, usable_statuses


def _modes_text(modes: tuple[str, ...]) -> str:
    if set(modes) == set(ALL_MODES):
        return "any mode"
    return modes[0] if len(modes) == 1 else ", ".join(modes[:-1]) + " or " + modes[-1]



_BLOCKED_COST_KM = 1_000_000.0   # a hop that is not usable costs more than any route of usable hops


@dataclass(frozen=True)
class PlaceHops:
    """Every hop between places (both ways), whatever its status: the network as it could be."""
    a: np.ndarray
    b: np.ndarray
    mode: np.ndarray
    record: np.ndarray        # index into the edge table's records
    km: np.ndarray
    places: Mapping[str, int]
    touching: Mapping[str, frozenset[str]]   # place -> modes of the links that reach it


@functools.lru_cache(maxsize=4)
def _place_hops(key: ByIdentity) -> PlaceHops:
    dataset, table = key.dataset, edge_table(key.dataset)
    places = {pid: i for i, pid in enumerate(dataset.places)}
    record_ix = {r: i for i, r in enumerate(table.records)}
    rows, touching = [], {}
    for seg in transport_segments(dataset):
        for a, b in ((seg.a, seg.b), (seg.b, seg.a)):
            rows.append((places[a], places[b], MODE_INDEX[seg.mode], record_ix[seg.record_id], seg.length_km))
        touching.setdefault(seg.a, set()).add(seg.mode)
        touching.setdefault(seg.b, set()).add(seg.mode)
    rows.sort(key=lambda r: (r[0], r[1]))      # by (a, b), as the search needs
    cols = [np.array(c) for c in zip(*rows)]
    return PlaceHops(*cols, places=MappingProxyType(places),
                     touching=MappingProxyType({k: frozenset(v) for k, v in touching.items()}))


def _place_search(dataset: Dataset, o: str, day: _dt.date, modes: tuple[str, ...], include_planned: bool,
                  hidden: frozenset[str], usable_only: bool):
    hops = _place_hops(ByIdentity(dataset))
    state = epoch_state(dataset, day, include_planned)
    usable = state.usable[hops.record]
    ok = np.isin(hops.mode, [MODE_INDEX[m] for m in modes])
    if hidden:
        gone = np.isin(np.arange(len(hops.places)), [hops.places[p] for p in hidden])
        ok &= ~gone[hops.a] & ~gone[hops.b]
    if usable_only:
        ok &= usable
    cost = hops.km + np.where(usable, 0.0, _BLOCKED_COST_KM)
    return hops, usable, shortest(len(hops.places), hops.a, hops.b, cost, ok, hops.places[o], tie=hops.record)


def _blocked_on(dataset: Dataset, o: str, d: str, day: _dt.date, modes: tuple[str, ...], include_planned: bool,
                hidden: frozenset[str]) -> list[dict] | None:
    """The records not usable on ``day`` along the cheapest potential route; None if no route at all."""
    hops, usable, found = _place_search(dataset, o, day, modes, include_planned, hidden, usable_only=False)
    path = path_edges(found, hops.places[d])
    if path is None:
        return None
    table = edge_table(dataset)
    blocked: dict[str, dict] = {}
    for e in path:
        rid = table.records[hops.record[e]]
        if not usable[e] and rid not in blocked:
            blocked[rid] = _describe_block(dataset.by_id[rid], day, include_planned)
    return list(blocked.values())


def _usable_path_exists(dataset: Dataset, o: str, d: str, day: _dt.date, include_planned: bool,
                        hidden: frozenset[str], modes: tuple[str, ...] = ALL_MODES) -> bool:
    hops, _, found = _place_search(dataset, o, day, modes, include_planned, hidden, usable_only=True)
    return bool(np.isfinite(found.dist[hops.places[d]]))


def may_connect(dataset: Dataset, o: str, d: str, day: _dt.date, modes: tuple[str, ...], include_planned: bool,
                avoid: tuple[str, ...] = ()) -> bool:
    """False if no usable links of ``modes`` join the two places at all: a cheap test on places alone,
    before the costed search (which also weighs transfers) is run."""
    touching = _place_hops(ByIdentity(dataset)).touching
    if not (touching.get(o, frozenset()) & set(modes) and touching.get(d, frozenset()) & set(modes)):
        return False
    hidden = frozenset(pid for pid, p in dataset.places.items()
                       if p.country in avoid and pid not in (o, d)) if avoid else frozenset()
    return _usable_path_exists(dataset, o, d, day, include_planned, hidden, modes)


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
    hidden = frozenset(pid for pid, p in dataset.places.items()
                       if p.country in avoid and pid not in (o, d)) if avoid else frozenset()
    how = _modes_text(modes) + (f" avoiding {', '.join(avoid)}" if avoid else "")
    reaches = _place_hops(ByIdentity(dataset)).touching
    touching = {end: reaches.get(end, frozenset()) for end in (o, d)}
    name = {pid: f"{dataset.places[pid].names.en} ({pid})" for pid in (o, d)}
    for end in (o, d):
        if not touching[end]:
            return f"no route by {how} in {year}: no link at all reaches {name[end]} in the data", []
    for end in (o, d):
        if not touching[end] & set(modes):
            only = " or ".join(m for m in ALL_MODES if m in touching[end])
            return (f"no route by {how} in {year}: no {_modes_text(modes)} link reaches {name[end]}; "
                    f"it is linked only by {only}"), []

    blocked = _blocked_on(dataset, o, d, day, modes, include_planned, hidden)
    if blocked:
        return f"no route by {how} in {year}: " + "; ".join(b["text"] for b in blocked), blocked
    head = (f"no route by {how} in {year}: the {_modes_text(modes)} links in the data never join "
            f"{name[o]} and {name[d]}" + (f" outside {', '.join(avoid)}" if avoid else ""))
    if set(modes) == set(ALL_MODES):
        return head, []
    if _usable_path_exists(dataset, o, d, day, include_planned, hidden):
        return f"{head}; a route exists by any mode in {year}", []
    blocked = _blocked_on(dataset, o, d, day, tuple(ALL_MODES), include_planned, hidden)
    if blocked:
        return f"{head}; by any mode it would need: " + "; ".join(b["text"] for b in blocked), blocked
    return f"{head}, nor do links of any other mode", []
