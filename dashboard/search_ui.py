"""The search box: options for what was typed, and a sentence saying how many were found.

Which names match is decided in one place, :func:`geodata.query.search` (every name a place or
record has had, in every language and script, folded for case, diacritics and Arabic-script
letter variants). The browser only shows what the server found: each option carries the typed
text in its ``search`` field so that the dropdown's own substring filter keeps it, and
``search_order="original"`` keeps the server's ranking.
"""
from __future__ import annotations

from dash import Input, Output, State, dcc, html

from geodata import query

from . import ids
from .callbacks_common import Context, guarded
from .component_text import dropdown_labels
from .i18n import DEFAULT_LANG, name_in, number, t

LIMIT = 15
STATUS = "search-status"


def search_box(lang: str) -> list:
    """The label, the dropdown and the status line the search speaks through."""
    return [
        html.Label(t("search", lang), htmlFor=ids.SEARCH, id="search-label", className="visually-hidden"),
        dcc.Dropdown(id=ids.SEARCH, options=[], placeholder=t("search", lang), searchable=True, clearable=True,
                     className="search", search_order="original", labels=dropdown_labels(lang)),
        # Said aloud (polite) and shown: "no results" must not live only in the open popover.
        html.P("", id=STATUS, role="status", className="search-status", **{"aria-live": "polite"}),
    ]


def option_label(obj, lang: str) -> str:
    """The name in the page's language; an English page glosses it in Urdu, the text's language."""
    return f"{name_in(obj, lang)} — {obj.names.ur}" if lang == DEFAULT_LANG else name_in(obj, lang)


def search_options(c: Context, text: str, lang: str, current) -> list[dict]:
    hits = query.search(c.dataset, text or "", limit=LIMIT) if text else ()
    options = [{"label": option_label(_thing(c, h.id), lang), "value": h.id,
                "search": f"{h.name_en} {h.name_ur} {text}"} for h in hits]
    if current and current in c.known_ids and all(o["value"] != current for o in options):
        options.append({"label": option_label(_thing(c, current), lang), "value": current})
    return options


def status_text(text: str | None, found: int, lang: str) -> str:
    """'' before anything is typed; else how many were found, or that nothing was."""
    typed = (text or "").strip()
    if not typed:
        return ""
    if not found:
        return t("search_none", lang).format(text=typed)
    return t("search_found", lang).format(count=number(found, lang))


def _thing(c: Context, cid: str):
    return query.record(c.dataset, cid) or query.place(c.dataset, cid)


def register(app, c: Context) -> None:
    @app.callback(Output(ids.SEARCH, "options"), Output(STATUS, "children"),
                  Input(ids.SEARCH, "search_value"), State(ids.LANG, "value"), State(ids.SEARCH, "value"),
                  prevent_initial_call=True)
    @guarded
    def show_search_options(text, lang, current):
        options = search_options(c, text, lang, current)
        found = sum(1 for o in options if "search" in o)
        return options, status_text(text, found, lang)
