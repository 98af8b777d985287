"""A reader's own layer: a CSV or GeoJSON file checked and turned into plain data, by pure functions.

The file is read here and nothing is kept: the result goes back to the reader's browser, which
stores it (dashboard/userlayers.py).  What comes back from the browser is checked again with the
same rules (:func:`check_layer`), since a browser's storage can be edited.

A file is taken whole or not at all: every problem is listed, each naming its row (CSV, the header
is row 1) or feature (GeoJSON, counted from 1), and the file is refused until it is fixed, so that
nothing is dropped silently.  Coordinates must lie in the map's region (the rule of
:func:`geodata.load.check_coordinate`); dates are partial ISO dates (:mod:`geodata.dates`).  Text is
kept as text: it is never run or read as markup; whoever shows it escapes it.

CSV columns (case does not matter): ``lat`` and ``lon`` (or ``latitude``/``longitude``), or ``wkt``;
optional ``name``, ``start``, ``end``, ``note``, ``source``.  GeoJSON: a FeatureCollection (or one
Feature) whose properties may hold the same names.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass

import shapely
from shapely import wkt as shapely_wkt
from shapely.errors import GEOSException
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from .dates import DateError, PartialDate
from .load import check_coordinate

MAX_BYTES = 500_000            # one file
MAX_STORED_BYTES = 1_000_000   # all layers as JSON: what the browser keeps and sends back for a download
                               # (within the server's 1 MiB request limit, dashboard/security.py)
MAX_LAYERS = 6
MAX_FEATURES = 2_000
MAX_VERTICES = 20_000
MAX_PROBLEMS_LISTED = 20
TEXT_LIMITS = {"name": 200, "note": 2_000, "source": 1_000}
CITATION_LIMIT = 1_000
GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
ALIASES = {"latitude": "lat", "y": "lat", "longitude": "lon", "long": "lon", "lng": "lon", "x": "lon",
           "title": "name", "description": "note", "citation": "source", "from": "start", "to": "end",
           "start_date": "start", "end_date": "end", "geometry": "wkt"}
TEXT_FIELDS = ("name", "note", "source")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UploadError(ValueError):
    """The file as a whole cannot be read (its problems are in ``problems``)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class _Check:
    """Problems found so far, each prefixed with where it is."""
    problems: list

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


# ------------------------------------------------------------------------------------- file -> text

def decode_upload(raw: bytes, filename: str) -> tuple[str, str]:
    """``(format, text)`` of an uploaded file's bytes; format is "csv" or "geojson"."""
    name = (filename or "").lower()
    if name.endswith(".csv"):
        fmt = "csv"
    elif name.endswith((".geojson", ".json")):
        fmt = "geojson"
    else:
        raise UploadError([f"{filename or 'the file'}: only .csv, .geojson or .json files can be added"])
    if len(raw) > MAX_BYTES:
        raise UploadError([f"{filename}: {len(raw):,} bytes; a layer may be at most {MAX_BYTES:,} bytes"])
    try:
        return fmt, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError([f"{filename}: not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"]) from None


# ------------------------------------------------------------------------------------- fields

def clean_text(value: object, limit: int) -> str:
    """A one-paragraph plain string: control characters dropped, cut at ``limit`` characters."""
    text = _CONTROL.sub("", str(value)).strip() if value is not None else ""
    return text[:limit]


