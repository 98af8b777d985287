"""The dated layers (geodata/dated: political units, Iran's provinces, landscape, rail alignments)
as the map draws them: the features of a year, the years in which they change, and their shapes
simplified for drawing.

Units and provinces are drawn as choropleths over one GeoJSON per layer that holds every feature
of every span (served at :data:`URL`, fetched once by the browser and cached by Plotly): a year's
trace lists only the ids of its features, so the render model stays small however many spans
there are. Pure functions over files loaded once.
"""
from __future__ import annotations

import functools
import json
from typing import Iterable, Mapping

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

from geodata.dated import layers as dated
from geodata.years import year_range

FIRST_YEAR, LAST_YEAR = year_range()
URL = "/geodata/dated/{name}.geojson"   # served by dashboard/dated_routes.py
DRAWN = ("units", "provinces")          # the layers served for drawing
# Degrees: about 2 km, under a line's width at the map's default scale; a unit shares its border
# with its neighbours, each simplified alone, so larger tolerances open visible slivers.
SIMPLIFY = 0.02
UNIT_PREFIX, PROVINCE_PREFIX = "unit-", "iranprov-"


@functools.lru_cache(maxsize=None)
def features(name: str, year: int) -> tuple[dated.DatedFeature, ...]:
    """The layer's features standing on 31 December of ``year``."""
    return tuple(dated.on_day(name, dated.year_day(year)))


def ids_in(name: str, year: int) -> tuple[str, ...]:
    return tuple(f.props["id"] for f in features(name, year))


def change_years(name: str, first: int = FIRST_YEAR, last: int = LAST_YEAR) -> set[int]:
    """The years whose 31 December shows the layer otherwise than the year before's (exactly)."""
    return {a for a, _ in steady_years(name, first, last)}


def memo(func):
    """Memoise a layer's drawing on a key that says all it depends on, returning the very same
    list each time (dashboard/render.py then reuses what it made of it)."""
    store: dict = {}

    def cached(key, *args):
        if key not in store:
            store[key] = func(*args)
        return store[key]
    return cached


@functools.lru_cache(maxsize=None)
def steady_years(name: str, first: int, last: int) -> tuple[tuple[int, int], ...]:
    """Runs of years (first, last) in which the layer stands the same on every 31 December."""
    runs: list[list] = []
    for year in range(first, last + 1):
        ids = frozenset(ids_in(name, year))
        if runs and runs[-1][2] == ids:
            runs[-1][1] = year
        else:
            runs.append([year, year, ids])
    return tuple((a, b) for a, b, _ in runs)


def steady_run(name: str, year: int, first: int, last: int) -> tuple[int, int]:
    """The run of years around ``year`` in which the layer did not change."""
    return next((a, b) for a, b in steady_years(name, first, last) if a <= year <= b)


def _clockwise(geom) -> dict:
    """d3-geo (under Plotly's geo) fills a ring's right-hand side: exterior rings clockwise."""
    geom = shapely.set_precision(geom.simplify(SIMPLIFY, preserve_topology=True), 0.001)
    parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, Polygon) else \
        [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    return mapping(MultiPolygon([orient(p, sign=-1.0) for p in parts if not p.is_empty]))


@functools.lru_cache(maxsize=None)
def drawing_geojson(name: str) -> str:
    """Every feature of a dated layer, simplified and wound for Plotly, keyed ``properties.id``."""
    if name not in DRAWN:
        raise KeyError(name)
    out = [{"type": "Feature", "properties": {"id": f.props["id"]}, "geometry": _clockwise(f.geometry)}
           for f in dated.load_layer(name)]
    return json.dumps({"type": "FeatureCollection", "features": out}, separators=(",", ":"))


def depth(props: Mapping, by_unit: Mapping[str, Mapping]) -> int:
    """How many living units contain this one (the USSR 0, a union republic 1, an ASSR 2)."""
    d, cur = 0, props.get("parent")
    while cur in by_unit and d < 10:
        d, cur = d + 1, by_unit[cur].get("parent")
    return d


def outermost_first(feats: Iterable[dated.DatedFeature]) -> list[dated.DatedFeature]:
    """Parents before the units inside them, so a child is drawn on top of its parent."""
    feats = list(feats)
    by_unit = {f.props["unit"]: f.props for f in feats}
    return sorted(feats, key=lambda f: (depth(f.props, by_unit), f.props["unit"]))


@functools.lru_cache(maxsize=None)
def by_feature_id() -> dict[str, Mapping]:
    """Every unit's and province's stages by the id the map and the link use ("unit-ussr", ...),
    each as a list of the feature properties of its spans, oldest first."""
    out: dict[str, list] = {}
    for name, prefix in (("units", UNIT_PREFIX), ("provinces", PROVINCE_PREFIX)):
        for f in dated.load_layer(name):
            out.setdefault(prefix + f.props["unit"], []).append(f.props)
    return {k: sorted(v, key=lambda p: p.get("start") or "") for k, v in out.items()}


def props_in_year(feature_id: str, year: int) -> Mapping | None:
    """The properties of a unit or province in ``year``: of the span then, else its nearest one."""
    spans = by_feature_id().get(feature_id)
    if not spans:
        return None
    day = dated.year_day(year).isoformat()
    now = [p for p in spans if (p.get("start") or "") <= day and (not p.get("end") or day <= p["end"])]
    if now:
        return now[0]
    before = [p for p in spans if (p.get("start") or "") <= day]
    return before[-1] if before else spans[0]


__all__ = ["URL", "features", "change_years", "drawing_geojson", "outermost_first",
           "by_feature_id", "props_in_year", "UNIT_PREFIX", "PROVINCE_PREFIX"]
