"""A synthetic data dir N times the shipped one, for the scale run of the benchmark (never committed).

``make_scaled_data(dest, factor=20)`` copies ``geodata/data`` to ``dest`` and adds
``factor - 1`` copies of every place and every record:

* each copy of a place gets a new id (``<id>-xNN``), the same names with `` #NN``
  appended, and coordinates jittered by up to ``JITTER_DEG`` that stay inside the
  region and inside the place's own country (a point that leaves it is drawn again,
  closer each time; after ``MAX_TRIES`` the place keeps the original coordinates);
* each copy of a record gets a new id and keeps its kind, stages, sources (the same
  quotes, so validation passes) and context citations; its places are the copy's
  places, except the first place of a path, which stays the original so that the
  copies join the shipped network and routes run across them; areas keep their
  base-layer references.

The result is loaded with :func:`geodata.load.load_dataset` and must validate, like the
shipped data (``python -m benchmarks.scale DEST`` builds one and checks it).
"""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
import sys
from pathlib import Path

from shapely.geometry import Point

from geodata import schema
from geodata.load import DATA_DIR, load_dataset

JITTER_DEG = 0.35
MAX_TRIES = 12
INSIDE_DEG = 0.05   # stricter than the loader's tolerance, so every copy validates


def _copy_id(pid: str, k: int) -> str:
    return f"{pid}-x{k:02d}"


def _jittered_places(rows: list[dict], factor: int, countries: dict, rng: random.Random) -> list[dict]:
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    out = []
    for k in range(1, factor):
        for row in rows:
            lon0, lat0 = float(row["lon"]), float(row["lat"])
            shape = countries.get(row["country"].strip())
            lon, lat = lon0, lat0
            for attempt in range(MAX_TRIES):
                r = JITTER_DEG * (1 - attempt / MAX_TRIES)
                cand = (round(lon0 + rng.uniform(-r, r), 4), round(lat0 + rng.uniform(-r, r), 4))
                if not (lon_min <= cand[0] <= lon_max and lat_min <= cand[1] <= lat_max):
                    continue
                if shape is None or shape.dwithin(Point(cand), INSIDE_DEG):
                    lon, lat = cand
                    break
            new = dict(row)
            new["id"] = _copy_id(row["id"], k)
            for lang in schema.LANGUAGES:
                key = f"name_{lang}"
                if (new.get(key) or "").strip():
                    new[key] = f"{new[key]} #{k:02d}"
            new["lon"], new["lat"] = f"{lon:.4f}", f"{lat:.4f}"
            out.append(new)
    return out


def _copy_record(raw: dict, k: int) -> dict:
    rec = json.loads(json.dumps(raw))
    rec["id"] = _copy_id(raw["id"], k)
    rec["name"] = {lang: f"{text} #{k:02d}" for lang, text in raw["name"].items()}
    (form, value), = raw["geometry"].items()
    if form == "point":
        rec["geometry"] = {"point": _copy_id(value, k)}
    elif form == "points":
        rec["geometry"] = {"points": [_copy_id(p, k) for p in value]}
    elif form == "path":
        rec["geometry"] = {"path": [value[0]] + [_copy_id(p, k) for p in value[1:]]}
    elif form == "buffer":
        rec["geometry"] = {"buffer": {**value, "place": _copy_id(value["place"], k)}}
    # "area" and "none" stay as they are
    if raw.get("related_places"):
        rec["related_places"] = [_copy_id(p, k) for p in raw["related_places"]]
    return rec


def make_scaled_data(dest: Path, factor: int = 20, seed: int = 6, source: Path = DATA_DIR) -> Path:
    """Write a data dir ``factor`` times the shipped records and places into ``dest`` (created)."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    rng = random.Random(seed)
    base = load_dataset(source)   # the shipped data must be valid to start with
    countries = dict(base.base["countries"].shapes)

    text = (source / "places.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    rows += _jittered_places(rows[:], factor, countries, rng)
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (dest / "places.csv").write_text(buf.getvalue(), encoding="utf-8")

    for path in sorted((source / "records").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))   # {"$schema": ..., "records": [...]}
        records = document["records"]
        records += [_copy_record(r, k) for k in range(1, factor) for r in records[:]]
        (dest / "records" / path.name).write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                                  encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description="Write a synthetic data dir N times the shipped data.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--factor", type=int, default=20)
    args = parser.parse_args(argv)
    make_scaled_data(args.dest, args.factor)
    dataset = load_dataset(args.dest)
    print(f"{args.dest}: {len(dataset.records)} records, {len(dataset.places)} places (valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
