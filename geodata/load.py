"""Read, check and assemble the data folder into one read-only :class:`Dataset`.

Every check reports a :class:`Problem` naming the file, the record and the field
instead of raising, so one run shows everything that is wrong.  ``load_dataset``
refuses to hand out a dataset that has problems.  The folder holds everything the
dataset owns: ``sources.json`` and the texts, ``places.csv`` (and optional
``place_names.json``), ``base/``, ``records/``, ``tour.json`` and ``questions.json``.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .baselayers import BASE_LAYERS, BaseLayer, read_base_layer
from .fileformat import RecordsFile, check
from .files import locate_in_list, read_json, read_text, rel
from .geometry import check_coordinate, geometry_problem, in_region
from .load_util import freeze
from .model import Place, Record
from .places import add_dated_names, read_places
from .problems import DataError, Problem
from .records import Env, build_record
from .source import SourceText, read_texts
from .years import DATA_DIR, years_from

# Also re-exported for the modules that read them from here before the split (userdata.py …).
__all__ = ["DATA_DIR", "BaseLayer", "DataError", "Dataset", "Problem", "check_coordinate", "check_data",
           "freeze", "geometry_problem", "in_region", "load_dataset", "read_json", "read_text", "shared_dataset"]

# Simplified borders are off by a few km; a place this close to its country counts as inside.
COUNTRY_TOLERANCE_DEG = 0.15


@dataclass(frozen=True)
class Dataset:
    source: SourceText                       # the first source text (most references cite it)
    places: Mapping[str, Place]
    records: tuple[Record, ...]
    by_id: Mapping[str, Record]
    base: Mapping[str, BaseLayer]
    data_dir: Path
    texts: Mapping[str, SourceText] = field(default_factory=lambda: MappingProxyType({}))   # every source text, by id
    years: tuple[int, int] = (1918, 1918)    # the map's year range (geodata.years)
    tour: tuple = ()                         # geodata.tour.Scene, in order
    questions: tuple = ()                    # geodata.questions.RouteQuestion

    def area_geometry(self, ref: str) -> BaseGeometry | None:
        layer, _, fid = ref.partition(":")
        return self.base[layer].shapes.get(fid) if layer in self.base else None


def _check_countries(places: Mapping[str, Place], countries: BaseLayer, problems: list[Problem]) -> None:
    for place in places.values():
        country = countries.shapes.get(place.country)
        if country is None:
            problems.append(Problem("places.csv", place.id, "country", f"{place.country!r} is not a country id of the base layer"))
        elif not country.dwithin(Point(place.lon, place.lat), COUNTRY_TOLERANCE_DEG):
            hint = "lon and lat look swapped" if country.dwithin(Point(place.lat, place.lon), COUNTRY_TOLERANCE_DEG) \
                else "check the coordinates"
            problems.append(Problem("places.csv", place.id, "lon/lat",
                                    f"({place.lon}, {place.lat}) is not in {place.country}; {hint}"))


def _read_records(data_dir: Path, env: Env, problems: list[Problem]) -> list[Record]:
    records = []
    record_files = sorted((data_dir / "records").glob("*.json"))
    if not record_files:
        problems.append(Problem("records", "", "", "no record files (*.json) found"))
    for path in record_files:
        label = rel(path, data_dir)
        data = read_json(path, label, problems, locate_in_list("records"))
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("records"), list):
            problems.append(Problem(label, "", "", 'must hold {"$schema": ..., "records": [...]} '
                                                   "(run scripts/migrate_data.py on an old file)"))
            continue
        envelope = {k: v for k, v in data.items() if k != "records"}
        _, errors = check(RecordsFile, {**envelope, "records": []})
        problems.extend(Problem(label, "", field, message) for field, message in errors)
        for i, raw in enumerate(data["records"]):
            record = build_record(raw, i, label, env, problems)
            if record is not None:
                records.append(record)
    return records


def _unique(records: list[Record], places: Mapping[str, Place], problems: list[Problem]) -> list[Record]:
    seen: dict[str, str] = {pid: "places.csv" for pid in places}
    out = []
    for record in records:
        if record.id in seen:
            problems.append(Problem(record.file, record.id, "id", f"is already used in {seen[record.id]}"))
            continue
        seen[record.id] = record.file
        out.append(record)
    return out


def _read_all(data_dir: Path, problems: list[Problem]):
    texts = read_texts(data_dir, problems)
    if not texts:
        return None
    base = {}
    before = len(problems)
    for name in BASE_LAYERS:
        layer = read_base_layer(data_dir / "base" / f"{name}.geojson", data_dir, problems)
        if layer is not None:
            base[name] = layer
    places = read_places(data_dir / "places.csv", data_dir, texts, problems)
    # A places file or base layer that could not be read at all is one problem, reported once:
    # checking every record's references against it would add a false "unknown" for each.
    unreadable = any(not p.record for p in problems[before:])
    if "countries" in base:
        _check_countries(places, base["countries"], problems)
    years = years_from(t.first_year for t in texts.values())
    env = Env(texts=MappingProxyType(texts), places=places, shapes={k: v.shapes for k, v in base.items()},
              years=years, check_refs=not unreadable)
    add_dated_names(data_dir / "place_names.json", data_dir, env, places, problems)
    records = _unique(_read_records(data_dir, env, problems), places, problems)
    return texts, base, places, records, years


def check_data(data_dir: Path = DATA_DIR) -> tuple["Dataset | None", list[Problem]]:
    """The dataset of ``data_dir`` and [], or (None, every problem found)."""
    from .questions import read_questions
    from .tour import read_tour, with_questions

    problems: list[Problem] = []
    found = _read_all(data_dir, problems)
    if problems or found is None:
        return None, problems
    texts, base, places, records, years = found
    records.sort(key=lambda r: (r.kind, r.id))
    dataset = Dataset(source=next(iter(texts.values())), places=MappingProxyType(places), records=tuple(records),
                      by_id=MappingProxyType({r.id: r for r in records}), base=MappingProxyType(base),
                      data_dir=data_dir, texts=MappingProxyType(texts), years=years)
    scenes, problems = read_tour(dataset, data_dir / "tour.json")
    questions = read_questions(dataset, data_dir / "questions.json", problems)
    scenes = with_questions(scenes, questions, problems)
    if problems:
        return None, problems
    return dataclasses.replace(dataset, tour=scenes, questions=questions), []


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    dataset, problems = check_data(data_dir)
    if problems:
        raise DataError(problems)
    return dataset


@functools.lru_cache(maxsize=4)
def shared_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """The dataset loaded once per process: every caller gets the same read-only object."""
    return load_dataset(data_dir)
