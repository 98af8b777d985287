"""Pure, read-only queries over a :class:`~geodata.load.Dataset`.

Nothing here changes the dataset; results are new tuples.  Years mean the state
of things at the end of that year (:func:`geodata.dates.end_of_year`).
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from shapely.geometry.base import BaseGeometry

from .dated import names as dated_names
from .dates import end_of_year
from .langtext import LangText
from .load import Dataset
from .model import Place, Record, Stage
from .years import year_range as _default_years

TIMELINE_KINDS = ("event", "episode")


def year_range(dataset: Dataset | None = None) -> tuple[int, int]:
    """(first, last): the map's years, from the first year its texts cover to this year."""
    return dataset.years if dataset is not None else _default_years()


FIRST_YEAR = _default_years()[0]


def last_year() -> int:
    return _dt.date.today().year


# --------------------------------------------------------------------------- things that change over time

def name_at(item: Record | Place, day: _dt.date, lang: str) -> str:
    """A record's or place's name on ``day`` in ``lang`` (English where that language is missing)."""
    return item.name_at(day).in_lang(lang)


def name_in_year(item: Record | Place, year: int, lang: str) -> str:
    """The name shown for ``year`` (the state on 31 December)."""
    return name_at(item, end_of_year(year), lang)


def names_in_year(item: Record | Place, year: int) -> LangText:
    """Every language's name for ``year``."""
    return item.name_at(end_of_year(year))


def geometry_at(record: Record, day: _dt.date) -> BaseGeometry | None:
    """The record's shape on ``day``: its dated geometry in force then, else its undated one."""
    return record.geometry_at(day)


def geometry_in_year(record: Record, year: int) -> BaseGeometry | None:
    return record.geometry_at(end_of_year(year))


def changes_over_time(record: Record) -> bool:
    """True if the record's name or shape differs between years (a renderer must then redraw it per year)."""
    return bool(record.dated_names or record.dated_geometries)


def stage_in_year(record: Record, year: int) -> Stage | None:
    return record.stage_at(end_of_year(year))


def state_at(dataset: Dataset, day: _dt.date) -> tuple[tuple[Record, Stage], ...]:
    """Every non-event record that exists on ``day``, with the stage it is in."""
    out = []
    for record in dataset.records:
        if record.kind in TIMELINE_KINDS:
            continue
        stage = record.stage_at(day)
        if stage is not None:
            out.append((record, stage))
    return tuple(out)


def state_in_year(dataset: Dataset, year: int) -> tuple[tuple[Record, Stage], ...]:
    return state_at(dataset, end_of_year(year))


def events_between(dataset: Dataset, first_year: int, last_year_: int) -> tuple[Record, ...]:
    """Events and episodes that share any day with the years first_year..last_year_, oldest first."""
    if first_year > last_year_:
        first_year, last_year_ = last_year_, first_year
    first, after = _dt.date(first_year, 1, 1), _dt.date(last_year_ + 1, 1, 1)
    found = [r for r in dataset.records
             if r.kind in TIMELINE_KINDS and any(s.overlaps(first, after) for s in r.stages)]
    return tuple(sorted(found, key=event_sort_key))


def event_sort_key(record: Record) -> tuple:
    start = record.stages[0].start
    return (start.first_day() if start else _dt.date.min, record.id)


def record(dataset: Dataset, record_id: str) -> Record | None:
    return dataset.by_id.get(record_id)


def records(dataset: Dataset, kinds: tuple[str, ...] | None = None) -> tuple[Record, ...]:
    """Every record (``kinds`` None), or those of ``kinds``, in the dataset's order."""
    if kinds is None:
        return dataset.records
    return tuple(r for r in dataset.records if r.kind in kinds)


def timeline_records(dataset: Dataset) -> tuple[Record, ...]:
    """The events and episodes, in the dataset's order."""
    return records(dataset, TIMELINE_KINDS)


def places(dataset: Dataset) -> tuple[Place, ...]:
    """Every place of the gazetteer."""
    return tuple(dataset.places.values())


