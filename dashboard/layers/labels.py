"""Place and country names in the chosen language (SVG text, so Urdu is drawn in Nastaliq), as they
were in the chosen year (the names: layers/_unit_labels.py and i18n.name_in_year), placed by
priority so that no two overlap at any zoom (dashboard/label_placement.py).

Each label trace carries ``meta.label_k``: per label, the projection scale from which it has room;
assets/explore.js hides it below that scale, so the rest appear as the reader zooms in. The
text's own places come first (the Mashhad–Sarakhs–Tejen railway and its neighbours, then the
places the text names most often), then the countries, then capitals and ports.
"""
from __future__ import annotations

from collections import Counter

from geodata import query

from .. import style
from ..escape import plotly_text, plotly_texts
from ..i18n import name_in_year, t
from ..label_placement import Label, place
from ._base import Layer, MapState, by_identity, marker_point
from ._unit_labels import change_years as unit_change_years, neighbour_labels, unit_labels
from .landscape import LAND_FORM, named_points
from .landscape import change_years as landscape_change_years

LABELLED_TYPES = ("capital", "port")
# Large countries reach far off the map; their representative point would put the name out of view.
LABEL_AT = {"RUS": (45.0, 52.5), "CHN": (88.0, 38.5), "IND": (76.0, 23.0), "KAZ": (67.0, 48.0)}
# The text's core (blocks on the Mashhad–Sarakhs–Tejen railway): labelled before anything else.
TEXT_CORE = ("mashhad", "sarakhs-ir", "ashgabat", "tejen", "mary")
PLACE_DOT_PX = 5
LANDSCAPE_PX = 12
NEVER_K = 1e9          # "never shows": a scale no map reaches (JSON has no infinity)


def font_size(lang: str, country: bool = False) -> int:
    return style.LABEL_PX[lang] + (4 if country else 0)   # the language registry's size


def labelled_places(dataset, show_context: bool) -> list:
    used = {p for r in dataset.records if r.from_text or show_context for p in r.place_ids}
    # Capitals, ports and the towns the text names; border twins would print on top of each other.
    return [p for p in dataset.places.values()
            if p.id in used and (p.place_type in LABELLED_TYPES or (p.from_text and p.place_type != "border town")
                                 or p.id == "sarakhs-ir")]


def _place_rank(dataset, places) -> list:
    """The places in label priority: the core, then by how many of the text's records name them."""
    mentions = Counter(pid for r in dataset.records if r.from_text for pid in r.place_ids)
    core = {pid: i for i, pid in enumerate(TEXT_CORE)}
    return sorted(places, key=lambda p: (core.get(p.id, len(core)), not p.from_text, -mentions[p.id], p.id))


@by_identity
def _record_marker_spots(dataset) -> frozenset:
    """Where records draw a point marker: a place dot there must not take the record's hover and click."""
    return frozenset((round(lon, 3), round(lat, 3)) for r in dataset.records for lon, lat in marker_point(r, dataset))


_PLACEMENTS: dict = {}


def area_labels(dataset, state: MapState) -> list[Label]:
    """The units of the year and the neighbours as named then (layers/_unit_labels.py, issue 13)."""
    areas = [(lon, lat, name) for lon, lat, name, _depth in unit_labels(state)]
    areas += neighbour_labels(query.base_layer(dataset, "countries"), state, LABEL_AT)
    return [Label(f"area:{i}:{lon},{lat}", lon, lat, name, state.lang, font_size(state.lang, True), 0.0,
                  ("middle center",)) for i, (lon, lat, name) in enumerate(areas)]


def landscape_labels(state: MapState) -> list[Label]:
    """The deserts and ranges, while the landscape layer is on: placed last, shown where there is room."""
    if "landscape" not in state.layers:
        return []
    return [Label(f"land:{i}", lon, lat, name, state.lang, LANDSCAPE_PX, 0.0, ("middle center",))
            for i, (lon, lat, name) in enumerate(named_points(state))]


