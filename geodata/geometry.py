"""Geometry from references: place ids and base-layer features resolved to shapely shapes, and checked."""
from __future__ import annotations

import math
from typing import Mapping

import shapely
import shapely.affinity
from shapely.geometry import LineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from . import schema
from .fileformat import GeometryM
from .model import Place
from .problems import Reporter

Resolved = tuple[tuple[str, ...], tuple[str, ...], BaseGeometry | None]   # place ids, area refs, shape


def in_region(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def check_coordinate(lon: float | None, lat: float | None) -> str | None:
    """A message if (lon, lat) is not a usable point of the region, else None."""
    if lon is None or lat is None:
        return "must be numbers"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "must be finite numbers (got NaN or infinity)"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"({lon}, {lat}) is not a longitude/latitude pair"
    if not in_region(lon, lat):
        if in_region(lat, lon):
            return f"({lon}, {lat}) is outside the region; lon and lat look swapped"
        return f"({lon}, {lat}) is outside the region {schema.REGION_BOX}"
    return None


def geometry_problem(geom: BaseGeometry) -> str | None:
    if geom.is_empty:
        return "is empty"
    coords = shapely.get_coordinates(geom)
    if not all(math.isfinite(v) for v in coords.ravel()):
        return "has NaN or infinite coordinates"
    if not geom.is_valid:
        return f"is not valid ({shapely.is_valid_reason(geom)})"
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    x0, y0, x1, y1 = geom.bounds
    if x0 < lon_min - 1e-6 or y0 < lat_min - 1e-6 or x1 > lon_max + 1e-6 or y1 > lat_max + 1e-6:
        return f"reaches outside the region {schema.REGION_BOX} (bounds {tuple(round(b, 2) for b in geom.bounds)})"
    return None


def resolve(spec: GeometryM, field: str, rep: Reporter, places: Mapping[str, Place],
            shapes: Mapping[str, Mapping[str, BaseGeometry]]) -> Resolved | None:
    """The shape a geometry spec names, or None with a problem noted."""
    form = spec.form
    if form == "none":
        return (), (), None
    if form == "area":
        return _area(spec.area, field, rep, shapes)
    ids = [spec.buffer.place] if form == "buffer" else ([spec.point] if form == "point" else list(getattr(spec, form)))
    unknown = [p for p in ids if p not in places]
    if unknown:
        rep.bad(f"{field}.{form}", f"unknown place id(s): {', '.join(unknown)}")
        return None
    pts = [(places[p].lon, places[p].lat) for p in ids]
    if form == "path":
        if len(set(ids)) != len(ids):
            rep.bad(f"{field}.path", "needs two or more distinct places")
            return None
        geom = LineString(pts)
    elif form == "buffer":
        geom = _circle(places[ids[0]], spec.buffer.km)
    else:
        geom = Point(pts[0]) if form == "point" else MultiPoint(pts)
    return _checked((tuple(ids), (), geom), field, rep)


def _area(refs: list[str], field: str, rep: Reporter, shapes: Mapping[str, Mapping[str, BaseGeometry]]):
    geoms = []
    for ref in refs:
        layer, _, fid = ref.partition(":")
        if fid not in shapes.get(layer, {}):
            rep.bad(f"{field}.area", f"{ref!r} is not a feature of a base layer ({', '.join(shapes)})")
            return None
        geoms.append(shapes[layer][fid])
    return _checked(((), tuple(refs), unary_union(geoms)), field, rep)


def _circle(place: Place, km: float) -> BaseGeometry:
    # Degrees of longitude shrink with latitude: an ellipse in lon/lat is a circle on the ground.
    circle = Point(place.lon, place.lat).buffer(km / 111.32, 32)
    return shapely.affinity.scale(circle, xfact=1 / math.cos(math.radians(place.lat)), yfact=1.0)


def _checked(resolved: Resolved, field: str, rep: Reporter) -> Resolved | None:
    reason = geometry_problem(resolved[2])
    if reason:
        rep.bad(field, reason)
        return None
    return resolved
