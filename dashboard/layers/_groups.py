"""Records that look alike in a year are drawn as one trace.

Plotly does per-trace work (defaults, hover set-up, styling) for every trace on every redraw, so a
trace per record makes each year step cost grow with the number of records: at 20 times the
shipped data that was 609 traces on the default map and most of a slider move
(docs/performance.md, item 8).  Here the
records of one overlay whose look in the year is the same share a trace, one record after another
with a gap (``None``) between them; every point keeps its record's id (``customdata``, for clicks)
and hover text (``text``).  The number of traces then depends on how many looks there are, not on
how many records.

The figure also carries every record's own trace dict (its template) in ``layout.meta.records``,
so that assets/clientside.js can restyle the templates for another year and group them again with
the same rule (``groupRecords`` there mirrors :func:`group_records`); a browser test checks that the
browser and the server draw the same groups.
"""
from __future__ import annotations

import json

from ._base import escape_hover

# What differs from record to record inside one group; everything else is the look.
PER_RECORD_KEYS = frozenset({"lon", "lat", "name", "meta"})
GROUP_HOVER = "%{text}<extra></extra>"
ROLE = "records"


def _plain(value):
    """Integral floats as ints, so the key reads as JSON.stringify would write it in the browser."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def look_key(template: dict) -> str:
    """The record's look as canonical JSON: records with equal keys are drawn by one trace."""
    look = {k: v for k, v in template.items() if k not in PER_RECORD_KEYS}
    return json.dumps(_plain(look), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def group_records(templates: list[dict]) -> list[dict]:
    """One trace per look among the visible ``templates`` (record trace dicts), in order of first use."""
    groups: dict[str, dict] = {}
    for template in templates:
        if template.get("visible") is False:
            continue
        key = look_key(template)
        group = groups.get(key)
        if group is None:
            group = {k: v for k, v in template.items() if k not in PER_RECORD_KEYS}
            group.update(lon=[], lat=[], customdata=[], text=[], hovertemplate=GROUP_HOVER,
                         meta={"role": ROLE, "members": []})
            groups[key] = group
        else:
            for column in ("lon", "lat", "customdata", "text"):
                group[column].append(None)
        meta = template["meta"]
        n = len(template["lon"])
        group["lon"].extend(template["lon"])
        group["lat"].extend(template["lat"])
        group["customdata"].extend([meta["rid"]] * n)
        group["text"].extend([escape_hover(template["name"])] * n)
        group["meta"]["members"].append({"rid": meta["rid"], "kind": meta["kind"], "ctx": meta["ctx"]})
    return list(groups.values())


__all__ = ["group_records", "look_key", "PER_RECORD_KEYS", "ROLE"]
