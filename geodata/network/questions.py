"""The text's claims about routes, asked of the network.

The questions are the dataset's own: ``geodata.questions`` reads and validates them from the data
folder's ``questions.json``. A question names its ends, years, modes and priority, cites the passage
it comes from, and may say what the network should answer (``expect``), which the tests check.
"""
from __future__ import annotations

from ..load import Dataset
from ..questions import RouteQuestion
from .costs import Assumptions
from .routing import RouteResult, find_route

__all__ = ["RouteQuestion", "answer_question", "question", "route_questions"]


def route_questions(dataset: Dataset | None = None) -> tuple[RouteQuestion, ...]:
    """The questions of ``dataset`` (by default the bundled one)."""
    if dataset is None:
        from ..load import shared_dataset
        dataset = shared_dataset()
    return dataset.questions


def question(qid: str, dataset: Dataset | None = None) -> RouteQuestion:
    questions = {q.id: q for q in route_questions(dataset)}
    if qid not in questions:
        raise KeyError(f"unknown question {qid!r}; known: {', '.join(questions)}")
    return questions[qid]


def answer_question(dataset: Dataset, qid: str, assumptions: Assumptions | None = None) -> tuple[RouteResult, ...]:
    """One route result per year the question asks about."""
    q = question(qid, dataset)
    return tuple(find_route(dataset, q.origin, q.destination, y, q.modes, q.include_planned, q.avoid, q.by, assumptions)
                 for y in q.years)
