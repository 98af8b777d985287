"""Political units by date, as sets of today's first-level divisions (no geometry here).

``units.json`` gives each unit's stages: from when to when (partial ISO dates, ``end``
inclusive, as in the records), status, parent unit and the divisions it is drawn with. This
module reads and checks those definitions and works out, for every span of days in which nothing
changes, each living unit's territory: its own divisions plus its children's, so that a parent
(the USSR, a union republic holding an ASSR) is the outline around what it contains.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from geodata.dates import DateError, PartialDate

STATUSES = {
    "independent_state": "Independent state",
    "union": "The Soviet Union",
    "soviet_republic": "Soviet republic (before or outside the Union)",
    "union_republic": "Union republic",
    "autonomous_republic": "Autonomous republic",
    "autonomous_oblast": "Autonomous oblast",
    "peoples_soviet_republic": "People's soviet republic",
    "protectorate_or_khanate": "Protectorate, khanate or emirate",
    "provisional_government": "Provisional government of the civil war",
}
PROVINCE_STATUSES = {"province": "Province"}
CERTAINTIES = ("certain", "approximate", "disputed")
FOREVER = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Stage:
    unit: str
    index: int
    start: dt.date  # first day
    stop: dt.date  # first day after the stage (FOREVER if open)
    start_text: str
    end_text: str | None
    status: str
    parent: str | None
    divisions: tuple[str, ...]
    name: Mapping[str, str]
    certainty: str
    basis: str
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day < self.stop


@dataclass(frozen=True)
class Span:
    """Days ``start`` (inclusive) to ``stop`` (exclusive) in which no unit changes."""
    start: dt.date
    stop: dt.date
    stages: tuple[Stage, ...]
    territory: Mapping[str, frozenset[str]] = field(default_factory=dict)


class DefinitionError(ValueError):
    """A broken unit definition; the message names the file, unit and field."""


def _stage(unit: Mapping, i: int, raw: Mapping, where: str) -> Stage:
    try:
        start = PartialDate.parse(raw["start"])
        end = PartialDate.parse(raw["end"]) if raw.get("end") else None
    except (DateError, KeyError) as exc:
        raise DefinitionError(f"{where}: stages[{i}]: start/end: {exc}") from None
    return Stage(unit=unit["id"], index=i, start=start.first_day(),
                 stop=end.day_after() if end else FOREVER, start_text=raw["start"],
                 end_text=raw.get("end"), status=raw.get("status", ""), parent=raw.get("parent"),
                 divisions=tuple(raw.get("divisions", ())), name=raw.get("name") or unit["name"],
                 certainty=raw.get("certainty", ""), basis=raw.get("basis", ""), note=raw.get("note", ""))


def load_definitions(path: Path) -> tuple[dict, list[dict], list[Stage]]:
    """(sources by id, unit definitions, every stage) from ``units.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    units = data["units"]
    stages = [_stage(u, i, s, f"{path.name}: {u['id']}") for u in units for i, s in enumerate(u["stages"])]
    return data["sources"], units, stages


