"""A route's table: travel legs, border crossings (with any break of gauge) and transfers.

Rows, in order, each a dict with ``type``:

* ``travel``: ``from``, ``to``, ``mode``, ``record``, ``status``, ``planned``, ``km``,
  ``hours`` (moving time only); consecutive hops of one record make one row;
* ``crossing``: a boundary or a break of gauge on the hop from ``at`` to ``next``:
  ``kind`` ("international", "republic" or None for a gauge change inside a country),
  ``from_country``, ``to_country``, ``name`` (the crossing, named as one),
  ``border_h``, ``gauge_h``, ``gauges`` (mm, mm), ``hours``;
* ``transfer``: a change of mode at ``at``: ``from_mode``, ``to_mode``, ``hours``.

The hours of all rows add up to the route's time.
"""
from __future__ import annotations

import datetime as _dt
from typing import Mapping

from ..load import Dataset
from .places import country_name_in, place_name

CROSSING_TOWN = "border town"


def crossing_name(dataset: Dataset, record_id: str, a: str, b: str, record_name=None, side_name=None,
                  between=None) -> str:
    """A crossing named as a crossing: the border post's record, else its two sides (the towns
    facing each other, or "between A and B"). In English unless given the naming of a language and
    a year (dashboard/route_results passes the page's): ``record_name(record)``, ``side_name(place
    id)``, ``between(a, b)``."""
    record = dataset.by_id.get(record_id)
    if record is not None and record.kind == "border_crossing":
        return record_name(record) if record_name else record.names.en
    sides = [side_name(pid) if side_name else place_name(dataset, pid) for pid in (a, b)]
    if any(getattr(dataset.places.get(pid), "place_type", None) == CROSSING_TOWN for pid in (a, b)):
        return " – ".join(sides)
    return between(*sides) if between else "between {} and {}".format(*sides)


def borders_crossed(dataset: Dataset, segments: list[Mapping], day: _dt.date) -> list[dict]:
    """Each boundary the route crosses, with the countries' names of that year and where."""
    out = []
    for seg in segments:
        if not seg["boundary"]:
            continue
        ca, cb = dataset.places[seg["from"]].country, dataset.places[seg["to"]].country
        out.append({"from": ca, "to": cb, "from_name": country_name_in(dataset, ca, day),
                    "to_name": country_name_in(dataset, cb, day), "kind": seg["boundary"],
                    "at": seg["from"], "next": seg["to"], "record": seg["record"],
                    "name": crossing_name(dataset, seg["record"], seg["from"], seg["to"]),
                    "hours": seg["border_h"], "gauges": seg["gauges"]})
    return out


def _crossing_row(dataset: Dataset, seg: Mapping) -> dict:
    ca, cb = dataset.places[seg["from"]].country, dataset.places[seg["to"]].country
    return {"type": "crossing", "at": seg["from"], "next": seg["to"], "kind": seg["boundary"],
            "from_country": ca, "to_country": cb, "record": seg["record"],
            "name": crossing_name(dataset, seg["record"], seg["from"], seg["to"]),
            "border_h": seg["border_h"], "gauge_h": seg["gauge_h"], "gauges": seg["gauges"],
            "hours": seg["border_h"] + seg["gauge_h"]}


def _travel_row(seg: Mapping) -> dict:
    return {"type": "travel", "from": seg["from"], "to": seg["to"], "mode": seg["mode"], "record": seg["record"],
            "status": seg["status"], "planned": seg["planned"], "from_text": seg["from_text"],
            "km": seg["length_km"], "hours": seg["travel_h"]}


def route_legs(dataset: Dataset, edges: list[Mapping], segments: list[Mapping], day: _dt.date) -> list[dict]:
    rows: list[dict] = []
    hops = iter(segments)
    for edge in edges:
        if edge["type"] == "transfer":
            rows.append({"type": "transfer", "at": edge["at"], "from_mode": edge["from_mode"],
                         "to_mode": edge["to_mode"], "hours": edge["hours"]})
            continue
        seg = next(hops)
        if seg["boundary"] or seg["gauges"]:
            rows.append(_crossing_row(dataset, seg))
        last = rows[-1] if rows else None
        if (last is not None and last["type"] == "travel" and last["record"] == seg["record"]
                and last["status"] == seg["status"]):
            last.update(to=seg["to"], km=last["km"] + seg["length_km"], hours=last["hours"] + seg["travel_h"])
        else:
            rows.append(_travel_row(seg))
    return rows
