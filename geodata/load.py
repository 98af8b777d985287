"""Read, check and assemble the data into one read-only :class:`Dataset`.

Every check reports a :class:`Problem` naming the file, the record and the field
instead of raising, so one run shows everything that is wrong.  ``load_dataset``
refuses to hand out a dataset that has problems.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import shapely
from shapely.geometry import LineString, MultiPoint, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from . import schema
from .dates import DateError, PartialDate
from .model import ContextRef, Names, Note, Place, Record, SourceRef, Stage
from .source import SourceText, read_source

DATA_DIR = Path(__file__).parent / "data"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
URDU_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
PLACE_COLUMNS = ("id", "name_en", "name_ur", "name_fa", "name_ru", "country", "lon", "lat", "place_type",
                 "location_certainty", "coord_source", "block", "quote", "gloss", "note")
REQUIRED_PLACE_COLUMNS = ("id", "name_en", "name_ur", "country", "lon", "lat", "place_type",
                          "location_certainty", "coord_source")
BASE_LAYERS = ("countries", "seas", "provinces")
# The fields a record and its parts may have (docs/data-schema.md documents each one).
RECORD_FIELDS = ("id", "kind", "name", "type", "geometry", "stages", "sources", "context", "from_text",
                 "location_certainty", "location_note", "notes", "related_places", "attributes")
STAGE_FIELDS = ("status", "start", "end", "certainty", "basis", "note")
SOURCE_FIELDS = ("block", "quote", "gloss", "footnote", "footnote_printed")
CONTEXT_FIELDS = ("id", "citation", "claim", "url")
NOTE_FIELDS = ("kind", "text")
# Simplified borders are off by a few km; a place this close to its country counts as inside.
COUNTRY_TOLERANCE_DEG = 0.15


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.record, self.field) if p)
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}{more}")


@dataclass(frozen=True)
class BaseLayer:
    name: str
    geojson_text: str                       # the committed file, as text: parse a private copy to use it
    shapes: Mapping[str, BaseGeometry]      # feature id -> geometry
    properties: Mapping[str, Mapping[str, object]]


@dataclass(frozen=True)
class Dataset:
    source: SourceText
    places: Mapping[str, Place]
    records: tuple[Record, ...]
    by_id: Mapping[str, Record]
    base: Mapping[str, BaseLayer]
    data_dir: Path

    def area_geometry(self, ref: str) -> BaseGeometry | None:
        layer, _, fid = ref.partition(":")
        return self.base[layer].shapes.get(fid) if layer in self.base else None


# --------------------------------------------------------------------------- files

def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot be read ({exc.strerror or exc})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(label, "", "", f"is not UTF-8 (bad byte at offset {exc.start}); save it as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(label, "", "", "is empty"))
        return None
    return text


def read_json(path: Path, label: str, problems: list[Problem]) -> object | None:
    text = read_text(path, label, problems)
    if text is None:
        return None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, "", f"line {exc.lineno} column {exc.colno}", f"is not valid JSON: {exc.msg}"))
    except ValueError as exc:
        problems.append(Problem(label, "", "", f"is not valid JSON: {exc}"))
    return None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


# --------------------------------------------------------------------------- small field readers

class _Fields:
    """Reads fields of one raw record, noting a problem for each bad one."""

    def __init__(self, raw: Mapping, file: str, rid: str, problems: list[Problem]):
        self.raw, self.file, self.rid, self.problems = raw, file, rid, problems

    def bad(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.rid, field, message))

    def string(self, key: str, required: bool = True, where: Mapping | None = None, field: str | None = None):
        src = self.raw if where is None else where
        value = src.get(key)
        field = field or key
        if value is None:
            if required:
                self.bad(field, "is missing")
            return None
        if not isinstance(value, str):
            self.bad(field, f"must be text, got {type(value).__name__}")
            return None
        if required and not value.strip():
            self.bad(field, "is empty")
            return None
        return value

    def choice(self, key: str, allowed: Iterable[str], where: Mapping | None = None, field: str | None = None,
               required: bool = True):
        value = self.string(key, required=required, where=where, field=field)
        allowed = tuple(allowed)
        if value is not None and value not in allowed:
            self.bad(field or key, f"{value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def names(self, key: str = "name") -> Names | None:
        value = self.raw.get(key)
        if not isinstance(value, dict):
            self.bad(key, "must be an object with at least 'en' and 'ur'")
            return None
        ok = True
        for lang, text in value.items():
            if lang not in schema.LANGUAGES:
                self.bad(f"{key}.{lang}", f"unknown language; use {', '.join(schema.LANGUAGES)}")
                ok = False
            elif not isinstance(text, str) or not text.strip():
                self.bad(f"{key}.{lang}", "must be non-empty text")
                ok = False
        for lang in schema.REQUIRED_LANGUAGES:
            if lang not in value:
                self.bad(f"{key}.{lang}", "is missing: every name needs English and Urdu")
                ok = False
        if not ok:
            return None
        return Names(**{k: value.get(k) for k in schema.LANGUAGES})

    def unknown_keys(self, raw: Mapping, allowed: tuple[str, ...], field: str) -> None:
        for key in raw:
            if key not in allowed:
                self.bad(f"{field}.{key}", f"is not a field here ({', '.join(allowed)})")

    def date(self, value: object, field: str) -> tuple[bool, PartialDate | None]:
        if value is None:
            return True, None
        try:
            return True, PartialDate.parse(value)
        except DateError as exc:
            self.bad(field, str(exc))
            return False, None


# --------------------------------------------------------------------------- sources and notes

def parse_source_ref(raw: object, f: _Fields, field: str, text: SourceText) -> SourceRef | None:
    if not isinstance(raw, dict):
        f.bad(field, "must be an object with block, quote and gloss")
        return None
    f.unknown_keys(raw, SOURCE_FIELDS, field)
    block = raw.get("block")
    if not isinstance(block, int) or isinstance(block, bool):
        f.bad(f"{field}.block", f"must be a whole number, got {block!r}")
        return None
    if not 1 <= block <= len(text.blocks):
        f.bad(f"{field}.block", f"{block} is not a block of the source text (1-{len(text.blocks)})")
        return None
    quote = f.string("quote", where=raw, field=f"{field}.quote")
    gloss = f.string("gloss", where=raw, field=f"{field}.gloss")
    footnote = raw.get("footnote")
    if footnote is not None and (not isinstance(footnote, int) or isinstance(footnote, bool) or footnote < 1):
        f.bad(f"{field}.footnote", f"must be a positive whole number or null, got {footnote!r}")
        return None
    printed = raw.get("footnote_printed")
    if printed is not None and (not isinstance(printed, str) or not printed.strip()):
        f.bad(f"{field}.footnote_printed", "must be text (the marker as printed)")
        return None
    if quote is None or gloss is None:
        return None
    if not text.quote_in_block(quote, block):
        found = text.blocks_containing(quote)
        hint = f" (it does occur in block {found[0]})" if found else " (not found anywhere in the text)"
        f.bad(f"{field}.quote", f"does not occur verbatim in block {block}{hint}")
        return None
    if printed is not None:
        if not _marker_printed(printed, text.block(block)) and \
                (block == len(text.blocks) or not _marker_printed(printed, text.block(block + 1))):
            f.bad(f"{field}.footnote_printed", f"marker {printed!r} is not printed in block {block}")
            return None
        if footnote is None:
            f.bad(f"{field}.footnote", "a printed marker needs its number as read")
            return None
    return SourceRef(block=block, quote=quote, gloss=gloss, footnote=footnote, footnote_printed=printed)


def _marker_printed(marker: str, block_text: str) -> bool:
    """True if ``marker`` is printed in the block as a number of its own, not inside a longer one
    (a footnote ۹۱ is not printed just because the block has the year ۱۹۹۱)."""
    return re.search(r"(?<!\d)" + re.escape(marker) + r"(?!\d)", block_text) is not None


def parse_context_ref(raw: object, f: _Fields, field: str) -> ContextRef | None:
    if not isinstance(raw, dict):
        f.bad(field, "must be an object with id, citation and claim")
        return None
    f.unknown_keys(raw, CONTEXT_FIELDS, field)
    cid = f.string("id", where=raw, field=f"{field}.id")
    citation = f.string("citation", where=raw, field=f"{field}.citation")
    claim = f.string("claim", where=raw, field=f"{field}.claim")
    url = f.string("url", required=False, where=raw, field=f"{field}.url")
    if None in (cid, citation, claim):
        return None
    return ContextRef(id=cid, citation=citation, claim=claim, url=url)


def _list(raw: Mapping, key: str, f: _Fields, required: bool = False) -> list:
    value = raw.get(key)
    if value is None:
        if required:
            f.bad(key, "is missing")
        return []
    if not isinstance(value, list):
        f.bad(key, f"must be a list, got {type(value).__name__}")
        return []
    return value


# --------------------------------------------------------------------------- places

def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value


def in_region(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def freeze(value: object) -> object:
    """A read-only copy of parsed JSON: objects become read-only mappings, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def check_coordinate(lon: float | None, lat: float | None) -> str | None:
    """A message if (lon, lat) is not a usable point of the region, else None."""
    if lon is None or lat is None:
        return "must be numbers"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "must be finite numbers (got NaN or infinity)"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"({lon}, {lat}) is not a longitude/latitude pair"
    if not in_region(lon, lat):
        if in_region(lat, lon):
            return f"({lon}, {lat}) is outside the region; lon and lat look swapped"
        return f"({lon}, {lat}) is outside the region {schema.REGION_BOX}"
    return None


