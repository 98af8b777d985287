"""What an image or video export draws besides the map: the caption's lines, the year, the legend of
the overlays on, in the page's language and direction. The browser (assets/exports.js) lays them out
and wraps the lines; everything it writes comes from here."""
from __future__ import annotations

from dash import dcc, html

from geodata.load import Dataset

from . import ids
from .i18n import digits, direction, t
from .layers import legend_groups
from .layers._legend import DASH_PATTERNS
from .style import EXPORT_LOOK, LABEL_FONT, line_height
from .tour_ui import caption_lines
from .urlstate import FIRST_YEAR, LAST_YEAR, ViewState, with_changes


def legend_items(lang: str, layers: tuple[str, ...]) -> list[dict]:
    """The legend of the overlays on, as the panel shows it (dashboard/panels.legend): a heading per
    layer, then its entries with their swatch (shape, colour, dash, opacity, symbol)."""
    out = []
    for layer, entries in legend_groups(layers, lang):
        out.append({"heading": layer.label(lang)})
        out += [{"text": text, "shape": sw.shape, "colour": sw.colour, "dash": list(DASH_PATTERNS[sw.dash]), "opacity": sw.opacity,
                 "symbol": sw.symbol, "open": sw.open} for sw, text in entries]
    return out


def image_caption(dataset: Dataset, state: ViewState, scene, fmt: str, clicks: int) -> dict:
    """Everything an image export writes around the map for ``state``."""
    lang = state.lang
    return {"format": fmt, "clicks": clicks, "lang": lang, "dir": direction(lang), "font": LABEL_FONT[lang],
            "year": state.year, "year_text": digits(state.year, lang), "year_label": t("year", lang),
            "lines": caption_lines(dataset, state, scene), "legend_title": t("legend", lang),
            "legend": legend_items(lang, state.layers), "look": EXPORT_LOOK, "line_height": line_height(lang)}


MAX_FRAMES = 120   # years in one video: a longer span is refused with a message


def video_caption(dataset: Dataset, state: ViewState, scene, first: int, last: int, clicks: int) -> dict:
    """An animation of the years ``first``..``last`` of the view: per year, its caption (what is
    drawn, and so the passages cited, changes with the year), the legend of the view."""
    out = image_caption(dataset, state, scene, "webm", clicks)
    out["years"] = [{"year": y, "text": digits(y, state.lang),
                     "lines": caption_lines(dataset, with_changes(state, year=y), scene)}
                    for y in range(first, last + 1)]
    return out


def video_controls(year: int, lang: str):
    """The animation's two years and its button, folded under the downloads."""
    first = max(FIRST_YEAR, year - 7)
    return html.Details(className="video-export", children=[
        html.Summary(t("export_video", lang), id="video-summary"),
        html.Label(t("video_from", lang), htmlFor=ids.VIDEO_FROM, id="video-from-label"),
        dcc.Input(id=ids.VIDEO_FROM, type="number", min=FIRST_YEAR, max=LAST_YEAR, step=1, value=first),
        html.Label(t("video_to", lang), htmlFor=ids.VIDEO_TO, id="video-to-label"),
        dcc.Input(id=ids.VIDEO_TO, type="number", min=FIRST_YEAR, max=LAST_YEAR, step=1, value=year),
        html.Button(t("export_video", lang), id=ids.EXPORT_VIDEO, n_clicks=0, title=t("video_help", lang)),
        html.Span(id=ids.VIDEO_STATUS, role="status", className="video-status"),
    ])
