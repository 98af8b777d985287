"""What every layer shares: the map state it draws for, and trace builders.

A layer draws one year; :mod:`dashboard.render` asks it for every year in which something may
change.  Records are not drawn one trace each: :mod:`._groups` draws the records that look alike
as one trace, so a record's trace has no per-point hover data of its own (``name`` is its hover
text).
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import shapely
import shapely.geometry.polygon
from shapely.geometry import MultiPolygon, Polygon

from geodata import query
from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata.model import Record

from .. import style
from ..escape import plotly_text
from ..i18n import name_in, status_label, t
from ._legend import LegendEntry


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
    """One kind of overlay, all in its own module: what it selects and how it draws it (``traces``),
    its legend entries, and the strings only it uses (``strings``: key -> language -> text)."""
    id: str
    label_key: str
    default_on: bool
    traces: Callable[[Dataset, MapState], list[dict]]
    legend: tuple[LegendEntry, ...] = field(default=())   # read by the legend panel
    kinds: tuple[str, ...] = field(default=())    # record kinds it draws (for exports of what is visible)
    # False for a layer that draws the same traces in every year (the renderer then asks it once).
    by_year: bool = True
    strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The years in which what it draws may differ from the year before (a border, a name, a status
    # changes). None: the years in which a record of ``kinds`` may change (its stages, dated names
    # and dated geometry); a layer drawing from elsewhere (geodata/dated) says so here.
    changes: Callable[[Dataset], Iterable[int]] | None = None
    # Other layers whose being on or off changes this one's drawing (the labels place the
    # landscape's names while the landscape is on).
    reads_layers: frozenset[str] = frozenset()
    # Where a record is drawn, when the layer draws it from elsewhere than the record's own geometry
    # (a railway on its real alignment): ``(certainty, note in the language, source citations)``,
    # or None for the record's own. The details panel says this, so it never contradicts the map.
    drawn_location: Callable[[Record, str], tuple[str, str, tuple[str, ...]] | None] | None = None
    # A line the layer writes in the map's corner for the year, as Plotly pseudo-HTML ("Borders of
    # 1925, reconstructed; approximate"): it changes in the layer's change years.
    caption: Callable[[Dataset, MapState], str] | None = None

    def change_years(self, dataset: Dataset) -> frozenset[int] | None:
        """What :attr:`changes` says; None if the layer cannot say (the renderer then asks it every year)."""
        if not self.by_year:
            return frozenset()
        if self.changes is not None:
            return frozenset(self.changes(dataset))
        return query.change_years(query.records(dataset, self.kinds)) if self.kinds else None

    def text(self, key: str, lang: str) -> str:
        """The layer's own string for ``key`` (English where a language lacks it), else the catalogue's."""
        own = self.strings.get(key)
        if own is not None:
            return own.get(lang) or own["en"]
        return t(key, lang)

    def label(self, lang: str) -> str:
        return self.text(self.label_key, lang)

    def status_label(self, status: str | None, lang: str) -> str:
        return self.text(f"st_{status}", lang) if f"st_{status}" in self.strings else status_label(status, lang)


def by_identity(func):
    """Memoise ``func(obj)`` on the object itself (records and geometries are read-only and live as
    long as their dataset; the memo keeps each object it saw alive, so an id is never reused)."""
    memo: dict[int, tuple] = {}

    @functools.wraps(func)
    def wrapper(obj):
        hit = memo.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = memo[id(obj)] = (obj, func(obj))
        return hit[1]
    return wrapper


@by_identity
def _records_by_kind(dataset: Dataset) -> dict[str, tuple[Record, ...]]:
    out: dict[str, list[Record]] = {}
    for r in query.records(dataset):
        out.setdefault(r.kind, []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def visible_records(dataset: Dataset, state: MapState, kinds: tuple[str, ...]) -> list[Record]:
    """Records of these kinds that this state may show: context records only when context is on."""
    by_kind = _records_by_kind(dataset)
    return [r for kind in kinds for r in by_kind.get(kind, ()) if r.from_text or state.show_context]


def label(record_or_place, lang: str) -> str:
    return name_in(record_or_place, lang)


def record_meta(record: Record) -> dict:
    return {"role": "record", "rid": record.id, "kind": record.kind, "ctx": not record.from_text}


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
def densify(coords: tuple[tuple[float, float], ...], step_deg: float = 0.2) -> tuple[list, list]:
    """Extra points along long straight segments so hover and clicks work along the whole line.

    Plotly's geo hover knows points, not lines, and counts any point within 3 px as a direct hit;
    a tie goes to the trace drawn later, so a line drawn over an area wins only where one of its
    points is that close. 0.2 degrees puts one within 3 px at the default view up to 1920 px wide
    (about 23 px a degree there)."""
    lons, lats = [coords[0][0]], [coords[0][1]]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step_deg))
        for i in range(1, n + 1):
            lons.append(round(x0 + (x1 - x0) * i / n, 4))
            lats.append(round(y0 + (y1 - y0) * i / n, 4))
    return lons, lats


def tooltip(record: Record, state: MapState, status_text: str | None = None) -> str:
    """The record's hover text for the year (layers/_hover.py), carried as the trace's ``hover``."""
    from ._hover import hover_html   # _hover builds on this module's hover_name
    return hover_html(record, state, status_text)


def line_trace(record: Record, state: MapState, width_scale: float = 1.0) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    lons, lats = densify(_coordinates(record.geometry))
    name = hover_name(record, state.lang)
    # Hover and clicks work along the whole line through the densified points; no markers are
    # drawn on them (invisible markers cost a DOM node each on every redraw).
    return {
        "type": "scattergeo", "mode": "lines", "lon": lons, "lat": lats, "name": name,
        "hover": tooltip(record, state), "line": {"color": colour(record), "width": look["width"] * width_scale, "dash": look["dash"]},
        "opacity": look["opacity"], "visible": look["visible"],
        "showlegend": False, "meta": record_meta(record),
    }


def point_trace(record: Record, state: MapState, lonlats: list[tuple[float, float]], symbol: str,
                size: float = 14, colour_: str | None = None) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    uncertain = record.location_certainty in ("inferred", "approximate")
    name = hover_name(record, state.lang)
    fill = colour_ or colour(record)
    return {
        "type": "scattergeo", "mode": "markers", "lon": [p[0] for p in lonlats], "lat": [p[1] for p in lonlats],
        "name": name, "hover": tooltip(record, state),
        "marker": {"symbol": f"{symbol}-open" if uncertain else symbol, "size": size * (1.5 if uncertain else 1),
                   "color": fill, "line": {"width": 2.5, "color": fill if uncertain else "#FFFFFF"}},
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


@by_identity
def _coordinates(geometry) -> tuple[tuple[float, float], ...]:
    return tuple(tuple(c) for c in shapely.get_coordinates(geometry).tolist())


@by_identity
def _cached_rings(geometry) -> tuple[list, list]:
    return polygon_rings(geometry.simplify(0.02, preserve_topology=True))


def area_trace(record: Record, state: MapState, fill: str, line_colour: str) -> dict:
    stage = record.stage_at(state.day)
    look = style.line_look(record.kind, stage.status if stage else None, record.from_text, record.location_certainty)
    lons, lats = _cached_rings(record.geometry)
    name = hover_name(record, state.lang)
    return {
        "type": "scattergeo", "mode": "lines", "fill": "toself", "fillcolor": fill, "lon": lons, "lat": lats,
        "name": name, "hover": tooltip(record, state), "line": {"color": line_colour, "width": 2, "dash": look["dash"]},
        "opacity": look["opacity"], "visible": look["visible"],
        "showlegend": False, "meta": record_meta(record),
    }


def _lonlat(dataset: Dataset, place_id: str) -> tuple[float, float]:
    place = query.place(dataset, place_id)
    return place.lon, place.lat


def marker_point(record: Record, dataset: Dataset) -> list[tuple[float, float]]:
    """Where a point symbol for this record goes."""
    if record.geometry_form in ("point", "points"):
        return [_lonlat(dataset, p) for p in record.place_ids]
    if record.geometry_form == "path":
        if record.kind == "border_crossing":
            mid = record.place_ids[len(record.place_ids) // 2] if len(record.place_ids) > 2 else record.place_ids[0]
            return [_lonlat(dataset, mid)]
        last = record.place_ids[-1]
        return [_lonlat(dataset, last)]
    if record.geometry is not None:
        p = record.geometry.representative_point()
        return [(round(p.x, 4), round(p.y, 4))]
    return []


def escape_hover(text: str) -> str:
    """Text for a hover label, which Plotly reads as pseudo-HTML: dashboard.escape.plotly_text."""
    return plotly_text(text)


__all__ = ["MapState", "Layer", "visible_records", "line_trace", "point_trace", "area_trace", "marker_point",
           "status_label", "label", "colour", "record_meta", "hover_name", "escape_hover"]