def read_places(path: Path, root: Path, text: SourceText, problems: list[Problem]) -> dict[str, Place]:
    label = _rel(path, root)
    content = read_text(path, label, problems)
    if content is None:
        return {}
    reader = csv.DictReader(io.StringIO(content, newline=""), strict=True)
    rows: list[tuple[int, dict]] = []   # (the line the row starts on, the row)
    start = 1
    try:
        header = reader.fieldnames or []
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(label, "", f"line {start}", f"is not valid CSV: {exc}"))
        return {}
    missing = [c for c in REQUIRED_PLACE_COLUMNS if c not in header]
    unknown = [c for c in header if c not in PLACE_COLUMNS]
    if missing or unknown:
        if missing:
            problems.append(Problem(label, "", "header", f"missing column(s): {', '.join(missing)}"))
        if unknown:
            problems.append(Problem(label, "", "header", f"unknown column(s): {', '.join(unknown)}"))
        return {}
    places: dict[str, Place] = {}
    for line, row in rows:
        rid = (row.get("id") or "").strip() or f"line {line}"
        f = _Fields(row, label, rid, problems)
        if None in row or any(v is None for v in row.values()):
            f.bad(f"line {line}", "has the wrong number of fields")
            continue
        if not ID_PATTERN.match(row["id"]):
            f.bad("id", "must be lower-case letters, digits and hyphens")
            continue
        if rid in places:
            f.bad("id", "is used twice")
            continue
        names = {k: row.get(f"name_{k}", "").strip() or None for k in schema.LANGUAGES}
        if not names["en"] or not names["ur"]:
            f.bad("name_ur" if names["en"] else "name_en", "is missing: every place needs English and Urdu")
            continue
        lon, lat = _number(row["lon"]), _number(row["lat"])
        message = check_coordinate(lon, lat)
        if message:
            f.bad("lon/lat", message)
            continue
        loc = row["location_certainty"]
        if loc not in schema.LOCATION_CERTAINTIES:
            f.bad("location_certainty", f"{loc!r} is not one of {', '.join(schema.LOCATION_CERTAINTIES)}")
            continue
        if not row["coord_source"].strip():
            f.bad("coord_source", "is empty: say where the coordinates come from")
            continue
        source = None
        if row.get("quote", "").strip():
            block = row.get("block", "").strip()
            raw_ref = {"block": int(block) if re.fullmatch(r"[0-9]+", block) else block, "quote": row["quote"],
                       "gloss": row.get("gloss", "")}
            source = parse_source_ref(raw_ref, f, "quote", text)
            if source is None:
                continue
        places[rid] = Place(id=rid, names=Names(**names), country=row["country"].strip(), lon=lon, lat=lat,
                            place_type=row["place_type"].strip(), location_certainty=loc,
                            coord_source=row["coord_source"].strip(), note=row.get("note", "").strip() or None,
                            source=source)
    return places


