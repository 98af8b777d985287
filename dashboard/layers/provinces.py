"""Iran's provinces as they were in the chosen year (geodata/dated: iran_provinces.json), from 1979.

Drawn as outlines over Iran; the provinces the text names (records of kind ``province``) are
tinted. Before 1979 nothing is drawn: no cited source for the provinces of Pahlavi Iran was
available (docs/dated-geography.md), and the hover and the legend say from when they are.
A click opens the province's details (``iranprov-<id>``, dashboard/dated_details.py).
"""
from __future__ import annotations

from geodata.dated.layers import load_layer

from .. import style
from ..escape import plotly_text
from ..i18n import t
from . import _dated, _legend
from ._base import Layer, MapState

FIRST_DRAWN = min(int(f.props["start"][:4]) for f in load_layer("provinces"))
TEXT_TINT, NO_TINT = "rgba(140,109,31,0.22)", "rgba(0,0,0,0)"


def text_record(dataset, unit: str):
    """The text's record of this province (``province-<id>``), if the text names it."""
    return dataset.by_id.get(f"province-{unit}")


def traces(dataset, state: MapState) -> list[dict]:
    return _drawn((_dated.ids_in("provinces", state.year), state.lang, id(dataset)), dataset, state)


@_dated.memo
def _drawn(dataset, state: MapState) -> list[dict]:
    feats = _dated.features("provinces", state.year)
    if not feats:
        return []
    named = [text_record(dataset, f.props["unit"]) is not None for f in feats]
    return [{
        "type": "choropleth", "geojson": _dated.URL.format(name="provinces"), "featureidkey": "properties.id",
        "locations": [f.props["id"] for f in feats], "z": [1 if n else 0 for n in named], "zmin": 0, "zmax": 1,
        "colorscale": [[0, NO_TINT], [0.5, NO_TINT], [0.5, TEXT_TINT], [1, TEXT_TINT]], "showscale": False,
        "marker": {"line": {"color": style.KIND_COLOUR["province"], "width": 1.2}},
        "text": [plotly_text(f"{f.props.get(f'name_{state.lang}') or f.props['name_en']} — {t('st_province', state.lang)}")
                 for f in feats],
        "customdata": [_dated.PROVINCE_PREFIX + f.props["unit"] for f in feats],
        "hovertemplate": "%{text}<extra></extra>", "name": t("layer_iran_provinces", state.lang),
        "meta": {"role": "provinces", "provinces": [f.props["unit"] for f in feats]}, "showlegend": False,
    }]


def change_years(dataset) -> set[int]:
    return _dated.change_years("provinces", *dataset.years)


LAYER = Layer("provinces", "layer_iran_provinces", True, traces,
              legend=(_legend.line(style.KIND_COLOUR["province"], "layer_iran_provinces"),
                      _legend.fill("rgba(140,109,31,0.35)", "layer_provinces")),
              kinds=("province",), changes=change_years)

PROVINCE_IDS = frozenset(_dated.PROVINCE_PREFIX + f.props["unit"] for f in load_layer("provinces"))
