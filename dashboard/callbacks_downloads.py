"""Image and video exports: the server writes what goes around the map for the view on screen
(dashboard/export_image.py); the browser draws the image or records the video (assets/exports.js)."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx

from . import ids
from .callbacks_common import Context, guarded, year_or_none
from .i18n import digits, known_language, t
from .export_image import MAX_FRAMES, image_caption, video_caption
from .tour_ui import view_for
from .urlstate import with_changes


def _view(c: Context, search, year, lang):
    s = view_for(c.parse(search), c.scenes)
    # the link's year may lag the slider; the language is the page's
    s = with_changes(s, year=year_or_none(year) or s.year, lang=known_language(lang) or s.lang)
    return s, (c.scenes[s.scene - 1] if s.scene else None)


def register(app, c: Context) -> None:
    @app.callback(Output(ids.CAPTION, "data"),
                  Input(ids.EXPORT_PNG, "n_clicks"), Input(ids.EXPORT_SVG, "n_clicks"),
                  State(ids.URL, "search"), State(ids.YEAR, "value"), State(ids.LANG, "value"),
                  prevent_initial_call=True)
    @guarded
    def export_caption(_png, _svg, search, year, lang):
        """What an image export says about itself, for the view on screen; exports.image draws it."""
        s, scene = _view(c, search, year, lang)
        return image_caption(c.dataset, s, scene, "svg" if ctx.triggered_id == ids.EXPORT_SVG else "png",
                             (_png or 0) + (_svg or 0))

    @app.callback(Output(ids.VIDEO_CAPTION, "data"), Output(ids.VIDEO_STATUS, "children"),
                  Input(ids.EXPORT_VIDEO, "n_clicks"), State(ids.VIDEO_FROM, "value"), State(ids.VIDEO_TO, "value"),
                  State(ids.URL, "search"), State(ids.YEAR, "value"), State(ids.LANG, "value"),
                  prevent_initial_call=True)
    @guarded
    def export_video(clicks, first, last, search, year, lang):
        first, last = year_or_none(first), year_or_none(last)
        if first is None or last is None or abs(last - first) + 1 > MAX_FRAMES:
            return {}, t("video_bad_years", known_language(lang) or "en").format(n=digits(MAX_FRAMES, lang or "en"))
        first, last = min(first, last), max(first, last)
        s, scene = _view(c, search, year, lang)
        return video_caption(c.dataset, s, scene, first, last, clicks or 0), ""

    app.clientside_callback(ClientsideFunction("exports", "image"), Output(ids.EXPORT_DONE, "data"),
                            Input(ids.CAPTION, "data"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("exports", "video"), Output(ids.VIDEO_STATUS, "children", allow_duplicate=True),
                            Input(ids.VIDEO_CAPTION, "data"), prevent_initial_call=True)