# --------------------------------------------------------------------------- base layers

def read_base_layer(path: Path, root: Path, problems: list[Problem]) -> BaseLayer | None:
    label = _rel(path, root)
    content = read_text(path, label, problems)
    if content is None:
        return None
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, "", f"line {exc.lineno}", f"is not valid JSON: {exc.msg}"))
        return None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        problems.append(Problem(label, "", "", "is not a GeoJSON FeatureCollection"))
        return None
    shapes: dict[str, BaseGeometry] = {}
    props: dict[str, Mapping] = {}
    for i, feat in enumerate(data["features"]):
        p = feat.get("properties") or {} if isinstance(feat, dict) else {}
        fid = p.get("id") if isinstance(p, dict) else None
        rid = fid if isinstance(fid, str) and fid else f"feature {i}"
        if not isinstance(fid, str) or not fid or fid in shapes:
            problems.append(Problem(label, rid, "properties.id", "is missing or used twice"))
            continue
        for lang in schema.REQUIRED_LANGUAGES:
            if not p.get(f"name_{lang}"):
                problems.append(Problem(label, rid, f"properties.name_{lang}", "is missing"))
        try:
            geom = shape(feat["geometry"])
        except Exception as exc:  # shapely raises several types for malformed geometry
            problems.append(Problem(label, rid, "geometry", f"is not a readable geometry ({exc})"))
            continue
        reason = geometry_problem(geom)
        if reason:
            problems.append(Problem(label, rid, "geometry", reason))
            continue
        shapes[fid] = geom
        props[fid] = freeze(p)
    return BaseLayer(name=path.stem, geojson_text=content, shapes=MappingProxyType(shapes),
                     properties=MappingProxyType(props))