def parse_date(value: object, field: str, check: _Check, where: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    try:
        return PartialDate.parse(value).iso()
    except DateError as exc:
        check.add(where, f"{field}: {exc}")
        return None


def check_geometry(geom, check: _Check, where: str):
    """The geometry if it is one the map can draw, inside the region; else None with the problem noted."""
    if geom is None or geom.is_empty:
        check.add(where, "no geometry")
        return None
    if geom.geom_type not in GEOMETRY_TYPES:
        check.add(where, f"a {geom.geom_type} cannot be drawn; use {', '.join(GEOMETRY_TYPES)}")
        return None
    if shapely.has_z(geom):
        geom = shapely.force_2d(geom)
    for lon, lat in shapely.get_coordinates(geom):
        problem = check_coordinate(float(lon), float(lat))
        if problem:
            check.add(where, f"coordinates {problem}")
            return None
    if not geom.is_valid:
        check.add(where, f"the shape is not valid ({explain_validity(geom)})")
        return None
    return geom


def _rounded(geojson: dict) -> dict:
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            return [round(float(v), 5) for v in c]
        return [walk(x) for x in c]
    return {"type": geojson["type"], "coordinates": walk(geojson["coordinates"])}


def make_feature(fields: dict, geom, check: _Check, where: str) -> dict | None:
    """One checked feature from already-named fields and a shapely geometry, or None."""
    before = len(check.problems)
    geom = check_geometry(geom, check, where)
    start = parse_date(fields.get("start"), "start", check, where)
    end = parse_date(fields.get("end"), "end", check, where)
    if start and end and PartialDate.parse(end) < PartialDate.parse(start):
        check.add(where, f"end {end} is before start {start}")
    if len(check.problems) > before:
        return None
    feature = {"geometry": _rounded(mapping(geom)), "start": start, "end": end}
    feature.update({k: clean_text(fields.get(k), TEXT_LIMITS[k]) for k in TEXT_FIELDS})
    return feature


def _named(mapping_: dict) -> dict:
    """Keys folded to our names: case and surrounding spaces ignored, aliases resolved."""
    out = {}
    for key, value in mapping_.items():
        k = str(key).strip().lower()
        out[ALIASES.get(k, k)] = value
    return out


def _number(text: str, field: str, check: _Check, where: str) -> float | None:
    try:
        value = float(str(text).strip())
    except ValueError:
        check.add(where, f"{field} {str(text)[:40]!r} is not a number")
        return None
    if not math.isfinite(value):
        check.add(where, f"{field} must be a finite number")
        return None
    return value


# ------------------------------------------------------------------------------------- formats

def read_csv(text: str) -> tuple[list[dict], list[str]]:
    check = _Check([])
    reader = csv.DictReader(io.StringIO(text))
    columns = {ALIASES.get(c.strip().lower(), c.strip().lower()) for c in (reader.fieldnames or [])}
    if not ({"lat", "lon"} <= columns or "wkt" in columns):
        return [], ["row 1 (header): needs the columns lat and lon, or wkt"]
    features = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if len(features) >= MAX_FEATURES:
                return [], [f"more than {MAX_FEATURES:,} rows; split the file"]
            fields = _named({k: v for k, v in row.items() if k is not None})
            where = f"row {row_number}"
            if None in row:
                check.add(where, "more values than the header has columns")
                continue
            if not any((v or "").strip() for v in row.values()):
                continue   # a blank line
            geom = _csv_geometry(fields, check, where)
            if geom is not None:
                feature = make_feature(fields, geom, check, where)
                if feature:
                    features.append(feature)
    except csv.Error as exc:
        check.add(f"row {reader.line_num}", f"not readable as CSV ({exc})")
    return features, check.problems


def _csv_geometry(fields: dict, check: _Check, where: str):
    text = (fields.get("wkt") or "").strip()
    if text:
        try:
            return shapely_wkt.loads(text)
        except (GEOSException, ValueError, TypeError) as exc:
            check.add(where, f"wkt is not readable ({str(exc)[:80]})")
            return None
    lat = _number(fields.get("lat") or "", "lat", check, where)
    lon = _number(fields.get("lon") or "", "lon", check, where)
    if lat is None or lon is None:
        return None
    return shapely.Point(lon, lat)


def read_geojson(text: str) -> tuple[list[dict], list[str]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"line {exc.lineno}, column {exc.colno}: not JSON ({exc.msg})"]
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list)):
        return [], ["the file is not a GeoJSON FeatureCollection or Feature"]
    if len(doc["features"]) > MAX_FEATURES:
        return [], [f"{len(doc['features']):,} features; a layer may have at most {MAX_FEATURES:,}"]
    check = _Check([])
    features = []
    for number, raw in enumerate(doc["features"], start=1):
        where = f"feature {number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("geometry"), dict):
            check.add(where, "not a GeoJSON Feature with a geometry")
            continue
        props = raw.get("properties") or {}
        if not isinstance(props, dict):
            check.add(where, "properties must be an object")
            continue
        try:
            geom = shape(raw["geometry"])
        except (GEOSException, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            check.add(where, f"geometry is not readable ({str(exc)[:80] or type(exc).__name__})")
            continue
        feature = make_feature(_named(props), geom, check, where)
        if feature:
            features.append(feature)
    return features, check.problems


# ------------------------------------------------------------------------------------- a layer

def layer_id(filename: str, text: str) -> str:
    return "u" + hashlib.sha256((filename + "\0" + text).encode("utf-8")).hexdigest()[:10]


def shape_kind(features: list[dict]) -> str:
    families = {f["geometry"]["type"].replace("Multi", "") for f in features}
    names = {"Point": "points", "LineString": "lines", "Polygon": "areas"}
    return names[families.pop()] if len(families) == 1 else "mixed"


def _bounded(features: list[dict], problems: list[str]) -> list[str]:
    vertices = sum(len(shapely.get_coordinates(shape(f["geometry"]))) for f in features)
    if vertices > MAX_VERTICES:
        problems = problems + [f"{vertices:,} points in all; a layer may have at most {MAX_VERTICES:,}"]
    if not features and not problems:
        problems = ["no features in the file"]
    return problems


def parse_upload(raw: bytes, filename: str, citation: str = "") -> dict:
    """A layer from an uploaded file, or UploadError listing every problem (at most MAX_PROBLEMS_LISTED)."""
    fmt, text = decode_upload(raw, filename)
    features, problems = read_csv(text) if fmt == "csv" else read_geojson(text)
    problems = _bounded(features, problems)
    if problems:
        more = len(problems) - MAX_PROBLEMS_LISTED
        listed = problems[:MAX_PROBLEMS_LISTED] + ([f"… and {more} more"] if more > 0 else [])
        raise UploadError([f"{filename}: {p}" for p in listed])
    title = clean_text(filename, TEXT_LIMITS["name"])
    return {"id": layer_id(filename, text), "title": title, "kind": shape_kind(features),
            "citation": clean_text(citation, CITATION_LIMIT) or f"{title} (the reader's own file; no citation given)",
            "features": features}


def check_layer(raw: object) -> dict | None:
    """A layer as the browser gives it back, checked again with the same rules; None if it is not one."""
    if not isinstance(raw, dict) or not isinstance(raw.get("features"), list) or not raw["features"]:
        return None
    if len(raw["features"]) > MAX_FEATURES or not re.fullmatch(r"u[0-9a-f]{10}", str(raw.get("id", ""))):
        return None
    check = _Check([])
    features = []
    for number, f in enumerate(raw["features"], start=1):
        if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
            return None
        try:
            geom = shape(f["geometry"])
        except (GEOSException, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None
        feature = make_feature(f, geom, check, f"feature {number}")
        if feature is None:
            return None
        features.append(feature)
    if _bounded(features, []):
        return None
    return {"id": raw["id"], "title": clean_text(raw.get("title"), TEXT_LIMITS["name"]) or raw["id"],
            "kind": shape_kind(features), "citation": clean_text(raw.get("citation"), CITATION_LIMIT),
            "features": features}


def check_layers(raw: object, limit: int) -> list[dict]:
    """The valid layers among what the browser holds, at most ``limit``; anything else is dropped."""
    layers = [layer for layer in map(check_layer, raw if isinstance(raw, list) else []) if layer]
    return layers[:limit]


def no_room(layer: dict, stored_bytes: int, stored_count: int) -> str | None:
    """Why ``layer`` cannot join the browser's layers (their count and JSON size given), or None."""
    if stored_count >= MAX_LAYERS:
        return f"at most {MAX_LAYERS} layers can be kept; remove one first"
    total = stored_bytes + stored_size([layer])
    if total > MAX_STORED_BYTES:
        return f"your layers together would take {total:,} bytes; at most {MAX_STORED_BYTES:,} can be kept"
    return None


def stored_size(layers: list[dict]) -> int:
    """Bytes of the layers as JSON (UTF-8), as the browser keeps and sends them."""
    return len(json.dumps(layers, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def year_span(feature: dict) -> tuple[int | None, int | None]:
    """The years a feature is on the map: every year its dates touch (None: open on that side).

    Readers' files mix states and events, so the rule is the events' one (an event of May 1992
    shows in 1992), not the state-at-31-December rule of the text's lines and zones."""
    start, end = feature.get("start"), feature.get("end")
    return (int(start[:4]) if start else None, int(end[:4]) if end else None)
