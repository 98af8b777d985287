"""What a hop, a border and a change of mode cost in hours: the defaults in ``data/costs.json``.

Each speed and delay there is a record with its basis: a cited source or the map's
assumption, with the reasoning.  :class:`Assumptions` is one set of values; a user (the
page, the CLI) may change any of them with :meth:`Assumptions.changed`, which refuses
values that are not numbers in range, naming the field.
"""
from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..load import DATA_DIR

COSTS_PATH = DATA_DIR / "costs.json"
SERVICES = ("freight", "passenger")
MAX_SPEED_KMH = 300.0
MAX_DELAY_H = 24.0 * 30


@dataclass(frozen=True)
class CostTable:
    speeds: Mapping[str, Mapping]        # id -> the record in costs.json
    delays: Mapping[str, Mapping]
    gauges: Mapping[str, int]            # ISO3 -> mm
    default_gauge_mm: int
    gauge_sources: tuple[Mapping, ...]


@functools.lru_cache(maxsize=4)
def load_costs(path: Path = COSTS_PATH) -> CostTable:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    try:
        speeds = {s["id"]: MappingProxyType(s) for s in raw["speeds"]}
        delays = {d["id"]: MappingProxyType(d) for d in raw["delays"]}
        gauges = raw["gauges"]
        by_country = {g["country"]: int(g["mm"]) for g in gauges["by_country"]}
        sources = tuple(MappingProxyType(g) for g in gauges["by_country"]) + (MappingProxyType(
            {"country": "*", "mm": gauges["default_mm"], "source": gauges["default_source"],
             "url": gauges["default_url"]}),)
        for item in list(speeds.values()) + list(delays.values()):
            if item["basis"] not in ("assumption", "source") or (item["basis"] == "source" and not item.get("source")):
                raise ValueError(f"{item['id']}: basis must be 'assumption' or 'source' with a source")
        return CostTable(MappingProxyType(speeds), MappingProxyType(delays), MappingProxyType(by_country),
                         int(gauges["default_mm"]), sources)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path} is malformed: {exc!r}") from exc


# Field of Assumptions -> (table, record id): the one mapping between the two.
FIELD_RECORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "rail_freight_kmh": ("speeds", "rail-freight"),
    "rail_passenger_kmh": ("speeds", "rail-passenger"),
    "sea_kmh": ("speeds", "caspian-ferry"),
    "road_kmh": ("speeds", "road"),
    "border_h": ("delays", "border"),
    "republic_h": ("delays", "republic-boundary"),
    "gauge_h": ("delays", "gauge-change"),
    "port_h": ("delays", "port-transfer"),
    "rail_road_h": ("delays", "rail-road-transfer"),
})


@dataclass(frozen=True)
class Assumptions:
    """Speeds (km/h) and delays (hours) a route is costed with; hashable, so graphs cache by it."""
    rail_freight_kmh: float
    rail_passenger_kmh: float
    sea_kmh: float
    road_kmh: float
    border_h: float
    republic_h: float
    gauge_h: float
    port_h: float
    rail_road_h: float
    service: str = "freight"

    def speed(self, mode: str) -> float:
        if mode == "rail":
            return self.rail_freight_kmh if self.service == "freight" else self.rail_passenger_kmh
        return self.sea_kmh if mode == "sea" else self.road_kmh

    def transfer_hours(self, mode_a: str, mode_b: str) -> float:
        """Changing between two modes at a place: a port if the sea is one of them, else a station."""
        if mode_a == mode_b:
            return 0.0
        return self.port_h if "sea" in (mode_a, mode_b) else self.rail_road_h

    def changed(self, **values) -> "Assumptions":
        """A copy with ``values`` changed; ValueError naming the field for anything out of range."""
        clean = {}
        for name, value in values.items():
            if value is None:
                continue
            clean[name] = check_value(name, value)
        return replace(self, **clean)

    def as_dict(self) -> dict:
        return asdict(self)


def check_value(name: str, value: object):
    if name == "service":
        if value not in SERVICES:
            raise ValueError(f"service must be one of {', '.join(SERVICES)}, got {value!r}")
        return value
    if name not in FIELD_RECORDS:
        raise ValueError(f"unknown assumption {name!r}; known: {', '.join(list(FIELD_RECORDS) + ['service'])}")
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    speed = name.endswith("_kmh")
    low, high = (1.0, MAX_SPEED_KMH) if speed else (0.0, MAX_DELAY_H)
    if not low <= number <= high:          # also refuses NaN
        unit = "km/h" if speed else "hours"
        raise ValueError(f"{name} must be between {low:g} and {high:g} {unit}, got {value!r}")
    return number


@functools.lru_cache(maxsize=4)
def default_assumptions(path: Path = COSTS_PATH) -> Assumptions:
    table = load_costs(path)
    values = {name: float(getattr(table, kind)[rid]["kmh" if kind == "speeds" else "hours"])
              for name, (kind, rid) in FIELD_RECORDS.items()}
    return Assumptions(**values)


def assumption_basis(name: str, path: Path = COSTS_PATH) -> Mapping:
    """The costs.json record behind one field: its label, basis, note and source if any."""
    kind, rid = FIELD_RECORDS[name]
    return getattr(load_costs(path), kind)[rid]


def gauge_mm(iso: str, path: Path = COSTS_PATH) -> int:
    table = load_costs(path)
    return table.gauges.get(iso, table.default_gauge_mm)


ASSUMPTION_FIELDS = tuple(f.name for f in fields(Assumptions) if f.name != "service")
