"""Small geometry helpers shared by the dated layers' build: clean polygons, RFC 7946 output."""
from __future__ import annotations

import json
from typing import Any, Iterable

import shapely

DECIMALS = 4  # about 11 m, as the base layers
EMPTY = shapely.Polygon()


def polygonal(geom: shapely.Geometry | None) -> shapely.Geometry:
    """Valid (Multi)Polygon of the polygonal parts of ``geom``."""
    if geom is None or geom.is_empty:
        return EMPTY
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else EMPTY


def _coords(seq) -> list[list[float]]:
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in seq]


def geometry_json(geom: shapely.Geometry) -> dict[str, Any]:
    """RFC 7946 geometry (counter-clockwise shells), coordinates to 4 decimals."""
    kind = geom.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(shapely.normalize(geom), exterior_cw=False)
        polys = [[_coords(p.exterior.coords)] + [_coords(h.coords) for h in p.interiors]
                 for p in shapely.get_parts(geom)]
        return {"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else \
            {"type": "MultiPolygon", "coordinates": polys}
    if kind in ("LineString", "MultiLineString"):
        lines = [_coords(p.coords) for p in shapely.get_parts(geom)]
        return {"type": "LineString", "coordinates": lines[0]} if len(lines) == 1 else \
            {"type": "MultiLineString", "coordinates": lines}
    if kind == "Point":
        return {"type": "Point", "coordinates": _coords(geom.coords)[0]}
    raise ValueError(f"unexpected geometry type {kind}")


def feature_collection(features: Iterable[tuple[dict[str, Any], shapely.Geometry]],
                       about: dict[str, Any] | None = None) -> bytes:
    """GeoJSON text, one feature per line (readable diffs), in the order given, UTF-8."""
    lines = [json.dumps({"type": "Feature", "properties": props, "geometry": geometry_json(geom)},
                        ensure_ascii=False, separators=(",", ":"))
             for props, geom in features]
    head = '{"type":"FeatureCollection",'
    if about:
        head += '"about":' + json.dumps(about, ensure_ascii=False, separators=(",", ":")) + ","
    return (head + '"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")