def geometry_problem(geom: BaseGeometry) -> str | None:
    if geom.is_empty:
        return "is empty"
    coords = shapely.get_coordinates(geom)
    if not all(math.isfinite(v) for v in coords.ravel()):
        return "has NaN or infinite coordinates"
    if not geom.is_valid:
        return f"is not valid ({shapely.is_valid_reason(geom)})"
    lon_min, lat_min, lon_max, lat_max = schema.REGION_BOX
    x0, y0, x1, y1 = geom.bounds
    if x0 < lon_min - 1e-6 or y0 < lat_min - 1e-6 or x1 > lon_max + 1e-6 or y1 > lat_max + 1e-6:
        return f"reaches outside the region {schema.REGION_BOX} (bounds {tuple(round(b, 2) for b in geom.bounds)})"
    return None


# --------------------------------------------------------------------------- records

def parse_record(raw: object, index: int, label: str, text: SourceText, problems: list[Problem]) -> dict | None:
    """Check one raw record on its own; cross-references are checked later."""
    if not isinstance(raw, dict):
        problems.append(Problem(label, f"record {index}", "", f"must be an object, got {type(raw).__name__}"))
        return None
    rid = raw.get("id") if isinstance(raw.get("id"), str) else f"record {index}"
    f = _Fields(raw, label, rid, problems)
    before = len(problems)
    if not isinstance(raw.get("id"), str) or not ID_PATTERN.match(raw["id"]):
        f.bad("id", "must be lower-case letters, digits and hyphens (2-64 characters)")
    kind = f.choice("kind", schema.KINDS)
    names = f.names()
    for key in raw:
        if key not in RECORD_FIELDS:
            f.bad(key, f"is not a field records have ({', '.join(RECORD_FIELDS)})")
    from_text = raw.get("from_text")
    if not isinstance(from_text, bool):
        f.bad("from_text", "must be true or false")
    loc = f.choice("location_certainty", schema.LOCATION_CERTAINTIES)
    loc_note = f.string("location_note", required=False)
    if loc in ("inferred", "approximate") and not loc_note:
        f.bad("location_note", f"a location that is {loc} needs a note saying why")
    etype = f.choice("type", schema.EVENT_TYPES, required=kind in ("event", "episode")) \
        if kind in ("event", "episode") or "type" in raw else None

    sources = [parse_source_ref(s, f, f"sources[{i}]", text) for i, s in enumerate(_list(raw, "sources", f))]
    context = [parse_context_ref(c, f, f"context[{i}]") for i, c in enumerate(_list(raw, "context", f))]
    notes = []
    for i, n in enumerate(_list(raw, "notes", f)):
        if isinstance(n, dict) and isinstance(n.get("kind"), str) and isinstance(n.get("text"), str) and n["text"].strip():
            f.unknown_keys(n, NOTE_FIELDS, f"notes[{i}]")
            notes.append(Note(n["kind"], n["text"]))
        else:
            f.bad(f"notes[{i}]", "must be an object with kind and text")
    if from_text is True and not raw.get("sources"):
        f.bad("sources", "a record from the text needs at least one quoted passage")
    if from_text is False and not raw.get("context"):
        f.bad("context", "a context record needs at least one citation of its own")
    if from_text is False and raw.get("sources"):
        f.bad("sources", "a context record must not cite the text as its source; use from_text: true")
    context_ids = [c.id for c in context if c]
    if len(set(context_ids)) != len(context_ids):
        f.bad("context", "citation ids must be unique within the record")

    stages = []
    raw_stages = _list(raw, "stages", f, required=True)
    if isinstance(raw.get("stages"), list) and not raw_stages:
        f.bad("stages", "needs at least one stage")
    for i, s in enumerate(raw_stages):
        field = f"stages[{i}]"
        if not isinstance(s, dict):
            f.bad(field, "must be an object with status, start, end and certainty")
            continue
        f.unknown_keys(s, STAGE_FIELDS, field)
        # Which statuses are allowed depends on the kind; with no valid kind, only check it is text.
        status = f.choice("status", schema.KINDS[kind].statuses, where=s, field=f"{field}.status") if kind \
            else f.string("status", where=s, field=f"{field}.status")
        ok_start, start = f.date(s.get("start"), f"{field}.start")
        ok_end, end = f.date(s.get("end"), f"{field}.end")
        certainty = f.choice("certainty", schema.CERTAINTIES, where=s, field=f"{field}.certainty")
        basis = s.get("basis", "text")
        if basis != "text" and basis not in context_ids:
            f.bad(f"{field}.basis", f"{basis!r} is neither 'text' nor the id of one of this record's citations")
            continue
        if from_text is False and basis == "text":
            f.bad(f"{field}.basis", "a context record's stages must name their citation")
            continue
        note = s.get("note")
        if note is not None and not isinstance(note, str):
            f.bad(f"{field}.note", "must be text")
            continue
        if certainty in ("inferred", "disputed") and not note and not notes:
            f.bad(f"{field}.note", f"a {certainty} date needs a note saying why")
        if start is None and s.get("start") is None and kind not in ("polity",):
            f.bad(f"{field}.start", "is missing")
            continue
        if start and end and end.day_after() <= start.first_day():
            f.bad(f"{field}.end", f"{end} is before the start {start}")
            continue
        if status and ok_start and ok_end and certainty:
            stages.append(Stage(status=status, start=start, end=end, certainty=certainty, basis=basis, note=note))
    if kind and len(stages) == len(raw_stages):
        check_stage_order(kind, stages, f)

    attributes = raw.get("attributes", {})
    if not isinstance(attributes, dict):
        f.bad("attributes", "must be an object")
        attributes = {}
    related = raw.get("related_places", [])
    if not isinstance(related, list) or not all(isinstance(p, str) for p in related):
        f.bad("related_places", "must be a list of place ids")
        related = []
    geometry = raw.get("geometry")
    if not isinstance(geometry, dict) or len(geometry) != 1:
        f.bad("geometry", f"must be an object with exactly one of {', '.join(schema.GEOMETRY_FORMS)}")
        geometry = None
    elif kind and next(iter(geometry)) not in schema.KINDS[kind].geometry:
        f.bad("geometry", f"a {kind} takes {' or '.join(schema.KINDS[kind].geometry)}, not {next(iter(geometry))}")
        geometry = None
    if len(problems) > before:
        return None
    return {"id": rid, "kind": kind, "names": names, "geometry": geometry, "stages": tuple(stages),
            "sources": tuple(sources), "context": tuple(context), "from_text": from_text,
            "location_certainty": loc, "location_note": loc_note, "notes": tuple(notes), "type": etype,
            "related_places": tuple(related), "attributes": freeze(attributes), "file": label}


