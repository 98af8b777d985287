"""The transport network for a day: which links carry traffic, and how long each hop is.

* :func:`transport_segments` - every hop of every transport record, with its length
  measured along the record's drawn geometry (geodesic on WGS84, :class:`pyproj.Geod`);
* :func:`link_state` - whether a record carries traffic on a day, or is only planned;
* :func:`build_network` - a place-level :class:`networkx.MultiGraph` of the links usable
  on a day (one edge per hop, keyed by the record id);
* :func:`network_epoch` - which stretch of time a day falls in: the network only
  changes on the days a transport record or a polity changes stage, so graphs are
  cached per epoch, not per day.

Which statuses make a link usable is decided here (:data:`USABLE_STATUSES`,
:data:`PLANNED_STATUSES`); which kinds are transport, and their mode, is
:data:`geodata.schema.KINDS`.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

import networkx as nx
from pyproj import Geod

from .. import schema
from ..load import Dataset
from ..model import Record, Stage
from ..years import year_range

YEAR_MIN, YEAR_MAX = year_range()   # the map's one year range (geodata.years)
ALL_MODES: tuple[str, ...] = schema.MODES

# The statuses in which a link carries traffic.  A land corridor the text calls
# "possible" is a road that exists and may be used; the text does not say it was built,
# so a route over one is reported as "possible", not as found.
USABLE_STATUSES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "rail_line": ("operational",),
    "sea_link": ("operational",),
    "border_crossing": ("open",),
    "corridor": ("possible", "operational"),
})
UNCERTAIN_STATUSES: tuple[str, ...] = ("possible",)
# The statuses that count, marked planned, when a query includes planned links.
PLANNED_STATUSES: tuple[str, ...] = ("proposed", "agreed", "under_construction")
TRANSPORT_KINDS: tuple[str, ...] = tuple(k for k, spec in schema.KINDS.items() if spec.mode)

GEOD = Geod(ellps="WGS84")


def usable_statuses(kind: str) -> tuple[str, ...]:
    return USABLE_STATUSES.get(kind, tuple(s for s in ("operational", "open") if s in schema.KINDS[kind].statuses))


def planned_statuses(kind: str) -> tuple[str, ...]:
    return tuple(s for s in PLANNED_STATUSES if s in schema.KINDS[kind].statuses)


# --------------------------------------------------------------------------- static segments

@functools.lru_cache(maxsize=8192)
def geodesic_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Length of the WGS84 geodesic between two lon/lat points, in km."""
    _, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
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


class ByIdentity:
    """Lets a (non-hashable) dataset key a cache by identity; the cache keeps it alive."""
    __slots__ = ("dataset",)

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def __hash__(self) -> int:
        return id(self.dataset)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByIdentity) and other.dataset is self.dataset


def _nearest_vertex(coords: list[tuple[float, float]], lon: float, lat: float, start: int) -> int:
    return min(range(start, len(coords)), key=lambda i: (coords[i][0] - lon) ** 2 + (coords[i][1] - lat) ** 2)


def hop_km(dataset: Dataset, record: Record, a: str, b: str) -> float:
    """Geodesic length of the drawn geometry between places ``a`` and ``b`` of ``record``.

    The drawn line may have vertices between the named places (a dated geometry
    following the real alignment); the hop is measured along them.  Where the drawing
    does not pass through both places in order, the straight geodesic stands in.
    """
    pa, pb = dataset.places[a], dataset.places[b]
    geometry = record.geometry
    if geometry is not None and geometry.geom_type == "LineString" and len(geometry.coords) > 2:
        coords = [(float(x), float(y)) for x, y, *_ in geometry.coords]
        ia = _nearest_vertex(coords, pa.lon, pa.lat, 0)
        ib = _nearest_vertex(coords, pb.lon, pb.lat, ia)
        if ib > ia:
            lons, lats = zip(*coords[ia:ib + 1])
            return GEOD.line_length(lons, lats) / 1000.0
    return geodesic_km(pa.lon, pa.lat, pb.lon, pb.lat)


