"""Seminar mode: the tour's scenes (each a link), presenting full screen."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State
from dash.exceptions import PreventUpdate

from . import ids
from .callbacks_common import Context, guarded, year_or_none
from .tour_ui import apply_scene, tour_panel, view_for
from .urlstate import to_query, with_changes


def go_to_scene(c: Context, action: str, search, last, year):
    """The URL for a tour action: "next", "prev", "exit" or "present" (also resumes)."""
    n_scenes = len(c.scenes)
    if not n_scenes:
        raise PreventUpdate
    s = view_for(c.parse(search), c.scenes)
    last = last if isinstance(last, int) and 1 <= last <= n_scenes else None
    if action == "exit":
        if s.scene is None:
            raise PreventUpdate
        # Leave the tour where it is (at the slider's year: the link's may lag it), so the
        # presenter can explore and come back to this scene.
        s = with_changes(s, year=year_or_none(year) or s.year)
        return to_query(with_changes(s, scene=None)), s.scene
    if action == "present":
        number = s.scene or last or 1
    else:
        number = min(max((s.scene or last or 0) + (1 if action == "next" else -1), 1), n_scenes)
        if number == s.scene:
            raise PreventUpdate   # already at the first or last scene: nothing to send
    return to_query(apply_scene(s, c.scenes[number - 1])), number


def tour_button(app, c: Context, action: str, button: str) -> None:
    # One callback per button: Dash merges quick successive triggers of one callback into one call,
    # which would lose a "previous" pressed right after a "next".
    @app.callback(Output(ids.URL, "search", allow_duplicate=True), Output(ids.LAST_SCENE, "data", allow_duplicate=True),
                  Input(button, "n_clicks"), State(ids.URL, "search"), State(ids.LAST_SCENE, "data"),
                  State(ids.YEAR, "value"), prevent_initial_call=True)
    @guarded
    def tour_action(_clicks, search, last, year):
        return go_to_scene(c, action, search, last, year)


def register(app, c: Context) -> None:
    for action, button in (("next", ids.TOUR_NEXT), ("prev", ids.TOUR_PREV), ("exit", ids.TOUR_EXIT),
                           ("present", ids.PRESENT)):
        tour_button(app, c, action, button)

    @app.callback(Output(ids.STAGE, "className"), Output("tour-content", "children"),
                  Output("handout-link", "href"), Input(ids.URL, "search"), Input(ids.LANG, "value"))
    @guarded
    def show_tour(search, lang):
        s = view_for(c.parse(search), c.scenes)
        scene = c.scenes[s.scene - 1] if s.scene else None
        return "stage presenting" if scene else "stage", tour_panel(scene, len(c.scenes), lang, c.dataset), f"/tour/handout?lang={lang}"

    app.clientside_callback(ClientsideFunction("map", "fullScreen"), Output(ids.EXPORT_DONE, "data", allow_duplicate=True),
                            Input(ids.PRESENT, "n_clicks"), prevent_initial_call=True)
