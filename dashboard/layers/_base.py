"""What every layer shares: the map state it draws for, and trace builders.

A record's trace dict carries a ``meta`` that assets/clientside.js reads to restyle a new
year in the browser; :mod:`dashboard.style` holds the rules both sides follow.  Records are
not drawn one trace each: :mod:`._groups` draws the records that look alike as one trace,
so a record's trace has no per-point hover data of its own (``name`` is its hover text).
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
from dataclasses import dataclass, field
from typing import Callable

import shapely
import shapely.geometry.polygon
from shapely.geometry import MultiPolygon, Polygon

from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata.model import Record

from .. import style
from ..escape import plotly_text
from ..i18n import name_in, status_label, t


@dataclass(frozen=True)
class MapState:
    year: int
    lang: str = "en"
    layers: frozenset[str] = frozenset()
    window: tuple[int, int] = (1918, 1996)
    feature: str | None = None
    show_context: bool = False

    @property
    def day(self) -> _dt.date:
        return end_of_year(self.year)


@dataclass(frozen=True)
class Layer:
    id: str
    label_key: str
    default_on: bool
    traces: Callable[[Dataset, MapState], list[dict]]
    legend: tuple[str, ...] = field(default=())   # legend entries this layer brings
    kinds: tuple[str, ...] = field(default=())    # record kinds it draws (for exports of what is visible)


def visible_records(dataset: Dataset, state: MapState, kinds: tuple[str, ...]) -> list[Record]:
    """Records of these kinds that this state may show: context records only when context is on."""
    return [r for r in dataset.records if r.kind in kinds and (r.from_text or state.show_context)]


def label(record_or_place, lang: str) -> str:
    return name_in(record_or_place, lang)


def record_meta(record: Record) -> dict:
    return {"role": "record", "rid": record.id, "kind": record.kind, "ctx": not record.from_text,
            "loc": record.location_certainty, "stages": style.stage_rows(record.stages)}


def colour(record: Record) -> str:
    return style.KIND_COLOUR[record.kind] if record.from_text else style.CONTEXT_COLOUR


def hover_name(record: Record, lang: str) -> str:
    name = label(record, lang)
    if not record.from_text:
        name += f" ({t('context_badge', lang)})"
    if record.location_certainty == "inferred":
        name += f" — {t('uncertain_location', lang)}"
    return name


@functools.lru_cache(maxsize=4096)
def densify(coords: tuple[tuple[float, float], ...], step_deg: float = 0.5) -> tuple[list, list]:
    """Extra points along long straight segments so hover and clicks work along the whole line."""
    lons, lats = [coords[0][0]], [coords[0][1]]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step_deg))
        for i in range(1, n + 1):
            lons.append(round(x0 + (x1 - x0) * i / n, 4))
            lats.append(round(y0 + (y1 - y0) * i / n, 4))
    return lons, lats


def line_trace(record: Record, state: MapState, width_scale: float = 1.0) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    coords = tuple(tuple(c) for c in shapely.get_coordinates(record.geometry).tolist())
    lons, lats = densify(coords)
    name = hover_name(record, state.lang)
    # Hover and clicks work along the whole line through the densified points; no markers are
    # drawn on them (invisible markers cost a DOM node each on every redraw).
    return {
        "type": "scattergeo", "mode": "lines", "lon": lons, "lat": lats, "name": name,
        "line": {"color": colour(record), "width": look["width"] * width_scale, "dash": look["dash"]},
        "opacity": look["opacity"], "visible": look["visible"],
        "showlegend": False, "meta": record_meta(record),
    }


def point_trace(record: Record, state: MapState, lonlats: list[tuple[float, float]], symbol: str,
                size: float = 14) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    uncertain = record.location_certainty in ("inferred", "approximate")
    name = hover_name(record, state.lang)
    return {
        "type": "scattergeo", "mode": "markers", "lon": [p[0] for p in lonlats], "lat": [p[1] for p in lonlats],
        "name": name,
        "marker": {"symbol": f"{symbol}-open" if uncertain else symbol, "size": size * (1.5 if uncertain else 1),
                   "color": colour(record), "line": {"width": 2.5, "color": colour(record) if uncertain else "#FFFFFF"}},
        "opacity": look["opacity"], "visible": look["visible"],
        "showlegend": False, "meta": record_meta(record),
    }


def polygon_rings(geom) -> tuple[list, list]:
    """Exterior rings of a (multi)polygon as one lon/lat list with None between parts."""
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, Polygon) else []
    lons, lats = [], []
    for poly in polys:
        # d3-geo (under Plotly's geo) fills a ring's right-hand side: exterior rings must run
        # clockwise, the opposite of RFC 7946, or the fill covers the whole globe but the shape.
        xs, ys = shapely.geometry.polygon.orient(poly, sign=-1.0).exterior.coords.xy
        if lons:
            lons.append(None)
            lats.append(None)
        lons += [round(x, 3) for x in xs]
        lats += [round(y, 3) for y in ys]
    return lons, lats


@functools.lru_cache(maxsize=512)
def _cached_rings(record_id: str, wkb: bytes) -> tuple[list, list]:
    return polygon_rings(shapely.from_wkb(wkb).simplify(0.02, preserve_topology=True))


def area_trace(record: Record, state: MapState, fill: str, line_colour: str) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    lons, lats = _cached_rings(record.id, shapely.to_wkb(record.geometry))
    name = hover_name(record, state.lang)
    return {
        "type": "scattergeo", "mode": "lines", "fill": "toself", "fillcolor": fill, "lon": lons, "lat": lats,
        "name": name, "line": {"color": line_colour, "width": 2, "dash": look["dash"]},
        "opacity": look["opacity"], "visible": look["visible"],
        "showlegend": False, "meta": record_meta(record),
    }


def marker_point(record: Record, dataset: Dataset) -> list[tuple[float, float]]:
    """Where a point symbol for this record goes."""
    if record.geometry_form in ("point", "points"):
        return [(dataset.places[p].lon, dataset.places[p].lat) for p in record.place_ids]
    if record.geometry_form == "path":
        if record.kind == "border_crossing":
            mid = record.place_ids[len(record.place_ids) // 2] if len(record.place_ids) > 2 else record.place_ids[0]
            return [(dataset.places[mid].lon, dataset.places[mid].lat)]
        last = record.place_ids[-1]
        return [(dataset.places[last].lon, dataset.places[last].lat)]
    if record.geometry is not None:
        p = record.geometry.representative_point()
        return [(round(p.x, 4), round(p.y, 4))]
    return []


def escape_hover(text: str) -> str:
    """Text for a hover label, which Plotly reads as pseudo-HTML: dashboard.escape.plotly_text."""
    return plotly_text(text)


__all__ = ["MapState", "Layer", "visible_records", "line_trace", "point_trace", "area_trace", "marker_point",
           "status_label", "label", "colour", "record_meta", "hover_name", "escape_hover"]
