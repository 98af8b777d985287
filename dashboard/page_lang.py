"""``<html lang dir>`` and the tab's title in the page's language, from the first byte of the page.

Dash renders one index page for every address; the page's language is in its query (``?lang=fa``),
so the index is rendered per request with that language's ``lang``, ``dir`` and title. After a
switch in the page, ``assets/lang.js`` copies the app root's ``lang`` and ``dir`` to ``<html>``.
"""
from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

import flask

from . import ids
from .i18n import DEFAULT_LANG, LANGUAGES, direction, known_language, t

STYLESHEET = "_languages.css"


def _first_known(codes) -> str:
    """The first registered language among ``lang`` parameters (as urlstate reads them)."""
    return next(filter(None, map(known_language, codes)), DEFAULT_LANG)


def request_language() -> str:
    """The language the request's own address asks for."""
    return _first_known(flask.request.args.getlist(ids.P_LANG)) if flask.has_request_context() else DEFAULT_LANG


def referrer_language() -> str:
    """The language of the page a callback request comes from: Dash's requests carry the page's
    address as their Referer (headers.py: Referrer-Policy same-origin), and the address its ``lang``."""
    referrer = flask.request.referrer if flask.has_request_context() else None
    return _first_known(parse_qs(urlsplit(referrer or "").query).get(ids.P_LANG, []))


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
