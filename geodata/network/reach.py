"""Everything reachable from a place within a time, in a year, in bands of travel time.

:func:`reach` runs Dijkstra over the costed network of the year (the same graph as
routes, so the same speeds, border delays and transfers) from the place's departure
node, and keeps every place whose arrival node is within the limit.
:func:`compare_reach` sets two years side by side: what one year reaches that the
other does not, and how much sooner.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

import numpy as np

from ..dates import end_of_year
from ..load import Dataset
from .costs import Assumptions, default_assumptions
from .graph import ALL_MODES, check_modes
from .places import check_year, resolve_place
from .costed import edge_costs, edge_table, epoch_state, search

MAX_HOURS = 24.0 * 60
BAND_COUNT = 4


def check_hours(hours: object) -> float:
    if isinstance(hours, bool):
        raise ValueError(f"hours must be a number, got {hours!r}")
    try:
        value = float(hours)
    except (TypeError, ValueError):
        raise ValueError(f"hours must be a number, got {hours!r}") from None
    if not 0 < value <= MAX_HOURS:          # also refuses NaN
        raise ValueError(f"hours must be more than 0 and at most {MAX_HOURS:g} (60 days), got {hours!r}")
    return value


def bands(limit: float, count: int = BAND_COUNT) -> tuple[float, ...]:
    """Upper edges of ``count`` equal bands of travel time up to ``limit``."""
    return tuple(limit * (i + 1) / count for i in range(count))


def band_of(hours: float, edges: tuple[float, ...]) -> int:
    return next(i for i, edge in enumerate(edges) if hours <= edge + 1e-9)


@dataclass(frozen=True)
class ReachResult:
    origin: str
    year: int
    limit_hours: float
    modes: tuple[str, ...]
    include_planned: bool
    hours: Mapping[str, float]        # place id -> fastest hours, the origin (0) included, nearest first
    band_edges: tuple[float, ...]

    def band(self, pid: str) -> int:
        return band_of(self.hours[pid], self.band_edges)

    def as_dict(self) -> dict:
        return {"origin": self.origin, "year": self.year, "limit_hours": self.limit_hours,
                "modes": list(self.modes), "include_planned": self.include_planned,
                "band_edges_hours": list(self.band_edges),
                "places": [{"place": pid, "hours": h, "band": self.band(pid)} for pid, h in self.hours.items()]}


def reach(dataset: Dataset, origin: str, year: int, hours: float, modes: Iterable[str] | str = ALL_MODES,
          include_planned: bool = False, assumptions: Assumptions | None = None) -> ReachResult:
    """Every place reachable from ``origin`` within ``hours`` as things stood on 31 December of ``year``."""
    o = resolve_place(dataset, origin)
    year, limit, modes = check_year(year), check_hours(hours), check_modes(modes)
    table = edge_table(dataset)
    found = {o: 0.0}
    source = table.index.get(("dep", o))
    if source is not None:
        state = epoch_state(dataset, end_of_year(year), include_planned)
        costs = edge_costs(table, state, modes, assumptions or default_assumptions())
        hours = costs.hours
        result = search(table, state, costs, hours, source, limit=limit + 1e-6)
        for node in np.flatnonzero(np.isfinite(result.dist)):
            kind, pid = table.nodes[node]
            if kind == "arr" and pid != o:
                found[pid] = float(result.dist[node])
    ordered = dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))
    return ReachResult(o, year, limit, modes, include_planned, MappingProxyType(ordered), bands(limit))


def compare_reach(before: ReachResult, after: ReachResult) -> dict:
    """What ``after`` reaches that ``before`` does not, what it no longer reaches, and what it reaches sooner."""
    gained = [p for p in after.hours if p not in before.hours]
    lost = [p for p in before.hours if p not in after.hours]
    sooner = {p: before.hours[p] - h for p, h in after.hours.items() if p in before.hours and before.hours[p] - h > 1e-6}
    return {"years": [before.year, after.year], "gained": gained, "lost": lost, "sooner_hours": sooner}
