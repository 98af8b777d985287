"""Rivers, lakes (the Aral Sea by date), Garabogazköl, deserts and ranges, picked by name.

The definitions (``landscape.json``) name the Natural Earth features to take and, where the
landscape changed in the period (the Aral Sea, Garabogazköl), the years each outline stands
for, with a source. Lines are simplified with Douglas-Peucker, areas likewise, to 4 decimals.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import box

from geodata.dated.geojson import polygonal

FRAME = (24.0, 4.0, 100.0, 60.0)
SIMPLIFY = {"river": 0.01, "lake": 0.01, "former_lake": 0.01, "lagoon": 0.01}  # degrees
MIN_REGION_AREA = 0.5  # square degrees: a named desert or range smaller than this is a broken outline
SIMPLIFY_REGION = 0.05  # deserts and ranges: rough outlines for a quiet label and shade


def _read(path: Path) -> gpd.GeoDataFrame:
    return gpd.read_file(path, bbox=FRAME)


def landscape_features(defs_path: Path, layer_files: dict[str, Path]) -> tuple[list, list[str]]:
    """(features, problems) from the definitions and the unpacked Natural Earth files."""
    defs = json.loads(defs_path.read_text(encoding="utf-8"))
    sources, frame = defs["sources"], box(*FRAME)
    frames = {name: _read(path) for name, path in layer_files.items()}
    features, problems = [], []
    for d in defs["features"]:
        if "point" in d:  # a label placed by hand where Natural Earth has no usable outline
            features.append((_properties(d, sources), shapely.Point(d["point"])))
            continue
        gdf = frames.get(d["layer"])
        if gdf is None:
            problems.append(f"{d['id']}: layer: unknown layer {d['layer']!r}")
            continue
        rows = gdf[gdf["name"].isin(d["match"])]
        missing = sorted(set(d["match"]) - set(rows["name"]))
        if missing:
            problems.append(f"{d['id']}: match: {missing} not in Natural Earth {d['layer']}")
            continue
        geom = shapely.union_all(rows.geometry.values).intersection(frame)
        tolerance = SIMPLIFY.get(d["kind"], SIMPLIFY_REGION)
        geom = shapely.set_precision(shapely.simplify(geom, tolerance, preserve_topology=True), 1e-4)
        if d["kind"] != "river":
            geom = polygonal(geom)
        else:
            geom = shapely.line_merge(geom)
        if geom.is_empty:
            problems.append(f"{d['id']}: geometry: empty after clipping to the map's frame")
            continue
        if d["kind"] in ("desert", "range", "plateau") and geom.area < MIN_REGION_AREA:
            problems.append(f"{d['id']}: geometry: only {geom.area:.3f} square degrees: a broken outline?")
            continue
        features.append((_properties(d, sources), geom))
    return features, problems


def _properties(d: dict, sources: dict) -> dict[str, Any]:
    source_ids = ["ne-physical"] + ([d["source"]] if d.get("source") else [])
    return {
        "id": d["id"], "kind": d["kind"], "type": d["kind"],
        "name_en": d["name"]["en"], "name_ur": d["name"]["ur"], "name_fa": d["name"]["fa"],
        "start": f"{d['start']}-01-01" if d.get("start") else None,
        "end": f"{d['end']}-12-31" if d.get("end") else None,
        "stage_start": d.get("start"), "stage_end": d.get("end"),
        "date_certainty": d.get("certainty", "certain"), "date_basis": d.get("source"),
        "date_note": d.get("note", ""), "extent_note": d.get("note", ""),
        "location_certainty": "approximate",
        "area_km2_by_year": d.get("area_km2", {}),
        "sources": [{"id": s, **sources[s]} for s in source_ids],
    }
