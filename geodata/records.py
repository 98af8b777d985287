"""One record: its format checked by :class:`~geodata.fileformat.RecordM`, then the rules that
span its fields and the other files (quotes, places, stage order, dated periods, the map's years)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from shapely.geometry.base import BaseGeometry

from . import schema
from .fileformat import DatedM, RecordM, check
from .files import field_path
from .geometry import resolve
from .langtext import LangText, lang_text
from .load_util import freeze
from .model import DatedGeometry, DatedName, Note, Period, Place, Record, Stage
from .periods import check_in_years, check_sequence, check_stage_order, date_or_none, period_problem
from .problems import Problem, Reporter
from .refs import context_ref, source_ref
from .source import SourceText


@dataclass(frozen=True)
class Env:
    """What a record is checked against."""
    texts: Mapping[str, SourceText]
    places: Mapping[str, Place]
    shapes: Mapping[str, Mapping[str, BaseGeometry]]
    years: tuple[int, int]
    check_refs: bool = True       # False when places or base layers could not be read at all


def build_record(raw: object, index: int, label: str, env: Env, problems: list[Problem]) -> Record | None:
    """The record, or None with every problem found noted."""
    rid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"record {index}"
    rep = Reporter(label, rid, problems)
    if not isinstance(raw, dict):
        rep.bad("", f"must be an object, got {type(raw).__name__}")
        return None
    m, errors = check(RecordM, raw)
    for field, message in errors:
        rep.bad(field, message)
    if m is None:
        return None
    before = len(problems)
    _rules(m, rep)
    stages = _stages(m, rep, env.years)
    sources = tuple(source_ref(s, rep, f"sources[{i}]", env.texts) for i, s in enumerate(m.sources))
    dated_names = tuple(dated_name(d, f"dated_names[{i}]", rep, env) for i, d in enumerate(m.dated_names))
    check_sequence(dated_names, [d.joins for d in m.dated_names], "dated_names", rep)
    if len(problems) > before or not env.check_refs:
        return None
    geometry = resolve(m.geometry, "geometry", rep, env.places, env.shapes)
    dated_geoms = tuple(_dated_geometry(d, f"dated_geometries[{i}]", rep, env)
                        for i, d in enumerate(m.dated_geometries))
    check_sequence(dated_geoms, [d.joins for d in m.dated_geometries], "dated_geometries", rep)
    unknown = [p for p in m.related_places if p not in env.places]
    if unknown:
        rep.bad("related_places", f"unknown place id(s): {', '.join(unknown)}")
    if len(problems) > before:
        return None
    place_ids, area_refs, geom = geometry
    return Record(
        id=m.id, kind=m.kind, names=LangText(m.name), geometry_form=m.geometry.form, place_ids=place_ids,
        area_refs=area_refs, geometry=geom, stages=stages, sources=sources,
        context=tuple(context_ref(c) for c in m.context), from_text=m.from_text,
        location_certainty=m.location_certainty, location_notes=lang_text(m.location_note),
        notes=tuple(Note(n.kind, LangText(n.text)) for n in m.notes), type=m.type,
        related_places=tuple(m.related_places), attributes=freeze(m.attributes), file=label,
        dated_names=dated_names, dated_geometries=dated_geoms)


def _rules(m: RecordM, rep: Reporter) -> None:
    """The rules between a record's own fields."""
    spec = schema.KINDS[m.kind]
    if m.location_certainty in ("inferred", "approximate") and not m.location_note:
        rep.bad("location_note", f"a location that is {m.location_certainty} needs a note saying why")
    if m.kind in ("event", "episode") and m.type is None:
        rep.bad("type", f"an {m.kind} needs a type ({', '.join(schema.EVENT_TYPES)})")
    if m.from_text and not m.sources:
        rep.bad("sources", "a record from the text needs at least one quoted passage")
    if not m.from_text and not m.context:
        rep.bad("context", "a context record needs at least one citation of its own")
    if not m.from_text and m.sources:
        rep.bad("sources", "a context record must not cite the text as its source; use from_text: true")
    ids = [c.id for c in m.context]
    if len(set(ids)) != len(ids):
        rep.bad("context", "citation ids must be unique within the record")
    for i, g in enumerate([m.geometry] + [d.geometry for d in m.dated_geometries]):
        if g.form not in spec.geometry:
            field = "geometry" if i == 0 else f"dated_geometries[{i - 1}].geometry"
            rep.bad(field, f"a {m.kind} takes {' or '.join(spec.geometry)}, not {g.form}")


def _stages(m: RecordM, rep: Reporter, years: tuple[int, int]) -> tuple[Stage, ...]:
    spec, ids = schema.KINDS[m.kind], {c.id for c in m.context}
    stages = []
    for i, s in enumerate(m.stages):
        field, before = f"stages[{i}]", len(rep.problems)
        if s.status not in spec.statuses:
            rep.bad(f"{field}.status", f"{s.status!r} is not one of {', '.join(spec.statuses)}")
        if s.basis != "text" and s.basis not in ids:
            rep.bad(f"{field}.basis", f"{s.basis!r} is neither 'text' nor the id of one of this record's citations")
        if not m.from_text and s.basis == "text":
            rep.bad(f"{field}.basis", "a context record's stages must name their citation")
        if s.certainty in ("inferred", "disputed") and not s.note and not m.notes:
            rep.bad(f"{field}.note", f"a {s.certainty} date needs a note saying why")
        if s.start is None and m.kind != "polity":
            rep.bad(f"{field}.start", "is missing")
        start, end = date_or_none(s.start), date_or_none(s.end)
        wrong = period_problem(start, end)
        if wrong:
            rep.bad(f"{field}.end", wrong)
        stage = Stage(status=s.status, start=start, end=end, certainty=s.certainty, basis=s.basis,
                      note_text=lang_text(s.note))
        if len(rep.problems) == before:
            check_in_years(stage, field, rep, years)
        stages.append(stage)
    if len(stages) == len(m.stages):
        check_stage_order(m.kind, stages, rep)
    return tuple(stages)


def _dated_fields(d: DatedM, field: str, rep: Reporter, env: Env) -> dict:
    """The parts every dated entry has, checked: its period, its citation, its note."""
    start, end = date_or_none(d.start), date_or_none(d.end)
    wrong = period_problem(start, end)
    if wrong:
        rep.bad(f"{field}.end", wrong)
    else:
        check_in_years(Period(start, end), field, rep, env.years)
    if d.source is None and d.context is None:
        rep.bad(field, "needs its own citation: a 'source' passage or a 'context' reference")
    if d.certainty in ("inferred", "disputed") and d.note is None:
        rep.bad(f"{field}.note", f"a {d.certainty} date needs a note saying why")
    source = source_ref(d.source, rep, f"{field}.source", env.texts) if d.source else None
    return dict(start=start, end=end, certainty=d.certainty, source=source,
                context=context_ref(d.context) if d.context else None, note_text=lang_text(d.note))


def dated_name(d, field: str, rep: Reporter, env: Env) -> DatedName:
    return DatedName(names=LangText(d.name), **_dated_fields(d, field, rep, env))


def _dated_geometry(d, field: str, rep: Reporter, env: Env) -> DatedGeometry | None:
    fields = _dated_fields(d, field, rep, env)
    resolved = resolve(d.geometry, f"{field}.geometry", rep, env.places, env.shapes)
    ids, refs, geom = resolved or ((), (), None)
    return DatedGeometry(form=d.geometry.form, place_ids=ids, area_refs=refs, geometry=geom, **fields)


__all__ = ["Env", "build_record", "field_path"]
