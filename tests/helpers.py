"""Shared helpers for the geodata tests: copy the data folder, make one small edit, run the CLI.

Every edit helper changes exactly what it is asked to and nothing else, so a test that
breaks a copy of the data reads as "take the real data, change this one thing".
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "geodata" / "data"
SOURCE_FILE = DATA_DIR / "source" / "text.ur.txt"


# --------------------------------------------------------------------------- copying and running

def copy_data(dest_parent: Path) -> Path:
    """A private copy of geodata/data under ``dest_parent``; returns the copy's path."""
    dest = dest_parent / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


def run_geodata(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m geodata ARGS`` from the repository root, output captured as text."""
    return subprocess.run([sys.executable, "-m", "geodata", *args], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


# --------------------------------------------------------------------------- record files

def records_path(data_dir: Path, file: str) -> Path:
    return data_dir / "records" / file


RECORDS_SCHEMA = "../schema/records.schema.json"


def read_records(data_dir: Path, file: str) -> list:
    """The list of records of ``records/file`` (the file holds {"$schema": ..., "records": [...]})."""
    return json.loads(records_path(data_dir, file).read_text(encoding="utf-8"))["records"]


def write_records(data_dir: Path, file: str, records: object) -> None:
    """Write a list of records in the file's envelope; anything else is written as it is."""
    data = {"$schema": RECORDS_SCHEMA, "records": records} if isinstance(records, list) else records
    records_path(data_dir, file).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")


def edit_record(data_dir: Path, file: str, record_id: str, change: Callable[[dict], None]) -> None:
    """Apply ``change`` to the record ``record_id`` of ``records/file`` in place."""
    records = read_records(data_dir, file)
    matches = [r for r in records if r.get("id") == record_id]
    assert len(matches) == 1, f"{record_id} is not (exactly once) in {file}"
    change(matches[0])
    write_records(data_dir, file, records)


# --------------------------------------------------------------------------- places.csv

def read_places_csv(data_dir: Path) -> tuple[list[str], list[dict]]:
    with open(data_dir / "places.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write_places_csv(data_dir: Path, header: list[str], rows: Iterable[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data_dir / "places.csv").write_text(out.getvalue(), encoding="utf-8")


def edit_place(data_dir: Path, place_id: str, **changes: str) -> None:
    """Set columns of one row of places.csv, e.g. ``edit_place(d, "gorgan", lat="nan")``."""
    header, rows = read_places_csv(data_dir)
    matches = [r for r in rows if r["id"] == place_id]
    assert len(matches) == 1, f"{place_id} is not (exactly once) in places.csv"
    for column, value in changes.items():
        assert column in header, column
        matches[0][column] = value
    write_places_csv(data_dir, header, rows)


# --------------------------------------------------------------------------- base layers

def set_base_geometry(data_dir: Path, layer: str, feature_id: str, geometry: dict) -> None:
    """Replace one feature's geometry in base/<layer>.geojson (NaN is written as the token NaN)."""
    path = data_dir / "base" / f"{layer}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    matches = [f for f in data["features"] if f["properties"].get("id") == feature_id]
    assert len(matches) == 1, f"{feature_id} is not (exactly once) in {layer}"
    matches[0]["geometry"] = geometry
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --------------------------------------------------------------------------- the source text, read independently

def raw_blocks(path: Path = SOURCE_FILE) -> list[str]:
    """The source text's blocks, read without geodata.source: runs of non-blank lines, white space folded."""
    blocks: list[str] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(" ".join(" ".join(current).split()))
            current = []
    if current:
        blocks.append(" ".join(" ".join(current).split()))
    return blocks


def occurs_in_block(blocks: list[str], quote: str, block: int) -> bool:
    """True if the quote (white space folded) starts in block ``block`` (1-based); it may run on into the next."""
    wanted = " ".join(quote.split())
    if not wanted or not 1 <= block <= len(blocks):
        return False
    here = blocks[block - 1]
    if wanted in here:
        return True
    if block == len(blocks):
        return False
    joined = here + " " + blocks[block]
    return any(joined.startswith(wanted, i) for i in range(len(here)))
