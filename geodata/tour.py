"""The seminar tour: an ordered list of scenes in the data folder's ``tour.json`` that a presenter edits.

Each scene sets a year (inside the map's years), the overlays (layers the map has),
a view and the features to highlight (ids the dataset knows), and quotes its
passage, which is checked verbatim like every record's.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .fileformat import SceneM, TourFile, check
from .files import locate_in_list, read_json
from .langtext import LangText
from .model import SourceRef
from .problems import Problem, Reporter
from .refs import source_ref


@dataclass(frozen=True)
class Scene:
    number: int                    # 1-based, the order in the file
    id: str
    year: int
    layers: tuple[str, ...]
    view: Mapping[str, float] | None
    highlight: tuple[str, ...]
    title: LangText
    caption: LangText
    passage: SourceRef
    question: str | None = None    # the id of a route question the scene asks (questions.json)
    route: object = None           # that question (geodata.questions.RouteQuestion), once the questions are read


def read_tour(dataset, path: Path | None = None) -> tuple[tuple[Scene, ...], list[Problem]]:
    """The scenes of ``path`` (the dataset's own tour.json by default), and the problems found."""
    path = path or dataset.data_dir / "tour.json"
    problems: list[Problem] = []
    label = path.name
    data = read_json(path, label, problems, locate_in_list("scenes"))
    if data is None:
        return (), problems
    if not isinstance(data, dict) or not isinstance(data.get("scenes"), list):
        return (), [Problem(label, "", "", 'must hold {"$schema": ..., "scenes": [...]} with at least one scene')]
    _, errors = check(TourFile, {**data, "scenes": [{}]} if data["scenes"] else data)
    problems.extend(Problem(label, "", f, m) for f, m in errors if not f.startswith("scenes[0]"))
    scenes, seen = [], set()
    for i, raw in enumerate(data["scenes"], start=1):
        sid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"scene {i}"
        rep = Reporter(label, sid, problems)
        if sid in seen:
            rep.bad("id", "is used twice")
        seen.add(sid)
        scene = _scene(raw, len(scenes) + 1, rep, dataset)
        if scene is not None:
            scenes.append(scene)
    return tuple(scenes), problems


def _scene(raw: object, number: int, rep: Reporter, dataset) -> Scene | None:
    m, errors = check(SceneM, raw)
    for field, message in errors:
        rep.bad(field, message)
    if m is None:
        return None
    before = len(rep.problems)
    first, last = dataset.years
    if not first <= m.year <= last:
        rep.bad("year", f"{m.year} is outside the map's years {first}-{last}")
    known = set(dataset.by_id) | set(dataset.places)
    unknown = [h for h in m.highlight if h not in known]
    if unknown:
        rep.bad("highlight", f"unknown record or place id(s): {', '.join(unknown)}")
    passage = source_ref(m.passage, rep, "passage", dataset.texts)
    if len(rep.problems) > before or passage is None:
        return None
    return Scene(number=number, id=m.id, year=m.year, layers=tuple(m.layers),
                 view=MappingProxyType(m.view.model_dump()) if m.view else None, highlight=tuple(m.highlight),
                 title=LangText(m.title), caption=LangText(m.caption), passage=passage,
                 question=m.question)


def with_questions(scenes: tuple[Scene, ...], questions: tuple, problems: list[Problem],
                   label: str = "tour.json") -> tuple[Scene, ...]:
    """The scenes with their route questions resolved (the questions are read after the tour);
    a question id that the dataset does not have is a problem."""
    known = {q.id: q for q in questions}
    for scene in scenes:
        if scene.question is not None and scene.question not in known:
            Reporter(label, scene.id, problems).bad("question", f"unknown route question {scene.question!r}")
    return tuple(replace(s, route=known.get(s.question)) if s.question else s for s in scenes)
