"""Linked Places Format (LPF): the dataset as the historical-gazetteer world exchanges it.

LPF (https://github.com/LinkedPasts/linked-places-format) is GeoJSON with time and citations: the
World Historical Gazetteer, Peripleo and Recogito read it.  Every record and every place becomes one
Feature with

- ``names``: each language's name, citing the passage of the text that names it;
- ``types``: the kind of record, then one entry per stage of its status history, each with its own
  ``when`` (a timespan at the precision the text gives), ``certainty`` and ``citations`` (the text's
  passages, or the outside source the stage rests on);
- ``when``: the timespans of all its stages, with the least certain of their certainties;
- ``geometry`` with the certainty of its location, and ``descriptions``: the English gloss, the
  Urdu quote and every note (discrepancies, inferred locations).

The export is checked against the World Historical Gazetteer's published JSON Schema in
tests/test_lpf.py (the schema is vendored in tests/vendor/lpf/ with its provenance).
"""
from __future__ import annotations

import re
from typing import Iterable

from shapely.geometry import mapping

from .load import Dataset
from .model import ContextRef, Place, Record, SourceRef, Stage
from .schema import KINDS

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
ID_PREFIX = "icamap"   # LPF wants a URI or a prefixed term; the prefix is declared in the collection's metadata
TEXT_LABEL = "Urdu chapter on Iran and the post-Soviet states"
COVERED = ("1918", "1996")   # the years the text narrates, for places no record dates

# LPF has three grades of certainty; ours has four for dates and four for locations.
DATE_CERTAINTY = {"certain": "certain", "approximate": "less-certain", "inferred": "uncertain",
                  "disputed": "uncertain"}
LOCATION_CERTAINTY = {"exact": "certain", "approximate": "less-certain", "schematic": "less-certain",
                      "inferred": "uncertain"}
CERTAINTY_ORDER = ("certain", "less-certain", "uncertain")
# GeoNames feature classes, which LPF uses: A areas, L other areas, P populated places, R routes, S spots.
KIND_FCLASS = {"rail_line": "R", "sea_link": "R", "corridor": "R", "border_crossing": "S", "zone": "L",
               "province": "A", "polity": "A", "event": "S", "episode": "S"}
PLACE_FCLASS = "P"   # every place in places.csv is a town, city, port or junction
ISO2 = {"AFG": "AF", "ARM": "AM", "AZE": "AZ", "CHN": "CN", "GEO": "GE", "IRN": "IR", "IRQ": "IQ",
        "KAZ": "KZ", "KGZ": "KG", "KWT": "KW", "PAK": "PK", "RUS": "RU", "TJK": "TJ", "TKM": "TM",
        "UKR": "UA", "UZB": "UZ"}
_URL = re.compile(r"^(https?://)(www\.)?[a-zA-Z0-9\-.]{2,256}\.[a-z]{2,63}(:[0-9]{1,5})?(/.*)?$")


def one_line(text: str) -> str:
    """LPF's strings are single lines: fold every run of white space (newlines too) to one space."""
    return " ".join(str(text).split())


def lpf_id(local_id: str) -> str:
    return f"{ID_PREFIX}:{local_id}"


def text_citation(ref: SourceRef) -> dict:
    where = f"block {ref.block}" + (f", footnote {ref.footnote}" if ref.footnote else "")
    return {"label": one_line(f"{TEXT_LABEL}, {where}: “{ref.quote}” ({ref.gloss})")}


def context_citation(ref: ContextRef) -> dict:
    cite = {"label": one_line(f"{ref.citation}: {ref.claim}")}
    if ref.url and _URL.match(ref.url):
        cite["@id"] = ref.url
    return cite


def timespan(start: str | None, end: str | None) -> dict:
    """An LPF timespan; a date at the precision given ("1996", "1996-05", "1996-05-12"); no end = still so."""
    span = {}
    if start:
        span["start"] = {"in": start}
    if end:
        span["end"] = {"in": end}
    return span


def least_certain(values: Iterable[str]) -> str:
    return max(values, key=CERTAINTY_ORDER.index, default="uncertain")


def _stage_citations(record: Record, stage: Stage) -> list[dict]:
    if stage.basis == "text":
        return [text_citation(s) for s in record.sources]
    return [context_citation(c) for c in record.context if c.id == stage.basis]


def _stage_type(record: Record, stage: Stage) -> dict:
    status = stage.status.replace("_", " ")
    when = {"timespans": [timespan(stage.start and stage.start.iso(), stage.end and stage.end.iso())],
            "certainty": DATE_CERTAINTY[stage.certainty],
            "label": one_line(f"{status}; dates {stage.certainty}" + (f": {stage.note}" if stage.note else ""))}
    return {"label": f"{KINDS[record.kind].label_en}: {status}", "when": when,
            "citations": _stage_citations(record, stage)}


