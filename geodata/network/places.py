"""Places and countries for routing: names in any language to ids, and countries as they were in a year.

A boundary between two Soviet republics before their independence was not an
international border; the polity records (kind ``polity``) say when each republic
was Soviet and when independent, so routes and reach take border delays and the
names of the countries crossed from them.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import functools
from types import MappingProxyType
from typing import Iterable, Mapping

from ..load import Dataset
from ..query import fold
from .graph import YEAR_MAX, YEAR_MIN, ByIdentity

SOVIET_STATUS = "soviet_republic"
SOVIET_SUFFIX = {"en": " (Soviet republic, USSR)", "ur": " (سوویت جمہوریہ، سوویت یونین)"}


class PlaceNotFound(ValueError):
    """A place the data does not know; the message lists close matches."""

    def __init__(self, query: str, suggestions: tuple[tuple[str, str], ...]):
        self.query = query
        self.suggestions = suggestions          # (place id, English name)
        if suggestions:
            hint = "did you mean " + ", ".join(f"{name} ({pid})" for pid, name in suggestions) + "?"
        else:
            hint = "no close match; place ids and names are in geodata/data/places.csv"
        super().__init__(f"unknown place {query!r}: {hint}")


@functools.lru_cache(maxsize=4)
def _place_index(key: ByIdentity) -> Mapping[str, str]:
    """Folded name -> place id, the best candidate for each spelling."""
    dataset = key.dataset
    countries = dataset.base["countries"].properties if "countries" in dataset.base else {}
    country_names = {fold(str(v)) for props in countries.values()
                     for k, v in props.items() if k.startswith("name_") and v}
    best: dict[str, tuple] = {}

    def offer(text: str, tier: int, order: int, pid: str, country: str) -> None:
        folded = fold(text)
        if not folded:
            return
        rank = (tier, country != "IRN", order, pid)
        if folded not in best or rank < best[folded]:
            best[folded] = rank

    for order, (pid, place) in enumerate(dataset.places.items()):
        offer(pid, 0, order, pid, place.country)
        for name in place.names.as_dict().values():
            offer(name, 1, order, pid, place.country)
            base, paren, rest = name.partition("(")
            if paren:
                offer(base, 2, order, pid, place.country)
                for alias in rest.rstrip(")").split(","):
                    if fold(alias) not in country_names:
                        offer(alias, 3, order, pid, place.country)
    return MappingProxyType({k: v[-1] for k, v in best.items()})


def resolve_place(dataset: Dataset, text: str) -> str:
    """The id of the place ``text`` names: an id, or a name in any language (case and accents ignored).

    A name with a parenthesis also answers to the part before it ("Sarakhs" is
    ``sarakhs-ir``, "Jolfa" is ``jolfa-ir``); where two places share a spelling the
    Iranian one wins.  Raises :class:`PlaceNotFound` listing close matches.
    """
    if not isinstance(text, str) or not text.strip():
        raise PlaceNotFound(text if isinstance(text, str) else repr(text), ())
    if text in dataset.places:
        return text
    index = _place_index(ByIdentity(dataset))
    folded = fold(text)
    if folded in index:
        return index[folded]
    close = difflib.get_close_matches(folded, list(index), n=8, cutoff=0.6) if folded else []
    suggestions = tuple(dict.fromkeys(index[c] for c in close))[:5]
    raise PlaceNotFound(text.strip(), tuple((pid, dataset.places[pid].names.en) for pid in suggestions))


def check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"the year must be a whole number, got {year!r}")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}")
    return year


@functools.lru_cache(maxsize=4)
def _known_countries(key: ByIdentity) -> frozenset[str]:
    dataset = key.dataset
    known = set(dataset.base["countries"].shapes) if "countries" in dataset.base else set()
    return frozenset(known | {p.country for p in dataset.places.values()})


def check_countries(dataset: Dataset, countries: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(countries, str):
        countries = [c for c in (p.strip() for p in countries.split(",")) if c]
    countries = tuple(dict.fromkeys(c.upper() for c in countries))
    if not countries:
        return countries
    known = _known_countries(ByIdentity(dataset))
    unknown = [c for c in countries if c not in known]
    if unknown:
        raise ValueError(f"unknown country code(s) {', '.join(map(repr, unknown))}; use ISO3 codes such as "
                         f"{', '.join(sorted({p.country for p in dataset.places.values()})[:6])}")
    return countries


# --------------------------------------------------------------------------- countries in a year

@functools.lru_cache(maxsize=4)
def _polities(key: ByIdentity) -> Mapping[str, object]:
    """ISO3 -> the polity record that dates its Soviet and independent stages."""
    out = {}
    for record in key.dataset.records:
        if record.kind == "polity":
            for ref in record.area_refs:
                layer, _, iso = ref.partition(":")
                if layer == "countries":
                    out[iso] = record
    return MappingProxyType(out)


def soviet_on(dataset: Dataset, iso: str, day: _dt.date) -> bool:
    record = _polities(ByIdentity(dataset)).get(iso)
    stage = record.stage_at(day) if record is not None else None
    return stage is not None and stage.status == SOVIET_STATUS


def boundary_kind(dataset: Dataset, a: str, b: str, day: _dt.date) -> str | None:
    """None inside one country; "republic" between two Soviet republics of the day; else "international"."""
    if a == b:
        return None
    if soviet_on(dataset, a, day) and soviet_on(dataset, b, day):
        return "republic"
    return "international"


def country_name(dataset: Dataset, iso: str, lang: str = "en") -> str:
    props = dataset.base["countries"].properties.get(iso, {}) if "countries" in dataset.base else {}
    return props.get(f"name_{lang}") or props.get("name_en") or iso


def country_name_in(dataset: Dataset, iso: str, day: _dt.date, lang: str = "en") -> str:
    """The country's name as it stood on ``day``: a Soviet republic is named as one."""
    name = country_name(dataset, iso, lang)
    return name + SOVIET_SUFFIX.get(lang, SOVIET_SUFFIX["en"]) if soviet_on(dataset, iso, day) else name


def place_name(dataset: Dataset, pid: str, lang: str = "en") -> str:
    place = dataset.places.get(pid)
    return place.names.get(lang) if place else pid
