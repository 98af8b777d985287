"""``places.csv``: the gazetteer every geometry refers to, one place a row.

Text columns come per language: ``name_en``, ``name_ur``, ``name_fa`` …, and likewise
``gloss_<lang>`` and ``note_<lang>``, for each language of :data:`geodata.schema.LANGUAGES`.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Mapping

from . import schema
from .fileformat import SourceRefM, check
from .files import read_text, rel, text_defect
from .geometry import check_coordinate
from .langtext import LangText
from .model import Place
from .problems import Problem, Reporter
from .refs import source_ref
from .source import SourceText

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
PLAIN_COLUMNS = ("id", "country", "lon", "lat", "place_type", "location_certainty", "coord_source", "text_id",
                 "block", "quote")
PLACE_COLUMNS = PLAIN_COLUMNS + tuple(f"{kind}_{lang}" for kind in ("name", "gloss", "note")
                                      for lang in schema.LANGUAGES)
REQUIRED_PLACE_COLUMNS = ("id", "name_en", "name_ur", "country", "lon", "lat", "place_type",
                          "location_certainty", "coord_source")


def _rows(content: str, label: str, problems: list[Problem]) -> tuple[list[str], list[tuple[int, dict]]] | None:
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
        return None
    missing = [c for c in REQUIRED_PLACE_COLUMNS if c not in header]
    unknown = [c for c in header if c not in PLACE_COLUMNS]
    for kind, columns in (("missing", missing), ("unknown", unknown)):
        if columns:
            problems.append(Problem(label, "", "header", f"{kind} column(s): {', '.join(columns)}"))
    return None if missing or unknown else (header, rows)


def read_places(path: Path, root: Path, texts: Mapping[str, SourceText], problems: list[Problem]) -> dict[str, Place]:
    label = rel(path, root)
    content = read_text(path, label, problems)
    parsed = _rows(content, label, problems) if content is not None else None
    if parsed is None:
        return {}
    places: dict[str, Place] = {}
    for line, row in parsed[1]:
        rid = (row.get("id") or "").strip() or f"line {line}"
        rep = Reporter(label, rid, problems)
        if None in row or any(v is None for v in row.values()):
            rep.bad(f"line {line}", "has the wrong number of fields")
            continue
        if rid in places:
            rep.bad("id", "is used twice")
            continue
        place = _place(row, rep, texts)
        if place is not None:
            places[rid] = place
    return places


def _lang_columns(row: Mapping[str, str], kind: str) -> LangText:
    return LangText({lang: (row.get(f"{kind}_{lang}") or "").strip() for lang in schema.LANGUAGES})


def _place(row: Mapping[str, str], rep: Reporter, texts: Mapping[str, SourceText]) -> Place | None:
    before = len(rep.problems)
    for column, value in row.items():
        message = text_defect(value)
        if message:
            rep.bad(column, message)
    if not ID_PATTERN.match(row["id"]):
        rep.bad("id", "must be lower-case letters, digits and hyphens")
    names = _lang_columns(row, "name")
    if not names.get("en", "") or "ur" not in names:
        rep.bad("name_ur" if "en" in names else "name_en", "is missing: every place needs English and Urdu")
    lon, lat = _number(row["lon"]), _number(row["lat"])
    message = check_coordinate(lon, lat)
    if message:
        rep.bad("lon/lat", message)
    loc = row["location_certainty"]
    if loc not in schema.LOCATION_CERTAINTIES:
        rep.bad("location_certainty", f"{loc!r} is not one of {', '.join(schema.LOCATION_CERTAINTIES)}")
    if not row["coord_source"].strip():
        rep.bad("coord_source", "is empty: say where the coordinates come from")
    source = _quote(row, rep, texts) if (row.get("quote") or "").strip() else None
    if len(rep.problems) > before:
        return None
    return Place(id=row["id"], names=names, country=row["country"].strip(), lon=lon, lat=lat,
                 place_type=row["place_type"].strip(), location_certainty=loc,
                 coord_source=row["coord_source"].strip(), note_text=_lang_columns(row, "note") or None,
                 source=source)


def _quote(row: Mapping[str, str], rep: Reporter, texts: Mapping[str, SourceText]):
    block = (row.get("block") or "").strip()
    raw = {"block": int(block) if re.fullmatch(r"[0-9]+", block) else block, "quote": row["quote"],
           "gloss": dict(_lang_columns(row, "gloss"))}
    if (row.get("text_id") or "").strip():
        raw["text_id"] = row["text_id"].strip()
    ref, errors = check(SourceRefM, raw)
    for field, message in errors:
        rep.bad("quote" if field == "quote" else field.replace(".", "_"), message)
    return source_ref(ref, rep, "quote", texts) if ref else None


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def add_dated_names(path: Path, root: Path, env, places: dict[str, Place], problems: list[Problem]) -> None:
    """Give places their dated names from ``place_names.json`` (optional), in place in ``places``."""
    from dataclasses import replace

    from .fileformat import PlaceNamesFile
    from .files import read_json
    from .periods import check_sequence
    from .records import dated_name

    if not path.exists() or not env.check_refs:   # no places to name: reported once, by places.csv
        return
    label = rel(path, root)
    data = read_json(path, label, problems, _locate_place)
    if data is None:
        return
    m, errors = check(PlaceNamesFile, data)
    for field, message in errors:
        record, _, rest = field.partition("].")
        problems.append(Problem(label, _place_of(data, record), rest or field, message))
    for entry in m.places if m else ():
        rep = Reporter(label, entry.place, problems)
        if entry.place not in places:
            if not any(p.record == entry.place and p.file.endswith("places.csv") for p in problems):
                rep.bad("place", f"{entry.place!r} is not a place of places.csv")   # else reported once, there
            continue
        before = len(problems)
        dated = tuple(dated_name(d, f"dated_names[{i}]", rep, env) for i, d in enumerate(entry.dated_names))
        check_sequence(dated, [d.joins for d in entry.dated_names], "dated_names", rep)
        if len(problems) == before:
            places[entry.place] = replace(places[entry.place], dated_names=dated)


def _place_of(data: object, where: str) -> str:
    """'places[3' -> the place id of entry 3, for messages."""
    try:
        return str(data["places"][int(where.rpartition("[")[2])]["place"])
    except (KeyError, IndexError, TypeError, ValueError):
        return where


def _locate_place(data: object, at: tuple) -> tuple[str, str]:
    from .files import field_path
    if len(at) >= 2 and at[0] == "places" and isinstance(at[1], int):
        return _place_of(data, f"places[{at[1]}"), field_path(at[2:])
    return "", field_path(at)
