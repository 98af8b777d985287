"""Place and country names in the chosen language (SVG text, so Urdu is drawn in Nastaliq)."""
from __future__ import annotations

from geodata import query

from .. import style
from ..escape import plotly_text, plotly_texts
from ..i18n import name_in
from ._base import Layer, MapState

LABELLED_TYPES = ("capital", "port")
# Large countries reach far off the map; their representative point would put the name out of view.
LABEL_AT = {"RUS": (45.0, 52.5), "CHN": (88.0, 38.5), "IND": (76.0, 23.0), "KAZ": (67.0, 48.0)}
COUNTRY_LABELS = ("IRN", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO", "AFG", "PAK", "RUS", "TUR", "IRQ",
                  "CHN", "IND", "UKR", "KWT")


def traces(dataset, state: MapState) -> list[dict]:
    used = {p for r in query.records(dataset) if r.from_text or state.show_context for p in r.place_ids}
    # Capitals, ports and the towns the text names; border twins would print on top of each other.
    places = [p for p in query.places(dataset)
              if p.id in used and (p.place_type in LABELLED_TYPES or (p.from_text and p.place_type != "border town")
                                   or p.id == "sarakhs-ir")]
    font = {"family": style.LABEL_FONT[state.lang], "size": 15 if state.lang == "ur" else 13, "color": "#222222"}
    countries = query.base_layer(dataset, "countries")
    c_lon, c_lat, c_text = [], [], []
    for iso in COUNTRY_LABELS:
        geom = countries.shapes.get(iso)
        if geom is None:
            continue
        if iso in LABEL_AT:
            lon, lat = LABEL_AT[iso]
        else:
            pt = geom.representative_point()
            lon, lat = round(pt.x, 3), round(pt.y, 3)
        c_lon.append(lon); c_lat.append(lat)
        c_text.append(plotly_text(countries.properties[iso].get(f"name_{state.lang}") or iso))
    return [
        {"type": "scattergeo", "mode": "text", "lon": c_lon, "lat": c_lat, "text": c_text,
         "textfont": {**font, "size": font["size"] + 4, "color": "#555555"}, "hoverinfo": "skip",
         "showlegend": False, "meta": {"role": "country-labels"}},
        {"type": "scattergeo", "mode": "markers+text", "lon": [p.lon for p in places], "lat": [p.lat for p in places],
         "text": plotly_texts(name_in(p, state.lang) for p in places), "textposition": "top center", "textfont": font,
         "marker": {"size": 5, "color": "#333333"}, "customdata": [p.id for p in places],
         "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "meta": {"role": "place-labels"}},
    ]


LAYER = Layer("labels", "layer_labels", True, traces, by_year=False)
