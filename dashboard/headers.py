"""Response headers and short error texts, shared by the app (dashboard.security) and the
gunicorn worker (dashboard.gunicorn_worker), so that every answer, gunicorn's own error pages
included, carries the same headers.

The Content-Security-Policy has no ``'unsafe-eval'``; its ``script-src`` allows the app's own
origin plus, by sha256 hash, exactly the inline scripts Dash writes into its index page. The
hashes are computed at start-up from the index page Dash renders (``app.index()``) and from Dash's
own ``app.csp_hashes()``, so a Dash upgrade that changes ``var renderer = new DashRenderer();``
changes the hash with it. ``style-src`` keeps ``'unsafe-inline'``: Dash 4's component bundles
(dash-renderer, dash_core_components and its lazily loaded chunks, through webpack's
style-loader) and plotly.js (``addRelatedStyleRule``) insert ``<style>`` elements at run time.
None of them takes a nonce, and their content is CSS inside the JavaScript bundles, so hashes
could only be harvested from a browser run for each release; a Dash upgrade would then silently
unstyle sliders and dropdowns. Checked in headless Chromium with ``style-src 'self'``: 13
``<style>`` elements (25 ``style-src-elem`` violations) were blocked and the controls lost their
styling; no inline ``style=""`` attribute was involved (React and d3 set styles through the
CSSOM, which CSP does not restrict). Details in docs/deploy.md.
"""
from __future__ import annotations

import base64
import hashlib
import logging
from html.parser import HTMLParser
from typing import Iterable

log = logging.getLogger(__name__)

# --- headers -----------------------------------------------------------------------------------
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=()")
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The app reads the page's own URL from the Referer of its _dash-layout request (a shared
    # link opens its view): same-origin keeps the full URL there and sends nothing elsewhere.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
# Script types a browser executes (and CSP therefore governs); data blocks such as Dash's
# <script id="_dash-config" type="application/json"> are not run and need no hash.
_JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "application/ecmascript",
                       "text/ecmascript", "application/x-javascript", "text/jscript", "module"})

# Gunicorn's own error pages (a malformed request line, headers too large) are plain text and
# load nothing: they get the static headers and a policy that allows nothing at all.
ERROR_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    **STATIC_HEADERS,
    "Cache-Control": "no-store",
}

# --- short answers -----------------------------------------------------------------------------
MESSAGES = {
    400: "bad request",
    401: "unauthorized",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    408: "request timeout",
    413: "request too large",
    414: "URI too long",
    415: "unsupported media type",
    429: "too many requests",
    431: "request headers too large",
    500: "internal error",
    501: "not implemented",
    503: "service unavailable",
}


class _InlineScripts(HTMLParser):
    """Collects the text of inline, executable ``<script>`` elements (comments are skipped)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        executable = "src" not in a and a.get("type", "").strip().lower() in _JS_TYPES
        self._current = [] if executable else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """The source of every inline script a browser would run in ``html``."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(source: str) -> str:
    """CSP source expression for an inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def index_script_hashes(app) -> list[str]:
    """Hashes of the inline scripts in the index page Dash renders for this app."""
    with app.server.test_request_context("/"):
        html = app.index()
    hashes = [script_hash(s) for s in inline_scripts(html)]
    if not hashes:
        # Dash always writes `var renderer = new DashRenderer(...)` inline; finding none means the
        # parser or Dash changed in a way this module does not know: fail loudly, not silently.
        raise RuntimeError("no inline script found in the rendered index page; cannot build the CSP")
    # Dash's own list (its inline clientside callbacks and the renderer) covers scripts that it
    # only adds on the first request.
    try:
        hashes += [h for h in app.csp_hashes("sha256") if h not in hashes]
    except Exception:  # pragma: no cover - an older or newer Dash without csp_hashes()
        log.warning("app.csp_hashes() is unavailable; using the index page's scripts only")
    return list(dict.fromkeys(hashes))


def content_security_policy(script_hashes: Iterable[str]) -> str:
    directives = [
        ("default-src", "'self'"),
        ("script-src", " ".join(["'self'", *script_hashes])),
        ("style-src", "'self' 'unsafe-inline'"),  # see the module docstring for why
        ("img-src", "'self' data: blob:"),
        ("font-src", "'self' data:"),
        ("connect-src", "'self'"),
        ("worker-src", "'self' blob:"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("frame-ancestors", "'none'"),
        ("form-action", "'self'"),
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)
