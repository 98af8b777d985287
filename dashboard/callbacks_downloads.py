"""Image exports: the server writes the caption for the view on screen; the browser draws the image."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx

from . import ids
from .callbacks_common import Context, guarded, year_or_none
from .tour_ui import caption_lines, view_for
from .urlstate import with_changes


def register(app, c: Context) -> None:
    @app.callback(Output(ids.CAPTION, "data"),
                  Input(ids.EXPORT_PNG, "n_clicks"), Input(ids.EXPORT_SVG, "n_clicks"),
                  State(ids.URL, "search"), State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def export_caption(_png, _svg, search, year):
        """What an image export says about itself, for the view on screen; map.exportImage draws it."""
        s = view_for(c.parse(search), c.scenes)
        s = with_changes(s, year=year_or_none(year) or s.year)   # the link's year may lag the slider
        scene = c.scenes[s.scene - 1] if s.scene else None
        return {"format": "svg" if ctx.triggered_id == ids.EXPORT_SVG else "png",
                "lines": caption_lines(c.dataset, s, scene), "clicks": (_png or 0) + (_svg or 0)}

    app.clientside_callback(ClientsideFunction("map", "exportImage"), Output(ids.EXPORT_DONE, "data"),
                            Input(ids.CAPTION, "data"), prevent_initial_call=True)
