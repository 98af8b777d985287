"""The pinned public inputs of the dated layers, how to get them, and their checksums.

Two kinds of input:

* a Debian package (``qgis-common``), fetched with its ordinary client (``apt-get download``)
  into the cache and unpacked with ``dpkg-deb``;
* files from public GitHub repositories at a pinned commit. These are in no registry: put them
  under ``<cache>/github/<owner>+<name>/<path>`` (for example from a clone, ``git show
  <commit>:<path> > ...``; see docs/dated-geography.md). ``.7z`` archives are unpacked with
  ``7za`` (Debian ``p7zip-full``).

Every file is checked against its sha256 before it is read; raw downloads stay in the cache
(``.cache/raw/dated``, gitignored) and are never committed.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = REPO_ROOT / ".cache" / "raw" / "dated"


class InputError(Exception):
    """An input missing or not as pinned, with what to do about it."""


@dataclass(frozen=True)
class GitHubFile:
    repo: str
    commit: str
    path: str  # in the repository
    sha256: str
    member: str = ""  # for a .7z: the file inside it
    member_sha256: str = ""


DEB = {
    "id": "qgis-common-world-map", "registry": "debian", "package": "qgis-common",
    "version": "3.22.16+dfsg-1", "package_file": "qgis-common_3.22.16+dfsg-1_all.deb",
    "package_sha256": "8c46e9da78b82772b23777643e02210c43945f01faee2316899f6438b65a5960",
    "file": "usr/share/qgis/resources/data/world_map.gpkg",
    "sha256": "ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2",
    "licence": "Natural Earth data, public domain (naturalearthdata.com/about/terms-of-use); "
               "the package's QGIS code (GPL-2+) is not used.",
    "attribution": "Made with Natural Earth: 1:10m admin-1 states and provinces (generalised), as shipped "
                   "in Debian qgis-common 3.22.16+dfsg-1 (world_map.gpkg, layer states_provinces).",
}

NE_REPO, NE_COMMIT = "martynafford/natural-earth-geojson", "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e"
NE_LICENCE = "CC0 (repository); Natural Earth 4.0 data, public domain."
NE_FILES = {
    "rivers": GitHubFile(NE_REPO, NE_COMMIT, "10m/physical/ne_10m_rivers_lake_centerlines.7z",
                         "57bdf8d7aff155670520298e026ed9be10cb5c8b23a32edefc82e6eb055426c2",
                         "ne_10m_rivers_lake_centerlines.json",
                         "784acb3c691109ed2f32b6efbc51d7082eb4b16ea8c12f4d83f76bb625845a3e"),
    "lakes": GitHubFile(NE_REPO, NE_COMMIT, "10m/physical/ne_10m_lakes.7z",
                        "215fd5fdcf0aa043c50c6d262ca9d2ac4abf16c9281653341ecbd6bb1f1f91b4",
                        "ne_10m_lakes.json",
                        "93c8fdf0e591e113f449d0d466e15c7a9841b9b6571c7afe41f95ba51b322452"),
    "lakes_historic": GitHubFile(NE_REPO, NE_COMMIT, "10m/physical/ne_10m_lakes_historic.json",
                                 "ad2f70db387d8806382610245e526499ecfc5ef922d080f0553ee3a2401fc2d6"),
    "marine": GitHubFile(NE_REPO, NE_COMMIT, "10m/physical/ne_10m_geography_marine_polys.json",
                         "3a50bf3ffcd2fde0da13e5503099c549ccc46885164fd8010e679b2372538fbc"),
    "regions": GitHubFile(NE_REPO, NE_COMMIT, "10m/physical/ne_10m_geography_regions_polys.7z",
                          "8deb8723210911015d2a2e4d8c33d9b86676585440265c102d951403797b1013",
                          "ne_10m_geography_regions_polys.json",
                          "79c72247f5b7531f103e2216799cf91c0b03df8fc8a772414e85594a82908fa4"),
}

RAIL_REPO, RAIL_COMMIT = "bovine3dom/fahrtle", "9335621720e026d7fd54b75c42441208f06009d3"
RAIL_DIR = "public/train_tiles/8"  # zoom 8 Mapbox vector tiles of Natural Earth 10m railroads
RAIL_LICENCE = "Natural Earth 10m railroads, public domain, as vector tiles in the repository."


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(path: Path, sha: str) -> Path:
    got = sha256_file(path)
    if got != sha:
        raise InputError(f"{path}: sha256 {got} differs from the pinned {sha}; "
                         "delete it and fetch the pinned version again")
    return path


def world_map(cache: Path, offline: bool = False) -> Path:
    """world_map.gpkg from the pinned qgis-common package, checked."""
    deb = cache / DEB["package_file"]
    if not deb.exists():
        if offline:
            raise InputError(f"{deb} is missing (offline build)")
        cache.mkdir(parents=True, exist_ok=True)
        cmd = ["apt-get", "download", f"{DEB['package']}={DEB['version']}"]
        try:
            subprocess.run(cmd, cwd=cache, check=True, capture_output=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            raise InputError(f"could not run {' '.join(cmd)}: {exc}") from None
    _check(deb, DEB["package_sha256"])
    out = cache / "qgis-common"
    gpkg = out / DEB["file"]
    if not gpkg.exists():
        subprocess.run(["dpkg-deb", "-x", str(deb), str(out)], check=True)
    return _check(gpkg, DEB["sha256"])


def github_file(cache: Path, spec: GitHubFile) -> Path:
    """The pinned file (unpacked if a .7z), checked."""
    owner_name = spec.repo.replace("/", "+")
    raw = cache / "github" / owner_name / spec.path
    if not raw.exists():
        raise InputError(f"{raw} is missing: copy {spec.path} of github:{spec.repo} at commit "
                         f"{spec.commit} there (see docs/dated-geography.md)")
    _check(raw, spec.sha256)
    if not spec.member:
        return raw
    member = raw.parent / spec.member
    if not member.exists():
        seven = shutil.which("7za") or shutil.which("7z")
        if not seven:
            raise InputError(f"{raw.name} needs 7za to unpack: apt-get install p7zip-full")
        subprocess.run([seven, "x", "-y", f"-o{raw.parent}", str(raw)], check=True, capture_output=True)
    return _check(member, spec.member_sha256)


def rail_tiles(cache: Path) -> Path:
    """The zoom-8 railway tile folder of the pinned fahrtle snapshot."""
    folder = cache / "github" / RAIL_REPO.replace("/", "+") / RAIL_DIR
    if not folder.is_dir():
        raise InputError(f"{folder} is missing: copy {RAIL_DIR} of github:{RAIL_REPO} at commit "
                         f"{RAIL_COMMIT} there (see docs/dated-geography.md)")
    return folder


def tiles_digest(paths: list[Path], root: Path) -> str:
    """One sha256 over the tiles used: 'relative path  sha256' lines, sorted."""
    lines = sorted(f"{p.relative_to(root).as_posix()}  {sha256_file(p)}" for p in paths)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
