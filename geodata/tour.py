"""The seminar tour: an ordered list of scenes in ``data/tour.json`` that a presenter edits.

Each scene sets a year, the overlays, a view and the features to highlight, and
quotes its passage, which is checked verbatim like every record's.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .load import DATA_DIR, Dataset, Problem, _Fields, parse_source_ref, read_json
from .model import SourceRef

TOUR_PATH = DATA_DIR / "tour.json"


@dataclass(frozen=True)
class Scene:
    number: int                    # 1-based, the order in the file
    id: str
    year: int
    layers: tuple[str, ...]
    view: Mapping[str, float] | None
    highlight: tuple[str, ...]
    title: Mapping[str, str]
    caption: Mapping[str, str]
    passage: SourceRef


def read_tour(dataset: Dataset, path: Path = TOUR_PATH) -> tuple[tuple[Scene, ...], list[Problem]]:
    problems: list[Problem] = []
    label = path.name
    raw = read_json(path, label, problems)
    if raw is None:
        return (), problems
    if not isinstance(raw, list) or not raw:
        return (), [Problem(label, "", "", "must hold a non-empty JSON list of scenes")]
    known = set(dataset.by_id) | set(dataset.places)
    scenes, seen = [], set()
    for i, item in enumerate(raw, start=1):
        sid = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"scene {i}"
        f = _Fields(item if isinstance(item, dict) else {}, label, sid, problems)
        before = len(problems)
        if not isinstance(item, dict):
            f.bad("", "must be an object")
            continue
        if sid in seen:
            f.bad("id", "is used twice")
        seen.add(sid)
        year = item.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
            f.bad("year", f"must be a year, got {year!r}")
        layers = item.get("layers")
        if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
            f.bad("layers", "must be a list of layer ids")
        view = item.get("view")
        if view is not None and not (isinstance(view, dict) and all(
                isinstance(view.get(k), (int, float)) for k in ("lon", "lat", "scale"))):
            f.bad("view", "must be null or {lon, lat, scale}")
        highlight = item.get("highlight", [])
        unknown = [h for h in highlight if h not in known] if isinstance(highlight, list) else ["(not a list)"]
        if unknown:
            f.bad("highlight", f"unknown record or place id(s): {', '.join(map(str, unknown))}")
        texts = {}
        for key in ("title", "caption"):
            value = item.get(key)
            if not isinstance(value, dict) or not all(isinstance(value.get(l), str) and value[l] for l in ("en", "ur")):
                f.bad(key, "needs non-empty 'en' and 'ur' text")
            texts[key] = value
        passage = parse_source_ref(item.get("passage"), f, "passage", dataset.source)
        if len(problems) > before or passage is None:
            continue
        scenes.append(Scene(number=len(scenes) + 1, id=sid, year=year, layers=tuple(layers),
                            view=MappingProxyType(dict(view)) if view else None, highlight=tuple(highlight),
                            title=MappingProxyType(dict(texts["title"])), caption=MappingProxyType(dict(texts["caption"])),
                            passage=passage))
    return tuple(scenes), problems
