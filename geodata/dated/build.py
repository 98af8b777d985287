"""``python -m geodata build-dated``: rebuild the dated layers (also run by ``python -m geodata build``).

Reads the pinned inputs (:mod:`geodata.dated.inputs`), composes each layer, refuses to write
anything if a definition or a check fails, and records inputs, checksums and steps in the
``dated_layers`` section of ``geodata/data/base/MANIFEST.json``. Output is deterministic.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Callable

from geodata.dated import DATA_DIR, inputs, landscape_build, rail_build, timeline, units_build
from geodata.dated.geojson import feature_collection

MANIFEST = DATA_DIR.parent / "base" / "MANIFEST.json"


class BuildFailed(Exception):
    pass


def _units(cache: Path, offline: bool) -> tuple[bytes, dict]:
    gpkg = inputs.world_map(cache, offline)
    divisions = units_build.read_divisions(gpkg)
    features, problems = units_build.unit_features(DATA_DIR / "units.json", divisions)
    if problems:
        raise BuildFailed("units.json:\n  " + "\n  ".join(problems))
    about = {"borders": "reconstructed from today's first-level divisions; approximate",
             "definitions": "units.json"}
    record = {"inputs": [inputs.DEB["id"]], "definitions": "geodata/data/dated/units.json",
              "steps": ["read Natural Earth admin-1 (layer states_provinces) of the countries listed in "
                        "geodata/dated/units_build.py, clipped to lon 24..100, lat 4..60",
                        f"shapely.coverage_simplify, tolerance {units_build.SIMPLIFY} deg; 4 decimals",
                        "for each span of days in which no unit changes: each unit's own divisions plus "
                        "its children's (units.json), united; a union of more than "
                        f"{units_build.LARGE_COORDS} points simplified again (Douglas-Peucker, "
                        f"{units_build.SIMPLIFY_LARGE} deg); one feature per unit per unchanged span",
                        "checked: on every 31 December from 1918, no division in two units unless one "
                        "contains the other, and every division of the core countries in some unit"]}
    return feature_collection(features, about), record


def _provinces(cache: Path, offline: bool) -> tuple[bytes, dict]:
    divisions = units_build.read_divisions(inputs.world_map(cache, offline))
    features, problems = units_build.unit_features(
        DATA_DIR / "iran_provinces.json", divisions, timeline.PROVINCE_STATUSES, dt.date(1979, 1, 1), ("IRN",))
    if problems:
        raise BuildFailed("iran_provinces.json:\n  " + "\n  ".join(problems))
    about = {"provinces": "Iran's provinces by date, drawn from 1979; reconstructed from today's provinces",
             "definitions": "iran_provinces.json"}
    record = {"inputs": [inputs.DEB["id"]], "definitions": "geodata/data/dated/iran_provinces.json",
              "steps": ["as units.geojson, for Iran's divisions only, from 1 January 1979; checked: every "
                        "Iranian division in exactly one province on every 31 December from 1979"]}
    return feature_collection(features, about), record


def _landscape(cache: Path, offline: bool) -> tuple[bytes, dict]:
    files = {key: inputs.github_file(cache, spec) for key, spec in inputs.NE_FILES.items()}
    features, problems = landscape_build.landscape_features(DATA_DIR / "landscape.json", files)
    if problems:
        raise BuildFailed("landscape.json:\n  " + "\n  ".join(problems))
    about = {"landscape": "Natural Earth physical features by name; the Aral Sea and Garabogazkol by date",
             "definitions": "landscape.json"}
    record = {"inputs": [f"github-{k}" for k in inputs.NE_FILES], "definitions": "geodata/data/dated/landscape.json",
              "steps": ["pick the features named in landscape.json from each Natural Earth layer, clipped to "
                        "lon 24..100, lat 4..60",
                        f"Douglas-Peucker: {landscape_build.SIMPLIFY} deg for water, "
                        f"{landscape_build.SIMPLIFY_REGION} deg for deserts and ranges; 4 decimals"]}
    return feature_collection(features, about), record


def _railways(cache: Path, offline: bool) -> tuple[bytes, dict]:
    import csv

    tile_dir = inputs.rail_tiles(cache)
    with (DATA_DIR.parent / "places.csv").open(encoding="utf-8", newline="") as fh:
        places = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(fh)}
    features = rail_build.rail_features(DATA_DIR.parent / "records", places, tile_dir)
    about = {"railways": "railway records on Natural Earth 10m railroads where it covers them; schematic legs "
                         "say why", "dates": "none here: the records' own"}
    tiles = sorted(tile_dir.rglob("*.pbf"))
    record = {"inputs": ["github-rail-tiles"], "definitions": "geodata/data/records/*rail*.json (the paths)",
              "tiles": len(tiles), "tiles_sha256": inputs.tiles_digest(tiles, tile_dir),
              "steps": ["read the zoom-8 tiles of lon 40..90, lat 22..50 with pyogrio, to EPSG:4326",
                        f"union on a {rail_build.GRID} deg grid (noded), one graph edge per piece; dead ends "
                        f"within {rail_build.BRIDGE_KM} km of another part joined (tile edges)",
                        f"each station joined to the nearest line (within {rail_build.STATION_REACH_KM} km); "
                        f"each leg the shortest path if not longer than {rail_build.MAX_DETOUR} x straight "
                        "+ 20 km, else schematic",
                        "simplified 0.005 deg, 4 decimals"]}
    return feature_collection(features, about), record


# Each dated layer: output file -> function(cache, offline) -> (content, manifest record)
LAYERS: dict[str, Callable[[Path, bool], tuple[bytes, dict]]] = {
    "units.geojson": _units,
    "provinces.geojson": _provinces,
    "landscape.geojson": _landscape,
    "railways.geojson": _railways,
}


def input_records() -> list[dict]:
    deb = dict(inputs.DEB)
    github = [{"id": f"github-{key}", "repo": spec.repo, "commit": spec.commit, "file": spec.path,
               "sha256": spec.sha256, **({"member": spec.member, "member_sha256": spec.member_sha256}
                                          if spec.member else {}),
               "licence": inputs.NE_LICENCE} for key, spec in inputs.NE_FILES.items()]
    tiles = {"id": "github-rail-tiles", "repo": inputs.RAIL_REPO, "commit": inputs.RAIL_COMMIT,
             "file": inputs.RAIL_DIR + "/{x}/{y}.pbf (the tiles of the frame; digest in the layer record)",
             "licence": inputs.RAIL_LICENCE}
    return [deb, *github, tiles]


def build_dated(manifest: Path = MANIFEST, cache: Path = inputs.DEFAULT_CACHE, offline: bool = False,
                only: list[str] | None = None) -> None:
    built = {name: make(cache, offline) for name, make in LAYERS.items() if not only or name in only}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    section = data.get("dated_layers", {})
    old = {r["file"]: r for r in section.get("layers", [])}
    for name, (content, record) in built.items():
        (DATA_DIR / name).write_bytes(content)
        old[f"geodata/data/dated/{name}"] = {"file": f"geodata/data/dated/{name}", "bytes": len(content),
                     "sha256": hashlib.sha256(content).hexdigest(), **record}
        print(f"wrote    {DATA_DIR / name} ({len(content):,} bytes)", file=sys.stderr)
    data["dated_layers"] = {
        "about": "Dated layers built by `python -m geodata build-dated` (geodata/dated/build.py); raw "
                 "inputs in .cache/raw/dated, see docs/dated-geography.md.",
        "inputs": input_records(),
        "layers": [old[k] for k in sorted(old)],
    }
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata build-dated", description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=inputs.DEFAULT_CACHE)
    parser.add_argument("--offline", action="store_true", help="use only the cache")
    parser.add_argument("--only", nargs="*", help="rebuild only these files (e.g. units.geojson)")
    args = parser.parse_args(argv)
    try:
        build_dated(MANIFEST, args.cache_dir, args.offline, args.only)
    except (BuildFailed, inputs.InputError) as exc:
        print(f"geodata build-dated: error: {exc}", file=sys.stderr)
        return 1
    return 0
