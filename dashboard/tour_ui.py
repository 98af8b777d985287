"""Seminar mode: scenes applied to the view, the presenter's panel, and captions for exported images."""
from __future__ import annotations

from dash import html

from geodata import query
from geodata.dates import end_of_year
from geodata.load import Dataset
from geodata.query import events_between
from geodata.questions import RouteQuestion
from geodata.tour import Scene

from . import ids
from .i18n import digits, direction, in_language, name_in, status_label, t, text_in
from .layers import BY_ID, LAYER_IDS
from .layers.political import borders_line
from .panels import legend
from .route_results import route_summary
from .routes import route_request, run_routes
from .urlstate import MODES, View, ViewState, with_changes


def route_of_question(question: RouteQuestion | None) -> dict:
    """The explorer's fields in the view for a question (its first two years: the later one shown,
    the earlier compared, as the explorer's question menu sets them), or none."""
    if question is None:
        return {"route_from": None, "route_to": None, "route_year": None, "compare_year": None}
    years = list(question.years) + [None]
    shown, compared = (years[1], years[0]) if years[1] is not None else (years[0], None)
    return {"route_from": question.origin, "route_to": question.destination, "route_year": shown,
            "compare_year": compared, "modes": tuple(m for m in MODES if m in question.modes) or MODES,
            "planned": question.include_planned}


def apply_scene(state: ViewState, scene: Scene) -> ViewState:
    """The view a scene asks for, with its route question in the explorer (or none);
    the language and the events window stay the presenter's."""
    view = View(scene.view["lon"], scene.view["lat"], scene.view["scale"]) if scene.view else None
    return with_changes(state, scene=scene.number, year=scene.year,
                        layers=tuple(l for l in LAYER_IDS if l in scene.layers),
                        feature=scene.highlight[0] if scene.highlight else None, view=view,
                        **route_of_question(scene.route))


def view_for(state: ViewState, scenes: tuple[Scene, ...]) -> ViewState:
    """A state whose URL names a scene shows that scene."""
    if state.scene and state.scene <= len(scenes):
        return apply_scene(state, scenes[state.scene - 1])
    return state


def scene_text(scene: Scene, field: str, lang: str) -> str:
    """A scene's title or caption in ``lang`` (from the tour file, else the data catalogue)."""
    return in_language(getattr(scene, field), f"tour:{scene.id}", lang)


def _scene_gloss(scene: Scene, lang: str):
    """The passage's gloss where there is one in the page's language (the Urdu page needs none)."""
    text, text_lang = text_in(f"tour:{scene.id}", scene.passage.gloss, lang)
    return html.P(text, lang=text_lang, dir=direction(text_lang), className="gloss") if text_lang == lang else None


def scene_route(dataset: Dataset, scene: Scene, lang: str):
    """The answer to the scene's route question, as the explorer would give it, short enough for the
    caption: the sentence comparing the years, each year's verdict and length, and the map's key."""
    question = scene.route
    if question is None:
        return None
    state = with_changes(ViewState(lang=lang), year=scene.year, **route_of_question(question))
    results = run_routes(dataset, route_request(state, by=question.by))
    return html.Section(route_summary(dataset, results, lang), className="tour-route",
                        **{"data-question": question.id})


def tour_panel(scene: Scene | None, count: int, lang: str, dataset: Dataset | None = None):
    """The presenter's caption: where in the tour, the year, title and caption, the route question's
    answer, the passage, and the legend of the scene's overlays (the controls are hidden)."""
    if scene is None:
        return []
    p = scene.passage
    return [c for c in [
        html.P([html.Span(f"{digits(scene.number, lang)} / {digits(count, lang)}"),
                html.Span(digits(scene.year, lang), className="tour-year", **{"data-year": str(scene.year)})],
               className="tour-counter", **{"data-scene": str(scene.number)}),
        html.H2(scene_text(scene, "title", lang), className="tour-title", id="tour-title"),
        html.P(scene_text(scene, "caption", lang), className="tour-caption"),
        scene_route(dataset, scene, lang) if dataset is not None else None,
        html.Figure([
            html.Blockquote(p.quote, lang="ur", dir="rtl", className="quote urdu"),
            html.Figcaption(f"{t('block', lang)} {digits(p.block, lang)}", className="cite"),
            _scene_gloss(scene, lang),
        ], className="passage"),
        html.Details([html.Summary(t("legend", lang)), html.Div(legend(lang, scene.layers))],
                     open=True, className="tour-legend"),
    ] if c is not None]