def check_stage_order(kind: str, stages: list[Stage], f: _Fields) -> None:
    spec = schema.KINDS[kind]
    for i in range(1, len(stages)):
        prev, cur = stages[i - 1], stages[i]
        if prev.start and cur.start and cur.start.first_day() < prev.start.first_day():
            f.bad(f"stages[{i}].start", f"{cur.start} comes before the previous stage's start {prev.start}")
        if prev.end is None:
            f.bad(f"stages[{i - 1}].end", "an open-ended stage must be the last one")
        elif cur.start and cur.start.first_day() < prev.end.first_day():
            f.bad(f"stages[{i}].start", f"{cur.start} overlaps the previous stage, which ends {prev.end}")
        if spec.lifecycle and prev.status not in schema.TERMINAL_STATUSES and \
                schema.status_rank(kind, cur.status) < schema.status_rank(kind, prev.status):
            f.bad(f"stages[{i}].status", f"goes back from {prev.status} to {cur.status}")


def resolve_geometry(spec: Mapping, f: _Fields, places: Mapping[str, Place], base: Mapping[str, BaseLayer]):
    """(place ids, area refs, shapely geometry), or None with problems noted."""
    form, value = next(iter(spec.items()))
    if form == "none":
        return (), (), None
    if form in ("point", "path", "points"):
        ids = [value] if form == "point" else value
        if not isinstance(ids, list) or not all(isinstance(p, str) for p in ids) or not ids:
            f.bad(f"geometry.{form}", "must name place ids" + (" (a list)" if form != "point" else ""))
            return None
        unknown = [p for p in ids if p not in places]
        if unknown:
            f.bad(f"geometry.{form}", f"unknown place id(s): {', '.join(unknown)}")
            return None
        pts = [(places[p].lon, places[p].lat) for p in ids]
        if form == "path":
            if len(ids) < 2 or len(set(ids)) != len(ids):
                f.bad("geometry.path", "needs two or more distinct places")
                return None
            return tuple(ids), (), LineString(pts)
        return tuple(ids), (), (Point(pts[0]) if form == "point" else MultiPoint(pts))
    if form == "area":
        refs = value if isinstance(value, list) else [value]
        geoms = []
        for ref in refs:
            layer, _, fid = str(ref).partition(":")
            if layer not in base or fid not in base[layer].shapes:
                f.bad("geometry.area", f"{ref!r} is not a feature of a base layer ({', '.join(base)})")
                return None
            geoms.append(base[layer].shapes[fid])
        return (), tuple(refs), unary_union(geoms)
    if form == "buffer":
        place_id, km = (value.get("place"), value.get("km")) if isinstance(value, dict) else (None, None)
        if not isinstance(place_id, str) or place_id not in places or isinstance(km, bool) or \
                not isinstance(km, (int, float)) or not 0 < km <= 500:
            f.bad("geometry.buffer", "must be {\"place\": <place id>, \"km\": <radius 0-500>}")
            return None
        p = places[value["place"]]
        # Degrees of longitude shrink with latitude: an ellipse in lon/lat is a circle on the ground.
        radius = value["km"] / 111.32
        circle = Point(p.lon, p.lat).buffer(radius, 32)
        circle = shapely.affinity.scale(circle, xfact=1 / math.cos(math.radians(p.lat)), yfact=1.0)
        return (p.id,), (), circle
    f.bad("geometry", f"unknown form {form!r}")
    return None


