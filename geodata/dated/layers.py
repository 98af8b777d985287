"""The built dated layers, read once and read-only, and what they say about a day or a year.

A year means the state of things on 31 December of that year, as everywhere in the data
(docs/data-schema.md). Pure functions over the loaded layers; nothing here writes.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import shapely
from shapely.geometry import shape

from geodata.dated import DATA_DIR


@dataclass(frozen=True)
class DatedFeature:
    props: Mapping
    geometry: shapely.Geometry

    def on(self, day: dt.date) -> bool:
        start, end = self.props.get("start"), self.props.get("end")
        return (start is None or start <= day.isoformat()) and (end is None or day.isoformat() <= end)


def year_day(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@lru_cache(maxsize=None)
def load_layer(name: str, folder: Path = DATA_DIR) -> tuple[DatedFeature, ...]:
    """Every feature of a built layer (``units``, ``provinces``...), geometry prepared for queries."""
    data = json.loads((folder / f"{name}.geojson").read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        geom = shape(f["geometry"])
        shapely.prepare(geom)
        out.append(DatedFeature(MappingProxyType(f["properties"]), geom))
    return tuple(out)


def on_day(name: str, day: dt.date, folder: Path = DATA_DIR) -> list[DatedFeature]:
    return [f for f in load_layer(name, folder) if f.on(day)]


# A town on a coast may fall just outside a coastline simplified by up to about 2 km: a point
# within this distance (degrees) of a feature that no feature covers counts as in the nearest one.
COAST_TOLERANCE = 0.03


def containing(features: list[DatedFeature], lon: float, lat: float) -> list[DatedFeature]:
    """The features covering the point; if none does, the nearest within COAST_TOLERANCE."""
    point = shapely.Point(lon, lat)
    hits = [f for f in features if f.geometry.covers(point)]
    if hits or not features:
        return hits
    near = min(features, key=lambda f: f.geometry.distance(point))
    return [near] if near.geometry.distance(point) <= COAST_TOLERANCE else []


def province_at(lon: float, lat: float, day: dt.date, folder: Path = DATA_DIR) -> Mapping | None:
    """The province of Iran holding the point on that day (None outside, or before 1979)."""
    hits = containing(on_day("provinces", day, folder), lon, lat)
    return hits[0].props if hits else None


def units_at(lon: float, lat: float, day: dt.date, folder: Path = DATA_DIR) -> list[Mapping]:
    """The units containing the point on that day, innermost first (a unit, then its parents)."""
    alive = on_day("units", day, folder)
    hits = {f.props["unit"]: f.props for f in containing(alive, lon, lat)}
    if len(hits) == 1:  # a coastal point near one unit: add the units around it
        hits.update({f.props["unit"]: f.props for f in alive
                     if f.props["unit"] in _parents(next(iter(hits.values())), alive)})
    def depth(props: Mapping) -> int:
        d, cur = 0, props.get("parent")
        while cur in hits and d < 10:
            d, cur = d + 1, hits[cur].get("parent")
        return d
    return sorted(hits.values(), key=depth, reverse=True)


def _parents(props: Mapping, alive: list[DatedFeature]) -> set[str]:
    by_unit = {f.props["unit"]: f.props for f in alive}
    out, cur = set(), props.get("parent")
    while cur in by_unit and cur not in out:
        out.add(cur)
        cur = by_unit[cur].get("parent")
    return out


def borders_line(year: int) -> str:
    """What the borders drawn for a year are, in one line (shown on the map and in every export)."""
    return f"Borders of {year}, reconstructed; approximate"
