"""What a value sent to a callback can mean, per component and property (issue 15).

A callback request names components and sends their properties' values. Before the callback
sees them, each value is checked twice:

1. its JSON **type** (:data:`TYPE_RULES`: a slider's ``value`` is a number, a checklist's a list,
   a location's ``search`` a string, ...);
2. its **meaning** (:meth:`ValueSpace.reason`), read from the app's own layout: a radio, a
   checklist or a dropdown with fixed options only takes one of those options' values; a slider
   or range slider only a finite number between its ``min`` and ``max`` (a range slider exactly
   two of them, in order); a button's click count is a small non-negative integer; a typed-in
   number is finite; a location's text, an id, a search text and a store's JSON are short.

So a 9,999-character ``lang``, a 5,000-item window or ``1e999`` never reaches a callback: the
request is refused with a short 4xx (dashboard.security) and nothing of the value is logged.
A rule lives here once; the layout supplies the options and ranges, so a new language or layer
needs no change here.
"""
from __future__ import annotations

import json
import math
from typing import Any, Callable

MAX_ID_CHARS = 200          # a feature, place or record id; a pattern-matching id's values
MAX_SEARCH_CHARS = 200      # what a reader types into the search box
MAX_TYPED_CHARS = 32        # a number typed into an input, as text
MAX_URL_CHARS = 4094        # gunicorn's request line limit: no longer URL can reach the page
MAX_JSON_BYTES = 8192       # a store's data, a click's or a view change's description (real: < 400)
MAX_COUNT = 10**9           # clicks, timer ticks