@functools.lru_cache(maxsize=4)
def _segments(key: ByIdentity) -> tuple[Segment, ...]:
    dataset = key.dataset
    out = []
    for record in dataset.records:
        mode = schema.KINDS[record.kind].mode if record.kind in schema.KINDS else None
        if mode is None:
            continue
        for a, b in zip(record.place_ids, record.place_ids[1:]):
            out.append(Segment(record.id, record.kind, mode, record.from_text, a, b, hop_km(dataset, record, a, b)))
    return tuple(out)


def transport_segments(dataset: Dataset) -> tuple[Segment, ...]:
    """Every hop of every transport record, with its length (computed once per dataset)."""
    return _segments(ByIdentity(dataset))


# --------------------------------------------------------------------------- epochs

@functools.lru_cache(maxsize=4)
def _epoch_breaks(key: ByIdentity) -> tuple[_dt.date, ...]:
    """Every day on which some transport record or polity changes stage, sorted."""
    days = set()
    for record in key.dataset.records:
        if record.kind not in TRANSPORT_KINDS and record.kind != "polity":
            continue
        for stage in record.stages:
            if stage.start is not None:
                days.add(stage.start.first_day())
            if stage.end is not None:
                days.add(stage.end.day_after())
    return tuple(sorted(days))


def epoch_start(dataset: Dataset, epoch: int) -> _dt.date:
    """The first day of an epoch (any day of it gives the same network)."""
    return _epoch_breaks(ByIdentity(dataset))[epoch - 1] if epoch > 0 else _dt.date(1, 1, 1)


def network_epoch(dataset: Dataset, day: _dt.date) -> int:
    """An index that is the same for two days if and only if no link or polity changed between them."""
    return bisect.bisect_right(_epoch_breaks(ByIdentity(dataset)), day)


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


def check_modes(modes: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(modes, str):
        modes = [m for m in (p.strip() for p in modes.split(",")) if m]
    modes = tuple(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in ALL_MODES]
    if unknown:
        raise ValueError(f"unknown mode(s) {', '.join(map(repr, unknown))}; use {', '.join(ALL_MODES)}")
    if not modes:
        raise ValueError(f"no mode given; use one or more of {', '.join(ALL_MODES)}")
    return modes


def usable_links(dataset: Dataset, day: _dt.date, modes: frozenset[str], include_planned: bool):
    """(segment, stage, planned) for every hop of ``modes`` usable on ``day``."""
    states: dict[str, tuple[bool, bool, Stage | None]] = {}
    for seg in transport_segments(dataset):
        if seg.mode not in modes:
            continue
        if seg.record_id not in states:
            states[seg.record_id] = link_state(dataset.by_id[seg.record_id], day, include_planned)
        usable, planned, stage = states[seg.record_id]
        if usable:
            yield seg, stage, planned


def build_network(dataset: Dataset, day: _dt.date, modes: frozenset[str] | Iterable[str] = frozenset(ALL_MODES),
                  include_planned: bool = False) -> nx.MultiGraph:
    """Places joined by every link of ``modes`` usable on ``day``.

    Nodes are all place ids (attributes ``country``, ``name``); each edge is one hop
    of one record, keyed by the record id, with attributes ``record``, ``kind``,
    ``mode``, ``status``, ``planned``, ``from_text`` and ``length_km``.
    """
    wanted = frozenset(check_modes(modes))
    graph = nx.MultiGraph(day=day, modes=wanted, include_planned=include_planned)
    graph.add_nodes_from((pid, {"country": p.country, "name": p.names.en}) for pid, p in dataset.places.items())
    for seg, stage, planned in usable_links(dataset, day, wanted, include_planned):
        graph.add_edge(seg.a, seg.b, key=seg.record_id, record=seg.record_id, kind=seg.kind, mode=seg.mode,
                       status=stage.status, planned=planned, from_text=seg.from_text, length_km=seg.length_km)
    return graph
