"""Political status: each post-Soviet state coloured as Soviet republic or independent for the year."""
from __future__ import annotations

from .. import style
from ..escape import plotly_text
from ..i18n import name_in, t
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
    locations, stages, z, text = [], [], [], []
    for record in polities:
        iso = record.area_refs[0].split(":")[1]
        stage = record.stage_at(state.day)
        locations.append(iso)
        stages.append(style.stage_rows(record.stages))
        z.append(style.POLITY_CODES.get(stage.status, 0) if stage else 0)
        text.append(plotly_text(name_in(record, state.lang)))
    locations.append("IRN")
    stages.append(None)
    z.append(style.POLITY_CODES["iran"])
    text.append(plotly_text(dataset.base["countries"].properties["IRN"].get(f"name_{state.lang}") or "Iran"))
    return [{
        "type": "choropleth", "geojson": GEOJSON_URL, "featureidkey": "properties.id",
        "locations": locations, "z": z, "zmin": 0, "zmax": len(style.POLITY_CODES) - 1,
        "colorscale": _colourscale(), "showscale": False,
        "marker": {"line": {"color": style.BORDER_COLOUR, "width": 0.8}},
        "text": text, "customdata": [f"polity-{iso.lower()}" if s else "" for iso, s in zip(locations, stages)],
        "hovertemplate": "%{text}<extra></extra>", "name": t("layer_political", state.lang),
        "meta": {"role": "polity", "stages": stages, "iran": len(locations) - 1}, "showlegend": False,
    }]


LAYER = Layer("political", "layer_political", True, traces,
              legend=("polity_iran", "polity_soviet_republic", "polity_independent", "polity_none"), kinds=("polity",))
