"""Which name each area label shows in the chosen year: the political units of that year
(geodata/dated units, their names of that stage) and the neighbours as they were then.

Where a label goes among the others is the labels layer's business (layers/labels.py); this
module only says what the labels are and where their unit is.
"""
from __future__ import annotations

from ..i18n import t
from . import _dated
from ._base import MapState

# Units reaching far off the map: their representative point would put the name out of view.
LABEL_AT = {"rsfsr": (45.0, 52.5), "russia": (45.0, 52.5), "ussr": (60.0, 55.5),
            "kazak-assr": (67.0, 48.0), "kazakh-ssr": (67.0, 48.0), "kazakhstan": (67.0, 48.0)}
VIEW = ((26.0, 94.0), (14.0, 58.0))   # figures.LON_RANGE, LAT_RANGE
# Neighbours outside the dated units: (ISO, from year, catalogue key for the earlier name or None).
NEIGHBOURS = (("TUR", 1923, "nb_ottoman"), ("IRQ", None, None), ("CHN", None, None), ("KWT", None, None),
              ("IND", 1947, "nb_british_india"), ("PAK", 1947, None))


def _inside(lon: float, lat: float) -> bool:
    return VIEW[0][0] <= lon <= VIEW[0][1] and VIEW[1][0] <= lat <= VIEW[1][1]


def unit_labels(state: MapState) -> list[tuple[float, float, str, int]]:
    """(lon, lat, name in the language, depth) of every unit of the year whose label is in view."""
    return _unit_labels((_dated.ids_in("units", state.year), state.lang), state)


@_dated.memo
def _unit_labels(state: MapState) -> list[tuple[float, float, str, int]]:
    feats = _dated.outermost_first(_dated.features("units", state.year))
    by_unit = {f.props["unit"]: f.props for f in feats}
    out = []
    for f in feats:
        unit = f.props["unit"]
        if unit in LABEL_AT:
            lon, lat = LABEL_AT[unit]
        else:
            point = f.geometry.representative_point()
            lon, lat = round(point.x, 3), round(point.y, 3)
        if _inside(lon, lat):
            out.append((lon, lat, f.props.get(f"name_{state.lang}") or f.props["name_en"],
                        _dated.depth(f.props, by_unit)))
    return out


def neighbour_labels(countries, state: MapState, label_at: dict) -> list[tuple[float, float, str]]:
    """Today's neighbours as named in the year (the Ottoman Empire before 1923, British India before 1947)."""
    out = []
    for iso, since, earlier in NEIGHBOURS:
        geom = countries.shapes.get(iso)
        if geom is None or (since and state.year < since and earlier is None):
            continue
        point = geom.representative_point()
        lon, lat = label_at.get(iso) or (round(point.x, 3), round(point.y, 3))
        name = t(earlier, state.lang) if since and state.year < since else \
            countries.properties[iso].get(f"name_{state.lang}") or iso
        out.append((lon, lat, name))
    return out


def change_years(dataset) -> set[int]:
    """Years in which a label's name may change: units, neighbours, and places' dated names."""
    years = _dated.change_years("units", *dataset.years) | {y for _, since, _ in NEIGHBOURS if since for y in (since,)}
    for place in dataset.places.values():
        for named in place.dated_names:
            if named.start is not None:   # a name from this date holds on the year's 31 December
                years.add(named.start.year)
            if named.end is not None:     # the next name shows from the year after its last year
                years.add(named.end.day_after().year)
    return years
