"""How records look: one table, read by the layers (dashboard/layers); the browser only draws
what dashboard/render.py computed from it.

Colours are from the Okabe-Ito palette (safe for the common colour-vision
deficiencies); status is carried by the line pattern, not by colour alone.
"""
from __future__ import annotations

from .i18n import LANGUAGES

KIND_COLOUR = {
    "rail_line": "#D55E00",        # vermillion
    "corridor": "#009E73",         # bluish green
    "sea_link": "#0072B2",         # blue
    "border_crossing": "#CC79A7",  # reddish purple
    "zone": "#E69F00",             # orange
    "province": "#8C6D1F",         # dark ochre outline
    "event": "#1A1A1A",
    "episode": "#56B4E9",          # sky blue
}
CONTEXT_COLOUR = "#6E6E6E"
ROUTE_COLOUR = "#F0E442"           # yellow under a dark casing: stands out on every fill

STATUS_STYLE = {
    # status: (line dash, width factor, label key)
    "proposed": ("dash", 0.8),
    "agreed": ("dashdot", 0.9),
    "possible": ("dash", 0.8),
    "under_construction": ("dot", 1.0),
    "operational": ("solid", 1.0),
    "open": ("solid", 1.0),
    "closed": ("longdash", 0.6),
    "decided": ("dash", 1.0),
    "claimed": ("dot", 1.0),
    "province": ("solid", 1.0),
    "occurred": ("solid", 1.0),
}
BASE_WIDTH = 4.0
CONTEXT_WIDTH = 2.5
LOCATION_OPACITY = {"exact": 1.0, "schematic": 0.95, "approximate": 0.85, "inferred": 0.6}

# Country fills for the political overlay, light enough for labels on a projector.
POLITY_FILL = {
    "none": "#F4F2EC",             # other countries / no data
    "iran": "#F7D774",             # Iran, the text's subject
    "soviet_republic": "#D3C0E6",  # lavender (purple and green stay apart for red-green deficiency)
    "independent": "#D2EBC2",      # pale green
    "union": "#D3C0E6",
}
POLITY_CODES = {"none": 0, "iran": 1, "soviet_republic": 2, "independent": 3}
SEA_FILL = "#A9CBE0"
OCEAN_BG = "#CFE2EE"
BORDER_COLOUR = "#6B6B6B"

# Event and episode markers: all of the chosen window rest faint and small; the year's stand out.
TIMELINE_MARKER = {"resting": {"size": 12, "opacity": 0.35}, "now": {"size": 17, "opacity": 1.0}}

# What an image export draws around the map (assets/exports.js lays it out with these).
EXPORT_LOOK = {"paper": "#ffffff", "box": "rgba(255,255,255,0.92)", "frame": "#17324d", "frame_px": 2,
               "year": "#17324d", "text": "#111111", "swatch_edge": "#777777", "swatch_edge_px": 1,
               "swatch_line_px": 4, "symbol_font": "'DejaVu Sans', sans-serif"}
LABEL_FONT = {lang.code: lang.font for lang in LANGUAGES}   # from the language registry
LABEL_PX = {lang.code: lang.label_px for lang in LANGUAGES}


def line_height(lang: str) -> float:
    """A line's height per px of font size in ``lang``'s font: Nastaliq's letters reach far above
    and below the line, Naskh's less, Latin's least (the year on the map, an export's caption)."""
    language = next(x for x in LANGUAGES if x.code == lang)
    return 2.6 if "Nastaliq" in language.font else 1.8 if language.direction == "rtl" else 1.4


def line_look(kind: str, status: str | None, from_text: bool, location: str) -> dict:
    """How a record of ``kind`` in ``status`` is drawn (line pattern, width, opacity)."""
    if status is None:
        return {"visible": False, "dash": "solid", "width": 0.0, "opacity": 0.0}
    dash, factor = STATUS_STYLE.get(status, ("solid", 1.0))
    width = (BASE_WIDTH if from_text else CONTEXT_WIDTH) * factor
    return {"visible": True, "dash": dash, "width": round(width, 2), "opacity": LOCATION_OPACITY.get(location, 1.0)}
