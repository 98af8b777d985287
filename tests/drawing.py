"""What a map trace draws, read with no help from the code that draws it: one item per area,
marker or label, or per run of a line between gaps, each with its look. Used to compare the union
of every span's drawing (dashboard/render_union.py), and what the browser shows of it, with each
span's own traces (dashboard/render.py)."""
from __future__ import annotations

import json


def point_count(trace: dict) -> int:
    return len(trace.get("locations") or trace.get("lon") or [])


def _lists(value, n: int, path: str = "") -> dict:
    """Every list of ``n`` values in the trace (a value per point), by its path."""
    out = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "members":
                out.update(_lists(item, n, f"{path}.{key}"))
    elif isinstance(value, list) and len(value) == n and path != ".colorscale":
        out[path] = value
    return out


def _plain(text: str):
    """JSON read back with whole floats as ints: a browser writes 0.0 as 0."""
    return json.loads(text, parse_float=lambda f: int(float(f)) if float(f).is_integer() else float(f))


def _look(trace: dict, lists: dict) -> str:
    out = _plain(json.dumps(trace))
    out.get("meta", {}).pop("members", None)
    for path in lists:
        holder = out
        *parents, last = path.strip(".").split(".")
        for key in parents:
            holder = holder[key]
        holder[last] = None
    return json.dumps(out, sort_keys=True)


def elements(trace: dict, keep=None) -> list[tuple]:
    """What is drawn, one item per area, marker or label, or per run of a line between gaps."""
    n = point_count(trace)
    keep = keep if keep is not None else [True] * n
    lists = _lists(trace, n)
    look = _look(trace, lists)
    point = lambda i: json.dumps(_plain(json.dumps({p: v[i] for p, v in sorted(lists.items())})), sort_keys=True)
    is_line = trace["type"] == "scattergeo" and ("lines" in trace.get("mode", "") or trace.get("fill", "none") != "none")
    if not is_line:   # a marker with no position (a gap between two records' parts) is not drawn
        return [(look, point(i)) for i in range(n) if keep[i] and (trace.get("lon") or [0] * n)[i] is not None]
    runs, run = [], []
    for i in range(n):
        if keep[i] and trace["lon"][i] is not None:
            run.append(point(i))
        elif run:
            runs.append((look, tuple(run)))
            run = []
    return runs + ([(look, tuple(run))] if run else [])


def mask(show, n: int) -> list[bool]:
    if show in (0, 1):
        return [bool(show)] * n
    keep = [False] * n
    for start, end in zip(show[::2], show[1::2]):
        keep[start:end] = [True] * (end - start)
    return keep


__all__ = ["elements", "mask", "point_count"]
