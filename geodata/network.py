"""The transport network for a date, and routes through it.

Pure functions over a read-only :class:`~geodata.load.Dataset`:

* :func:`build_network` - a :class:`networkx.MultiGraph` whose nodes are place ids
  and whose edges are the consecutive places of every rail line, sea link, land
  corridor and border crossing usable on a given day (one edge per record, keyed
  by the record id);
* :func:`find_route` - the shortest route (by geodesic length) between two places
  at the end of a year, with the countries and borders it crosses, the records it
  uses and their sources; when there is none, :attr:`RouteResult.reason` says which
  missing link stops it;
* :func:`resolve_place` - a place id or a name in any language to a place id;
* :func:`route_questions` / :func:`answer_question` - the text's own claims about
  routes (``data/questions.json``), asked of the network.

Which statuses make a link usable is decided here (:data:`USABLE_STATUSES`,
:data:`PLANNED_STATUSES`); which kinds are transport, and their mode, is
:data:`geodata.schema.KINDS`.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import networkx as nx
from pyproj import Geod

from . import schema
from .dates import end_of_year
from .load import DATA_DIR, Dataset
from .model import Record, Stage
from .query import fold
from .questions import RouteQuestion
from .years import year_range

YEAR_MIN, YEAR_MAX = year_range()   # the map's one year range (geodata.years)
ALL_MODES: tuple[str, ...] = schema.MODES

# The statuses in which a link carries traffic.  A land corridor the text calls
# "possible" is a road that exists and may be used; the text does not say it was built.
USABLE_STATUSES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "rail_line": ("operational",),
    "sea_link": ("operational",),
    "border_crossing": ("open",),
    "corridor": ("possible", "operational"),
})
# The statuses that count, marked planned, when a query includes planned links.
PLANNED_STATUSES: tuple[str, ...] = ("proposed", "agreed", "under_construction")
TRANSPORT_KINDS: tuple[str, ...] = tuple(k for k, spec in schema.KINDS.items() if spec.mode)

_GEOD = Geod(ellps="WGS84")


def usable_statuses(kind: str) -> tuple[str, ...]:
    return USABLE_STATUSES.get(kind, tuple(s for s in ("operational", "open") if s in schema.KINDS[kind].statuses))


def planned_statuses(kind: str) -> tuple[str, ...]:
    return tuple(s for s in PLANNED_STATUSES if s in schema.KINDS[kind].statuses)


# --------------------------------------------------------------------------- static segments

@functools.lru_cache(maxsize=8192)
def geodesic_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Length of the WGS84 geodesic between two lon/lat points, in km."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return metres / 1000.0


@dataclass(frozen=True)
class Segment:
    """One hop of a transport record's path; the same for every year."""
    record_id: str
    kind: str
    mode: str
    from_text: bool
    a: str
    b: str
    length_km: float


class _ByIdentity:
    """Lets a (non-hashable) dataset key a cache by identity; the cache keeps it alive."""
    __slots__ = ("dataset",)

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def __hash__(self) -> int:
        return id(self.dataset)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.dataset is self.dataset


@functools.lru_cache(maxsize=4)
def _segments(key: _ByIdentity) -> tuple[Segment, ...]:
    dataset = key.dataset
    out = []
    for record in dataset.records:
        mode = schema.KINDS[record.kind].mode if record.kind in schema.KINDS else None
        if mode is None:
            continue
        for a, b in zip(record.place_ids, record.place_ids[1:]):
            pa, pb = dataset.places[a], dataset.places[b]
            out.append(Segment(record.id, record.kind, mode, record.from_text, a, b,
                               geodesic_km(pa.lon, pa.lat, pb.lon, pb.lat)))
    return tuple(out)


def transport_segments(dataset: Dataset) -> tuple[Segment, ...]:
    """Every hop of every transport record, with its length (computed once per dataset)."""
    return _segments(_ByIdentity(dataset))


# --------------------------------------------------------------------------- the network for a day

def link_state(record: Record, day: _dt.date, include_planned: bool) -> tuple[bool, bool, Stage | None]:
    """(usable, planned, stage) for a transport record on ``day``."""
    stage = record.stage_at(day)
    if stage is None:
        return False, False, None
    if stage.status in usable_statuses(record.kind):
        return True, False, stage
    if include_planned and stage.status in planned_statuses(record.kind):
        return True, True, stage
    return False, False, stage