def base_layer(dataset: Dataset, name: str):
    """A base layer (``countries``, ``seas``, ...): its shapes, properties and GeoJSON text."""
    return dataset.base[name]


def change_dates(item: Record | Place) -> tuple[_dt.date, ...]:
    """Every day on which something a map shows of ``item`` may change: each stage's first day and
    the day after it, and the same for each dated name and dated geometry."""
    periods = tuple(getattr(item, "stages", ())) + tuple(item.dated_names) + tuple(getattr(item, "dated_geometries", ()))
    days = []
    for period in periods:
        if period.start is not None:
            days.append(period.start.first_day())
        if period.end is not None:
            days.append(period.end.day_after())
    return tuple(days)


def change_years(items) -> frozenset[int]:
    """The years in which a map of ``items`` may differ from the year before: a day ``d`` can change
    what year ``d.year`` shows (a state from that day) and what ``d.year + 1`` shows (something that
    ended in the year before but still counted for it)."""
    years: set[int] = set()
    for item in items:
        for day in change_dates(item):
            years.update((day.year, day.year + 1))
    return frozenset(years)


def records_at_place(dataset: Dataset, place_id: str) -> tuple[Record, ...]:
    return tuple(r for r in dataset.records if place_id in r.all_places())


# --------------------------------------------------------------------------- search

_URDU_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ہ", "ة": "ہ", "ۃ": "ہ", "ۀ": "ہ", "ه": "ہ",
                            "ھ": "ہ", "أ": "ا",
                            "إ": "ا", "آ": "ا", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ے": "ی", "\u200c": " "})


def fold(text: str) -> str:
    """Fold case, Latin diacritics and Arabic-script letter variants so a search finds either spelling."""
    # Decompose before and after case-folding: casefold() alone misses letters that only
    # decompose to upper case (ᴬ -> A), and that would make fold(fold(x)) != fold(x).
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_URDU_FOLD)
    return re.sub(r"[\s\-–—_,.()'\"]+", " ", text).strip()


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str          # a record kind, or "place"
    name_en: str
    name_ur: str
    score: int         # lower is better: 0 exact, 1 prefix, 2 word prefix, 3 substring


@lru_cache(maxsize=1)
def _dated_names() -> dict[str, tuple[str, ...]]:
    """Every other name a place has had (geodata/dated/place_names.csv: dated names and search-only
    variants: older transliterations, the text's own spellings and its OCR misreadings), by place id,
    with a name's bracketed or comma-separated parts as names of their own."""
    out: dict[str, list[str]] = {}
    for n in dated_names.table():
        out.setdefault(n.place, []).extend(dict.fromkeys(dated_names._parts(n.name)))
    return {place: tuple(dict.fromkeys(names)) for place, names in out.items()}


def search(dataset: Dataset, text: str, limit: int = 12) -> tuple[SearchHit, ...]:
    """Places and records whose name in any language, or any other name a place has had, matches ``text``."""
    wanted = fold(text or "")
    if not wanted:
        return ()
    hits = []
    other_names = _dated_names()
    candidates: list[tuple[str, str, object]] = [(p.id, "place", p.names) for p in dataset.places.values()]
    candidates += [(r.id, r.kind, r.names) for r in dataset.records]
    for cid, kind, names in candidates:
        best = None
        for name in (*names.as_dict().values(), *other_names.get(cid, ())):
            folded = fold(name)
            if folded == wanted:
                score = 0
            elif folded.startswith(wanted):
                score = 1
            elif any(w.startswith(wanted) for w in folded.split()):
                score = 2
            elif wanted in folded:
                score = 3
            else:
                continue
            best = score if best is None else min(best, score)
        if best is not None:
            hits.append(SearchHit(cid, kind, names.en, names.ur, best))
    hits.sort(key=lambda h: (h.score, h.kind != "place", len(h.name_en), h.id))
    return tuple(hits[:limit])


def place(dataset: Dataset, place_id: str) -> Place | None:
    return dataset.places.get(place_id)
