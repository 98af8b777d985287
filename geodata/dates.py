"""Partial dates: a year, a year and month, or a full day, as the text gives them.

A partial date stands for a period (``1991-11`` is all of November 1991), so it has
a first day (:meth:`PartialDate.first_day`) and a first day after it
(:meth:`PartialDate.day_after`).  Precision is what the string says, never guessed.
Dates order as their ISO strings do: ``1991`` < ``1991-11`` < ``1991-11-05`` < ``1991-12``.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

PRECISIONS = ("year", "month", "day")
# ASCII digits only: ``\d`` alone would also accept Urdu digits (۱۹۹۱) and others.
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)


class DateError(ValueError):
    """A string that is not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."""


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    # Ordering: dataclass(order=True) would compare None with a month and raise for
    # dates of different precision, so order by (year, month or 0, day or 0) instead.
    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        return self._key() < other._key() if isinstance(other, PartialDate) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self._key() <= other._key() if isinstance(other, PartialDate) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self._key() > other._key() if isinstance(other, PartialDate) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self._key() >= other._key() if isinstance(other, PartialDate) else NotImplemented

    @classmethod
    def parse(cls, text: object) -> "PartialDate":
        if not isinstance(text, str):
            raise DateError(f"expected a date string like 1991, 1991-11 or 1991-11-05, got {text!r}")
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{text!r}: month {month} is not 1-12")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateError(f"{text!r}: day {day} does not exist in {year}-{month:02d}")
        if not 1000 <= year <= 2999:
            raise DateError(f"{text!r}: year {year} is out of range")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def day_after(self) -> _dt.date:
        """The first day after the period this date stands for."""
        if self.day is not None:
            return self.first_day() + _dt.timedelta(days=1)
        if self.month is not None:
            return _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return _dt.date(self.year + 1, 1, 1)

    def __str__(self) -> str:
        return self.iso()


def end_of_year(year: int) -> _dt.date:
    """The instant the map shows for a year: the state of things on 31 December."""
    return _dt.date(year, 12, 31)
