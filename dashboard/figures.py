"""Pure figure functions: ``(dataset, state) -> figure dict``, testable without a browser."""
from __future__ import annotations

import functools
import json

from shapely.geometry import MultiPolygon, mapping, shape
from shapely.geometry.polygon import orient

from geodata import query
from geodata.load import Dataset

from . import explore, style
from .i18n import t
from .layers import MapState
from .render import materialise, render_model, span_for_year
from .render_union import browser_union, cached_union, union_trace

COUNTRIES_URL = "/geodata/plotly/countries.geojson"
SEAS_URL = "/geodata/plotly/seas.geojson"
DEFAULT_CENTER = {"lon": 58.0, "lat": 39.0}
DEFAULT_SCALE = 1.3
LON_RANGE = [26.0, 94.0]
LAT_RANGE = [14.0, 58.0]
# What the map keeps in view however narrow its box (a phone held upright): Tbilisi to Almaty. The
# browser fits the ranges to the box (assets/present.js), narrowing them no further than
# core_lon_range(): the frame in which this is in view at the default centre and zoom.
CORE_LON_RANGE = (43.5, 77.5)


@functools.lru_cache(maxsize=8)
def clockwise_geojson(text: str) -> str:
    """The layer with exterior rings clockwise, as d3-geo (inside Plotly's geo) wants them.

    RFC 7946 files wind the other way; drawn as they are, each country fills the
    whole globe except itself.
    """
    data = json.loads(text)
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        feature["geometry"] = mapping(MultiPolygon([orient(p, sign=-1.0) for p in parts]))
    return json.dumps(data, separators=(",", ":"))


