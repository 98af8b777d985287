"""Polygons of the political units by date, composed from today's first-level divisions.

The divisions are Natural Earth admin-1 (generalised, from Debian qgis-common's world_map.gpkg)
of the countries the units are made of, clipped to the map's frame and simplified together as a
coverage, so that a border two units share is the very same line in both. Each unit's feature
covers a span of days in which its stage and territory do not change.
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import box

from geodata.dated import timeline
from geodata.dated.geojson import polygonal

FRAME = (24.0, 4.0, 100.0, 60.0)  # the map's region, as the base layers
# Countries whose divisions the units use; the core is what must be covered every year.
COUNTRIES = ("IRN", "AFG", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO", "RUS", "UKR",
             "BLR", "EST", "LVA", "LTU", "MDA")
CORE = ("IRN", "AFG", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO")
SIMPLIFY = 0.02  # coverage simplification tolerance, degrees (about 2 km)
# The very large unions (the USSR, the RSFSR, Kazakhstan) are simplified once more after the union
# (Douglas-Peucker, degrees): their outline may then stray up to this far from their members'.
SIMPLIFY_LARGE, LARGE_COORDS = 0.05, 1500
FIRST_DAY, LAST_DAY = dt.date(1918, 1, 1), dt.date(2026, 12, 31)


@cache
def read_divisions(gpkg: Path) -> dict[str, shapely.Geometry]:
    """'ISO3:Name' -> polygon, clipped to the frame and simplified together."""
    gdf = gpd.read_file(gpkg, layer="states_provinces", bbox=FRAME)
    gdf = gdf[gdf["adm0_a3"].isin(COUNTRIES)]
    frame = box(*FRAME)
    gdf = gdf.assign(key=gdf["adm0_a3"] + ":" + gdf["name"],
                     geometry=[polygonal(g.intersection(frame)) for g in gdf.geometry])
    gdf = gdf[~gdf.geometry.is_empty].sort_values(["key", "gn_name"])
    simple = shapely.coverage_simplify(gdf.geometry.values, SIMPLIFY)
    simple = [polygonal(shapely.set_precision(g, 1e-4)) for g in simple]
    out: dict[str, list] = {}
    for key, geom in zip(gdf["key"], simple):
        out.setdefault(key, []).append(geom)
    return {k: polygonal(shapely.union_all(v)) for k, v in sorted(out.items())}


def known(keys) -> callable:
    keys = list(keys)
    return lambda sel: bool(timeline.resolve([sel], keys))


def _end_text(stop: dt.date) -> str | None:
    return None if stop > LAST_DAY else (stop - dt.timedelta(days=1)).isoformat()


def unit_features(defs_path: Path, divisions: dict[str, shapely.Geometry], statuses=timeline.STATUSES,
                  first_day: dt.date = FIRST_DAY, core_countries=CORE) -> tuple[list, list[str]]:
    """(features, problems): one feature per unit per span with the same stage and territory.

    The same machinery draws Iran's provinces (``statuses`` = provinces, from 1979, core Iran)."""
    sources, units, stages = timeline.load_definitions(defs_path)
    problems = timeline.check_definitions(sources, units, stages, known(divisions), statuses)
    if problems:
        return [], problems
    span_list = timeline.spans(stages, divisions, first_day, LAST_DAY)
    core = frozenset(k for k in divisions if k.split(":")[0] in core_countries)
    problems = timeline.year_end_problems(span_list, stages, core)
    by_id = {u["id"]: u for u in units}
    runs: list[list[Any]] = []  # [stage, territory, start, stop]
    for sp in span_list:
        for st in sp.stages:
            terr = sp.territory[st.unit]
            last = next((r for r in reversed(runs) if r[0].unit == st.unit), None)
            if last and last[0] == st and last[1] == terr and last[3] == sp.start:
                last[3] = sp.stop
            else:
                runs.append([st, terr, sp.start, sp.stop])
    cache: dict[frozenset, shapely.Geometry] = {}
    features = []
    for st, terr, start, stop in sorted(runs, key=lambda r: (r[0].unit, r[2])):
        if not terr and st.divisions:
            problems.append(f"{st.unit}: stages[{st.index}]: divisions: no territory from {start}")
            continue
        if not terr:  # an outline unit (the USSR) on a day when nothing was left inside it
            continue
        if terr not in cache:
            geom = polygonal(shapely.union_all([divisions[k] for k in sorted(terr)]))
            if shapely.get_num_coordinates(geom) > LARGE_COORDS:
                geom = polygonal(shapely.simplify(geom, SIMPLIFY_LARGE, preserve_topology=True))
            cache[terr] = geom
        features.append((_properties(by_id[st.unit], st, terr, start, stop, sources, statuses), cache[terr]))
    return features, problems


def _properties(unit: dict, st: timeline.Stage, terr: frozenset, start: dt.date, stop: dt.date,
                sources: dict, statuses) -> dict[str, Any]:
    return {
        "id": f"{unit['id']}@{start.isoformat()}",
        "unit": unit["id"],
        "name_en": st.name["en"], "name_ur": st.name["ur"], "name_fa": st.name["fa"],
        "status": st.status, "status_label": statuses[st.status],
        "parent": st.parent,
        "start": start.isoformat(), "end": _end_text(stop),
        "stage_start": st.start_text, "stage_end": st.end_text,
        "date_certainty": st.certainty, "date_basis": st.basis, "date_note": st.note,
        "divisions": list(st.divisions),
        "drawn_with": sorted(terr),
        "extent_note": unit["extent_note"],
        "location_certainty": unit["location_certainty"],
        "sources": [{"id": s, **sources[s]} for s in unit["sources"]],
    }
