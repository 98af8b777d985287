"""Rail lines: each rail_line record styled by its status in the chosen year (planned dashed,
building dotted, running solid), drawn on its real alignment where Natural Earth's railroads
cover it (geodata/dated: railways.geojson) and station to station elsewhere; the hover says which.
Natural Earth has no dates: an alignment is drawn in its record's years only."""
from __future__ import annotations

import functools

from shapely.geometry import LineString, MultiLineString

from geodata.dated.layers import load_layer

from . import _legend
from .. import style
from ..i18n import t
from ._base import Layer, MapState, by_identity, densify, line_trace, visible_records

SCHEMATIC = "schematic"


@functools.lru_cache(maxsize=1)
def alignments() -> dict[str, object]:
    """Each rail record's alignment feature (properties and geometry), by record id."""
    return {f.props["record"]: f for f in load_layer("railways")}


def alignment_note(legs, lang: str) -> str:
    """Whether the line is drawn on its alignment, schematic, or both (from its legs)."""
    kinds = {leg["alignment"] == SCHEMATIC for leg in legs}
    key = "rail_partly" if len(kinds) > 1 else "rail_schematic" if kinds == {True} else "rail_aligned"
    return t(key, lang)


@by_identity
def _drawn_lines(geom) -> tuple[list, list]:
    """The alignment simplified for drawing, its parts apart, long straight legs densified for hover."""
    parts = list(geom.geoms) if isinstance(geom, MultiLineString) else [geom] if isinstance(geom, LineString) else []
    lons, lats = [], []
    for part in parts:
        coords = tuple((round(x, 3), round(y, 3)) for x, y in part.simplify(0.01).coords)
        xs, ys = densify(coords)
        if lons:
            lons.append(None)
            lats.append(None)
        lons += xs
        lats += ys
    return lons, lats


def rail_trace(record, state: MapState) -> dict:
    trace = line_trace(record, state)
    drawn = alignments().get(record.id)
    if drawn is None:
        return {**trace, "name": f"{trace['name']} — {t('rail_schematic', state.lang)}"}
    lons, lats = _drawn_lines(drawn.geometry)
    return {**trace, "lon": lons, "lat": lats,
            "name": f"{trace['name']} — {alignment_note(drawn.props['legs'], state.lang)}"}


def drawn_location(record, lang: str) -> tuple[str, str, tuple[str, ...]] | None:
    """A line with a leg on its real alignment is drawn there, not on the record's station path
    (whose certainty and note say "schematic"): the details panel says so, with the source."""
    drawn = alignments().get(record.id)
    legs = drawn.props["legs"] if drawn is not None else []
    if all(leg["alignment"] == SCHEMATIC for leg in legs):
        return None
    return "approximate", alignment_note(legs, lang), tuple(s["citation"] for s in drawn.props.get("sources", []))


def traces(dataset, state: MapState) -> list[dict]:
    return [rail_trace(r, state) for r in visible_records(dataset, state, ("rail_line",))]


LAYER = Layer("rail", "layer_rail", True, traces, legend=(_legend.line(style.KIND_COLOUR["rail_line"], "layer_rail"), *_legend.STATUS_PATTERNS), kinds=("rail_line",),
              drawn_location=drawn_location)
