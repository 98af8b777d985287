"""``<html lang dir>`` and the tab's title in the page's language, from the first byte of the page.

Dash renders one index page for every address; the page's language is in its query (``?lang=fa``),
so the index is rendered per request with that language's ``lang``, ``dir`` and title. After a
switch in the page, ``assets/lang.js`` copies the app root's ``lang`` and ``dir`` to ``<html>``.
"""
from __future__ import annotations

from html import escape

import flask

from . import ids
from .i18n import DEFAULT_LANG, LANGUAGES, direction, known_language, t

STYLESHEET = "_languages.css"


def request_language() -> str:
    """The first registered language among the request's ``lang`` parameters (as urlstate reads them)."""
    if not flask.has_request_context():
        return DEFAULT_LANG
    return next(filter(None, map(known_language, flask.request.args.getlist(ids.P_LANG))), DEFAULT_LANG)


def html_open_tag(lang: str) -> str:
    return f'<html lang="{escape(lang)}" dir="{direction(lang)}">'


def font_css() -> str:
    """Each registered language's font stack, for any element marked with its ``lang``."""
    return "".join(f'[lang="{lang.code}"] {{ font-family: {lang.font}; }}\n' for lang in LANGUAGES)


def install(app) -> None:
    render = app.interpolate_index
    stylesheet = font_css()

    @app.server.route(f"/{STYLESHEET}")
    def language_fonts():
        return flask.Response(stylesheet, mimetype="text/css", headers={"Cache-Control": "public, max-age=3600"})

    app.config.external_stylesheets = [*app.config.external_stylesheets,
                                       app.config.requests_pathname_prefix + STYLESHEET]

    def interpolate_index(**parts):
        lang = request_language()
        page = render(**{**parts, "title": escape(t("title", lang))})
        return page.replace("<html>", html_open_tag(lang), 1)

    app.interpolate_index = interpolate_index