def _placement(dataset, state: MapState):
    """Computed once per dataset, language, context switch and set of names (the names change in a
    few years only, so years with the same names share one placement). The dataset is read-only;
    the memo keeps it alive, so its id is never reused."""
    places = _place_rank(dataset, labelled_places(dataset, state.show_context))
    place_labels = [Label(f"place:{p.id}", p.lon, p.lat, name_in_year(p, state.year, state.lang), state.lang,
                          font_size(state.lang), PLACE_DOT_PX) for p in places]
    areas = area_labels(dataset, state)
    land = landscape_labels(state)
    key = (id(dataset), state.lang, state.show_context, tuple(a.key + a.text for a in areas + land),
           tuple(label.text for label in place_labels))
    if key not in _PLACEMENTS or _PLACEMENTS[key][0] is not dataset:
        core = [label for label, p in zip(place_labels, places) if p.id in TEXT_CORE]
        rest = [label for label, p in zip(place_labels, places) if p.id not in TEXT_CORE]
        placed = place(core + areas + rest + land, obstacles=[(p.lon, p.lat, PLACE_DOT_PX + 2) for p in places])
        _PLACEMENTS[key] = (dataset, placed)
    return places, place_labels, areas, land, _PLACEMENTS[key][1]


def _k(value: float) -> float:
    return round(value, 1) if value < NEVER_K else NEVER_K


def traces(dataset, state: MapState) -> list[dict]:
    places, place_labels, country_labels, land, placed = _placement(dataset, state)
    text_of = {label.key: label.text for label in place_labels}
    font = {"family": style.LABEL_FONT[state.lang], "size": font_size(state.lang), "color": "#222222"}
    spots = _record_marker_spots(dataset)
    out = [{"type": "scattergeo", "mode": "text", "lon": [c.lon for c in country_labels],
            "lat": [c.lat for c in country_labels], "text": plotly_texts(c.text for c in country_labels),
            "textfont": {**font, "size": font_size(state.lang, True), "color": "#555555"}, "hoverinfo": "skip",
            "showlegend": False, "meta": {"role": "country-labels",
                                          "label_k": [_k(placed[c.key].k) for c in country_labels]}}]
    # A place whose dot lies under a record's marker (the 1996 inauguration at Sarakhs) is drawn
    # without hover, so pointing there finds the record, not the place.
    for hoverable in (True, False):
        group = [p for p in places if ((round(p.lon, 3), round(p.lat, 3)) not in spots) == hoverable]
        if not group:
            continue
        keys = [f"place:{p.id}" for p in group]
        trace = {"type": "scattergeo", "mode": "markers+text", "lon": [p.lon for p in group],
                 "lat": [p.lat for p in group], "text": plotly_texts(text_of[k] for k in keys),
                 "textposition": [placed[k].position for k in keys], "textfont": font,
                 "marker": {"size": PLACE_DOT_PX, "color": "#333333"}, "customdata": [p.id for p in group],
                 "showlegend": False, "meta": {"role": "place-labels", "label_k": [_k(placed[k].k) for k in keys]}}
        if hoverable:
            # The name, and that a click opens the place's details and sources (as every tooltip says).
            trace["hovertemplate"] = f"%{{text}}<br><i>{plotly_text(t('hover_click', state.lang))}</i><extra></extra>"
        else:
            trace["hoverinfo"] = "skip"
        out.append(trace)
    if land:
        out.append({"type": "scattergeo", "mode": "text", "lon": [x.lon for x in land], "lat": [x.lat for x in land],
                    "text": plotly_texts(x.text for x in land), "hoverinfo": "skip", "showlegend": False,
                    "textfont": {"family": style.LABEL_FONT[state.lang], "size": LANDSCAPE_PX, "color": LAND_FORM},
                    "meta": {"role": "landscape-labels", "label_k": [_k(placed[x.key].k) for x in land]}})
    return out


def change_years(dataset) -> set[int]:
    return unit_change_years(dataset) | landscape_change_years(dataset)


LAYER = Layer("labels", "layer_labels", True, traces, changes=change_years, reads_layers=frozenset({"landscape"}))

__all__ = ["LAYER", "traces", "labelled_places", "TEXT_CORE", "font_size"]
