"""How large a map label is drawn: width, and height above and below its baseline, in px.

Measured once in Chromium with the app's own fonts (scripts/measure_labels.py writes
dashboard/label_metrics.json: every label text of every language, as SVG text at 100 px) and
read here. A text not measured yet (a new name) gets an estimate from its length that is wider
than any measured label of its language per character, so a new name can hide a label, never
make two overlap; rerun the script to measure it.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

METRICS_FILE = Path(__file__).with_name("label_metrics.json")
REFERENCE_PX = 100.0
# Per character and px of font size, for text not measured: above the widest measured
# (en 0.65, ur 0.65, fa 0.75 in the first measurement).
ESTIMATE_WIDTH = {"en": 0.72, "ur": 0.75, "fa": 0.8}
# Above and below the baseline, per px of font size, when a language has no measurement
# (Noto Nastaliq Urdu's line box is about 2.5 em tall).
ESTIMATE_VERTICAL = {"en": (1.1, 0.35), "ur": (1.95, 0.62), "fa": (1.1, 0.7)}


@functools.lru_cache(maxsize=1)
def _metrics() -> dict:
    if not METRICS_FILE.exists():
        return {"width": {}, "vertical": {}}
    return json.loads(METRICS_FILE.read_text(encoding="utf-8"))


def measured(text: str, lang: str) -> bool:
    return text in _metrics()["width"].get(lang, {})


def text_box(text: str, lang: str, size: float) -> tuple[float, float, float]:
    """(width, above baseline, below baseline) in px of ``text`` in ``lang``'s label font at ``size`` px."""
    data = _metrics()
    per_px = data["width"].get(lang, {}).get(text)
    width = per_px * size if per_px is not None else len(text) * size * ESTIMATE_WIDTH.get(lang, 0.8)
    above, below = data["vertical"].get(lang) or ESTIMATE_VERTICAL.get(lang, (1.95, 0.7))
    return width, above * size, below * size


__all__ = ["text_box", "measured", "METRICS_FILE"]
