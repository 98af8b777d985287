"""Records that look alike in a year are drawn as one trace.

Plotly does per-trace work (defaults, hover set-up, styling) for every trace on every redraw, so a
trace per record makes each year step cost grow with the number of records: at 20 times the
shipped data that was 609 traces on the default map and most of a slider move
(docs/performance.md, item 8).  Here the records of one overlay whose look in the year is the
same share a trace; :mod:`dashboard.render` stores such a group as its look and its records'
geometry, and draws it as one record after another with a gap (``None``) between them, every
point keeping its record's id (``customdata``, for clicks) and hover text (``text``).
"""
from __future__ import annotations

import json

# What differs from record to record inside one group; everything else is the look.
PER_RECORD_KEYS = frozenset({"lon", "lat", "name", "hover", "meta"})
GROUP_HOVER = "%{text}<extra></extra>"
ROLE = "records"


def look_key(template: dict) -> str:
    """The record's look as canonical JSON: records with equal keys are drawn by one trace."""
    look = {k: v for k, v in template.items() if k not in PER_RECORD_KEYS}
    return json.dumps(look, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def group_looks(templates: list[dict]) -> list[tuple[dict, list[dict]]]:
    """``(look, records)`` for each look among the visible ``templates`` (record trace dicts), in
    order of first use; the look is the group's trace without its per-record columns."""
    groups: dict[str, tuple[dict, list[dict]]] = {}
    for template in templates:
        if template.get("visible") is False:
            continue
        key = look_key(template)
        if key not in groups:
            look = {k: v for k, v in template.items() if k not in PER_RECORD_KEYS}
            look.update(hovertemplate=GROUP_HOVER, meta={"role": ROLE})
            groups[key] = (look, [])
        groups[key][1].append(template)
    return list(groups.values())


__all__ = ["group_looks", "look_key", "PER_RECORD_KEYS", "ROLE"]
