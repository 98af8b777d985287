"""Political status: each post-Soviet state coloured as Soviet republic or independent for the year."""
from __future__ import annotations

from geodata import query

from .. import style
from ..escape import plotly_text
from ..i18n import name_in, t
from . import _legend
from ._base import Layer, MapState, visible_records

GEOJSON_URL = "/geodata/plotly/countries.geojson"  # served by dashboard/__init__.py


def _colourscale() -> list:
    order = ["none", "iran", "soviet_republic", "independent"]
    n = len(order)
    scale = []
    for i, key in enumerate(order):
        scale += [[i / n, style.POLITY_FILL[key]], [(i + 1) / n, style.POLITY_FILL[key]]]
    return scale


def traces(dataset, state: MapState) -> list[dict]:
    polities = visible_records(dataset, state, ("polity",))
    locations, chosen, z, text = [], [], [], []
    for record in polities:
        iso = record.area_refs[0].split(":")[1]
        stage = record.stage_at(state.day)
        locations.append(iso)
        chosen.append(record.id)
        z.append(style.POLITY_CODES.get(stage.status, 0) if stage else 0)
        text.append(plotly_text(name_in(record, state.lang)))
    locations.append("IRN")
    chosen.append("")   # Iran is drawn, not a record to choose
    z.append(style.POLITY_CODES["iran"])
    text.append(plotly_text(query.base_layer(dataset, "countries").properties["IRN"].get(f"name_{state.lang}") or "Iran"))
    return [{
        "type": "choropleth", "geojson": GEOJSON_URL, "featureidkey": "properties.id",
        "locations": locations, "z": z, "zmin": 0, "zmax": len(style.POLITY_CODES) - 1,
        "colorscale": _colourscale(), "showscale": False,
        "marker": {"line": {"color": style.BORDER_COLOUR, "width": 0.8}},
        "text": text, "customdata": chosen,
        "hovertemplate": "%{text}<extra></extra>", "name": t("layer_political", state.lang),
        "meta": {"role": "polity"}, "showlegend": False,
    }]


LAYER = Layer("political", "layer_political", True, traces,
              legend=tuple(_legend.fill(style.POLITY_FILL[k], f"st_{k}") for k in ("iran", "soviet_republic", "independent", "none")),
              kinds=("polity",))
