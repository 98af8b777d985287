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

from geodata import query
from geodata.load import Dataset

from .layers import REGISTRY, MapState
from .layers._base import escape_hover
from .layers._groups import PER_RECORD_KEYS, ROLE as GROUP_ROLE, group_looks
from .layers._timeline import TIMELINE_ROLE, current_events, now_points
from .style import TIMELINE_MARKER
from .urlstate import FIRST_YEAR, LAST_YEAR

_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 16
_LAYER_CACHE: OrderedDict = OrderedDict()
_LAYER_CACHE_SIZE = 64


def change_years(dataset: Dataset, layer_ids=None) -> list[int]:
    """The years from which the map may differ from the year before, first year included: the years
    each layer that is on says its drawing may change in (:meth:`Layer.change_years`: a status, a
    dated name, a dated border; every year for a layer that cannot say), and those in which the
    year's events change (they are marked on the map and in the timeline list).

    Spans are then merged where the drawing turns out the same, so too many candidates cost time,
    never correctness.
    """
    years = set(query.change_years(query.timeline_records(dataset)))
    for layer in REGISTRY:
        if layer_ids is not None and layer.id not in layer_ids:
            continue
        own = layer.change_years(dataset)
        years |= set(range(FIRST_YEAR, LAST_YEAR + 1)) if own is None else own
    return sorted({FIRST_YEAR} | {y for y in years if FIRST_YEAR < y <= LAST_YEAR})


class _Tables:
    """Traces and parts, each stored once, by content."""

    def __init__(self):
        self.traces: list[dict] = []
        self.parts: list[dict] = []
        self._trace_index: dict = {}
        self._part_index: dict = {}
        self._by_object: dict = {}
        self.drawings: dict = {}     # id(a layer's drawing) -> (drawing, its indices): see _layer_indices

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
        # A trace drawn in many years is the same object each time (_LayerYears): keyed once.
        known = self._by_object.get((id(trace), parts))
        if known is not None and known[0] is trace:
            return known[1]
        entry = {"trace": trace} if parts is None else {"look": trace, "parts": list(parts)}
        key = json.dumps(trace, sort_keys=True, separators=(",", ":"), default=str) + repr(parts)
        if key not in self._trace_index:
            self._trace_index[key] = len(self.traces)
            self.traces.append(entry)
        self._by_object[(id(trace), parts)] = (trace, self._trace_index[key])
        return self._trace_index[key]


class _LayerYears:
    """One layer's drawing for a state (its year and the other layers aside): for each year, its
    record groups (look, member templates) and its other traces. The layer is asked only in the
    first year and in the years it says it may change in; in other years the objects of the year
    before are kept, so the tables key them once. Cached across states: switching one overlay on
    or off asks only that layer."""

    def __init__(self, dataset: Dataset, layer, state: MapState):
        self.dataset, self.layer, self.state = dataset, layer, state
        self.changes = layer.change_years(dataset)
        self.by_year: dict[int, tuple[list, list]] = {}
        self.last: tuple[int, tuple[list, list]] | None = None

    def at(self, year: int) -> tuple[list, list, str]:
        if year not in self.by_year:
            last = self.last
            same = last is not None and last[0] < year and (not self.layer.by_year or (
                self.changes is not None and not any(last[0] < y <= year for y in self.changes)))
            self.by_year[year] = last[1] if same else self._draw(year)
            if last is None or year > last[0]:
                self.last = (year, self.by_year[year])
        return self.by_year[year]

    def _draw(self, year: int) -> tuple[list, list, str]:
        state = dataclasses.replace(self.state, year=year)
        traces = self.layer.traces(self.dataset, state)
        slot = self.layer.id
        groups = [({**look, "meta": {"role": GROUP_ROLE, "slot": slot}}, members)
                  for look, members in group_looks([tr for tr in traces if tr["meta"]["role"] == "record"])]
        # Records are grouped (the group names the layer); the other traces name it too.
        others = [{**tr, "meta": {**tr["meta"], "slot": slot}} for tr in traces if tr["meta"]["role"] != "record"]
        return groups, others, self.layer.caption(self.dataset, state) if self.layer.caption else ""


def _layer_years(dataset: Dataset, layer, state: MapState) -> _LayerYears:
    # Layers draw without the chosen feature (its highlight is drawn under them, in `before`).
    seen = dataclasses.replace(state, year=FIRST_YEAR, layers=frozenset(state.layers) & layer.reads_layers, feature=None)
    key = (id(dataset), id(layer), seen)
    known = _LAYER_CACHE.get(key)
    if known is not None and known.dataset is dataset and known.layer is layer:
        _LAYER_CACHE.move_to_end(key)
        return known
    _LAYER_CACHE[key] = _LayerYears(dataset, layer, state)
    while len(_LAYER_CACHE) > _LAYER_CACHE_SIZE:
        _LAYER_CACHE.popitem(last=False)
    return _LAYER_CACHE[key]


def _layer_indices(drawing: tuple[list, list], tables: _Tables) -> tuple[list[int], list[tuple[int, dict]]]:
    """A layer's traces for a year as table indices (its record groups first), and its timeline
    traces with their place among them."""
    known = tables.drawings.get(id(drawing))
    if known is not None and known[0] is drawing:   # the same drawing as in an earlier year
        return known[1]
    groups, others, _caption = drawing
    order = [tables.trace(look, tuple(tables.part(m) for m in members)) for look, members in groups]
    timeline = []
    for tr in others:
        if tr["meta"]["role"] == TIMELINE_ROLE:
            timeline.append((len(order), tr))
        order.append(tables.trace(tr))
    tables.drawings[id(drawing)] = (drawing, (order, timeline))
    return order, timeline


def _year_frame(dataset: Dataset, year: int, layers: list[_LayerYears], tables: _Tables, before: list[dict],
                after: list[dict]) -> dict:
    """One year: the table indices of its traces in drawing order, its marked markers, its current
    events, and the caption lines of its layers."""
    order, marks, captions = [tables.trace(tr) for tr in before], {}, []
    for drawing in layers:
        indices, timeline = _layer_indices(drawing.at(year), tables)
        captions += [drawing.at(year)[2]] if drawing.at(year)[2] else []
        for offset, trace in timeline:
            marks[len(order) + offset] = now_points(dataset, trace, year)
        order += indices
    order += [tables.trace(tr) for tr in after]
    return {"traces": order, "marks": {str(k): v for k, v in marks.items() if v},
            "current": current_events(dataset, year), "caption": " · ".join(captions)}


def _layers_model(dataset: Dataset, state: MapState, before: list[dict], after: list[dict]) -> dict:
    tables, spans = _Tables(), []
    layers = [_layer_years(dataset, layer, state) for layer in REGISTRY if layer.id in state.layers]
    years = change_years(dataset, state.layers)
    for first, following in zip(years, years[1:] + [LAST_YEAR + 1]):
        frame = _year_frame(dataset, first, layers, tables, before, after)
        if spans and all(spans[-1][k] == frame[k] for k in ("traces", "marks", "current", "caption")):
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


__all__ = ["render_model", "span_for_year", "traces_for_year", "materialise", "change_years",
           "GROUP_ROLE", "PER_RECORD_KEYS"]
