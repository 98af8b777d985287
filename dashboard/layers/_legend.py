"""What a layer puts in the legend: entries of a swatch and a text, declared in the layer's module.

The legend panel (dashboard/panels.py) reads them from the registry, so a layer that is on is in
the legend and a new layer needs no edit elsewhere. Entries shared by several layers (the line
patterns of statuses, the open symbol of an uncertain location) are listed by each and shown once.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import style


# A legend line's dash pattern in px (on, off, ...), for the legend panel's swatches and the image
# exports' legend alike.
DASH_PATTERNS = {"solid": (), "dash": (9, 5), "dot": (2, 4), "dashdot": (9, 4, 2, 4), "longdash": (14, 6)}


@dataclass(frozen=True)
class Swatch:
    shape: str                  # "line", "fill" or "symbol"
    colour: str
    dash: str = "solid"         # for a line
    opacity: float = 1.0        # for a line
    symbol: str = ""            # for a symbol: the character drawn
    open: bool = False          # for a symbol: drawn as an outline (an uncertain location)


@dataclass(frozen=True)
class LegendEntry:
    swatch: Swatch
    text_key: str               # a key of the layer's own strings, or of the interface catalogue
    also_key: str | None = None   # a second label, joined with " / "


def line(colour: str, text_key: str, dash: str = "solid", opacity: float = 1.0, also_key: str | None = None):
    return LegendEntry(Swatch("line", colour, dash=dash, opacity=opacity), text_key, also_key)


def fill(colour: str, text_key: str):
    return LegendEntry(Swatch("fill", colour), text_key)


def symbol(char: str, colour: str, text_key: str, open_: bool = False):
    return LegendEntry(Swatch("symbol", colour, symbol=char, open=open_), text_key)


STATUS_PATTERNS = (
    line("#333333", "st_proposed", "dash", also_key="st_possible"),
    line("#333333", "st_agreed", "dashdot"),
    line("#333333", "st_under_construction", "dot"),
    line("#333333", "st_operational", "solid", also_key="st_open"),
    line("#333333", "uncertain_location", "solid", 0.45),
)
UNCERTAIN_SYMBOL = symbol("□", "#333333", "uncertain_location", open_=True)
CONTEXT = line(style.CONTEXT_COLOUR, "layer_context")

def legend_groups(registry, layer_ids, lang: str) -> list[tuple]:
    """The legend of the layers that are on, in the registry's order: per layer with entries to show,
    ``(layer, [(swatch, text), ...])``. An entry that two layers share is shown under the first.
    The legend panel and the image exports both draw this, so they cannot disagree."""
    out, shown = [], set()
    for layer in registry:
        entries = [e for e in layer.legend if e not in shown] if layer.id in layer_ids else []
        if not entries:
            continue
        shown.update(entries)
        out.append((layer, [(e.swatch, _entry_text(layer, e, lang)) for e in entries]))
    return out


def _entry_text(layer, entry: LegendEntry, lang: str) -> str:
    text = layer.text(entry.text_key, lang)
    return text + " / " + layer.text(entry.also_key, lang) if entry.also_key else text


__all__ = ["DASH_PATTERNS", "legend_groups", "Swatch", "LegendEntry", "line", "fill", "symbol", "STATUS_PATTERNS", "UNCERTAIN_SYMBOL", "CONTEXT"]
