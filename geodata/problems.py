"""What the validator reports: a :class:`Problem` names the file, the record and the field."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.record, self.field) if p)
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}{more}")


class Reporter:
    """Notes problems about one record of one file."""

    def __init__(self, file: str, record: str, problems: list[Problem]):
        self.file, self.record, self.problems = file, record, problems

    def bad(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.record, field, message))
