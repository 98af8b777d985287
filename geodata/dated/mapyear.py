"""The whole map of a year for ``python -m geodata export --year Y``.

Adds to the records' export (geodata/export.py) the dated layers as they stood on 31 December
of the year: every political unit with its polygon, status, parent and names; Iran's provinces
of that year; the physical layers; the railways' real alignments. Each place gets the names it had
that year and the unit and province that held it. The collection's metadata carries the line
that says what the borders are. Pure: returns a new collection, changes nothing it is given.
"""
from __future__ import annotations

import copy
from typing import Any, Mapping

from shapely.geometry import mapping

from geodata.dated import DATA_DIR, layers, names

# Built layer -> the export ``kind`` of its features. A layer not built yet is left out.
LAYER_KINDS = {"units": "political_unit", "provinces": "province_of_year", "landscape": "landscape",
               "railways": "railway_alignment"}


def _round(geom: Mapping) -> dict:
    def walk(c):
        return [walk(x) for x in c] if isinstance(c, (list, tuple)) and c and isinstance(c[0], (list, tuple)) \
            else [round(float(v), 5) for v in c]
    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def dated_feature(kind: str, props: Mapping, geometry, year: int) -> dict[str, Any]:
    """A dated layer's feature in the shape of the records' export (so CSV export works too)."""
    fid = f"{kind}:{props['id']}"
    status = props.get("status", kind)
    stage = {"status": status, "start": props.get("stage_start") or props.get("start"),
             "end": props.get("stage_end") if "stage_end" in props else props.get("end"),
             "certainty": props.get("date_certainty", "approximate"), "basis": props.get("date_basis"),
             "note": props.get("date_note") or None}
    context = [{"id": s["id"], "citation": s["citation"], "claim": "dates and extent", "url": s.get("url") or None}
               for s in props.get("sources", [])]
    out = {
        "id": fid, "kind": kind, "type": props.get("status_label") or props.get("type"),
        "name": {lang: props.get(f"name_{lang}", "") for lang in names.LANGS},
        "stages": [stage], "sources": [], "context": context, "from_text": False,
        "location_certainty": props.get("location_certainty", "approximate"),
        "location_note": props.get("extent_note") or props.get("location_note"),
        "notes": [], "status_at_year": status,
        "attributes": {k: v for k, v in props.items() if k in ("unit", "parent", "drawn_with", "divisions",
                                                                "start", "end", "record", "legs", "area_km2_by_year")},
    }
    return {"type": "Feature", "id": fid, "geometry": _round(mapping(geometry)), "properties": out}


def _place_of_year(feat: dict, year: int, gazetteer: Mapping[str, Mapping[str, str]]) -> dict:
    p = feat["properties"]
    pid = p["id"]
    lon, lat = feat["geometry"]["coordinates"]
    day = layers.year_day(year)
    p["name_today"] = dict(p["name"])
    p["name"] = {**p["name"], **names.names_in(pid, year, gazetteer.get(pid, {}))}
    dated = [n for n in names.table() if n.place == pid and n.kind == "name" and n.covers(day)]
    if dated:
        p.setdefault("context", []).append({"id": "dated-names", "claim": f"names in {year}", "url": None,
                                            "citation": "; ".join(sorted({n.source for n in dated}))})
    units = layers.units_at(lon, lat, day)
    province = layers.province_at(lon, lat, day)
    p["within_at_year"] = {"units": [u["unit"] for u in units],
                           "unit_names": [u["name_en"] for u in units],
                           "province": province["unit"] if province else None}
    return feat


def _extra_ids() -> set[str]:
    import csv
    with (DATA_DIR / "extra_places.csv").open(encoding="utf-8", newline="") as fh:
        return {r["id"] for r in csv.DictReader(fh)}


def _extra_place(row: Mapping[str, str]) -> dict:
    """A place only the dated names need (extra_places.csv), as the export writes places."""
    props = {"id": row["id"], "kind": "place", "type": "city",
             "name": {lang: row[f"name_{lang}"] for lang in names.LANGS}, "stages": [], "sources": [],
             "context": [{"id": "coordinates", "citation": row["coord_source"], "claim": "coordinates", "url": None}],
             "from_text": False, "location_certainty": row["location_certainty"], "location_note": None,
             "notes": [], "places": [row["id"]], "areas": [], "country": row["country"], "attributes": {}}
    return {"type": "Feature", "id": row["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}}


def add_dated_layers(collection: Mapping, year: int) -> dict:
    """The records' collection for ``year`` with the dated layers and the year's place names."""
    out = copy.deepcopy(dict(collection))
    gazetteer = names.known_places()
    present = {f["properties"].get("id") for f in out["features"]}
    extra = [_extra_place(row) for pid, row in sorted(names.known_places(DATA_DIR).items())
             if pid not in present and pid in _extra_ids()]
    out["features"] = [_place_of_year(f, year, gazetteer) if f["properties"].get("kind") == "place" else f
                       for f in [*extra, *out["features"]]]
    day = layers.year_day(year)
    records = {f["properties"].get("id") for f in out["features"]}
    for layer, kind in LAYER_KINDS.items():
        if (DATA_DIR / f"{layer}.geojson").exists():
            # A railway alignment has no dates of its own: it is drawn with its record, in the record's years.
            wanted = [f for f in layers.on_day(layer, day) if "record" not in f.props or f.props["record"] in records]
            out["features"] += [dated_feature(kind, f.props, f.geometry, year) for f in wanted]
    out["metadata"] = {**out.get("metadata", {}), "borders": layers.borders_line(year),
                       "provinces": "Iran's provinces as in the year, drawn from 1979; reconstructed from today's"}
    return out
