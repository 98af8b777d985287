"""The build's settings (region box, tolerances, paths), its error type and small helpers."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path



REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "raw"
DEFAULT_OUT_DIR = Path(__file__).resolve().parents[1] / "data" / "base"

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