def is_number(v) -> bool:
    """A finite JSON number (``1e999`` parses as ``inf``: not a number a browser sends)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, bool)) or is_number(v)


def _opt(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or check(v)


_STR = _opt(lambda v: isinstance(v, str))
_NUM = _opt(is_number)
_COUNT = _opt(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0)
_BOOL = _opt(lambda v: isinstance(v, bool))
_OBJ = _opt(lambda v: isinstance(v, dict))
_NUMS = _opt(lambda v: isinstance(v, list) and all(is_number(x) for x in v))
_SCALARS = _opt(lambda v: isinstance(v, list) and all(_scalar(x) for x in v))
_SCALAR_OR_LIST = lambda v: _scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v))  # noqa: E731
_STR_OR_NUM = _opt(lambda v: isinstance(v, str) or is_number(v))

# (component type, property) -> test of the JSON type the browser sends. A pair not listed
# accepts any JSON value (still bounded by the size, depth and string limits).
TYPE_RULES: dict[tuple[str, str], Callable[[Any], bool]] = {
    ("Location", "search"): _STR, ("Location", "pathname"): _STR, ("Location", "hash"): _STR,
    ("Location", "href"): _STR,
    ("Slider", "value"): _NUM, ("Slider", "min"): _NUM, ("Slider", "max"): _NUM, ("Slider", "step"): _NUM,
    ("RangeSlider", "value"): _NUMS,
    ("Checklist", "value"): _SCALARS,
    ("RadioItems", "value"): _scalar,
    ("Dropdown", "value"): _SCALAR_OR_LIST, ("Dropdown", "search_value"): _STR,
    ("Input", "value"): _STR_OR_NUM,
    ("Button", "n_clicks"): _COUNT,
    ("Interval", "n_intervals"): _COUNT, ("Interval", "disabled"): _BOOL, ("Interval", "interval"): _NUM,
    ("Graph", "clickData"): _OBJ, ("Graph", "hoverData"): _OBJ, ("Graph", "selectedData"): _OBJ,
    ("Graph", "relayoutData"): _OBJ, ("Graph", "figure"): _OBJ,
}


def components(layout) -> dict[Any, Any]:
    """Component id -> component for every component in ``layout``.

    Pattern-matching ids (dicts) are keyed ``("pattern", <their "type">)`` (the first one found).
    """
    from dash.development.base_component import Component

    found: dict[Any, Any] = {}
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, Component):
            cid = getattr(node, "id", None)
            if isinstance(cid, str):
                found[cid] = node
            elif isinstance(cid, dict) and isinstance(cid.get("type"), str):
                found.setdefault(("pattern", cid["type"]), node)
            for prop in node._prop_names:
                value = getattr(node, prop, None)
                if isinstance(value, (Component, list, tuple, dict)):
                    stack.append(value)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return found


def component_types(layout) -> dict[Any, str]:
    """Component id -> component type (``Slider``, ``Store``, ...) for every component in ``layout``."""
    return {cid: node._type for cid, node in components(layout).items()}


def option_values(component) -> frozenset | None:
    """The values a radio, checklist or dropdown offers; None when it has no fixed options."""
    options = getattr(component, "options", None)
    if not options:
        return None  # filled in by a callback (the search box): no fixed set to check against
    if isinstance(options, dict):
        return frozenset(options)
    values = [o.get("value") if isinstance(o, dict) else o for o in options]
    return frozenset(v for v in values if _scalar(v))


def _json_bytes(value) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _short_text(limit: int) -> Callable[[Any], str | None]:
    return lambda v: None if v is None or len(v) <= limit else "text too long"


def _count(v) -> str | None:
    return None if v is None or v <= MAX_COUNT else "count out of range"


def _small_json(v) -> str | None:
    return None if v is None or _json_bytes(v) <= MAX_JSON_BYTES else "value too large"


def _typed(v) -> str | None:
    return None if not isinstance(v, str) or len(v) <= MAX_TYPED_CHARS else "text too long"


# Rules that need nothing from the layout: (component type, property) -> reason or None.
PLAIN_RULES: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("Location", "search"): _short_text(MAX_URL_CHARS), ("Location", "href"): _short_text(MAX_URL_CHARS),
    ("Location", "pathname"): _short_text(MAX_URL_CHARS), ("Location", "hash"): _short_text(MAX_URL_CHARS),
    ("Dropdown", "search_value"): _short_text(MAX_SEARCH_CHARS),
    ("Input", "value"): _typed,
    ("Button", "n_clicks"): _count, ("Interval", "n_intervals"): _count,
    ("Store", "data"): _small_json,
    ("Graph", "clickData"): _small_json, ("Graph", "hoverData"): _small_json,
    ("Graph", "selectedData"): _small_json, ("Graph", "relayoutData"): _small_json,
}


def _persisted(store) -> bool:
    return getattr(store, "storage_type", None) in ("local", "session")


class ValueSpace:
    """The meaning checks, with options and ranges read once from the app's layout."""

    def __init__(self, *layouts):
        """Later layouts win: pass the skeleton first, the layout with options and ranges last."""
        self.components = {}
        for layout in layouts:
            self.components.update(components(layout))

    def type_of(self, cid) -> str | None:
        node = self._component(cid)
        return node._type if node is not None else None

    def _component(self, cid):
        if isinstance(cid, str):
            return self.components.get(cid)
        if isinstance(cid, dict):
            return self.components.get(("pattern", cid.get("type")))
        return None

    def reason(self, cid, prop: str, value) -> str | None:
        """Why ``value`` cannot be what ``cid.prop`` holds, or None when it can."""
        if isinstance(cid, dict) and any(isinstance(v, str) and len(v) > MAX_ID_CHARS for v in cid.values()):
            return "id too long"
        node = self._component(cid)
        if node is None:
            return None
        ctype = node._type
        rule = TYPE_RULES.get((ctype, prop))
        if rule is not None and not rule(value):
            return "wrong value type"
        if ctype == "Store" and _persisted(node):
            return None  # the reader's own data: bounded by the request limits, checked by its owner
        plain = PLAIN_RULES.get((ctype, prop))
        if plain is not None:
            return plain(value)
        if prop == "value" and ctype in ("RadioItems", "Checklist", "Dropdown"):
            return self._choice(node, value)
        if prop == "value" and ctype in ("Slider", "RangeSlider"):
            return self._in_range(node, value)
        return None

    def carries_user_data(self, deps: list[dict]) -> bool:
        """Whether a callback with these inputs and states receives the reader's own data: an
        uploaded file or a store kept in the browser (local or session storage)."""
        for dep in deps:
            node = self._component(dep.get("id")) if isinstance(dep.get("id"), str) else None
            if node is not None and (node._type == "Upload" or (node._type == "Store" and _persisted(node))):
                return True
        return False

    @staticmethod
    def _choice(node, value) -> str | None:
        allowed = option_values(node)
        chosen = value if isinstance(value, list) else [value]
        if allowed is None:  # options come from a callback: an id-like scalar at most
            ok = all(not isinstance(v, str) or len(v) <= MAX_ID_CHARS for v in chosen) and len(chosen) <= 1
            return None if ok else "not an option"
        if len(chosen) > len(allowed) or any(v is not None and v not in allowed for v in chosen):
            return "not an option"
        return None

    @staticmethod
    def _in_range(node, value) -> str | None:
        if value is None:
            return None
        low, high = getattr(node, "min", None), getattr(node, "max", None)
        points = value if isinstance(value, list) else [value]
        if node._type == "RangeSlider" and (len(points) != 2 or points[0] > points[1]):
            return "not a range"
        if is_number(low) and is_number(high) and not all(low <= p <= high for p in points):
            return "out of range"
        return None