# --------------------------------------------------------------------------- assembling

def check_data(data_dir: Path = DATA_DIR) -> tuple["Dataset | None", list[Problem]]:
    problems: list[Problem] = []
    root = data_dir
    source_path = data_dir / "source" / "text.ur.txt"
    if not source_path.exists():
        return None, [Problem(_rel(source_path, root), "", "", "the source text is missing")]
    try:
        text = read_source(source_path)
    except UnicodeDecodeError:
        return None, [Problem(_rel(source_path, root), "", "", "the source text is not UTF-8")]

    base = {}
    before_files = len(problems)
    for name in BASE_LAYERS:
        layer = read_base_layer(data_dir / "base" / f"{name}.geojson", root, problems)
        if layer is not None:
            base[name] = layer
    places = read_places(data_dir / "places.csv", root, text, problems)
    # A places file or base layer that could not be read at all is one problem, reported once:
    # checking every record's references against it would add a false "unknown" for each.
    # (Once that file is fixed, the next run checks the references.)
    unreadable = any(not p.record for p in problems[before_files:])
    for place in places.values() if "countries" in base else ():
        country = base["countries"].shapes.get(place.country)
        if country is None:
            problems.append(Problem("places.csv", place.id, "country", f"{place.country!r} is not a country id of the base layer"))
        elif not country.dwithin(Point(place.lon, place.lat), COUNTRY_TOLERANCE_DEG):
            hint = "lon and lat look swapped" if country.dwithin(Point(place.lat, place.lon), COUNTRY_TOLERANCE_DEG) \
                else "check the coordinates"
            problems.append(Problem("places.csv", place.id, "lon/lat",
                                    f"({place.lon}, {place.lat}) is not in {place.country}; {hint}"))

    parsed = []
    record_files = sorted((data_dir / "records").glob("*.json"))
    if not record_files:
        problems.append(Problem("records", "", "", "no record files (*.json) found"))
    for path in record_files:
        label = _rel(path, root)
        data = read_json(path, label, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(label, "", "", "must hold a JSON list of records"))
            continue
        for i, raw in enumerate(data):
            rec = parse_record(raw, i, label, text, problems)
            if rec:
                parsed.append(rec)

    seen: dict[str, str] = {pid: "places.csv" for pid in places}
    records = []
    for rec in parsed:
        f = _Fields({}, rec["file"], rec["id"], problems)
        if rec["id"] in seen:
            f.bad("id", f"is already used in {seen[rec['id']]}")
            continue
        seen[rec["id"]] = rec["file"]
        if unreadable:
            continue
        unknown = [p for p in rec["related_places"] if p not in places]
        if unknown:
            f.bad("related_places", f"unknown place id(s): {', '.join(unknown)}")
            continue
        resolved = resolve_geometry(rec["geometry"], f, places, base)
        if resolved is None:
            continue
        place_ids, area_refs, geom = resolved
        if geom is not None:
            reason = geometry_problem(geom)
            if reason:
                f.bad("geometry", reason)
                continue
        fields = {k: v for k, v in rec.items() if k not in ("geometry",)}
        records.append(Record(geometry_form=next(iter(rec["geometry"])), place_ids=place_ids,
                              area_refs=area_refs, geometry=geom, **fields))
    if problems:
        return None, problems
    records.sort(key=lambda r: (r.kind, r.id))
    dataset = Dataset(source=text, places=MappingProxyType(places), records=tuple(records),
                      by_id=MappingProxyType({r.id: r for r in records}), base=MappingProxyType(base),
                      data_dir=data_dir)
    return dataset, []


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    dataset, problems = check_data(data_dir)
    if problems:
        raise DataError(problems)
    return dataset


@functools.lru_cache(maxsize=4)
def shared_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """The dataset loaded once per process: every caller gets the same read-only object."""
    return load_dataset(data_dir)