def visible_record_ids(dataset: Dataset, state: ViewState) -> list[str]:
    """Records the map shows for this state: what stands at the year in the layers on, and the window's events."""
    kinds = {k for lid in state.layers if lid in BY_ID for k in BY_ID[lid].kinds}
    context = "context" in state.layers
    day = end_of_year(state.year)
    events = {r.id for r in events_between(dataset, *state.window)}
    out = []
    for r in dataset.records:
        if r.kind not in kinds or not (r.from_text or context):
            continue
        if r.kind in ("event", "episode"):
            if r.id in events:
                out.append(r.id)
        elif r.stage_at(day) is not None:
            out.append(r.id)
    return out


def caption_lines(dataset: Dataset, state: ViewState, scene: Scene | None) -> list[str]:
    lang = state.lang
    title = scene_text(scene, "title", lang) if scene else t("title", lang)
    sep = "، " if direction(lang) == "rtl" else ", "   # the Arabic comma in a right-to-left list
    layers = sep.join(BY_ID[l].label(lang) for l in state.layers if l in BY_ID)
    shown = visible_record_ids(dataset, state)
    blocks = sorted({s.block for rid in shown for s in query.record(dataset, rid).sources})
    if scene:
        blocks = sorted(set(blocks) | {scene.passage.block})
    context = any(not query.record(dataset, rid).from_text for rid in shown)
    lines = [f"{title} — {t('year', lang)} {digits(state.year, lang)}",
             f"{t('overlays', lang)}: {layers}",
             f"{t('source_passage', lang)}: {t('block', lang)} {sep.join(digits(b, lang) for b in blocks)}"
             + (f"; {t('context', lang)}" if context else "")]
    chosen = chosen_line(dataset, state)
    if chosen:
        lines.insert(1, chosen)
    if scene:   # the whole passage: the image export wraps it, a file keeps it on one line
        lines.append(f"“{scene.passage.gloss}”" if lang == "en" else scene.passage.quote)
    lines.append(borders_line(dataset, state.year, lang))   # what the borders drawn are (issue 13)
    lines.append(t("attribution", lang))
    return lines


def chosen_line(dataset: Dataset, state: ViewState) -> str | None:
    """The chosen feature, with its status in the year where it has one, for a caption."""
    if not state.feature:
        return None
    record, place = query.record(dataset, state.feature), query.place(dataset, state.feature)
    thing = record or place
    if thing is None:
        return None
    stage = record.stage_at(end_of_year(state.year)) if record is not None else None
    status = f" ({status_label(stage.status, state.lang)})" if stage is not None and stage.status else ""
    return f"{t('chosen', state.lang)}: {name_in(thing, state.lang)}{status}"


def tour_arrows(lang: str) -> tuple[str, str]:
    """(previous, next): the arrows point back and on the way the language reads."""
    return ("→", "←") if direction(lang) == "rtl" else ("←", "→")


def tour_buttons(lang: str):
    back, on = tour_arrows(lang)
    return html.Div(className="tour-nav", children=[
        html.Button(back, id=ids.TOUR_PREV, n_clicks=0, **{"aria-label": t("tour_prev", lang)}),
        html.Button(on, id=ids.TOUR_NEXT, n_clicks=0, **{"aria-label": t("tour_next", lang)}),
        html.Button(t("tour_exit_short", lang), id=ids.TOUR_EXIT, n_clicks=0, title="Esc",
                    **{"aria-label": t("tour_exit", lang)}),
    ])
