"""The text's claims about routes (``data/questions.json``), asked of the network.

A question names its ends, years, modes and priority, cites the passage it comes
from, and may say what the network should answer (``expect``), which the tests check.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..load import DATA_DIR, Dataset
from .costs import Assumptions
from .graph import check_modes
from .routing import DEFAULT_PRIORITY, RouteResult, check_priority, find_route


QUESTIONS_PATH = DATA_DIR / "questions.json"


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
    expect: Mapping[int, Mapping[str, object]]   # year -> {"found", "crosses", "blocked_by"}
    by: str = DEFAULT_PRIORITY


@functools.lru_cache(maxsize=4)
def route_questions(path: Path = QUESTIONS_PATH) -> tuple[RouteQuestion, ...]:
    """The text's claims about routes, as questions the network can answer."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for i, q in enumerate(raw):
        try:
            expect = {int(y): MappingProxyType(dict(v)) for y, v in q.get("expect", {}).items()}
            out.append(RouteQuestion(
                id=q["id"], question_en=q["question"]["en"], question_ur=q["question"]["ur"],
                origin=q["origin"], destination=q["destination"], years=tuple(q["years"]),
                modes=check_modes(q["modes"]), include_planned=bool(q.get("include_planned", False)),
                avoid=tuple(q.get("avoid", ())),
                block=q["source"]["block"], quote=q["source"]["quote"], gloss=q["source"]["gloss"],
                note=q.get("note"), expect=MappingProxyType(expect),
                by=check_priority(q.get("by", DEFAULT_PRIORITY))))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: question {i} ({q.get('id', '?') if isinstance(q, dict) else q!r}) "
                             f"is malformed: {exc!r}") from exc
    return tuple(out)


def question(qid: str) -> RouteQuestion:
    questions = {q.id: q for q in route_questions()}
    if qid not in questions:
        raise KeyError(f"unknown question {qid!r}; known: {', '.join(questions)}")
    return questions[qid]


def answer_question(dataset: Dataset, qid: str, assumptions: Assumptions | None = None) -> tuple[RouteResult, ...]:
    """One route result per year the question asks about."""
    q = question(qid)
    return tuple(find_route(dataset, q.origin, q.destination, y, q.modes, q.include_planned, q.avoid, q.by, assumptions)
                 for y in q.years)