def _check_modes(modes: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(modes, str):
        modes = [m for m in (p.strip() for p in modes.split(",")) if m]
    modes = tuple(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in ALL_MODES]
    if unknown:
        raise ValueError(f"unknown mode(s) {', '.join(map(repr, unknown))}; use {', '.join(ALL_MODES)}")
    if not modes:
        raise ValueError(f"no mode given; use one or more of {', '.join(ALL_MODES)}")
    return modes


def build_network(dataset: Dataset, day: _dt.date, modes: frozenset[str] | Iterable[str] = frozenset(ALL_MODES),
                  include_planned: bool = False) -> nx.MultiGraph:
    """Places joined by every link of ``modes`` usable on ``day``.

    Nodes are all place ids (attributes ``country``, ``name``); each edge is one hop
    of one record, keyed by the record id, with attributes ``record``, ``kind``,
    ``mode``, ``status``, ``planned``, ``from_text`` and ``length_km``.
    """
    wanted = frozenset(_check_modes(modes))
    graph = nx.MultiGraph(day=day, modes=wanted, include_planned=include_planned)
    graph.add_nodes_from((pid, {"country": p.country, "name": p.names.en}) for pid, p in dataset.places.items())
    states: dict[str, tuple[bool, bool, Stage | None]] = {}
    for seg in transport_segments(dataset):
        if seg.mode not in wanted:
            continue
        if seg.record_id not in states:
            states[seg.record_id] = link_state(dataset.by_id[seg.record_id], day, include_planned)
        usable, planned, stage = states[seg.record_id]
        if usable:
            graph.add_edge(seg.a, seg.b, key=seg.record_id, record=seg.record_id, kind=seg.kind, mode=seg.mode,
                           status=stage.status, planned=planned, from_text=seg.from_text, length_km=seg.length_km)
    return graph


# --------------------------------------------------------------------------- places

class PlaceNotFound(ValueError):
    """A place the data does not know; the message lists close matches."""

    def __init__(self, query: str, suggestions: tuple[tuple[str, str], ...]):
        self.query = query
        self.suggestions = suggestions          # (place id, English name)
        if suggestions:
            hint = "did you mean " + ", ".join(f"{name} ({pid})" for pid, name in suggestions) + "?"
        else:
            hint = "no close match; place ids and names are in geodata/data/places.csv"
        super().__init__(f"unknown place {query!r}: {hint}")


@functools.lru_cache(maxsize=4)
def _place_index(key: _ByIdentity) -> Mapping[str, str]:
    """Folded name -> place id, the best candidate for each spelling."""
    dataset = key.dataset
    countries = dataset.base["countries"].properties if "countries" in dataset.base else {}
    country_names = {fold(str(v)) for props in countries.values()
                     for k, v in props.items() if k.startswith("name_") and v}
    best: dict[str, tuple] = {}

    def offer(text: str, tier: int, order: int, pid: str, country: str) -> None:
        folded = fold(text)
        if not folded:
            return
        rank = (tier, country != "IRN", order, pid)
        if folded not in best or rank < best[folded]:
            best[folded] = rank

    for order, (pid, place) in enumerate(dataset.places.items()):
        offer(pid, 0, order, pid, place.country)
        for name in place.names.as_dict().values():
            offer(name, 1, order, pid, place.country)
            base, paren, rest = name.partition("(")
            if paren:
                offer(base, 2, order, pid, place.country)
                for alias in rest.rstrip(")").split(","):
                    if fold(alias) not in country_names:
                        offer(alias, 3, order, pid, place.country)
    return MappingProxyType({k: v[-1] for k, v in best.items()})


def resolve_place(dataset: Dataset, text: str) -> str:
    """The id of the place ``text`` names: an id, or a name in any language (case and accents ignored).

    A name with a parenthesis also answers to the part before it ("Sarakhs" is
    ``sarakhs-ir``, "Jolfa" is ``jolfa-ir``); where two places share a spelling the
    Iranian one wins.  Raises :class:`PlaceNotFound` listing close matches.
    """
    if not isinstance(text, str) or not text.strip():
        raise PlaceNotFound(text if isinstance(text, str) else repr(text), ())
    if text in dataset.places:
        return text
    index = _place_index(_ByIdentity(dataset))
    folded = fold(text)
    if folded in index:
        return index[folded]
    close = difflib.get_close_matches(folded, list(index), n=8, cutoff=0.6) if folded else []
    suggestions = tuple(dict.fromkeys(index[c] for c in close))[:5]
    raise PlaceNotFound(text.strip(), tuple((pid, dataset.places[pid].names.en) for pid in suggestions))


# --------------------------------------------------------------------------- routes

@dataclass(frozen=True)
class RouteResult:
    found: bool
    length_km: float | None
    path: tuple[str, ...]                     # place ids, origin first
    countries: tuple[str, ...]                # ISO3 along the path, consecutive repeats removed
    borders: tuple[Mapping[str, str], ...]    # {"from", "to", "at" (last place before), "next", "record"}
    segments: tuple[Mapping[str, object], ...]
    year: int
    reason: str | None                        # why there is no route; None when found
    origin: str
    destination: str
    modes: tuple[str, ...]
    include_planned: bool
    avoid: tuple[str, ...] = ()               # ISO3 countries the route was told to keep out of
    uses_planned: bool = False                # the route needs a link that is only planned
    blocked: tuple[Mapping[str, object], ...] = ()   # when not found: the links that would be needed

    def as_dict(self) -> dict:
        return {"found": self.found, "length_km": self.length_km, "path": list(self.path),
                "countries": list(self.countries), "borders": [_plain(b) for b in self.borders],
                "segments": [_plain(s) for s in self.segments], "year": self.year, "reason": self.reason,
                "origin": self.origin, "destination": self.destination, "modes": list(self.modes),
                "include_planned": self.include_planned, "avoid": list(self.avoid), "uses_planned": self.uses_planned,
                "blocked": [_plain(b) for b in self.blocked]}


def _plain(value):
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _frozen(value):
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"the year must be a whole number, got {year!r}")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}")
    return year


