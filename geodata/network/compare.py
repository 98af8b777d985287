"""The same journey in two years: the difference in km and hours, said in a sentence."""
from __future__ import annotations

from ..dates import end_of_year
from ..load import Dataset
from .places import place_name
from .routing import RouteResult

MODE_PHRASE = {"rail": "by rail", "sea": "by sea", "road": "by road"}


def _how(result: RouteResult) -> str:
    if len(result.modes) == 1:
        return MODE_PHRASE[result.modes[0]]
    return "by " + " or ".join(result.modes)


def _name_in(dataset: Dataset, pid: str, year: int) -> str:
    place = dataset.places.get(pid)
    return place.name_at(end_of_year(year)).en if place is not None else place_name(dataset, pid)


def _km(value: float) -> str:
    return f"{value:,.0f} km"


def _h(value: float) -> str:
    return f"{value:,.0f} h"


def change(before: RouteResult, after: RouteResult) -> dict:
    """Numbers of the comparison: None where a year has no route."""
    both = before.found and after.found
    return {"years": [before.year, after.year], "found": [before.found, after.found],
            "km": [before.length_km, after.length_km], "hours": [before.hours, after.hours],
            "delta_km": after.length_km - before.length_km if both else None,
            "delta_hours": after.hours - before.hours if both else None}


def sentence(dataset: Dataset, before: RouteResult, after: RouteResult) -> str:
    """One English sentence: how the journey changed from ``before.year`` to ``after.year``, by how much."""
    # The names the places had in the first year (Krasnovodsk, not Türkmenbaşy, in 1990), as the
    # route explorer names them (dashboard/route_results.results_view).
    a, b = (_name_in(dataset, pid, before.year) for pid in (before.origin, before.destination))
    how, y0, y1 = _how(after), before.year, after.year
    if not before.found and not after.found:
        return f"There is no route from {a} to {b} {how} in {y0} or in {y1}."
    if not before.found:
        return (f"In {y0} there is no route from {a} to {b} {how}; in {y1} there is one of "
                f"{_km(after.length_km)} taking {_h(after.hours)}.")
    if not after.found:
        return (f"In {y0} the route from {a} to {b} {how} is {_km(before.length_km)} taking "
                f"{_h(before.hours)}; in {y1} there is none.")
    d = change(before, after)
    if abs(d["delta_km"]) < 0.5 and abs(d["delta_hours"]) < 0.5:
        return f"From {a} to {b} {how} the route is the same in {y0} and {y1}: {_km(after.length_km)}, {_h(after.hours)}."
    km_word = "shorter" if d["delta_km"] < 0 else "longer"
    h_word = "faster" if d["delta_hours"] < 0 else "slower"
    return (f"From {a} to {b} {how}, the route of {y1} is {_km(abs(d['delta_km']))} {km_word} and "
            f"{_h(abs(d['delta_hours']))} {h_word} than in {y0}: {_km(after.length_km)} and "
            f"{_h(after.hours)} against {_km(before.length_km)} and {_h(before.hours)}.")
