"""``python -m geodata export``: every record as one RFC 7946 GeoJSON FeatureCollection.

The properties are documented in docs/data-schema.md; tests check the two agree.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterable, Mapping

from shapely.geometry import mapping

from .dated.mapyear import add_dated_layers
from .dates import end_of_year
from .load import DataError, Dataset, shared_dataset
from .model import Place, Record
from .query import TIMELINE_KINDS, events_between
from .years import year_range

ATTRIBUTION = ("Text: Urdu chapter on Iran and the post-Soviet states (blocks as numbered in docs). "
               "Borders: Natural Earth (public domain). Places: GeoNames (CC-BY 4.0).")


def _rounded(geometry: dict) -> dict:
    def walk(c):
        if isinstance(c, (list, tuple)):
            if c and isinstance(c[0], (int, float)):
                return [round(float(v), 5) for v in c]
            return [walk(x) for x in c]
        return c
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])} if "coordinates" in geometry \
        else {"type": geometry["type"], "geometries": [_rounded(g) for g in geometry["geometries"]]}


def _thaw(value):
    """A plain JSON copy of the dataset's read-only attributes (mappings and tuples)."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def record_feature(record: Record, year: int | None = None) -> dict:
    stage = record.stage_at(end_of_year(year)) if year is not None else None
    props = {
        "id": record.id,
        "kind": record.kind,
        "type": record.type,
        "name": record.names.as_dict(),
        "stages": [s.as_dict() for s in record.stages],
        "sources": [s.as_dict() for s in record.sources],
        "context": [c.as_dict() for c in record.context],
        "from_text": record.from_text,
        "location_certainty": record.location_certainty,
        "location_note": record.location_note,
        "notes": [n.as_dict() for n in record.notes],
        "places": list(record.all_places()),
        "areas": list(record.area_refs),
        "attributes": _thaw(record.attributes),
    }
    if year is not None:
        props["status_at_year"] = stage.status if stage else None
    geometry = _rounded(mapping(record.geometry)) if record.geometry is not None else None
    return {"type": "Feature", "id": record.id, "geometry": geometry, "properties": props}


def place_feature(place: Place) -> dict:
    return {"type": "Feature", "id": place.id,
            "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
            "properties": {"id": place.id, "kind": "place", "type": place.place_type, "name": place.names.as_dict(),
                           "stages": [], "sources": [place.source.as_dict()] if place.source else [],
                           "context": [{"id": "coordinates", "citation": place.coord_source,
                                        "claim": "coordinates", "url": None}],
                           "from_text": place.from_text, "location_certainty": place.location_certainty,
                           "location_note": place.note, "notes": [], "places": [place.id], "areas": [],
                           "country": place.country, "attributes": {}}}


def records_for_year(dataset: Dataset, year: int) -> list[Record]:
    """Records in force at the end of ``year``, plus events and episodes of that year."""
    day = end_of_year(year)
    standing = [r for r in dataset.records if r.kind not in TIMELINE_KINDS and r.stage_at(day)]
    return standing + list(events_between(dataset, year, year))


def feature_collection(dataset: Dataset, year: int | None = None, ids: Iterable[str] | None = None,
                       include_places: bool = True) -> dict:
    if ids is not None:
        wanted = set(ids)
        records = [r for r in dataset.records if r.id in wanted]
        places = [p for p in dataset.places.values() if p.id in wanted]
    else:
        records = list(dataset.records) if year is None else records_for_year(dataset, year)
        places = list(dataset.places.values()) if include_places else []
    features = [place_feature(p) for p in sorted(places, key=lambda p: p.id)]
    features += [record_feature(r, year) for r in sorted(records, key=lambda r: r.id)]
    return {"type": "FeatureCollection", "features": features,
            "metadata": {"year": year, "attribution": ATTRIBUTION, "source_sha256": dataset.source.sha256}}


CSV_COLUMNS = ("id", "kind", "type", "name_en", "name_ur", "from_text", "status_at_year", "first_date", "last_date",
               "location_certainty", "lon", "lat", "citations")
