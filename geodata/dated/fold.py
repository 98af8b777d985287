"""Fold place_names.csv into the dated names of the data model of issue 11.

Issue 11's ``geodata/data/place_names.json`` holds, per place, ``dated_names``: entries oldest
first, each a language map with ``start``/``end`` (partial dates, ``end`` inclusive), a
``certainty`` and a ``context`` citation; an entry starts the day after the one before ends, or
declares ``"joins": "gap"``. The CSV has one row per language and period, so the periods are cut
wherever any language's name changes; a language without a dated name in a period takes the
gazetteer's name. Only rows of kind ``name`` are folded: the ``variant`` rows (older
transliterations, the text's spellings) stay in the CSV for search.

    python -m geodata.dated.fold            # prints the folded table
    python -m geodata.dated.fold --write    # merges it into geodata/data/place_names.json

``--write`` keeps the entries already in place_names.json (issue 11's, which quote the text) and
adds the places it lacks, for places of places.csv only (a place of extra_places.csv is not in
the dataset). The data model then names every place by year (``Place.name_at``), so the map, the
details, the route explorer and the exports ask one rule (``geodata.query.name_in_year``);
tests/test_dated_names_fold.py checks the two tables agree on every year and language.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Mapping

from geodata.dated import DATA_DIR, names

RANK = {"certain": 0, "approximate": 1, "disputed": 2}
Bound = dt.date | None


def periods(rows: list[names.DatedName]) -> list[tuple[Bound, Bound]]:
    """Spans in which no language's name changes and at least one dated name holds."""
    points = sorted({d for r in rows for d in (r.start, r.stop) if d is not None})
    bounds: list[Bound] = [None, *points, None]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if any(covers(r, a, b) for r in rows)]


def covers(row: names.DatedName, a: Bound, b: Bound) -> bool:
    return (row.start is None or (a is not None and row.start <= a)) and \
        (row.stop is None or (b is not None and b <= row.stop))


def date_text(rows: list[names.DatedName], day: dt.date, first: bool) -> str:
    """The date as the table writes it where a row starts or ends there, else the day itself."""
    for r in rows:
        if first and r.start == day:
            return r.start_text
        if not first and r.stop == day:
            return r.end_text
    return (day if first else day - dt.timedelta(days=1)).isoformat()


def entry(here: list[names.DatedName], all_rows, a: Bound, b: Bound, gazetteer: Mapping, sources: Mapping) -> dict:
    name = {lang: next((r.name for r in here if r.lang == lang), gazetteer.get(f"name_{lang}", ""))
            for lang in names.LANGS}
    worst = max(here, key=lambda r: RANK[r.certainty])
    src = sources[worst.source]
    out = {"name": {k: v for k, v in name.items() if v}, "certainty": worst.certainty,
           "context": {"id": worst.source, "citation": src["citation"],
                       "claim": {"en": worst.note or f"called {name['en']} then"}, "url": src["url"] or None}}
    if a is not None:
        out["start"] = date_text(all_rows, a, True)
    if b is not None:
        out["end"] = date_text(all_rows, b, False)
    return out


def fold(sources: Mapping, places: Mapping) -> list[dict]:
    rows = [r for r in names.table() if r.kind == "name"]
    out = []
    for place in sorted({r.place for r in rows}):
        mine = [r for r in rows if r.place == place]
        entries, previous_end = [], None
        for i, (a, b) in enumerate(periods(mine)):
            e = entry([r for r in mine if covers(r, a, b)], mine, a, b, places.get(place, {}), sources)
            if i and previous_end != a:
                e["joins"] = "gap"
            entries.append(e)
            previous_end = b
        out.append({"place": place, "dated_names": entries})
    return out


def merged(existing: Mapping, folded: list[dict], gazetteer_ids: set[str]) -> dict:
    """place_names.json with the folded places it lacks added, sorted by place; its own entries are
    kept, given the languages they lack from the folded entry of the same period."""
    by_place = {e["place"]: e for e in folded}
    kept = [_filled(e, by_place.get(e["place"])) for e in existing.get("places", [])]
    have = {e["place"] for e in kept}
    extra = [e for e in folded if e["place"] not in have and e["place"] in gazetteer_ids]
    return {**existing, "places": sorted([*kept, *extra], key=lambda e: e["place"])}


def _filled(entry: dict, folded: dict | None) -> dict:
    if folded is None:
        return entry
    same = {(d.get("start"), d.get("end")): d for d in folded["dated_names"]}
    out = []
    for d in entry["dated_names"]:
        twin = same.get((d.get("start"), d.get("end")))
        out.append({**d, "name": {**twin["name"], **d["name"]}} if twin else d)
    return {**entry, "dated_names": out}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sources = json.loads((DATA_DIR / "place_names_sources.json").read_text(encoding="utf-8"))["sources"]
    folded = fold(sources, names.known_places())
    if "--write" in argv:
        target = DATA_DIR.parent / "place_names.json"
        existing = json.loads(target.read_text(encoding="utf-8"))
        with names.PLACES_CSV.open(encoding="utf-8", newline="") as fh:
            ids = {row["id"] for row in csv.DictReader(fh)}
        target.write_text(json.dumps(merged(existing, folded, ids), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
        return 0
    doc = {"$schema": "schema/place_names.schema.json", "places": folded}
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
