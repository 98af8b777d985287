"""The one renderer: everything the map draws, for every span of years in which nothing changes.

For a map state (overlays, language, window, chosen feature; the year aside) :func:`render_model`
computes the years in which anything drawn may change, draws each of them with the layers of
:data:`dashboard.layers.REGISTRY`, and merges neighbouring years that draw the same into one span.
The browser (assets/clientside.js) finds the span of the chosen year and hands its traces to
Plotly: it knows no status, colour, width, grouping or date rule. :func:`traces_for_year` is the
same lookup here, so the server's figure and the browser's drawing come from one place.

The model is compact: a trace used by several spans is stored once (``traces``), and a group of
records (layers/_groups.py) is stored as its look plus the records' geometry ``parts``, each also
stored once, so the model grows with the records and the looks, not with records times spans.
"""
from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict

from geodata.load import Dataset

from .layers import REGISTRY, MapState
from .layers._base import escape_hover
from .layers._groups import PER_RECORD_KEYS, ROLE as GROUP_ROLE, group_looks
from .layers._timeline import TIMELINE_ROLE, current_events, now_points
from .style import TIMELINE_MARKER
from .urlstate import FIRST_YEAR, LAST_YEAR

_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 16


def change_dates(record) -> list:
    """Every date on which something the map shows of ``record`` may change (first day, day after).

    Stage boundaries today; dated geometry and names (issue 11) add their own dates here.
    """
    dates = []
    for stage in record.stages:
        if stage.start is not None:
            dates.append(stage.start.first_day())
        if stage.end is not None:
            dates.append(stage.end.day_after())
    return dates


def _years_of(records) -> set[int]:
    years = set()
    for record in records:
        for day in change_dates(record):
            years.update((day.year, day.year + 1))
    return years


def change_years(dataset: Dataset) -> list[int]:
    """The years from which the map may differ from the year before, first year included.

    A year shows the state at its last day, and an event counts for every year it overlaps: a
    date ``d`` can change what year ``d.year`` shows (a status from that day) and what
    ``d.year + 1`` shows (an event that ended in the year before). Spans are then merged where
    the drawing turns out the same, so too many candidates cost time, never correctness.
    """
    return sorted({FIRST_YEAR} | {y for y in _years_of(dataset.records) if FIRST_YEAR < y <= LAST_YEAR})


class _Tables:
    """Traces and parts, each stored once, by content."""

    def __init__(self):
        self.traces: list[dict] = []
        self.parts: list[dict] = []
        self._trace_index: dict = {}
        self._part_index: dict = {}
        self._by_object: dict = {}

    def part(self, template: dict) -> int:
        meta = template["meta"]
        # ``hover`` (layers/_hover.py) is the tooltip as escaped pseudo-HTML; else the name, escaped here.
        text = template.get("hover") or escape_hover(template["name"])
        key = (meta["rid"], text, tuple(template["lon"]), tuple(template["lat"]))
        if key not in self._part_index:
            self._part_index[key] = len(self.parts)
            self.parts.append({"lon": list(template["lon"]), "lat": list(template["lat"]), "text": text,
                               "member": {"rid": meta["rid"], "kind": meta["kind"], "ctx": meta["ctx"]}})
        return self._part_index[key]

    def trace(self, trace: dict, parts: tuple[int, ...] | None = None) -> int:
        # A trace drawn in every year is the same object each time: its content is keyed once.
        known = self._by_object.get(id(trace))
        if known is not None and known[0] is trace and parts is None:
            return known[1]
        entry = {"trace": trace} if parts is None else {"look": trace, "parts": list(parts)}
        key = json.dumps(trace, sort_keys=True, separators=(",", ":"), default=str) + repr(parts)
        if key not in self._trace_index:
            self._trace_index[key] = len(self.traces)
            self.traces.append(entry)
        self._by_object[id(trace)] = (trace, self._trace_index[key])
        return self._trace_index[key]


