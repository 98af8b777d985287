"""One escape for every text Plotly draws: labels, hover labels, annotations, the exported SVG.

Plotly reads trace ``text``, ``hovertemplate`` values and annotation text as pseudo-HTML: ``<a
href=…>`` becomes a live link, ``<b>``, ``<br>``, ``<span style=…>`` change the drawing, in the map
and in an SVG exported from it. A name, a quote or a title from the data must show as the
characters it holds, so every such string goes through :func:`plotly_text` once, where the trace
is built. ``escapeText`` in assets/clientside.js is the same rule for text the browser itself
puts into a figure (the grouped traces it rebuilds, the caption of an exported image).
"""
from __future__ import annotations

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))  # "&" first, or "&lt;" would be escaped twice


def plotly_text(text) -> str:
    """``text`` as Plotly should show it, character for character: no tag, no entity acts."""
    out = str(text)
    for raw, entity in _ENTITIES:
        out = out.replace(raw, entity)
    return out


def plotly_texts(texts) -> list[str]:
    return [plotly_text(t) for t in texts]
