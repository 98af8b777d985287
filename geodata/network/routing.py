"""A route between two places in a year, by a priority: fastest, shortest or fewest borders.

:func:`find_route` answers with a :class:`RouteResult`: the total distance and time,
the hops it rides (each with its record, mode, km, hours and status that year), the
rows of its table (:mod:`.legs`: travel, border crossings, breaks of gauge, transfers
between modes), the countries and borders crossed by their names of that year, and
whether every link is built ("found"), some only "possible" (a road the text says
could be used) or planned.  When there is no route, :attr:`RouteResult.reason` says
which missing link stops it (:mod:`.explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from ..dates import end_of_year
from ..load import Dataset
from .costs import Assumptions, default_assumptions
from .. import schema
from .explain import explain_no_route, may_connect
from .graph import ALL_MODES, UNCERTAIN_STATUSES, check_modes
from .legs import borders_crossed, route_legs
from .places import check_countries, check_year, country_name_in, resolve_place
from .costed import describe_edge, edge_costs, edge_table, epoch_state, path_edges, search, weights

PRIORITIES: Mapping[str, str] = MappingProxyType({   # --by value -> what it minimises
    "time": "hours", "distance": "km, then hours", "borders": "international borders, then hours"})
DEFAULT_PRIORITY = "time"
assert tuple(PRIORITIES) == schema.ROUTE_PRIORITIES, "the data's priorities (geodata.schema) and the router's differ"


def check_priority(by: object) -> str:
    if by not in PRIORITIES:
        raise ValueError(f"unknown priority {by!r}; use {', '.join(PRIORITIES)}")
    return by


@dataclass(frozen=True)
class RouteResult:
    found: bool
    length_km: float | None
    path: tuple[str, ...]                     # place ids, origin first
    countries: tuple[str, ...]                # ISO3 along the path, consecutive repeats removed
    borders: tuple[Mapping[str, object], ...]  # see legs.borders_crossed
    segments: tuple[Mapping[str, object], ...]  # one per hop
    year: int
    reason: str | None                        # why there is no route; None when found
    origin: str
    destination: str
    modes: tuple[str, ...]
    include_planned: bool
    avoid: tuple[str, ...] = ()               # ISO3 countries the route was told to keep out of
    uses_planned: bool = False                # the route needs a link that is only planned
    blocked: tuple[Mapping[str, object], ...] = ()   # when not found: the links that would be needed
    hours: float | None = None
    by: str = DEFAULT_PRIORITY
    legs: tuple[Mapping[str, object], ...] = ()      # table rows: travel, crossing, transfer
    country_names: tuple[str, ...] = ()       # English names of that year
    assumptions: Mapping[str, object] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """"found", "possible" (some link only possible), "planned" (needs a planned link) or "none"."""
        if not self.found:
            return "none"
        if self.uses_planned:
            return "planned"
        return "possible" if any(s["status"] in UNCERTAIN_STATUSES for s in self.segments) else "found"

    @property
    def international_borders(self) -> int:
        return sum(1 for b in self.borders if b["kind"] == "international")

    def as_dict(self) -> dict:
        return {"found": self.found, "verdict": self.verdict, "length_km": self.length_km, "hours": self.hours,
                "by": self.by, "path": list(self.path), "countries": list(self.countries),
                "country_names": list(self.country_names), "borders": plain(self.borders),
                "legs": plain(self.legs), "segments": plain(self.segments), "year": self.year,
                "reason": self.reason, "origin": self.origin, "destination": self.destination,
                "modes": list(self.modes), "include_planned": self.include_planned, "avoid": list(self.avoid),
                "uses_planned": self.uses_planned, "blocked": plain(self.blocked),
                "assumptions": dict(self.assumptions)}


def plain(value):
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def frozen(value):
    if isinstance(value, Mapping):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value


@dataclass(frozen=True)
class Request:
    """A route request with every part checked."""
    origin: str
    destination: str
    year: int
    modes: tuple[str, ...]
    include_planned: bool
    avoid: tuple[str, ...]
    by: str
    assumptions: Assumptions


def check_request(dataset: Dataset, origin, destination, year, modes=ALL_MODES, include_planned=False,
                  avoid=(), by=DEFAULT_PRIORITY, assumptions: Assumptions | None = None) -> Request:
    return Request(resolve_place(dataset, origin), resolve_place(dataset, destination), check_year(year),
                   check_modes(modes), bool(include_planned), check_countries(dataset, avoid), check_priority(by),
                   assumptions or default_assumptions())


def find_route(dataset: Dataset, origin: str, destination: str, year: int,
               modes: Iterable[str] | str = ALL_MODES, include_planned: bool = False,
               avoid: Iterable[str] | str = (), by: str = DEFAULT_PRIORITY,
               assumptions: Assumptions | None = None) -> RouteResult:
    """The best route by ``by`` from ``origin`` to ``destination`` as things stood on 31 December of ``year``.

    ``origin`` and ``destination`` are place ids or names (see :func:`resolve_place`);
    ``avoid`` lists ISO3 countries the route may not pass through (its ends may lie in them);
    ``assumptions`` are the speeds and delays (default: ``data/costs.json``).
    Raises :class:`PlaceNotFound` for an unknown place and :class:`ValueError` for a
    bad year, mode, country or priority; a route that does not exist is a result with ``found=False``.
    """
    req = check_request(dataset, origin, destination, year, modes, include_planned, avoid, by, assumptions)
    day = end_of_year(req.year)
    common = dict(year=req.year, origin=req.origin, destination=req.destination, modes=req.modes,
                  include_planned=req.include_planned, avoid=req.avoid, by=req.by,
                  assumptions=MappingProxyType(req.assumptions.as_dict()))
    if req.origin == req.destination:
        return RouteResult(found=True, length_km=0.0, hours=0.0, path=(req.origin,),
                           countries=(dataset.places[req.origin].country,), borders=(), segments=(), reason=None,
                           country_names=(country_name_in(dataset, dataset.places[req.origin].country, day),),
                           **common)
    connected = may_connect(dataset, req.origin, req.destination, day, req.modes, req.include_planned, req.avoid)
    edges = _best_path(dataset, req, day) if connected else None
    if edges is None:
        reason, blocked = explain_no_route(dataset, req.origin, req.destination, day, req.modes,
                                           req.include_planned, req.avoid)
        return RouteResult(found=False, length_km=None, path=(), countries=(), borders=(), segments=(),
                           reason=reason, blocked=frozen(blocked), **common)
    return _result(dataset, edges, day, common)


def _best_path(dataset: Dataset, req: Request, day) -> list[dict] | None:
    """The path's hops and transfers, cheapest by the priority; None if the destination is not reached."""
    table = edge_table(dataset)
    source, target = table.index.get(("dep", req.origin)), table.index.get(("arr", req.destination))
    if source is None or target is None:
        return None
    state = epoch_state(dataset, day, req.include_planned)
    hidden = frozenset(table.place_index[pid] for pid, p in dataset.places.items()
                       if p.country in req.avoid and pid not in (req.origin, req.destination)) if req.avoid else ()
    costs = edge_costs(table, state, req.modes, req.assumptions, hidden)
    found = search(table, state, costs, weights(table, state, costs, req.by), source)
    path = path_edges(found, target)
    if path is None:
        return None
    edges = [describe_edge(dataset, table, state, costs, e) for e in path]
    return [e for e in edges if e["type"] in ("hop", "transfer")]


