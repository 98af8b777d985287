"""The text's claims about routes, as questions for the route network, from the data folder's ``questions.json``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .fileformat import QuestionM, QuestionsFile, check
from .files import locate_in_list, read_json
from .langtext import LangText, lang_text
from .problems import Problem, Reporter
from .refs import source_ref


@dataclass(frozen=True)
class RouteQuestion:
    id: str
    question_en: str
    question_ur: str
    origin: str
    destination: str
    years: tuple[int, ...]
    modes: tuple[str, ...]
    include_planned: bool
    avoid: tuple[str, ...]
    block: int
    quote: str
    gloss: str
    note: str | None
    expect: Mapping[int, Mapping[str, object]]   # year -> {"found", "crosses", "blocked_by", ...}
    question: LangText | None = None               # the question in every language it is given in
    notes: LangText | None = None
    by: str = "time"                               # the priority the question asks for (schema.ROUTE_PRIORITIES)


def read_questions(dataset, path: Path, problems: list[Problem]) -> tuple[RouteQuestion, ...]:
    label = path.name
    data = read_json(path, label, problems, locate_in_list("questions"))
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        problems.append(Problem(label, "", "", 'must hold {"$schema": ..., "questions": [...]}'))
        return ()
    _, errors = check(QuestionsFile, {**data, "questions": [{}]} if data["questions"] else data)
    problems.extend(Problem(label, "", f, m) for f, m in errors if not f.startswith("questions[0]"))
    out, seen = [], set()
    for i, raw in enumerate(data["questions"]):
        qid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"question {i}"
        rep = Reporter(label, qid, problems)
        if qid in seen:
            rep.bad("id", "is used twice")
        seen.add(qid)
        question = _question(raw, rep, dataset)
        if question is not None:
            out.append(question)
    return tuple(out)


def _question(raw: object, rep: Reporter, dataset) -> RouteQuestion | None:
    m, errors = check(QuestionM, raw)
    for field, message in errors:
        rep.bad(field, message)
    if m is None:
        return None
    before = len(rep.problems)
    for key in ("origin", "destination"):
        if getattr(m, key) not in dataset.places:
            rep.bad(key, f"{getattr(m, key)!r} is not a place of places.csv")
    first, last = dataset.years
    for year in m.years:
        if not first <= year <= last:
            rep.bad("years", f"{year} is outside the map's years {first}-{last}")
    for year in m.expect:
        if int(year) not in m.years:
            rep.bad(f"expect.{year}", "is not one of the question's years")
    passage = source_ref(m.source, rep, "source", dataset.texts)
    if len(rep.problems) > before or passage is None:
        return None
    expect = {int(y): MappingProxyType(e.model_dump(exclude_unset=True)) for y, e in m.expect.items()}
    return RouteQuestion(
        id=m.id, question_en=m.question["en"], question_ur=m.question["ur"], origin=m.origin,
        destination=m.destination, years=tuple(m.years), modes=tuple(m.modes), include_planned=m.include_planned,
        avoid=tuple(m.avoid), block=passage.block, quote=passage.quote, gloss=passage.gloss,
        note=m.note.get("en") if m.note else None, expect=MappingProxyType(expect),
        question=LangText(m.question), notes=lang_text(m.note), by=m.by)
