"""The data files' format as pydantic models, and the JSON Schema generated from them.

Why pydantic (v2) rather than msgspec: pydantic reports *every* error of a record in
one pass, each with its location (``stages[1].start``), which the validator turns
into "file: record: field: message"; msgspec stops at the first error.  Both can emit
JSON Schema, but pydantic's carries the constraints (patterns, enums, required
languages, ``additionalProperties: false``) that let an editor such as VS Code
complete a record and flag a misspelt field as it is typed.  Speed does not matter
here: the data is read once at start-up.

These models check each file on its own.  What needs more than one file (quotes
verbatim in their block, places known, stage order, dated periods) is checked in
:mod:`geodata.records`, :mod:`geodata.refs` and :mod:`geodata.periods`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from . import schema
from .dates import DateError, PartialDate

SCHEMA_DIR = Path(__file__).parent / "data" / "schema"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Lang = Literal[schema.LANGUAGES]


def _date(text: str) -> str:
    try:
        PartialDate.parse(text)
    except DateError as exc:
        raise ValueError(str(exc)) from None
    return text


Date = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"), AfterValidator(_date)]


def _needs(langs: tuple[str, ...]):
    def check(value: dict) -> dict:
        missing = [lang for lang in langs if lang not in value]
        if missing:
            raise ValueError(f"needs text in {', '.join(missing)} (has {', '.join(value) or 'none'})")
        return value
    return AfterValidator(check)


# A language map: {"en": "...", "ur": "..."}; the keys are the registered languages.
Names = Annotated[dict[Lang, Text], _needs(schema.REQUIRED_LANGUAGES),
                  Field(json_schema_extra={"required": list(schema.REQUIRED_LANGUAGES)})]
Explained = Annotated[dict[Lang, Text], _needs(schema.EXPLAINED_IN),
                      Field(json_schema_extra={"required": list(schema.EXPLAINED_IN)})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceRefM(Strict):
    """A passage quoted verbatim from a source text."""
    text_id: Id | None = Field(None, description="the source text (sources.json); the first one if omitted")
    block: int = Field(ge=1, description="the block (paragraph) the quote starts in, numbered from 1")
    quote: Text = Field(description="the passage, verbatim as the source prints it")
    gloss: Explained = Field(description="what the passage says, per language")
    footnote: int | None = Field(None, ge=1)
    footnote_printed: Text | None = None


class ContextRefM(Strict):
    """A citation for a fact from outside the text."""
    id: Text
    citation: Text
    claim: Explained
    url: Text | None = None


class NoteM(Strict):
    kind: Text
    text: Explained


class StageM(Strict):
    status: Literal[tuple(dict.fromkeys(s for k in schema.KINDS.values() for s in k.statuses))]
    start: Date | None = None
    end: Date | None = None
    certainty: Literal[schema.CERTAINTIES]
    basis: Text = "text"
    note: Explained | None = None


class BufferM(Strict):
    place: Id
    km: float = Field(gt=0, le=500)


class GeometryM(Strict):
    """Exactly one of: a point, points, a path (place ids), an area (base-layer features), a buffer, none."""
    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})
    point: Id | None = None
    points: list[Id] | None = Field(None, min_length=1)
    path: list[Id] | None = Field(None, min_length=2)
    area: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+:[A-Za-z0-9_-]+$")]] | None = Field(None, min_length=1)
    buffer: BufferM | None = None
    none: Literal[True] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "GeometryM":
        given = [name for name in schema.GEOMETRY_FORMS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"must hold exactly one of {', '.join(schema.GEOMETRY_FORMS)}")
        return self

    @property
    def form(self) -> str:
        return next(name for name in schema.GEOMETRY_FORMS if getattr(self, name) is not None)


class DatedM(Strict):
    start: Date | None = Field(None, description="first period it holds; omitted = since before the map")
    end: Date | None = Field(None, description="last period it holds (inclusive); omitted = still")
    certainty: Literal[schema.CERTAINTIES]
    joins: Literal[schema.JOINS] | None = Field(
        None, description="declare a 'gap' after, or an 'overlap' with, the entry before")
    source: SourceRefM | None = None
    context: ContextRefM | None = None
    note: Explained | None = None


class DatedNameM(DatedM):
    name: Names


class DatedGeometryM(DatedM):
    geometry: GeometryM


class RecordM(Strict):
    id: Id
    kind: Literal[tuple(schema.KINDS)]
    name: Names
    type: Literal[schema.EVENT_TYPES] | None = None
    geometry: GeometryM
    dated_names: list[DatedNameM] = Field(default_factory=list)
    dated_geometries: list[DatedGeometryM] = Field(default_factory=list)
    stages: list[StageM] = Field(min_length=1)
    sources: list[SourceRefM] = Field(default_factory=list)
    context: list[ContextRefM] = Field(default_factory=list)
    from_text: bool
    location_certainty: Literal[schema.LOCATION_CERTAINTIES]
    location_note: Explained | None = None
    notes: list[NoteM] = Field(default_factory=list)
    related_places: list[Id] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)


class _File(Strict):
    model_config = ConfigDict(populate_by_name=True)
    schema_: str = Field(alias="$schema", description="the JSON Schema this file follows (for editors)")


class RecordsFile(_File):
    records: list[RecordM]


class ViewM(Strict):
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    scale: float = Field(gt=0)


class SceneM(Strict):
    id: Id
    year: int
    layers: list[Literal[schema.MAP_LAYERS]]
    view: ViewM | None = None
    highlight: list[Id] = Field(default_factory=list)
    question: Id | None = None   # a route question (questions.json) the scene opens the route explorer with
    title: Names
    caption: Names
    passage: SourceRefM


class TourFile(_File):
    scenes: list[SceneM] = Field(min_length=1)


class ExpectM(Strict):
    found: bool
    crosses: list[Text] = Field(default_factory=list)
    uses: list[Id] = Field(default_factory=list)
    blocked_by: list[Id] = Field(default_factory=list)
    via: list[Id] = Field(default_factory=list)
    not_via: list[Id] = Field(default_factory=list)


class QuestionM(Strict):
    id: Id
    question: Names
    origin: Id
    destination: Id
    modes: list[Literal[schema.MODES]] = Field(min_length=1)
    years: list[int] = Field(min_length=1)
    include_planned: bool = False
    avoid: list[Text] = Field(default_factory=list, description="country ids (countries layer) to keep out of")
    source: SourceRefM
    note: Explained | None = None
    expect: dict[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")], ExpectM] = Field(default_factory=dict)
    by: Literal[schema.ROUTE_PRIORITIES] = Field("time", description="what the route minimises")


class QuestionsFile(_File):
    questions: list[QuestionM] = Field(min_length=1)


class PeriodM(Strict):
    start: Date
    end: Date


class SourceTextM(Strict):
    id: Id
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+$")]
    language: Lang
    title: Names
    period: PeriodM = Field(description="the years the text covers; the map starts at the earliest")


class SourcesFile(_File):
    sources: list[SourceTextM] = Field(min_length=1)


class PlaceNamesM(Strict):
    place: Id
    dated_names: list[DatedNameM] = Field(min_length=1)


class PlaceNamesFile(_File):
    places: list[PlaceNamesM]


# File name (in the data folder) -> the model of the whole file, and the schema file it names.
FILES: dict[str, type[_File]] = {
    "records": RecordsFile, "tour": TourFile, "questions": QuestionsFile, "sources": SourcesFile,
    "place_names": PlaceNamesFile,
}


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def json_schema(name: str) -> dict:
    out = FILES[name].model_json_schema(by_alias=True)
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", **out}
    return out


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- errors

_TYPE_TAG = ("str", "int", "float", "bool", "none", "list", "dict")


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += " (the key)"
        elif "[" in part or part.startswith("function-") or (part in _TYPE_TAG and out.endswith(("]", ")"))):
            continue      # a union member or validator tag, not a field
        else:
            out += f".{part}" if out else part
    return out


_TYPE_WORDS = {"int_type": "must be a whole number", "bool_type": "must be true or false", "list_type": "must be a list",
               "string_type": "must be text", "float_type": "must be a number", "dict_type": "must be an object",
               "model_type": "must be an object", "model_attributes_type": "must be an object"}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field here; check its spelling against docs/data-schema.md"
    if kind == "literal_error":
        return f"{_shown(error['input'])} is not one of {error['ctx']['expected']}"
    if kind in _TYPE_WORDS:
        return f"{_TYPE_WORDS[kind]}, got {_shown(error['input'])}"
    return error["msg"].removeprefix("Value error, ")


def errors(exc: ValidationError) -> list[tuple[str, str]]:
    """(field path, message) for each error pydantic found."""
    return [(_loc(tuple(e["loc"])), _message(e)) for e in exc.errors(include_url=False)]


def check(model: type[BaseModel], raw: object) -> tuple[Any, list[tuple[str, str]]]:
    """(the validated model, []) or (None, [(field, message), ...])."""
    try:
        return model.model_validate(raw, strict=True), []
    except ValidationError as exc:
        return None, errors(exc)
