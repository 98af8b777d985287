"""Where map labels go: by priority, so that no two overlap at any zoom.

The map is a Mercator projection; at projection scale ``k`` (pixels per radian, what d3's
``projection.scale()`` returns in the browser) a place at (lon, lat) is drawn at ``k * (x, y)``
with ``x = lon`` and ``y = -ln tan(pi/4 + lat/2)`` in radians, plus the pan. A label is a box of
fixed size in pixels beside its point, so two labels that overlap at one scale come apart as the
reader zooms in, and once apart they stay apart: each pair has one scale from which it is
separated (:func:`separation_scale`).

Labels are placed in priority order (the text's own places first). Each label takes the position
(above, below, right, left of its point, ...) from which it can show at the smallest scale, given
every label placed before it; that smallest scale is its ``label_k``. The browser
(assets/explore.js) shows a label only while the map's scale is at least its ``label_k``: it draws,
it does not decide. Label sizes come from :mod:`dashboard.label_metrics` (measured in Chromium with
the app's fonts, estimated for text not measured yet).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .label_metrics import text_box

# Plotly's text positions around a marker, in order of preference (dashboard/layers/labels.py uses them).
POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left",
             "bottom right", "bottom left")
PADDING_PX = 1.5          # free space kept around every label
NEVER = math.inf


@dataclass(frozen=True)
class Label:
    key: str
    lon: float
    lat: float
    text: str
    lang: str
    size: float                   # font size, px
    marker_px: float = 0.0        # the marker's diameter beside which the text sits (0: the text is the point)
    positions: tuple[str, ...] = POSITIONS


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Screen-oriented Mercator at scale 1 (y grows downwards, as on screen)."""
    phi = math.radians(max(min(lat, 85.0), -85.0))
    return math.radians(lon), -math.log(math.tan(math.pi / 4 + phi / 2))


def offset_box(label: Label, position: str) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1): the label's box in px relative to its point, as Plotly lays the text out
    (plotly.js Drawing.textPointPosition: the text sits ``r / 0.8 + 1`` px off a marker of
    radius ``r``, its baseline ``0.75 * size`` below the vertical anchor)."""
    width, above, below = text_box(label.text, label.lang, label.size)
    r = label.marker_px / 2
    gap = r / 0.8 + 1 if r else 0.0
    vsign = -1 if "top" in position else 1 if "bottom" in position else 0
    hsign = -1 if "left" in position else 1 if "right" in position else 0
    baseline = label.size * 0.75 + vsign * gap + (vsign - 1) * label.size / 2
    x0 = -width / 2 if hsign == 0 else (gap if hsign > 0 else -gap - width)
    return (x0 - PADDING_PX, baseline - above - PADDING_PX, x0 + width + PADDING_PX, baseline + below + PADDING_PX)


def _axis_scale(delta: float, a0: float, a1: float, b0: float, b1: float) -> float:
    """Smallest k >= 0 from which intervals [a0, a1] and [k*delta + b0, k*delta + b1] are apart."""
    if b0 >= a1 or a0 >= b1:
        if delta == 0 or (delta > 0 and b0 >= a1) or (delta < 0 and a0 >= b1):
            return 0.0
    if delta > 0:
        return max((a1 - b0) / delta, 0.0)
    if delta < 0:
        return max((b1 - a0) / -delta, 0.0)
    return NEVER


def separation_scale(a: tuple[float, float], box_a, b: tuple[float, float], box_b) -> float:
    """The scale from which box ``box_a`` at point ``a`` and ``box_b`` at ``b`` no longer overlap."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return min(_axis_scale(dx, box_a[0], box_a[2], box_b[0], box_b[2]),
               _axis_scale(dy, box_a[1], box_a[3], box_b[1], box_b[3]))


@dataclass(frozen=True)
class Placed:
    position: str
    k: float                      # the scale from which it shows (math.inf: never)
    box: tuple[float, float, float, float]
    point: tuple[float, float]


def _away(point: tuple[float, float], others: list[tuple[float, float]], reach: float = 0.1) -> tuple[float, float]:
    """The direction away from the labelled points near ``point`` (closer ones weigh more)."""
    ax = ay = 0.0
    for q in others:
        dx, dy = point[0] - q[0], point[1] - q[1]
        d2 = dx * dx + dy * dy
        if 0 < d2 < reach * reach:
            ax, ay = ax + dx / d2, ay + dy / d2
    return ax, ay


def _direction(position: str) -> tuple[float, float]:
    return (-1 if "left" in position else 1 if "right" in position else 0,
            -1 if "top" in position else 1 if "bottom" in position else 0)


def place(labels: list[Label], obstacles: list[tuple[float, float, float]] = ()) -> dict[str, Placed]:
    """Each label's position and the scale from which it shows, placed in the order given.

    ``obstacles`` are (lon, lat, diameter px) of markers always drawn (the places' dots): a label
    shows only where it covers none but its own. Among positions from which a label shows equally
    early, the one facing away from its neighbours is taken, to leave them room."""
    fixed = [(mercator(lon, lat), (-d / 2, -d / 2, d / 2, d / 2)) for lon, lat, d in obstacles]
    points = [mercator(label.lon, label.lat) for label in labels]
    placed: dict[str, Placed] = {}
    for label, point in zip(labels, points):
        away = _away(point, points)
        best, best_key = None, None
        for position in label.positions:
            box = offset_box(label, position)
            k = 0.0
            for other_point, other_box in fixed:
                if other_point != point:
                    k = max(k, separation_scale(point, box, other_point, other_box))
            for other in placed.values():
                apart = separation_scale(point, box, other.point, other.box)
                if other.k < apart:      # both would show at some scale below ``apart``
                    k = max(k, apart)
            dx, dy = _direction(position)
            key = (round(k, 1), -(dx * away[0] + dy * away[1]) / math.hypot(dx, dy) if dx or dy else 0.0)
            if best_key is None or key < best_key:
                best, best_key = Placed(position, k, box, point), key
        placed[label.key] = best
    return placed


__all__ = ["Label", "Placed", "place", "offset_box", "separation_scale", "mercator", "POSITIONS"]