def _segment(dataset: Dataset, edge: Mapping) -> dict:
    record = dataset.by_id[edge["record"]]
    info = {"record": record.id, "kind": record.kind, "mode": edge["mode"], "status": edge["status"],
            "planned": edge["planned"], "from_text": record.from_text, "from": edge["a"], "to": edge["b"],
            "length_km": edge["km"], "hours": edge["hours"], "travel_h": edge["travel_h"],
            "border_h": edge["border_h"], "gauge_h": edge["gauge_h"], "boundary": edge["boundary"],
            "gauges": list(edge["gauges"]) if edge["gauges"] else None}
    if record.from_text:
        info["sources"] = [{"block": s.block, "quote": s.quote, "gloss": s.gloss} for s in record.sources]
    else:
        info["context"] = [{"citation": c.citation, "url": c.url, "claim": c.claim} for c in record.context]
    return info


def _result(dataset: Dataset, edges: list[Mapping], day, common: dict) -> RouteResult:
    segments = [_segment(dataset, e) for e in edges if e["type"] == "hop"]
    path = [segments[0]["from"]] + [s["to"] for s in segments]
    countries: list[str] = []
    for pid in path:
        if not countries or dataset.places[pid].country != countries[-1]:
            countries.append(dataset.places[pid].country)
    return RouteResult(
        found=True, length_km=sum(s["length_km"] for s in segments), hours=sum(e["hours"] for e in edges),
        path=tuple(path), countries=tuple(countries),
        country_names=tuple(country_name_in(dataset, c, day) for c in countries),
        borders=frozen(borders_crossed(dataset, segments, day)), segments=frozen(segments),
        legs=frozen(route_legs(dataset, edges, segments, day)), reason=None,
        uses_planned=any(s["planned"] for s in segments), **common)
