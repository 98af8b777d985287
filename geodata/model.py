"""The record model: frozen dataclasses, built only by :mod:`geodata.load`.

Everything here is immutable (tuples, frozen dataclasses, read-only mappings) so
that the data loaded once at start-up can be shared by every request and every
worker without anyone changing it under another.

Human-readable texts are language maps (:class:`~geodata.langtext.LangText`); the
plain-string properties (``gloss``, ``note``, ``text``, ``claim``) give the English
text that the panels show today.  Names and geometries may change over time:
``name_at(day)`` and ``geometry_at(day)`` answer for a day, falling back to the
record's undated ``names`` and ``geometry``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from shapely.geometry.base import BaseGeometry

from .dates import PartialDate
from .langtext import LangText

Names = LangText   # a name in each language: names.en, names.ur, names.in_lang(lang)


def _en(text: LangText | None) -> str | None:
    return text.in_lang("en") if text else None


@dataclass(frozen=True)
class SourceRef:
    """A passage of a source text, quoted verbatim."""
    block: int
    quote: str
    glosses: LangText                    # the passage's meaning, per language (English always)
    footnote: int | None = None          # the footnote number as read
    footnote_printed: str | None = None  # the marker as the OCR printed it, e.g. "۲۳" read as 44
    text_id: str = ""                    # which source text (see sources.json); "" before resolving

    @property
    def gloss(self) -> str:
        return self.glosses.in_lang("en")

    def as_dict(self) -> dict:
        return {"text_id": self.text_id, "block": self.block, "footnote": self.footnote,
                "footnote_printed": self.footnote_printed, "quote": self.quote, "gloss": self.gloss}


@dataclass(frozen=True)
class ContextRef:
    """A citation for a fact from outside the text."""
    id: str
    citation: str
    claims: LangText
    url: str | None = None

    @property
    def claim(self) -> str:
        return self.claims.in_lang("en")

    def as_dict(self) -> dict:
        return {"id": self.id, "citation": self.citation, "claim": self.claim, "url": self.url}


@dataclass(frozen=True)
class Note:
    kind: str  # "date_discrepancy", "inferred_location", "ocr_reading", "inferred_date", "context", ...
    texts: LangText

    @property
    def text(self) -> str:
        return self.texts.in_lang("en")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Period:
    """[start, end] of partial dates, both inclusive; None start = since before the map, None end = still."""
    start: PartialDate | None
    end: PartialDate | None

    def covers(self, day: _dt.date) -> bool:
        if self.start is not None and day < self.start.first_day():
            return False
        return self.end is None or day < self.end.day_after()

    def overlaps(self, first: _dt.date, after: _dt.date) -> bool:
        """True if the period shares any day with [first, after)."""
        begins = self.start.first_day() if self.start else _dt.date.min
        ends = self.end.day_after() if self.end else _dt.date.max
        return begins < after and first < ends


@dataclass(frozen=True)
class Stage(Period):
    status: str = ""
    certainty: str = "certain"
    basis: str = "text"            # "text" or the id of one of the record's context citations
    note_text: LangText | None = None

    @property
    def note(self) -> str | None:
        return _en(self.note_text)

    def as_dict(self) -> dict:
        return {"status": self.status, "start": self.start.iso() if self.start else None,
                "end": self.end.iso() if self.end else None,
                "start_precision": self.start.precision if self.start else None,
                "end_precision": self.end.precision if self.end else None,
                "certainty": self.certainty, "basis": self.basis, "note": self.note}


@dataclass(frozen=True)
class Dated(Period):
    """A value that holds for a period, with its own citation (a passage or an outside source)."""
    certainty: str = "certain"
    source: SourceRef | None = None
    context: ContextRef | None = None
    note_text: LangText | None = None

    @property
    def note(self) -> str | None:
        return _en(self.note_text)


@dataclass(frozen=True)
class DatedName(Dated):
    names: Names = field(default_factory=LangText)


@dataclass(frozen=True)
class DatedGeometry(Dated):
    form: str = "none"
    place_ids: tuple[str, ...] = ()
    area_refs: tuple[str, ...] = ()
    geometry: BaseGeometry | None = None


def _in_force(entries: tuple[Dated, ...], day: _dt.date) -> Dated | None:
    for entry in entries:
        if entry.covers(day):
            return entry
    return None


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
    note_text: LangText | None = None
    source: SourceRef | None = None   # where the text names it, if it does
    dated_names: tuple[DatedName, ...] = ()

    @property
    def from_text(self) -> bool:
        return self.source is not None

    @property
    def note(self) -> str | None:
        return _en(self.note_text)

    def name_at(self, day: _dt.date) -> Names:
        """The place's names on ``day``: a dated name in force then, else its undated names."""
        entry = _in_force(self.dated_names, day)
        return entry.names if entry else self.names


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    names: Names
    geometry_form: str
    place_ids: tuple[str, ...]          # places the geometry runs through, in order
    area_refs: tuple[str, ...]          # "countries:TKM", "provinces:khorasan"
    geometry: BaseGeometry | None       # resolved, lon/lat: the undated geometry
    stages: tuple[Stage, ...]
    sources: tuple[SourceRef, ...]
    context: tuple[ContextRef, ...]
    from_text: bool
    location_certainty: str
    location_notes: LangText | None
    notes: tuple[Note, ...]
    type: str | None = None             # event type
    related_places: tuple[str, ...] = ()
    attributes: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    file: str = ""
    dated_names: tuple[DatedName, ...] = ()
    dated_geometries: tuple[DatedGeometry, ...] = ()

    @property
    def mode(self) -> str | None:
        from .schema import KINDS
        return KINDS[self.kind].mode

    @property
    def location_note(self) -> str | None:
        return _en(self.location_notes)

    def stage_at(self, day: _dt.date) -> Stage | None:
        """The stage in force on ``day``; where imprecise dates overlap, the later stage wins."""
        found = None
        for stage in self.stages:
            if stage.covers(day):
                found = stage
        return found

    def name_at(self, day: _dt.date) -> Names:
        """The record's names on ``day``: a dated name in force then, else its undated names."""
        entry = _in_force(self.dated_names, day)
        return entry.names if entry else self.names

    def geometry_entry_at(self, day: _dt.date) -> DatedGeometry | None:
        return _in_force(self.dated_geometries, day)

    def geometry_at(self, day: _dt.date) -> BaseGeometry | None:
        """The record's shape on ``day``: a dated geometry in force then, else the undated one."""
        entry = self.geometry_entry_at(day)
        return entry.geometry if entry else self.geometry

    def all_places(self) -> tuple[str, ...]:
        dated = tuple(p for g in self.dated_geometries for p in g.place_ids)
        seen = dict.fromkeys(self.place_ids + dated + self.related_places)
        return tuple(seen)