def _modes_text(modes: tuple[str, ...]) -> str:
    if set(modes) == set(ALL_MODES):
        return "any mode"
    return modes[0] if len(modes) == 1 else ", ".join(modes[:-1]) + " or " + modes[-1]


def _segment_info(dataset: Dataset, a: str, b: str, edge: Mapping) -> dict:
    record = dataset.by_id[edge["record"]]
    info = {"record": record.id, "kind": record.kind, "mode": edge["mode"], "status": edge["status"],
            "planned": edge["planned"], "from_text": record.from_text, "from": a, "to": b,
            "length_km": edge["length_km"]}
    if record.from_text:
        info["sources"] = [{"block": s.block, "quote": s.quote, "gloss": s.gloss} for s in record.sources]
    else:
        info["context"] = [{"citation": c.citation, "url": c.url, "claim": c.claim} for c in record.context]
    return info


def _pick_edge(edges: Mapping[str, Mapping], previous: str | None, modes: tuple[str, ...]) -> Mapping:
    """Among parallel links, the shortest; then a built one, the record already in use, the mode asked first."""
    return min(edges.values(), key=lambda e: (e["length_km"], e["planned"], e["record"] != previous,
                                              modes.index(e["mode"]), not e["from_text"], e["record"]))


def check_countries(dataset: Dataset, countries: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(countries, str):
        countries = [c for c in (p.strip() for p in countries.split(",")) if c]
    countries = tuple(dict.fromkeys(c.upper() for c in countries))
    known = set(dataset.base["countries"].shapes) if "countries" in dataset.base else set()
    known |= {p.country for p in dataset.places.values()}
    unknown = [c for c in countries if c not in known]
    if unknown:
        raise ValueError(f"unknown country code(s) {', '.join(map(repr, unknown))}; use ISO3 codes such as "
                         f"{', '.join(sorted({p.country for p in dataset.places.values()})[:6])}")
    return countries


def find_route(dataset: Dataset, origin: str, destination: str, year: int,
               modes: Iterable[str] | str = ALL_MODES, include_planned: bool = False,
               avoid: Iterable[str] | str = ()) -> RouteResult:
    """The shortest route from ``origin`` to ``destination`` as things stood on 31 December of ``year``.

    ``origin`` and ``destination`` are place ids or names (see :func:`resolve_place`);
    ``avoid`` lists ISO3 countries the route may not pass through (its ends may lie in them).
    Raises :class:`PlaceNotFound` for an unknown place and :class:`ValueError` for a
    bad year, mode or country; a route that does not exist is a result with ``found=False``.
    """
    o = resolve_place(dataset, origin)
    d = resolve_place(dataset, destination)
    year = check_year(year)
    modes = _check_modes(modes)
    avoid = check_countries(dataset, avoid)
    day = end_of_year(year)
    graph = build_network(dataset, day, frozenset(modes), include_planned)
    hidden = frozenset(pid for pid, p in dataset.places.items() if p.country in avoid and pid not in (o, d))
    if hidden:
        graph = nx.restricted_view(graph, hidden, [])
    common = dict(year=year, origin=o, destination=d, modes=modes, include_planned=include_planned, avoid=avoid)
    try:
        path = nx.dijkstra_path(graph, o, d, weight="length_km")
    except nx.NetworkXNoPath:
        reason, blocked = _explain(dataset, o, d, day, modes, include_planned, hidden, avoid)
        return RouteResult(found=False, length_km=None, path=(), countries=(), borders=(), segments=(),
                           reason=reason, blocked=_frozen(blocked), **common)
    segments, previous = [], None
    for a, b in zip(path, path[1:]):
        edge = _pick_edge(graph[a][b], previous, modes)
        segments.append(_segment_info(dataset, a, b, edge))
        previous = edge["record"]
    countries: list[str] = []
    borders = []
    for i, pid in enumerate(path):
        country = dataset.places[pid].country
        if countries and country != countries[-1]:
            borders.append({"from": countries[-1], "to": country, "at": path[i - 1], "next": pid,
                            "record": segments[i - 1]["record"]})
        if not countries or country != countries[-1]:
            countries.append(country)
    return RouteResult(found=True, length_km=sum(s["length_km"] for s in segments), path=tuple(path),
                       countries=tuple(countries), borders=_frozen(borders), segments=_frozen(segments),
                       reason=None, uses_planned=any(s["planned"] for s in segments), **common)


# --------------------------------------------------------------------------- why there is no route

_BLOCKED_COST_KM = 1_000_000.0   # a hop that is not usable costs more than any route of usable hops


def _potential_network(dataset: Dataset, day: _dt.date, modes: tuple[str, ...],
                       include_planned: bool, hidden: frozenset[str] = frozenset()) -> nx.MultiGraph:
    """Every hop of ``modes`` whatever its status; hops not usable on ``day`` cost a fortune."""
    graph = nx.MultiGraph()
    states: dict[str, bool] = {}
    for seg in transport_segments(dataset):
        if seg.mode not in modes or seg.a in hidden or seg.b in hidden:
            continue
        if seg.record_id not in states:
            states[seg.record_id] = link_state(dataset.by_id[seg.record_id], day, include_planned)[0]
        usable = states[seg.record_id]
        graph.add_edge(seg.a, seg.b, key=seg.record_id, record=seg.record_id, usable=usable,
                       cost=seg.length_km + (0.0 if usable else _BLOCKED_COST_KM))
    return graph


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


def _explain(dataset: Dataset, o: str, d: str, day: _dt.date, modes: tuple[str, ...],
             include_planned: bool, hidden: frozenset[str] = frozenset(),
             avoid: tuple[str, ...] = ()) -> tuple[str, list[dict]]:
    year = day.year
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
    everything = build_network(dataset, day, frozenset(other), include_planned)
    if nx.has_path(nx.restricted_view(everything, hidden, []), o, d):
        return f"{head}; a route exists by any mode in {year}", []
    blocked = _blocked_on(dataset, _potential_network(dataset, day, other, include_planned, hidden), o, d, day,
                          include_planned)
    if blocked:
        return f"{head}; by any mode it would need: " + "; ".join(b["text"] for b in blocked), blocked
    return f"{head}, nor do links of any other mode", []


# --------------------------------------------------------------------------- the text's questions

def route_questions(dataset: Dataset | None = None) -> tuple[RouteQuestion, ...]:
    """The text's claims about routes, as questions the network can answer: the dataset's own
    (read from its data folder's questions.json by geodata.questions)."""
    if dataset is None:
        from .load import shared_dataset
        dataset = shared_dataset()
    return dataset.questions


def answer_question(dataset: Dataset, qid: str) -> tuple[RouteResult, ...]:
    """One route result per year the question asks about."""
    questions = {q.id: q for q in route_questions(dataset)}
    if qid not in questions:
        raise KeyError(f"unknown question {qid!r}; known: {', '.join(questions)}")
    q = questions[qid]
    return tuple(find_route(dataset, q.origin, q.destination, y, q.modes, q.include_planned, q.avoid)
                 for y in q.years)
