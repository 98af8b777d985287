"""Place names by date and language, and finding a place by any of its names.

``place_names.csv`` (one row per name) is kept apart from ``places.csv`` so that it can be
folded into the dated names of the data model (issue 11) when that lands. A row of kind ``name``
is what a place was called in that language from ``start`` to ``end`` (partial ISO dates,
inclusive; empty = open); ``variant`` rows (older transliterations, the text's own spellings and
its OCR misreadings) are for search only. A year means its 31 December.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from geodata.dated import DATA_DIR
from geodata.dates import DateError, PartialDate

LANGS = ("en", "ur", "fa")
KINDS = ("name", "variant")
CERTAINTIES = ("certain", "approximate", "disputed")
PLACES_CSV = DATA_DIR.parent / "places.csv"


@dataclass(frozen=True)
class DatedName:
    place: str
    lang: str
    name: str
    start: dt.date | None
    stop: dt.date | None  # first day after
    kind: str
    certainty: str
    source: str
    note: str
    start_text: str = ""  # the dates as written in the table
    end_text: str = ""

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.stop is None or day < self.stop)


def _date(text: str, first: bool) -> dt.date | None:
    if not text:
        return None
    d = PartialDate.parse(text)
    return d.first_day() if first else d.day_after()


def known_places(folder: Path = DATA_DIR) -> dict[str, dict]:
    """The gazetteer (places.csv) plus the places only the dated names need (extra_places.csv)."""
    rows = {}
    for path in (folder.parent / "places.csv", folder / "extra_places.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.update({r["id"]: r for r in csv.DictReader(fh)})
    return rows


def read_table(folder: Path = DATA_DIR) -> tuple[list[DatedName], list[str]]:
    """(names, problems); each problem says 'place_names.csv: line N: field: message'."""
    sources = json.loads((folder / "place_names_sources.json").read_text(encoding="utf-8"))["sources"]
    places = known_places(folder)
    names, problems = [], []
    with (folder / "place_names.csv").open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            where = f"place_names.csv: line {line}"
            checks = [("place", row["place"] in places, "not in places.csv or extra_places.csv"),
                      ("lang", row["lang"] in LANGS, f"must be one of {', '.join(LANGS)}"),
                      ("kind", row["kind"] in KINDS, f"must be one of {', '.join(KINDS)}"),
                      ("certainty", row["certainty"] in CERTAINTIES, f"must be one of {', '.join(CERTAINTIES)}"),
                      ("source", row["source"] in sources, "unknown source (place_names_sources.json)"),
                      ("name", bool(row["name"].strip()), "empty")]
            problems += [f"{where}: {f}: {row[f]!r} {msg}" for f, ok, msg in checks if not ok]
            try:
                start, stop = _date(row["start"], True), _date(row["end"], False)
            except DateError as exc:
                problems.append(f"{where}: start/end: {exc}")
                continue
            if start and stop and stop <= start:
                problems.append(f"{where}: end: before start")
            names.append(DatedName(row["place"], row["lang"], row["name"].strip(), start, stop, row["kind"],
                                   row["certainty"], row["source"], row["note"], row["start"], row["end"]))
    return names, problems + _overlaps(names)


def _overlaps(names: list[DatedName]) -> list[str]:
    """Two names of kind 'name' for one place and language on the same day."""
    out = []
    groups: dict[tuple[str, str], list[DatedName]] = {}
    for n in names:
        if n.kind == "name":
            groups.setdefault((n.place, n.lang), []).append(n)
    lo, hi = dt.date(1, 1, 1), dt.date(9999, 12, 31)
    for (place, lang), rows in sorted(groups.items()):
        rows = sorted(rows, key=lambda n: n.start or lo)
        for a, b in zip(rows, rows[1:]):
            if (b.start or lo) < (a.stop or hi):
                out.append(f"place_names.csv: {place}: {lang}: {a.name!r} and {b.name!r} overlap")
    return out


@lru_cache(maxsize=1)
def table() -> tuple[DatedName, ...]:
    names, problems = read_table()
    if problems:
        raise ValueError("place_names.csv has problems:\n" + "\n".join(problems))
    return tuple(names)


def name_in(place: str, year: int, lang: str) -> DatedName | None:
    """The dated name of a place on 31 December of the year, or None (then its gazetteer name holds)."""
    day = dt.date(year, 12, 31)
    return next((n for n in table() if n.place == place and n.lang == lang and n.kind == "name"
                 and n.covers(day)), None)


def names_in(place: str, year: int, gazetteer: Mapping[str, str]) -> dict[str, str]:
    """Every language's name of the place in that year: dated name, else the gazetteer's."""
    out = {}
    for lang in LANGS:
        dated = name_in(place, year, lang)
        out[lang] = dated.name if dated else gazetteer.get(f"name_{lang}", "")
    return out


_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ہ", "ة": "ہ", "ه": "ہ", "ھ": "ہ",
                              "ۃ": "ہ", "ے": "ی", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def fold(text: str) -> str:
    """A search key: case, accents, hyphens, spaces, zero-width joiners and Arabic-script letter
    variants (Persian/Urdu/Arabic forms of ye, kaf, he) folded away."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_ARABIC_FOLD)
    return re.sub(r"[\s\-'’`\u200c\u200d.,()]+", "", text)


def search(query: str, gazetteer: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """Place ids whose any name (gazetteer, dated, variant; any language) folds to the query."""
    gazetteer = gazetteer if gazetteer is not None else known_places()
    key = fold(query)
    if not key:
        return []
    hits = {n.place for n in table() if fold(n.name) == key}
    for pid, row in gazetteer.items():
        if any(fold(p) == key for lang in LANGS for p in _parts(row.get(f"name_{lang}", ""))):
            hits.add(pid)
    return sorted(hits)


def _parts(name: str) -> Iterable[str]:
    """'Türkmenbaşy (Krasnovodsk)' -> the whole, 'Türkmenbaşy', 'Krasnovodsk'."""
    yield name
    yield from (p for p in re.split(r"[(),]", name) if p.strip())
