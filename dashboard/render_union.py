"""Every span's drawing as one set of traces, so that a year in another span needs no Plotly call.

Handing Plotly another span's traces makes it compute and draw every trace again: 55 ms here for
a move of the year slider across a border change, 200-370 ms with twenty times the records. The
union is drawn once, and each span says what of it shows:

the traces of one look in all spans are merged into one trace that holds each distinct unit of
them once (a choropleth's area, a marker, a label; a line's run between gaps), and a span lists the
points it shows. The 43 spans' units (10-18 areas each) are 77 areas, not 43 x 18; the records'
lines, grouped by look (layers/_groups.py), are each record's line once.

The browser (assets/span_switch.js) hides the points a span does not show and keeps Plotly's
hover off them; it decides nothing. The union keeps each span's own drawing order of traces, and
of the areas of a choropleth (an autonomous republic is drawn over its republic).
"""
from __future__ import annotations

import heapq
import json

from .render import materialise

# Lists that are not one value per point, whatever their length: a colour scale; a record
# group's records (one per part, not per point: the union's are its parts').
_NOT_COLUMNS = {"colorscale", "meta.members"}


def _points(trace: dict) -> int:
    return len(trace.get("locations") or trace.get("lon") or [])


def _get(trace: dict, path: str):
    for key in path.split("."):
        trace = trace.get(key) if isinstance(trace, dict) else None
    return trace


