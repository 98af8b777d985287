"""Place and country names in the chosen language (SVG text, so Urdu is drawn in Nastaliq), as they
were in the chosen year (the names: layers/_unit_labels.py and i18n.name_in_year)."""
from __future__ import annotations

from geodata import query

from .. import style
from ..escape import plotly_text, plotly_texts
from ..i18n import name_in_year
from ._base import Layer, MapState
from ._unit_labels import change_years, neighbour_labels, unit_labels

LABELLED_TYPES = ("capital", "port")
# Large countries reach far off the map; their representative point would put the name out of view.
LABEL_AT = {"RUS": (45.0, 52.5), "CHN": (88.0, 38.5), "IND": (76.0, 23.0), "KAZ": (67.0, 48.0)}
COUNTRY_LABELS = ("IRN", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO", "AFG", "PAK", "RUS", "TUR", "IRQ",
                  "CHN", "IND", "UKR", "KWT")


def traces(dataset, state: MapState) -> list[dict]:
    used = {p for r in dataset.records if r.from_text or state.show_context for p in r.place_ids}
    # Capitals, ports and the towns the text names; border twins would print on top of each other.
    places = [p for p in dataset.places.values()
              if p.id in used and (p.place_type in LABELLED_TYPES or (p.from_text and p.place_type != "border town")
                                   or p.id == "sarakhs-ir")]
    font = {"family": style.LABEL_FONT[state.lang], "size": 15 if state.lang == "ur" else 13, "color": "#222222"}
    # The units of the year and the neighbours as named then (layers/_unit_labels.py, issue 13).
    areas = [(lon, lat, name) for lon, lat, name, _depth in unit_labels(state)]
    areas += neighbour_labels(query.base_layer(dataset, "countries"), state, LABEL_AT)
    c_lon, c_lat = [a[0] for a in areas], [a[1] for a in areas]
    c_text = [plotly_text(a[2]) for a in areas]
    return [
        {"type": "scattergeo", "mode": "text", "lon": c_lon, "lat": c_lat, "text": c_text,
         "textfont": {**font, "size": font["size"] + 4, "color": "#555555"}, "hoverinfo": "skip",
         "showlegend": False, "meta": {"role": "country-labels"}},
        {"type": "scattergeo", "mode": "markers+text", "lon": [p.lon for p in places], "lat": [p.lat for p in places],
         "text": plotly_texts(name_in_year(p, state.year, state.lang) for p in places), "textposition": "top center", "textfont": font,
         "marker": {"size": 5, "color": "#333333"}, "customdata": [p.id for p in places],
         "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "meta": {"role": "place-labels"}},
    ]


LAYER = Layer("labels", "layer_labels", True, traces, changes=change_years)
