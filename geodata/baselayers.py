"""The committed base layers (countries, seas, provinces): GeoJSON made by ``python -m geodata build``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from . import schema
from .files import read_text, rel
from .geometry import geometry_problem
from .load_util import freeze
from .problems import Problem

BASE_LAYERS = ("countries", "seas", "provinces")


@dataclass(frozen=True)
class BaseLayer:
    name: str
    geojson_text: str                       # the committed file, as text: parse a private copy to use it
    shapes: Mapping[str, BaseGeometry]      # feature id -> geometry
    properties: Mapping[str, Mapping[str, object]]


def read_base_layer(path: Path, root: Path, problems: list[Problem]) -> BaseLayer | None:
    label = rel(path, root)
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
        found = _feature(feat, i, label, shapes, problems)
        if found:
            fid, geom, p = found
            shapes[fid] = geom
            props[fid] = freeze(p)
    return BaseLayer(name=path.stem, geojson_text=content, shapes=MappingProxyType(shapes),
                     properties=MappingProxyType(props))


def _feature(feat: object, i: int, label: str, shapes: Mapping, problems: list[Problem]):
    p = feat.get("properties") or {} if isinstance(feat, dict) else {}
    fid = p.get("id") if isinstance(p, dict) else None
    rid = fid if isinstance(fid, str) and fid else f"feature {i}"
    if not isinstance(fid, str) or not fid or fid in shapes:
        problems.append(Problem(label, rid, "properties.id", "is missing or used twice"))
        return None
    for lang in schema.REQUIRED_LANGUAGES:
        if not p.get(f"name_{lang}"):
            problems.append(Problem(label, rid, f"properties.name_{lang}", "is missing"))
    try:
        geom = shape(feat["geometry"])
    except Exception as exc:  # shapely raises several types for malformed geometry
        problems.append(Problem(label, rid, "geometry", f"is not a readable geometry ({exc})"))
        return None
    reason = geometry_problem(geom)
    if reason:
        problems.append(Problem(label, rid, "geometry", reason))
        return None
    return fid, geom, p
