"""A reader's own layers (geodata/userdata.py) in the exports, each feature citing the reader's source.

The GeoJSON features have the same properties as the dataset's (docs/data-schema.md), so the CSV
writer takes them unchanged; ``from_text`` is false and the reader's citation is the context, so no
reader's fact is ever presented as the text's.  The LPF features follow geodata/lpf.py.
"""
from __future__ import annotations

from .lpf import one_line, timespan

USER_KIND = "user"
FCLASS = {"Point": "S", "LineString": "R", "Polygon": "L"}   # GeoNames classes: spots, routes, areas


def _feature_id(layer: dict, number: int) -> str:
    return f"{layer['id']}-{number}"


def _citations(layer: dict, feature: dict) -> list[dict]:
    cites = [{"id": "reader", "citation": layer["citation"], "claim": "the reader's own layer", "url": None}]
    if feature.get("source"):
        cites.append({"id": "reader-source", "citation": feature["source"], "claim": "the row's source",
                      "url": None})
    return cites


def geojson_features(layer: dict) -> list[dict]:
    out = []
    for number, f in enumerate(layer["features"], start=1):
        name = f.get("name") or f"{layer['title']} {number}"
        fid = _feature_id(layer, number)
        stage = {"status": "as given", "start": f.get("start"), "end": f.get("end"), "start_precision": None,
                 "end_precision": None, "certainty": "as given", "basis": "reader", "note": None}
        props = {"id": fid, "kind": USER_KIND, "type": layer["kind"], "name": {"en": name, "ur": name},
                 "stages": [stage] if f.get("start") or f.get("end") else [], "sources": [],
                 "context": _citations(layer, f), "from_text": False, "location_certainty": "as given",
                 "location_note": None, "notes": [{"kind": "note", "text": f["note"]}] if f.get("note") else [],
                 "places": [], "areas": [], "attributes": {"layer": layer["title"]}}
        out.append({"type": "Feature", "id": fid, "geometry": f["geometry"], "properties": props})
    return out


def lpf_features(layer: dict) -> list[dict]:
    out = []
    for number, f in enumerate(layer["features"], start=1):
        name = one_line(f.get("name") or f"{layer['title']} {number}")
        cites = [{"label": one_line(c["citation"])} for c in _citations(layer, f)]
        dated = f.get("start") or f.get("end")
        when = {"timespans": [timespan(f.get("start"), f.get("end"))]} if dated else \
            {"timespans": [{}], "label": "no dates given"}
        feature = {
            "@id": f"user:{_feature_id(layer, number)}",
            "type": "Feature",
            "properties": {"title": name, "fclasses": [FCLASS[f["geometry"]["type"].replace("Multi", "")]]},
            "names": [{"toponym": name, "citations": cites}],
            "types": [{"label": f"the reader's layer: {one_line(layer['title'])}"}],
            "when": when,
            "geometry": {**f["geometry"], "citations": cites},
            "descriptions": [{"value": one_line(f["note"])}] if f.get("note") else [],
        }
        out.append(feature)
    return out
