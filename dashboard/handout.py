"""The printable tour handout (/tour/handout): one page per scene with its map, title, year, caption,
the passage and its gloss, the sources of what the map shows, and the scene's absolute link.

Each scene's map is the app's own figure for the scene (dashboard/figures.py) without the drawing of
other years, written into the page as JSON and drawn by plotly.js in the browser that prints it
(assets/handout.js), so the handout needs no server-side image renderer.
"""
from __future__ import annotations

import html as _html
import json

from geodata import query
from geodata.load import Dataset

from .figures import build_map_figure
from .i18n import DEFAULT_LANG, digits, direction, gloss_wanted, t, text_in
from .layers import MapState
from .tour_ui import apply_scene, scene_text, visible_record_ids
from .urlstate import ViewState

MAP_SIZE = (820, 520)   # px: an A4 page's width at 96 dpi, less its 2 cm margins


def scene_figure(dataset: Dataset, scene, lang: str) -> dict:
    """The scene's map as the app draws it, for its year only."""
    state = apply_scene(ViewState(lang=lang), scene)
    figure = build_map_figure(dataset, MapState(year=state.year, lang=lang, layers=frozenset(state.layers),
                                                window=state.window, feature=state.feature,
                                                show_context="context" in state.layers), view=state.view)
    figure["layout"].update(meta=None, width=MAP_SIZE[0], height=MAP_SIZE[1])
    return figure


def scene_sources(dataset: Dataset, scene, lang: str) -> list[str]:
    """What the scene's map cites: the text's blocks, then each outside source once."""
    state = apply_scene(ViewState(lang=lang), scene)
    records = [query.record(dataset, rid) for rid in visible_record_ids(dataset, state)]
    blocks = sorted({s.block for r in records for s in r.sources} | {scene.passage.block})
    sep = "، " if direction(lang) == "rtl" else ", "
    out = [f"{t('source_passage', lang)}: {t('block', lang)} {sep.join(digits(b, lang) for b in blocks)}"]
    context = sorted({c.citation for r in records for c in getattr(r, "context", ()) or ()})
    out += [f"{t('context', lang)}: {c}" for c in context]
    return out


def _gloss(context: str, english: str, lang: str) -> str:
    """The passage's gloss in the handout's language, else the English and, on another language's
    handout, a word that it is not translated yet; none on a handout in the quotation's language."""
    if not gloss_wanted(lang):
        return ""
    text, text_lang = text_in(context, english, lang)
    missing = "" if text_lang == lang else f' <span class="no-translation">{_html.escape(t("gloss_missing", lang))}</span>'
    return (f'<p class="gloss"><span lang="{text_lang}" dir="{direction(text_lang)}">{_html.escape(text)}</span>'
            f'{missing}</p>')


def _json_block(element_id: str, data) -> str:
    """Data for the page's script, in a block the browser does not run (and CSP allows)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _page(dataset: Dataset, scenes: tuple, scene, lang: str, base_url: str) -> str:
    e = _html.escape
    p = scene.passage
    link = f"{base_url.rstrip('/')}/?scene={scene.number}" + ("" if lang == DEFAULT_LANG else f"&lang={lang}")
    sources = "".join(f"<li>{e(s)}</li>" for s in scene_sources(dataset, scene, lang))
    return f"""<section class="page">
<p class="counter">{e(digits(scene.number, lang))} / {e(digits(len(scenes), lang))} · {e(t('year', lang))} {e(digits(scene.year, lang))}</p>
<h2>{e(scene_text(scene, 'title', lang))}</h2>
<figure class="scene-map" data-figure="fig-{scene.number}" style="width:{MAP_SIZE[0]}px;height:{MAP_SIZE[1]}px"></figure>
{_json_block(f"fig-{scene.number}", scene_figure(dataset, scene, lang))}
<p>{e(scene_text(scene, 'caption', lang))}</p>
<blockquote lang="ur" dir="rtl" class="urdu">{e(p.quote)}</blockquote>
<p class="cite">{e(t('block', lang))} {e(digits(p.block, lang))}</p>
{_gloss(f"tour:{scene.id}", p.gloss, lang)}
<h3>{e(t('handout_sources', lang))}</h3><ul class="sources">{sources}</ul>
<p class="link" dir="ltr">{e(t('handout_open', lang))}: <a href="{e(link)}">{e(link)}</a></p>
</section>"""


def handout_html(dataset: Dataset, scenes: tuple, lang: str, base_url: str = "http://127.0.0.1:8050/") -> str:
    """One printed page per scene, and the map's attributions."""
    e = _html.escape
    pages = "".join(_page(dataset, scenes, scene, lang, base_url) for scene in scenes)
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/_languages.css">
<title>{e(t('handout', lang))} — {e(t('title', lang))}</title>
<link rel="stylesheet" href="/assets/fonts.css"><link rel="stylesheet" href="/assets/fonts-fa.css"><link rel="stylesheet" href="/assets/handout.css">
</head><body class="handout"><header><h1>{e(t('title', lang))}</h1></header>
{pages}
<footer><p>{e(t('attribution', lang))}</p></footer>
<script src="/assets/vendor/plotly-geo.min.js"></script><script src="/assets/present.js"></script>
<script src="/assets/handout.js"></script>
</body></html>"""


__all__ = ["handout_html", "scene_figure", "scene_sources", "DEFAULT_LANG"]
