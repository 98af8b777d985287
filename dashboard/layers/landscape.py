"""The landscape that shaped the routes, as quiet base layers: rivers, lakes and the Aral Sea and
Garabogazköl as they were in the year, deserts and ranges (geodata/dated: landscape.json).

Context from outside the text (Natural Earth, public domain; the Aral Sea's shrinking and
Garabogazköl's dam from their cited sources). Four traces whatever the number of features:
rivers, water, former shores, and the named deserts and ranges (a faint fill and a label).
"""
from __future__ import annotations

from shapely.geometry import LineString, MultiLineString

from .. import style
from ..escape import plotly_text
from ..i18n import t
from . import _dated, _legend
from ._base import Layer, MapState, by_identity, polygon_rings

RIVER = "#3B7DB5"
LAND_FORM = "#8A7A5C"
LAND_FILL = "rgba(138,122,92,0.10)"
WATER_KINDS, SHORE_KINDS, LINE_KINDS = ("lake", "lagoon"), ("former_lake",), ("river",)
FORM_KINDS = ("desert", "range", "plateau")
# Degrees: under a pixel at the map's first scale (about 0.07 degree a pixel); quiet layers need no more.
SIMPLIFY = 0.05


@by_identity
def _lines(geom) -> tuple[tuple, tuple]:
    parts = list(geom.geoms) if isinstance(geom, MultiLineString) else [geom] if isinstance(geom, LineString) else []
    lons, lats = [], []
    for part in parts:
        xs, ys = part.simplify(SIMPLIFY).coords.xy
        if lons:
            lons.append(None)
            lats.append(None)
        lons += [round(x, 2) for x in xs]
        lats += [round(y, 2) for y in ys]
    return tuple(lons), tuple(lats)


@by_identity
def _rings(geom) -> tuple[tuple, tuple]:
    lons, lats = polygon_rings(geom.simplify(SIMPLIFY, preserve_topology=True))
    return tuple(round(x, 2) if x is not None else None for x in lons), \
        tuple(round(y, 2) if y is not None else None for y in lats)


def _name(props, lang: str) -> str:
    return props.get(f"name_{lang}") or props["name_en"]


def _joined(feats, shape, lang: str) -> dict:
    """lon/lat of several features, a gap between them, each point carrying its feature's hover."""
    lon, lat, text = [], [], []
    for f in feats:
        xs, ys = shape(f.geometry)
        if lon:
            lon.append(None); lat.append(None); text.append(None)
        lon += xs
        lat += ys
        text += [plotly_text(f"{_name(f.props, lang)} — {t('lk_' + f.props['kind'], lang)}")] * len(xs)
    return {"lon": lon, "lat": lat, "text": text}


def _trace(role: str, data: dict, **look) -> dict:
    return {"type": "scattergeo", "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
            "meta": {"role": role}, **data, **look}


def traces(dataset, state: MapState) -> list[dict]:
    return _drawn((_dated.ids_in("landscape", state.year), state.lang), state)


@_dated.memo
def _drawn(state: MapState) -> list[dict]:
    feats = _dated.features("landscape", state.year)
    of = lambda kinds: [f for f in feats if f.props["kind"] in kinds]   # noqa: E731
    areas = [f for f in of(FORM_KINDS) if f.geometry.geom_type != "Point"]
    return [
        _trace("landscape-forms", _joined(areas, _rings, state.lang), mode="lines", fill="toself",
               fillcolor=LAND_FILL, line={"color": "rgba(0,0,0,0)", "width": 0}),
        _trace("landscape-rivers", _joined(of(LINE_KINDS), _lines, state.lang), mode="lines",
               line={"color": RIVER, "width": 1.4}),
        _trace("landscape-water", _joined(of(WATER_KINDS), _rings, state.lang), mode="lines", fill="toself",
               fillcolor=style.SEA_FILL, line={"color": RIVER, "width": 0.8}),
        _trace("landscape-shores", _joined(of(SHORE_KINDS), _rings, state.lang), mode="lines",
               line={"color": RIVER, "width": 1.2, "dash": "dot"}),
    ]


def named_points(state: MapState) -> list[tuple[float, float, str]]:
    """(lon, lat, name) of the year's deserts and ranges: the labels layer places them with every
    other name, last, so that none overlaps (layers/labels.py)."""
    return _named((_dated.ids_in("landscape", state.year), state.lang), state)


@_dated.memo
def _named(state: MapState) -> list[tuple[float, float, str]]:
    named = [f for f in _dated.features("landscape", state.year) if f.props["kind"] in FORM_KINDS]
    points = [f.geometry.representative_point() if f.geometry.geom_type != "Point" else f.geometry for f in named]
    return [(round(p.x, 3), round(p.y, 3), _name(f.props, state.lang)) for p, f in zip(points, named)]


def change_years(dataset) -> set[int]:
    return _dated.change_years("landscape", *dataset.years)


LAYER = Layer("landscape", "layer_landscape", True, traces, changes=change_years,
              legend=(_legend.line(RIVER, "lk_river"), _legend.fill(style.SEA_FILL, "lk_lake"),
                      _legend.line(RIVER, "lk_former_lake", dash="dot"), _legend.fill(LAND_FILL, "lk_range")))
