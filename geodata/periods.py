"""Checks on time: stage order, dated names and geometries in sequence, dates inside the map's years.

A sequence of dated entries (names or geometries) must run in order, each starting
the day after the one before ends; an entry that leaves a gap or overlaps the one
before must declare it (``"joins": "gap"`` or ``"overlap"``), so neither happens by a
typing slip.  Only the last entry may be open-ended.
"""
from __future__ import annotations

import datetime as _dt
from typing import Sequence

from . import schema
from .dates import PartialDate
from .model import Period, Stage
from .problems import Reporter


def date_or_none(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text is not None else None


def period_problem(start: PartialDate | None, end: PartialDate | None) -> str | None:
    if start and end and end.day_after() <= start.first_day():
        return f"{end} is before the start {start}"
    return None


def check_in_years(period: Period, field: str, rep: Reporter, years: tuple[int, int]) -> None:
    """Refuse a period the map can never show: over before its first year, or begun after its last."""
    first, last = years
    if period.end is not None and period.end.day_after() <= _dt.date(first, 1, 1):
        rep.bad(f"{field}.end", f"{period.end} is before {first}, the map's first year: it would never be shown")
    if period.start is not None and period.start.first_day() > _dt.date(last, 12, 31):
        rep.bad(f"{field}.start", f"{period.start} is after {last}, the map's last year")


def check_stage_order(kind: str, stages: Sequence[Stage], rep: Reporter) -> None:
    spec = schema.KINDS[kind]
    for i in range(1, len(stages)):
        prev, cur = stages[i - 1], stages[i]
        if prev.start and cur.start and cur.start.first_day() < prev.start.first_day():
            rep.bad(f"stages[{i}].start", f"{cur.start} comes before the previous stage's start {prev.start}")
        if prev.end is None:
            rep.bad(f"stages[{i - 1}].end", "an open-ended stage must be the last one")
        elif cur.start and cur.start.first_day() < prev.end.first_day():
            rep.bad(f"stages[{i}].start", f"{cur.start} overlaps the previous stage, which ends {prev.end}")
        if spec.lifecycle and prev.status not in schema.TERMINAL_STATUSES and \
                schema.status_rank(kind, cur.status) < schema.status_rank(kind, prev.status):
            rep.bad(f"stages[{i}].status", f"goes back from {prev.status} to {cur.status}")


def check_sequence(entries: Sequence[Period], joins: Sequence[str | None], field: str, rep: Reporter) -> None:
    """Dated entries in order, each joining the one before exactly unless it declares a gap or overlap."""
    for i in range(1, len(entries)):
        prev, cur, where = entries[i - 1], entries[i], f"{field}[{i}]"
        if prev.end is None:
            rep.bad(f"{field}[{i - 1}].end", "only the last entry may be open-ended (no end)")
            continue
        if cur.start is None:
            rep.bad(f"{where}.start", "only the first entry may leave out its start")
            continue
        prev_start = prev.start.first_day() if prev.start else _dt.date.min
        if cur.start.first_day() < prev_start:
            rep.bad(f"{where}.start", f"{cur.start} comes before the previous entry's start {prev.start}")
            continue
        joined, begins = prev.end.day_after(), cur.start.first_day()
        if begins < joined and joins[i] != "overlap":
            rep.bad(f"{where}.start", f"{cur.start} overlaps the previous entry, which ends {prev.end}; "
                                      "fix the dates or declare \"joins\": \"overlap\"")
        elif begins > joined and joins[i] != "gap":
            rep.bad(f"{where}.start", f"{cur.start} leaves a gap after the previous entry, which ends {prev.end}; "
                                      "fix the dates or declare \"joins\": \"gap\"")
        elif begins == joined and joins[i] is not None:
            rep.bad(f"{where}.joins", f"declares a {joins[i]}, but the entry follows the previous one exactly")
    if entries and joins[0] is not None:
        rep.bad(f"{field}[0].joins", "the first entry has no entry before it to join")