def _set(trace: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for key in parents:
        trace = trace[key]
    trace[last] = value


def _columns(trace: dict, n: int | None = None, prefix: str = "") -> list[str]:
    """The paths of the lists that hold one value per point (``locations``, ``marker.line.color``,
    ``meta.label_k``, ...): every list as long as the points, at any depth."""
    n = _points(trace) if n is None else n
    out = []
    for key, value in sorted(trace.items()):
        path = prefix + key
        if isinstance(value, dict):
            out += _columns(value, n, path + ".")
        elif isinstance(value, list) and len(value) == n and path not in _NOT_COLUMNS:
            out.append(path)
    return out


def _is_line(trace: dict) -> bool:
    return trace["type"] == "scattergeo" and ("lines" in trace.get("mode", "") or trace.get("fill", "none") != "none")


def _units(trace: dict) -> list[tuple[int, int]]:
    """The trace's units as point ranges: a line's runs between gaps (None), else each point."""
    if not _is_line(trace):
        return [(i, i + 1) for i in range(_points(trace))]
    runs, start = [], None
    for i, lon in enumerate(trace["lon"] + [None]):
        if lon is None and start is not None:
            runs.append((start, i))
            start = None
        elif lon is not None and start is None:
            start = i
    return runs


def _look(trace: dict, columns: list[str]) -> str:
    """What every point of a merged trace shares: the trace with its per-point lists taken out."""
    out = json.loads(json.dumps(trace))
    for path in columns:
        _set(out, path, "<column>")
    out.get("meta", {}).pop("members", None)
    return json.dumps([columns, out], sort_keys=True)


def _frozen(value):
    """A value as part of a key: itself if it can be one, else its JSON."""
    return value if value is None or isinstance(value, (str, int, float)) else json.dumps(value, sort_keys=True)


def _unit_keys(trace: dict, columns: list[str]) -> list[tuple]:
    """A key per unit: its values in every column, and how many equal units came before it in the
    trace (a trace's own points are never merged with each other: marks name them by index)."""
    seen, keys = {}, []
    lists = [_get(trace, c) for c in columns]
    for start, end in _units(trace):
        values = tuple(_frozen(v) for column in lists for v in column[start:end])
        seen[values] = seen.get(values, -1) + 1
        keys.append((values, seen[values]))
    return keys


def _ordered(sequences: list[list]) -> list | None:
    """One order of every item that keeps the order of each sequence (earliest-seen first where free);
    None if the sequences disagree."""
    seen, after, before_count = {}, {}, {}
    for seq in sequences:
        for item in seq:
            seen.setdefault(item, len(seen))
            after.setdefault(item, set())
            before_count.setdefault(item, 0)
        for a, b in zip(seq, seq[1:]):
            if a != b and b not in after[a]:
                after[a].add(b)
                before_count[b] += 1
    ready = [(seen[item], item) for item, n in before_count.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, item = heapq.heappop(ready)
        order.append(item)
        for nxt in after[item]:
            before_count[nxt] -= 1
            if before_count[nxt] == 0:
                heapq.heappush(ready, (seen[nxt], nxt))
    return order if len(order) == len(seen) else None


def _first_each(items) -> list:
    return list(dict.fromkeys(items))


def _shared_location(units: list[tuple[int, int, int]], traces: dict) -> bool:
    """Two areas of one merged trace at the same location (its hover text or colour changed between
    spans): Plotly would draw only the last of them."""
    locations = [traces[i]["locations"][start] for i, start, _end in units]
    return len(set(locations)) < len(locations)


def _merged(model: dict, members: list[int], traces: dict, columns: list[str]) -> dict | None:
    """A family's distinct units as (table index, start, end), each with the traces that draw it,
    in an order that keeps each span's own. Only areas overlap: labels are placed apart
    (dashboard/label_placement.py) and lines of one look look alike, so their order is free (kept
    as first seen where spans sort them differently, by their names of the year). None if two
    spans draw the same areas in opposite orders."""
    where, holders, sequences = {}, {}, []
    keys = {i: _unit_keys(traces[i], columns) for i in members}
    units = {i: _units(traces[i]) for i in members}
    for span in model["spans"]:
        order = []
        for i in _first_each(t for t in span["traces"] if t in keys):
            for key, (start, end) in zip(keys[i], units[i]):
                where.setdefault(key, (i, start, end))
                holders.setdefault(key, set()).add(i)
                order.append(key)
        sequences.append(_first_each(order))
    order = _ordered(sequences)
    if order is None and traces[members[0]]["type"] == "choropleth":
        return None
    order = order or list(where)
    if traces[members[0]]["type"] == "choropleth" and _shared_location([where[k] for k in order], traces):
        return None
    rank = {key: n for n, key in enumerate(order)}
    return {"units": [where[k] for k in order], "holders": [holders[k] for k in order],
            "at": {(i, unit): rank[key] for i in members for unit, key in enumerate(keys[i])}}


def _offsets(family: dict, line: bool) -> list[int]:
    """Where each unit starts among the union trace's points (a line's runs one point apart: a gap)."""
    out, at = [], 0
    for _i, start, end in family["units"]:
        out.append(at)
        at += end - start + (1 if line else 0)
    return out


def _span_show(span: dict, families: list[dict]) -> list:
    """Per union trace: 1 (all of it), 0 (none), or the point ranges the span shows, flat
    ([from, to, from, to, ...], ``to`` excluded)."""
    drawn = set(span["traces"])
    shown = []
    for family in families:
        ranges, gap = [], family["gap"]
        for (_i, start, end), at, holders in zip(family["units"], family["offsets"], family["holders"]):
            if holders & drawn:
                if ranges and ranges[-1] == at - gap:   # next to the last shown unit (or one gap after it)
                    ranges[-1] = at + end - start
                else:
                    ranges += [at, at + end - start]
        whole = len(ranges) == 2 and ranges[0] == 0 and ranges[1] >= family["offsets"][-1] + (
            family["units"][-1][2] - family["units"][-1][1])
        shown.append(1 if whole else ranges or 0)
    return shown


def _span_marks(span: dict, families: list[dict], traces: dict) -> dict:
    """The span's marked markers as union trace and point (a span names them by its own traces)."""
    out = {}
    for at, points in span["marks"].items():
        table = span["traces"][int(at)]
        k = next(n for n, f in enumerate(families) if table in f["members"])
        family, units = families[k], _units(traces[table])
        for p in points:
            unit = next(u for u, (start, end) in enumerate(units) if start <= p < end)
            n = family["at"][(table, unit)]
            out.setdefault(str(k), []).append(family["offsets"][n] + p - units[unit][0])
    return out


def _apart(sequence: list) -> bool:
    """A look drawn twice in a span with another between: one merged trace cannot be in both places."""
    runs = [look for n, look in enumerate(sequence) if n == 0 or sequence[n - 1] != look]
    return len(runs) != len(set(runs))


def union_of(model: dict) -> dict | None:
    """The union of the model's spans: per union trace its family (the table's traces it merges and
    their units), and per span what of each shows and which markers are marked; None if the spans'
    drawing orders cannot all be kept."""
    used = sorted({i for span in model["spans"] for i in span["traces"]})
    traces = {i: materialise(model, i) for i in used}
    columns = {i: _columns(traces[i]) for i in used}
    look = {i: _look(traces[i], columns[i]) for i in used}
    sequences = [[look[i] for i in span["traces"]] for span in model["spans"]]
    if any(_apart(seq) for seq in sequences):
        return None
    order = _ordered([_first_each(seq) for seq in sequences])
    if order is None:
        return None
    families = []
    for key in order:
        members = [i for i in used if look[i] == key]
        family = _merged(model, members, traces, columns[members[0]])
        if family is None:
            return None
        line = _is_line(traces[members[0]])
        family.update(members=set(members), offsets=_offsets(family, line), gap=1 if line else 0)
        families.append(family)
    spans = [{"show": _span_show(span, families), "marks": _span_marks(span, families, traces)}
             for span in model["spans"]]
    return {"families": families, "spans": spans}


def union_trace(model: dict, union: dict, k: int) -> dict:
    """Union trace ``k`` as Plotly gets it: the look its members share and, unit after unit, the
    values of the member that first drew it (a line's runs with a gap, None, between them)."""
    family = union["families"][k]
    traces = {i: materialise(model, i) for i in family["members"]}
    first = traces[family["units"][0][0]]
    out = json.loads(json.dumps(first))
    out.get("meta", {}).pop("members", None)
    line = _is_line(first)
    for path in _columns(first):
        values = []
        for i, start, end in family["units"]:
            values += _get(traces[i], path)[start:end] + ([None] if line else [])
        _set(out, path, values[:-1] if line else values)
    return out


_CACHE: dict = {}


def cached_union(model: dict) -> dict | None:
    """``union_of(model)``, once per model (models are cached by dashboard/render.py and never changed)."""
    known = _CACHE.get(id(model))
    if known is None or known[0] is not model:
        while len(_CACHE) >= 16:
            _CACHE.pop(next(iter(_CACHE)))
        known = _CACHE[id(model)] = (model, union_of(model))
    return known[1]


def browser_union(union: dict) -> dict:
    """What the browser needs of the union: how many traces it has, and each span's part of it."""
    return {"count": len(union["families"]), "spans": union["spans"]}


__all__ = ["union_of", "union_trace", "browser_union", "cached_union"]