class _LayerDrawings:
    """Each layer's traces for a year, asked of the layer only when it may draw something new: in
    the first year, and in a year in which one of the records of its kinds may change (a layer
    that says what kinds it draws and draws by year); a layer that draws the same in every year is
    asked once."""

    def __init__(self, dataset: Dataset):
        self.dataset, self.last, self.years, self.grouped = dataset, {}, {}, {}
        for layer in REGISTRY:
            if layer.by_year and layer.kinds:
                self.years[layer.id] = _years_of(r for r in dataset.records if r.kind in layer.kinds)

    def traces(self, layer, state: MapState) -> list[dict]:
        known = self.last.get(layer.id)
        if known is not None and (not layer.by_year or (layer.id in self.years
                                                        and state.year not in self.years[layer.id])):
            return known
        # Records are grouped by the renderer (the group names the layer); other traces name it here.
        traces = [tr if tr["meta"]["role"] == "record" else {**tr, "meta": {**tr["meta"], "slot": layer.id}}
                  for tr in layer.traces(self.dataset, state)]
        self.last[layer.id] = traces
        return traces

    def indices(self, layer, state: MapState, tables: _Tables) -> tuple[list[int], list[tuple[int, dict]]]:
        """The layer's traces for the year as table indices (its record groups first), and its
        timeline traces with their place among them; worked out again only for new traces."""
        traces = self.traces(layer, state)
        known = self.grouped.get(layer.id)
        if known is not None and known[0] is traces:
            return known[1]
        templates = [tr for tr in traces if tr["meta"]["role"] == "record"]
        order = [tables.trace({**look, "meta": {"role": GROUP_ROLE, "slot": layer.id}},
                              tuple(tables.part(m) for m in members)) for look, members in group_looks(templates)]
        timeline = []
        for tr in traces:
            if tr["meta"]["role"] == "record":
                continue
            if tr["meta"]["role"] == TIMELINE_ROLE:
                timeline.append((len(order), tr))
            order.append(tables.trace(tr))
        self.grouped[layer.id] = (traces, (order, timeline))
        return order, timeline


def _year_frame(dataset: Dataset, state: MapState, tables: _Tables, before: list[dict], after: list[dict],
                drawings: _LayerDrawings) -> dict:
    """One year: the table indices of its traces in drawing order, its marked markers, its current events."""
    order, marks = [tables.trace(tr) for tr in before], {}
    for layer in REGISTRY:
        if layer.id in state.layers:
            indices, timeline = drawings.indices(layer, state, tables)
            for offset, trace in timeline:
                marks[len(order) + offset] = now_points(dataset, trace, state.year)
            order += indices
    order += [tables.trace(tr) for tr in after]
    return {"traces": order, "marks": {str(k): v for k, v in marks.items() if v},
            "current": current_events(dataset, state.year)}


def _layers_model(dataset: Dataset, state: MapState, before: list[dict], after: list[dict]) -> dict:
    tables, spans, drawings = _Tables(), [], _LayerDrawings(dataset)
    years = change_years(dataset)
    for first, following in zip(years, years[1:] + [LAST_YEAR + 1]):
        frame = _year_frame(dataset, dataclasses.replace(state, year=first), tables, before, after, drawings)
        if spans and all(spans[-1][k] == frame[k] for k in ("traces", "marks", "current")):
            spans[-1]["last"] = following - 1
        else:
            spans.append({"first": first, "last": following - 1, **frame})
    resting, now = TIMELINE_MARKER["resting"], TIMELINE_MARKER["now"]
    return {"spans": spans, "traces": tables.traces, "parts": tables.parts,
            "mark": {"scale": now["size"] / resting["size"], "opacity": now["opacity"],
                     "resting_opacity": resting["opacity"], "size": now["size"], "resting_size": resting["size"]}}


def render_model(dataset: Dataset, state: MapState, before: list[dict] = (), after: list[dict] = ()) -> dict:
    """Every span of years for this state (its year ignored), with ``before`` and ``after`` drawn in
    each (the base map and the chosen feature under the overlays, routes on top). Cached: the model
    is a pure function of its arguments and is never changed by its readers."""
    key = (id(dataset), dataclasses.replace(state, year=FIRST_YEAR),
           json.dumps([before, after], sort_keys=True, default=str))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    model = _layers_model(dataset, state, list(before), list(after))
    _CACHE[key] = model
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return model


def span_for_year(model: dict, year: int) -> dict:
    """The span that holds ``year`` (the first or last span for a year outside them)."""
    spans = model["spans"]
    for span in spans:
        if span["first"] <= year <= span["last"]:
            return span
    return spans[0] if year < spans[0]["first"] else spans[-1]


def materialise(model: dict, index: int) -> dict:
    """Trace ``index`` of the model as Plotly gets it: a group's parts one after another, a gap
    (None) between them, each point carrying its record's id and hover text (as clientside.js does)."""
    entry = model["traces"][index]
    if "trace" in entry:
        return entry["trace"]
    trace = {k: v for k, v in entry["look"].items()}
    lon, lat, ids, text, members = [], [], [], [], []
    for i in entry["parts"]:
        part = model["parts"][i]
        if lon:
            for column in (lon, lat, ids, text):
                column.append(None)
        n = len(part["lon"])
        lon += part["lon"]
        lat += part["lat"]
        ids += [part["member"]["rid"]] * n
        text += [part["text"]] * n
        members.append(part["member"])
    trace.update(lon=lon, lat=lat, customdata=ids, text=text, meta={**trace["meta"], "members": members})
    return trace


def traces_for_year(model: dict, year: int) -> list[dict]:
    return [materialise(model, i) for i in span_for_year(model, year)["traces"]]


__all__ = ["render_model", "span_for_year", "traces_for_year", "materialise", "change_years", "change_dates",
           "GROUP_ROLE", "PER_RECORD_KEYS"]
