"""The view as a URL: a pure parser and serialiser.

``parse_query`` never raises: a bad value falls back to its default and is named
in the returned list of problems, and good values are kept.  ``to_query`` writes
only what differs from the defaults, in a fixed order, so equal views give equal
links.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping
from urllib.parse import parse_qs, urlencode

from . import ids
from .i18n import known_language
from .layers import DEFAULT_LAYERS, LAYER_IDS

FIRST_YEAR = 1918
LAST_YEAR = 2026
DEFAULT_YEAR = 1996
DEFAULT_WINDOW = (1918, 1996)
MODES = ("rail", "sea", "road")
MAX_VALUE_LENGTH = 200
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


@dataclass(frozen=True)
class View:
    lon: float
    lat: float
    scale: float


@dataclass(frozen=True)
class ViewState:
    year: int = DEFAULT_YEAR
    layers: tuple[str, ...] = DEFAULT_LAYERS
    lang: str = "en"
    feature: str | None = None
    view: View | None = None
    window: tuple[int, int] = DEFAULT_WINDOW
    route_from: str | None = None
    route_to: str | None = None
    route_year: int | None = None
    compare_year: int | None = None
    modes: tuple[str, ...] = MODES
    planned: bool = False
    scene: int | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)


def _int(text: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,6}", text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_query(query: str | Mapping[str, Iterable[str]], known_ids: frozenset[str] | set[str] = frozenset(),
                scene_count: int = 0) -> ViewState:
    """The view a query string asks for; what is bad is reset and listed in ``problems``."""
    if isinstance(query, str):
        try:
            params = parse_qs(query.lstrip("?"), keep_blank_values=True, max_num_fields=64)
        except ValueError:
            return ViewState(problems=("the query string has too many fields",))
    else:
        params = {k: list(v) for k, v in query.items()}
    problems: list[str] = []
    values: dict = {}

    def first_good(name: str, convert):
        """Repeated keys: the first value that converts wins."""
        raw = params.get(name)
        if not raw:
            return None
        for text in raw:
            if len(text) <= MAX_VALUE_LENGTH:
                value = convert(text)
                if value is not None:
                    return value
        problems.append(f"{name}={_short(raw[0])}")
        return None

    year = first_good(ids.P_YEAR, lambda s: _int(s, FIRST_YEAR, LAST_YEAR))
    if year is not None:
        values["year"] = year
    lang = first_good(ids.P_LANG, known_language)
    if lang:
        values["lang"] = lang
    if params.get(ids.P_LAYERS):
        raw = params[ids.P_LAYERS][0][:MAX_VALUE_LENGTH * 2]
        names = [n.strip() for n in raw.split(",") if n.strip()]
        good = tuple(dict.fromkeys(n for n in names if n in LAYER_IDS))
        bad = [n for n in names if n not in LAYER_IDS]
        if bad:
            problems.append(f"layers: {', '.join(_short(b) for b in bad[:5])}")
        if good or not names:
            values["layers"] = tuple(l for l in LAYER_IDS if l in good)
    feature = first_good(ids.P_FEATURE, lambda s: s if _ID.match(s) and (not known_ids or s in known_ids) else None)
    if feature:
        values["feature"] = feature
    view = first_good(ids.P_VIEW, _parse_view)
    if view:
        values["view"] = view
    window = first_good(ids.P_WINDOW, _parse_window)
    if window:
        values["window"] = window
    for key, attr in ((ids.P_FROM, "route_from"), (ids.P_TO, "route_to")):
        place = first_good(key, lambda s: s if _ID.match(s) and (not known_ids or s in known_ids) else None)
        if place:
            values[attr] = place
    for key, attr in ((ids.P_RYEAR, "route_year"), (ids.P_COMPARE, "compare_year")):
        y = first_good(key, lambda s: _int(s, FIRST_YEAR, LAST_YEAR))
        if y is not None:
            values[attr] = y
    modes = first_good(ids.P_MODES, lambda s: _parse_modes(s))
    if modes:
        values["modes"] = modes
    planned = first_good(ids.P_PLANNED, lambda s: {"1": True, "0": False, "true": True, "false": False}.get(s))
    if planned is not None:
        values["planned"] = planned
    scene = first_good(ids.P_SCENE, lambda s: _int(s, 1, max(scene_count, 1)) if scene_count else None)
    if scene is not None:
        values["scene"] = scene
    return ViewState(**values, problems=tuple(problems))


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "…"


def _parse_view(text: str) -> View | None:
    parts = text.split(",")
    if len(parts) != 3:
        return None
    try:
        lon, lat, scale = (float(p) for p in parts)
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (lon, lat, scale)):
        return None
    if not (-180 <= lon <= 180 and -80 <= lat <= 80 and 0.5 <= scale <= 50):
        return None
    return View(round(lon, 3), round(lat, 3), round(scale, 3))


def _parse_window(text: str) -> tuple[int, int] | None:
    parts = text.split("-")
    if len(parts) != 2:
        return None
    a, b = (_int(p, FIRST_YEAR, LAST_YEAR) for p in parts)
    if a is None or b is None:
        return None
    return (min(a, b), max(a, b))


def _parse_modes(text: str) -> tuple[str, ...] | None:
    names = [n for n in text.split(",") if n]
    if not names or any(n not in MODES for n in names):
        return None
    return tuple(m for m in MODES if m in names)


def to_query(state: ViewState) -> str:
    default = ViewState()
    pairs: list[tuple[str, str]] = [(ids.P_YEAR, str(state.year))]
    if state.layers != default.layers:
        pairs.append((ids.P_LAYERS, ",".join(state.layers)))
    if state.lang != default.lang:
        pairs.append((ids.P_LANG, state.lang))
    if state.feature:
        pairs.append((ids.P_FEATURE, state.feature))
    if state.view:
        pairs.append((ids.P_VIEW, f"{state.view.lon:g},{state.view.lat:g},{state.view.scale:g}"))
    if state.window != default.window:
        pairs.append((ids.P_WINDOW, f"{state.window[0]}-{state.window[1]}"))
    if state.route_from:
        pairs.append((ids.P_FROM, state.route_from))
    if state.route_to:
        pairs.append((ids.P_TO, state.route_to))
    if state.route_year is not None:
        pairs.append((ids.P_RYEAR, str(state.route_year)))
    if state.compare_year is not None:
        pairs.append((ids.P_COMPARE, str(state.compare_year)))
    if state.modes != default.modes:
        pairs.append((ids.P_MODES, ",".join(state.modes)))
    if state.planned:
        pairs.append((ids.P_PLANNED, "1"))
    if state.scene is not None:
        pairs.append((ids.P_SCENE, str(state.scene)))
    return "?" + urlencode(pairs, safe=",")


def with_changes(state: ViewState, **changes) -> ViewState:
    return replace(state, problems=(), **changes)
