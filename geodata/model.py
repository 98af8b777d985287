"""The record model: frozen dataclasses, built only by :mod:`geodata.load`.

Everything here is immutable (tuples, frozen dataclasses, read-only mappings) so
that the data loaded once at start-up can be shared by every request and every
worker without anyone changing it under another.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from shapely.geometry.base import BaseGeometry

from .dates import PartialDate


@dataclass(frozen=True)
class Names:
    en: str
    ur: str
    fa: str | None = None
    ru: str | None = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en

    def as_dict(self) -> dict:
        return {k: v for k, v in (("en", self.en), ("ur", self.ur), ("fa", self.fa), ("ru", self.ru)) if v}


@dataclass(frozen=True)
class SourceRef:
    """A passage of the source text, quoted verbatim."""
    block: int
    quote: str
    gloss: str
    footnote: int | None = None          # the footnote number as read
    footnote_printed: str | None = None  # the marker as the OCR printed it, e.g. "۲۳" read as 44

    def as_dict(self) -> dict:
        return {"block": self.block, "footnote": self.footnote, "footnote_printed": self.footnote_printed,
                "quote": self.quote, "gloss": self.gloss}


@dataclass(frozen=True)
class ContextRef:
    """A citation for a fact from outside the text."""
    id: str
    citation: str
    claim: str
    url: str | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "citation": self.citation, "claim": self.claim, "url": self.url}


@dataclass(frozen=True)
class Note:
    kind: str  # "date_discrepancy", "inferred_location", "ocr_reading", "inferred_date", "context", ...
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Stage:
    status: str
    start: PartialDate | None
    end: PartialDate | None        # inclusive: the last period known in this status; None = still so
    certainty: str
    basis: str = "text"            # "text" or the id of one of the record's context citations
    note: str | None = None

    def covers(self, day: _dt.date) -> bool:
        if self.start is not None and day < self.start.first_day():
            return False
        return self.end is None or day < self.end.day_after()

    def overlaps(self, first: _dt.date, after: _dt.date) -> bool:
        """True if the stage shares any day with [first, after)."""
        begins = self.start.first_day() if self.start else _dt.date.min
        ends = self.end.day_after() if self.end else _dt.date.max
        return begins < after and first < ends

    def as_dict(self) -> dict:
        return {"status": self.status, "start": self.start.iso() if self.start else None,
                "end": self.end.iso() if self.end else None,
                "start_precision": self.start.precision if self.start else None,
                "end_precision": self.end.precision if self.end else None,
                "certainty": self.certainty, "basis": self.basis, "note": self.note}


@dataclass(frozen=True)
class Place:
    id: str
    names: Names
    country: str
    lon: float
    lat: float
    place_type: str
    location_certainty: str
    coord_source: str
    note: str | None = None
    source: SourceRef | None = None   # where the text names it, if it does

    @property
    def from_text(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    names: Names
    geometry_form: str
    place_ids: tuple[str, ...]          # places the geometry runs through, in order
    area_refs: tuple[str, ...]          # "countries:TKM", "provinces:khorasan"
    geometry: BaseGeometry | None       # resolved, lon/lat
    stages: tuple[Stage, ...]
    sources: tuple[SourceRef, ...]
    context: tuple[ContextRef, ...]
    from_text: bool
    location_certainty: str
    location_note: str | None
    notes: tuple[Note, ...]
    type: str | None = None             # event type
    related_places: tuple[str, ...] = ()
    attributes: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    file: str = ""

    @property
    def mode(self) -> str | None:
        from .schema import KINDS
        return KINDS[self.kind].mode

    def stage_at(self, day: _dt.date) -> Stage | None:
        """The stage in force on ``day``; where imprecise dates overlap, the later stage wins."""
        found = None
        for stage in self.stages:
            if stage.covers(day):
                found = stage
        return found

    def all_places(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.place_ids + self.related_places)
        return tuple(seen)