def base_traces(dataset: Dataset, state: MapState, inline_geojson: bool) -> list[dict]:
    countries = query.base_layer(dataset, "countries")
    seas = query.base_layer(dataset, "seas")
    c_geo = json.loads(clockwise_geojson(countries.geojson_text)) if inline_geojson else COUNTRIES_URL
    s_geo = json.loads(clockwise_geojson(seas.geojson_text)) if inline_geojson else SEAS_URL
    c_ids = sorted(countries.shapes)
    s_ids = sorted(seas.shapes)
    name = f"name_{state.lang}"
    return [
        {"type": "choropleth", "geojson": c_geo, "featureidkey": "properties.id", "locations": c_ids,
         "z": [0] * len(c_ids), "colorscale": [[0, style.POLITY_FILL["none"]], [1, style.POLITY_FILL["none"]]],
         "showscale": False, "marker": {"line": {"color": style.BORDER_COLOUR, "width": 0.8}},
         "text": [countries.properties[i].get(name) or countries.properties[i].get("name_en") or i for i in c_ids],
         "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "meta": {"role": "countries"}},
        {"type": "choropleth", "geojson": s_geo, "featureidkey": "properties.id", "locations": s_ids,
         "z": [0] * len(s_ids), "colorscale": [[0, style.SEA_FILL], [1, style.SEA_FILL]], "showscale": False,
         "marker": {"line": {"color": style.SEA_FILL, "width": 0.5}},
         "text": [seas.properties[i].get(name) or i for i in s_ids], "hovertemplate": "%{text}<extra></extra>",
         "showlegend": False, "meta": {"role": "seas"}},
    ]


def highlight_traces(dataset: Dataset, state: MapState) -> list[dict]:
    """A wide yellow casing under the chosen feature."""
    fid = state.feature
    if not fid:
        return []
    record, place = query.record(dataset, fid), query.place(dataset, fid)
    if record is not None and record.geometry is not None:
        import shapely
        geom = record.geometry
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            geom = geom.boundary
        lons, lats = [], []
        parts = list(getattr(geom, "geoms", [geom]))
        for part in parts:
            xs = shapely.get_coordinates(part)
            if lons:
                lons.append(None); lats.append(None)
            lons += [round(x, 3) for x in xs[:, 0]]
            lats += [round(y, 3) for y in xs[:, 1]]
        mode = "markers" if geom.geom_type in ("Point", "MultiPoint") else "lines"
    elif place is not None:
        lons, lats, mode = [place.lon], [place.lat], "markers"
    else:
        return []
    return [{"type": "scattergeo", "mode": mode, "lon": lons, "lat": lats, "hoverinfo": "skip",
             "line": {"color": style.ROUTE_COLOUR, "width": 14}, "opacity": 0.8,
             "marker": {"size": 30, "color": style.ROUTE_COLOUR, "opacity": 0.8},
             "showlegend": False, "meta": {"role": "highlight", "rid": fid}}]


def feature_center(dataset: Dataset, fid: str | None) -> dict | None:
    if not fid:
        return None
    record = query.record(dataset, fid)
    if record is not None and record.geometry is not None:
        c = record.geometry.centroid
        return {"lon": round(c.x, 3), "lat": round(c.y, 3)}
    place = query.place(dataset, fid)
    if place is not None:
        return {"lon": place.lon, "lat": place.lat}
    return None


def core_lon_range() -> list[float]:
    """The narrowest longitude range of the frame that shows CORE_LON_RANGE at the default view
    (the frame is zoomed DEFAULT_SCALE times about DEFAULT_CENTER)."""
    centre = DEFAULT_CENTER["lon"]
    half = max(centre - CORE_LON_RANGE[0], CORE_LON_RANGE[1] - centre) * DEFAULT_SCALE
    return [round(centre - half, 3), round(centre + half, 3)]


def build_map_figure(dataset: Dataset, state: MapState, view=None, route_traces: list[dict] | None = None,
                     inline_geojson: bool = False, height: int | None = None, union: bool = False) -> dict:
    """The whole map for one state, with every other year's drawing in ``layout.meta.render``
    (dashboard/render.py): the browser draws another year from it without the server.
    ``view`` is a urlstate.View or None (the default view). With ``union``, ``data`` is every
    span's drawing at once (dashboard/render_union.py) and the browser shows the year's part of it;
    without, ``data`` is the year's traces (for a page that draws one year: handouts, images)."""
    before = [{**tr, "meta": {**tr["meta"], "slot": "base"}}
              for tr in base_traces(dataset, state, inline_geojson) + highlight_traces(dataset, state)]
    after = [{**tr, "meta": {**tr.get("meta", {}), "slot": "routes"}} for tr in route_traces or []]
    model = render_model(dataset, state, before, after)
    span = span_for_year(model, state.year)
    data, model = _drawing(model, span, union)
    if inline_geojson:
        data = [_inline(tr, dataset) for tr in data]
    geo = {
        "projection": {"type": "mercator", "scale": DEFAULT_SCALE}, "lonaxis": {"range": LON_RANGE},
        "lataxis": {"range": LAT_RANGE}, "center": dict(DEFAULT_CENTER),
        "showland": False, "showocean": False, "showlakes": False, "showrivers": False, "showcountries": False,
        "showcoastlines": False, "showframe": False, "showsubunits": False, "bgcolor": style.OCEAN_BG,
        "visible": False,
    }
    revision = "default"
    if view is not None:
        geo["center"] = {"lon": view.lon, "lat": view.lat}
        geo["projection"]["scale"] = view.scale
        revision = f"view:{view.lon},{view.lat},{view.scale}"
    elif state.feature:
        centre = feature_center(dataset, state.feature)
        if centre:
            geo["center"] = centre
            geo["projection"]["scale"] = 2.2
            revision = f"feature:{state.feature}"
    layout = {
        "geo": geo, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "paper_bgcolor": style.OCEAN_BG,
        "font": {"family": style.LABEL_FONT[state.lang], "size": 14}, "dragmode": "pan",
        "hoverlabel": {"font": {"family": style.LABEL_FONT[state.lang], "size": 16}},
        "uirevision": revision, "showlegend": False, "annotations": [explore.year_readout(state.year, state.lang),
                                                     explore.map_caption(span.get("caption", ""), state.lang)],
        "meta": {"lang": state.lang, "title": t("title", state.lang), "render": model, "core_lon": core_lon_range(),
                 "drawn": model["spans"].index(span),   # the span ``data`` draws
                 **explore.readout_meta(model, state.lang)},
    }
    if height:
        layout["height"] = height
    return {"data": data, "layout": layout}


def _drawing(model: dict, span: dict, union: bool) -> tuple[list[dict], dict]:
    """The figure's traces, and the model the browser gets with them: the span's traces, or every
    span's drawing at once and each span's part of it (when the spans' orders allow a union)."""
    merged = cached_union(model) if union else None
    if merged is None:
        return [materialise(model, i) for i in span["traces"]], model
    return [union_trace(model, merged, k) for k in range(len(merged["families"]))], {**model, "union": browser_union(merged)}


def _inline(trace: dict, dataset: Dataset) -> dict:
    if trace.get("type") == "choropleth" and isinstance(trace.get("geojson"), str):
        name = trace["geojson"].rsplit("/", 1)[-1].split(".")[0]
        return {**trace, "geojson": json.loads(clockwise_geojson(query.base_layer(dataset, name).geojson_text))}
    return trace