# A UTF-8 byte order mark first: spreadsheets then read the Urdu as UTF-8, not as a local code page.
CSV_BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), +cmd|..., @SUM);
# the full-width forms are read as formulas by some. OWASP's "CSV injection" advice: prefix a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value):
    """``value`` as a spreadsheet will show it, never run it: text on one line, never a formula.

    Line breaks of every kind become spaces (a line break inside a quoted cell is a new row to
    some readers, and made a tour title into a row of its own); text that starts, after any
    spaces, like a formula gets a leading ``'``, which spreadsheets show as text. Numbers pass.
    """
    if not isinstance(value, str):
        return value
    text = " ".join(value.splitlines())
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def features_csv(collection: dict) -> str:
    """One row per feature, with its citations written out, for spreadsheets and handouts.

    Starts with a byte order mark, then the header line; every text cell goes through
    :func:`spreadsheet_cell`. The view's caption is not in the file (it would be a row to a
    spreadsheet): the app serves it next to the CSV (docs/deploy.md, "Exports").
    """
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for feat in collection["features"]:
        p = feat["properties"]
        stages = p["stages"]
        centre = _centre(feat["geometry"])
        cites = [f"block {s['block']}" + (f", fn {s['footnote']}" if s.get("footnote") else "") + f": {s['quote']}"
                 for s in p["sources"]] + [f"context: {c['citation']}" for c in p["context"]]
        row = [p["id"], p["kind"], p.get("type") or "", p["name"]["en"], p["name"]["ur"], p["from_text"],
               p.get("status_at_year") or "", stages[0]["start"] if stages else "",
               stages[-1]["end"] if stages else "", p["location_certainty"],
               centre[0] if centre else "", centre[1] if centre else "", " | ".join(cites)]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()


def _centre(geometry: dict | None):
    if not geometry:
        return None
    from shapely.geometry import shape
    c = shape(geometry).representative_point()
    return round(c.x, 4), round(c.y, 4)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata export",
                                     description="Write every record as an RFC 7946 GeoJSON FeatureCollection.")
    parser.add_argument("--year", help="only what stands at the end of this year, and that year's events")
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")
    parser.add_argument("--format", choices=("geojson", "csv", "lpf"), default="geojson",
                        help="lpf: Linked Places Format (geodata/lpf.py), for historical gazetteers")
    args = parser.parse_args(argv)
    year = None
    if args.year is not None:
        try:
            year = int(args.year)
        except ValueError:
            print(f"error: --year must be a whole number, got {args.year!r}", file=sys.stderr)
            return 2
        first, last = year_range()
        if not first <= year <= last:
            print(f"error: --year {year} is outside the map's years {first}-{last}", file=sys.stderr)
            return 2
    try:
        dataset = shared_dataset()
    except DataError as exc:
        print(f"error: the data does not validate; run 'python -m geodata validate'\n{exc}", file=sys.stderr)
        return 1
    collection = feature_collection(dataset, year)
    if args.format == "lpf":
        from .lpf import lpf_collection   # its own module: the GeoJSON/CSV export is read only for the year filter
        ids = {f["id"] for f in collection["features"]}
        collection = lpf_collection(dataset, [r for r in dataset.records if r.id in ids],
                                    [p for p in dataset.places.values() if p.id in ids])
    elif year is not None:  # the whole map of the year: units, provinces, names, landscape (issue 13)
        collection = add_dated_layers(collection, year)
    text = features_csv(collection) if args.format == "csv" else json.dumps(collection, ensure_ascii=False, indent=1)
    if not text.endswith("\n"):   # one final newline, never a blank last line (a spurious empty CSV row)
        text += "\n"
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(collection['features'])} features to {args.out}", file=sys.stderr)
        if args.format == "csv":
            return write_caption(collection, args.out.with_suffix(".caption.txt"))
    else:
        sys.stdout.write(text)
        if args.format == "csv":   # a pipe gets the rows only; the caption goes to the terminal
            print("".join(caption_lines(collection)), file=sys.stderr, end="")
    return 0


def caption_lines(collection: dict) -> list[str]:
    """What a CSV cannot hold as rows (a spreadsheet would read them as data): the year, what the
    borders drawn are (issue 13: every export says so), the provinces' line and the attribution."""
    meta = collection.get("metadata", {})
    keys = ("year", "borders", "provinces", "attribution", "source_sha256")
    return [f"{key}: {meta[key]}\n" for key in keys if meta.get(key) is not None]


def write_caption(collection: dict, path: Path) -> int:
    """The CSV's caption beside it, as the app serves view.caption.txt beside view.csv."""
    try:
        path.write_text("".join(caption_lines(collection)), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote its caption to {path}", file=sys.stderr)
    return 0