def check_definitions(sources: Mapping, units: list[dict], stages: list[Stage],
                      known_division: Callable[[str], bool], statuses: Mapping = STATUSES) -> list[str]:
    """Every problem found, each as 'unit: field: message'."""
    problems: list[str] = []
    ids = [u["id"] for u in units]
    problems += [f"{i}: id: defined twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for u in units:
        for lang in ("en", "ur", "fa"):
            if not u.get("name", {}).get(lang):
                problems.append(f"{u['id']}: name.{lang}: missing")
        problems += [f"{u['id']}: sources: unknown source {s!r}" for s in u.get("sources", ()) if s not in sources]
        if u.get("location_certainty") not in ("exact", "approximate"):
            problems.append(f"{u['id']}: location_certainty: must be 'exact' or 'approximate'")
        if not u.get("extent_note"):
            problems.append(f"{u['id']}: extent_note: say which divisions draw it and why")
    for s in stages:
        where = f"{s.unit}: stages[{s.index}]"
        if s.status not in statuses:
            problems.append(f"{where}: status: {s.status!r} is not one of {', '.join(statuses)}")
        if s.parent is not None and s.parent not in ids:
            problems.append(f"{where}: parent: unknown unit {s.parent!r}")
        if s.certainty not in CERTAINTIES:
            problems.append(f"{where}: certainty: {s.certainty!r} is not one of {', '.join(CERTAINTIES)}")
        if s.basis not in sources:
            problems.append(f"{where}: basis: unknown source {s.basis!r}")
        if s.stop <= s.start:
            problems.append(f"{where}: end: before start")
        for sel in s.divisions:
            if not known_division(sel.lstrip("-")):
                problems.append(f"{where}: divisions: {sel!r} matches no admin-1 division")
    for a, b in zip(stages, stages[1:]):
        if a.unit == b.unit and b.start < a.stop:
            problems.append(f"{b.unit}: stages[{b.index}]: start: overlaps the stage before")
    return problems


def resolve(selectors: Iterable[str], keys: Iterable[str]) -> frozenset[str]:
    """Division keys ('ISO3:Name') chosen by selectors: 'ISO3', 'ISO3:Name', '-' to remove."""
    keys = list(keys)
    chosen: set[str] = set()
    for sel in selectors:
        drop = sel.startswith("-")
        sel = sel.lstrip("-")
        match = {k for k in keys if k == sel or k.split(":", 1)[0] == sel}
        chosen = chosen - match if drop else chosen | match
    return frozenset(chosen)


def spans(stages: list[Stage], keys: Iterable[str], first: dt.date, last: dt.date) -> list[Span]:
    """Every span of days from ``first`` to ``last`` with the units alive and their territory."""
    keys = list(keys)
    cuts = sorted({first, last + dt.timedelta(days=1)}
                  | {d for s in stages for d in (s.start, s.stop) if first < d <= last})
    out = []
    for start, stop in zip(cuts, cuts[1:]):
        alive = tuple(s for s in stages if s.covers(start))
        out.append(Span(start, stop, alive, territories(alive, keys)))
    return out


def territories(alive: tuple[Stage, ...], keys: list[str]) -> dict[str, frozenset[str]]:
    """Each living unit's divisions: its own plus, recursively, its living children's."""
    own = {s.unit: resolve(s.divisions, keys) for s in alive}
    parent = {s.unit: s.parent for s in alive if s.parent in own}
    result: dict[str, frozenset[str]] = {}

    def total(unit: str, seen: tuple[str, ...] = ()) -> frozenset[str]:
        if unit in seen:
            raise DefinitionError(f"{unit}: parent: units contain each other ({' > '.join(seen)})")
        if unit not in result:
            kids = [k for k, p in parent.items() if p == unit]
            result[unit] = own[unit].union(*(total(k, seen + (unit,)) for k in kids))
        return result[unit]

    for unit in own:
        total(unit)
    return result


def ancestors(unit: str, alive: tuple[Stage, ...]) -> list[str]:
    """The unit's living parents, nearest first."""
    parent = {s.unit: s.parent for s in alive}
    chain, cur = [], parent.get(unit)
    while cur in parent and cur not in chain:
        chain.append(cur)
        cur = parent[cur]
    return chain


def year_end_problems(span_list: list[Span], stages: list[Stage], core: frozenset[str]) -> list[str]:
    """On each 31 December: no division in two units unless one contains the other; every
    division of the core region (the countries the text is about) in some unit."""
    problems = []
    for sp in span_list:
        for year in range(sp.start.year, sp.stop.year + 1):
            day = dt.date(year, 12, 31)
            if not (sp.start <= day < sp.stop):
                continue
            owners: dict[str, list[str]] = {}
            for unit, divs in sp.territory.items():
                for d in divs:
                    owners.setdefault(d, []).append(unit)
            for d, units in sorted(owners.items()):
                for a in units:
                    for b in units:
                        if a < b and a not in ancestors(b, sp.stages) and b not in ancestors(a, sp.stages):
                            problems.append(f"{year}: {d}: in both {a} and {b} (neither contains the other)")
            problems += [f"{year}: {d}: in no unit (a gap)" for d in sorted(core - set(owners))]
    return problems
