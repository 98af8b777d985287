"""Hardening for the served app (issues 7 and 15): headers, a callback-request validator, short errors.

``install(app)`` is called once at the end of :func:`dashboard.create_app`. It adds to the Flask
server that Dash runs on:

* **Security headers on every response** (``after_request``; the headers and the
  Content-Security-Policy are built in dashboard.headers, which gunicorn's own error pages share
  through dashboard.gunicorn_worker). ``/_dash-layout`` is built from the page's URL, read from
  the ``Referer``: it also gets ``Vary: Referer`` and ``Cache-Control: private, no-store``, so no
  shared cache hands one reader's view to another.
* **A validator for ``POST /_dash-update-component``** (``before_request``, dashboard.callback_check
  and dashboard.callback_values): anything a browser of this app cannot have sent gets a 4xx
  with a short plain-text reason before Dash sees it, and one short log line at most.
  ``MAX_CONTENT_LENGTH`` bounds every other request body.
* **Short plain-text error responses** for 400/404/405/413/415 and any other HTTP error, and for
  500: never a stack trace, a file path or the framework's name. Unhandled exceptions are logged
  (Flask logs them before calling the 500 handler) and answered ``500 internal error``.
* **A per-client log budget** (dashboard.logbudget): no client can fill the error log.

Nothing here keeps state that a request's answer depends on: the policy string and the layout's
options and ranges are computed once in :func:`install` and only read afterwards.
"""
from __future__ import annotations

import logging

import flask
from werkzeug.exceptions import HTTPException, InternalServerError

from . import logbudget
from .callback_check import (CALLBACK_ENDPOINT, MAX_CALLBACK_BYTES, MAX_CONTENT_LENGTH, MAX_DEPTH,  # noqa: F401
                             MAX_ITEMS, MAX_STRING, BadCallback, CallbackValidator, read_callback_body)
from .callback_values import ValueSpace
from .headers import (MESSAGES, STATIC_HEADERS, content_security_policy, index_script_hashes,  # noqa: F401
                      inline_scripts, script_hash)

log = logging.getLogger(__name__)

LAYOUT_ENDPOINT = "_dash-layout"
# The layout depends on the Referer (the page's URL): private to one reader, never stored.
LAYOUT_HEADERS = {"Vary": "Referer", "Cache-Control": "private, no-store"}


def _plain(message: str, status: int) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def install(app) -> None:
    """Add the security headers, the callback validator and the short error handlers to ``app``."""
    server: flask.Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    policy = content_security_policy(index_script_hashes(app))
    prefix = app.config.routes_pathname_prefix
    # The default page's layout has the options and ranges (the validation layout is a skeleton
    # without them); the validation layout adds any component the default page lacks.
    layout = app.layout() if callable(app.layout) else app.layout
    _install_validator(server, CallbackValidator(app, ValueSpace(app.validation_layout, layout)),
                       prefix + CALLBACK_ENDPOINT)
    _install_headers(server, {"Content-Security-Policy": policy, **STATIC_HEADERS}, prefix + LAYOUT_ENDPOINT)
    _install_error_pages(server)
    logbudget.install(server)
    server.extensions["dashboard.security"] = {"content_security_policy": policy}
    log.debug("security installed: %s", policy)


def _install_validator(server: flask.Flask, validator: CallbackValidator, callback_path: str) -> None:
    @server.before_request
    def _validate_callback_request():
        request = flask.request
        if request.path != callback_path:
            return None
        if request.method != "POST":
            response = _plain(MESSAGES[405], 405)
            response.headers["Allow"] = "POST"
            return response
        try:
            validator.check(*read_callback_body(request))
        except BadCallback as exc:
            log.info("rejected callback request from %s: %s", request.remote_addr, exc)
            return _plain(f"bad callback request: {exc}", exc.status)
        return None


def _install_headers(server: flask.Flask, headers: dict[str, str], layout_path: str) -> None:
    @server.after_request
    def _security_headers(response: flask.Response) -> flask.Response:
        for name, value in headers.items():
            response.headers[name] = value
        if flask.request.path == layout_path:
            for name, value in LAYOUT_HEADERS.items():
                response.headers[name] = value
        return response


def _install_error_pages(server: flask.Flask) -> None:
    from dash.exceptions import DependencyException, InvalidResourceError

    @server.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code is None or exc.code < 400:  # redirects raised as exceptions pass through
            return exc
        response = _plain(MESSAGES.get(exc.code, "error"), exc.code)
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @server.errorhandler(InternalServerError)
    def _server_error(exc: InternalServerError):
        # Flask has already logged the original exception (with its traceback) before calling this.
        return _plain(MESSAGES[500], 500)

    # Dash raises DependencyException for /_dash-component-suites/<unknown file> (a 404, not a
    # 500) and answers InvalidResourceError with the error's own text: both short 404s here.
    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def _unknown_resource(exc):
        return _plain(MESSAGES[404], 404)