def _names(names: dict, citations: list[dict]) -> list[dict]:
    return [{"toponym": one_line(name), "lang": lang, "citations": citations} for lang, name in names.items()]


def _geometry(geometry, certainty: str, citations: list[dict]) -> dict | None:
    if geometry is None:
        return None
    geo = _rounded(mapping(geometry))
    geo["certainty"] = certainty
    if citations:
        geo["citations"] = citations
    return geo


def _rounded(geo: dict) -> dict:
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            return [round(float(v), 5) for v in c]
        return [walk(x) for x in c]
    if geo["type"] == "GeometryCollection":
        return {"type": geo["type"], "geometries": [_rounded(g) for g in geo["geometries"]]}
    return {"type": geo["type"], "coordinates": walk(geo["coordinates"])}


def _descriptions(record: Record) -> list[dict]:
    out = [{"value": one_line(s.gloss), "lang": "en"} for s in record.sources]
    out += [{"value": one_line(s.quote), "lang": "ur"} for s in record.sources]
    if record.location_note:
        out.append({"value": one_line(f"Location ({record.location_certainty}): {record.location_note}"),
                    "lang": "en"})
    out += [{"value": one_line(f"{n.kind.replace('_', ' ')}: {n.text}"), "lang": "en"} for n in record.notes]
    if not record.from_text:
        out.append({"value": "Context from outside the text, not the text's own claim.", "lang": "en"})
    return out


def record_feature(record: Record) -> dict:
    text_cites = [text_citation(s) for s in record.sources]
    cites = text_cites or [context_citation(c) for c in record.context]
    spans = [timespan(s.start and s.start.iso(), s.end and s.end.iso()) for s in record.stages]
    return {
        "@id": lpf_id(record.id),
        "type": "Feature",
        "properties": {"title": one_line(record.names.en), "fclasses": [KIND_FCLASS[record.kind]]},
        "names": _names(record.names.as_dict(), cites),
        "types": [{"label": KINDS[record.kind].label_en}] + [_stage_type(record, s) for s in record.stages],
        "when": {"timespans": spans, "certainty": least_certain(DATE_CERTAINTY[s.certainty] for s in record.stages)},
        "geometry": _geometry(record.geometry, LOCATION_CERTAINTY[record.location_certainty], []),
        "descriptions": _descriptions(record),
    }


def attested_span(dataset: Dataset, place_id: str) -> tuple[str | None, str | None] | None:
    """First and last date of the stages of the records that name or pass through the place."""
    stages = [s for r in dataset.records if place_id in r.all_places() for s in r.stages]
    if not stages:
        return None
    starts = [s.start for s in stages if s.start]
    ends = [s.end for s in stages]
    first = min(starts).iso() if starts else None
    last = None if any(e is None for e in ends) else max(ends).iso()
    return first, last


def place_feature(dataset: Dataset, place: Place) -> dict:
    cites = [text_citation(place.source)] if place.source else []
    span = attested_span(dataset, place.id)
    when = ({"timespans": [timespan(*span)],
             "label": "years of the records that name the place or run through it, not the place's own history"}
            if span else {"timespans": [timespan(*COVERED)], "label": "the years the text covers"})
    feature = {
        "@id": lpf_id(place.id),
        "type": "Feature",
        "properties": {"title": one_line(place.names.en), "fclasses": [PLACE_FCLASS]},
        "names": _names(place.names.as_dict(), cites or [{"label": one_line(place.coord_source)}]),
        "types": [{"label": place.place_type}],
        "when": when,
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)],
                     "certainty": LOCATION_CERTAINTY[place.location_certainty],
                     "citations": [{"label": one_line(place.coord_source)}]},
        "descriptions": [{"value": one_line(place.note), "lang": "en"}] if place.note else [],
    }
    if place.country in ISO2:
        feature["properties"]["ccodes"] = [ISO2[place.country]]
    return feature


def lpf_collection(dataset: Dataset, records: Iterable[Record] | None = None,
                   places: Iterable[Place] | None = None, extra: Iterable[dict] = ()) -> dict:
    """An LPF FeatureCollection: the given records and places (default: all), then ``extra`` features."""
    records = sorted(dataset.records if records is None else records, key=lambda r: r.id)
    places = sorted(dataset.places.values() if places is None else places, key=lambda p: p.id)
    features = [place_feature(dataset, p) for p in places] + [record_feature(r) for r in records]
    return {"type": "FeatureCollection", "@context": LPF_CONTEXT,
            "metadata": {"id_prefix": {ID_PREFIX: "this map's record and place ids (geodata/data)"},
                         "source_sha256": dataset.source.sha256},
            "features": features + list(extra)}
