"""Hardening for the served app (issue 7): security headers, a callback-request validator, short errors.

``install(app)`` is called once at the end of :func:`dashboard.create_app`. It adds to the Flask
server that Dash runs on:

* **Security headers on every response** (``after_request``): a Content-Security-Policy without
  ``'unsafe-eval'`` whose ``script-src`` allows the app's own origin plus, by sha256 hash, exactly
  the inline scripts Dash writes into its index page. The hashes are computed here, at start-up,
  from the index page Dash renders (``app.index()``) and from Dash's own ``app.csp_hashes()``, so
  a Dash upgrade that changes ``var renderer = new DashRenderer();`` changes the hash with it.
  ``style-src`` keeps ``'unsafe-inline'``: Dash 4's component bundles (dash-renderer,
  dash_core_components and its lazily loaded chunks, through webpack's style-loader) and plotly.js
  (``addRelatedStyleRule``) insert ``<style>`` elements at run time. None of them takes a nonce, and
  their content is CSS inside the JavaScript bundles, so hashes could only be harvested from a
  browser run for each release; a Dash upgrade would then silently unstyle sliders and dropdowns.
  Checked in headless Chromium with ``style-src 'self'``: 13 ``<style>`` elements (25
  ``style-src-elem`` violations) were blocked and the controls lost their styling; no inline
  ``style=""`` attribute was involved (React and d3 set styles through the CSSOM, which CSP does
  not restrict). Details in docs/deploy.md.
* **A validator for ``POST /_dash-update-component``** (``before_request``): the body must be
  JSON, at most :data:`MAX_CALLBACK_BYTES`, an object naming a server-side callback the app has,
  with inputs and state that match that callback's declaration, values of sensible JSON types for
  the component and property, strings of at most :data:`MAX_STRING` characters and nesting of at
  most :data:`MAX_DEPTH` levels. Anything else gets a 4xx with a short plain-text reason, before
  Dash sees it. ``MAX_CONTENT_LENGTH`` bounds every other request body.
* **Short plain-text error responses** for 400/404/405/413/415 and any other HTTP error, and for
  500: never a stack trace, a file path or the framework's name. Unhandled exceptions are logged
  (Flask logs them before calling the 500 handler) and answered ``500 internal error``.

Nothing here keeps state that a request changes: the policy string and the component-type table
are computed once in :func:`install` and only read afterwards.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
from html.parser import HTMLParser
from typing import Any, Callable, Iterable

import flask
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

# --- limits ------------------------------------------------------------------------------------
MAX_CONTENT_LENGTH = 1 * 1024 * 1024   # any request body (the app has no uploads)
MAX_CALLBACK_BYTES = 256 * 1024        # a callback POST; the browser's largest is a few kB
MAX_DEPTH = 24                         # JSON nesting (a map click is about 6 levels deep)
MAX_STRING = 10_000                    # characters in one JSON string (a URL, a search text)
MAX_ITEMS = 5_000                      # entries in one JSON array or object

CALLBACK_ENDPOINT = "_dash-update-component"

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


class BadCallback(Exception):
    """A callback request the validator rejects; ``str(exc)`` is the short reason sent back."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.status = status


# ==============================================================================================
# Content-Security-Policy
# ==============================================================================================


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


# ==============================================================================================
# Callback request validation
# ==============================================================================================

def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _opt(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or check(v)


_STR = _opt(lambda v: isinstance(v, str))
_NUM = _opt(_is_num)
_COUNT = _opt(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0)
_BOOL = _opt(lambda v: isinstance(v, bool))
_OBJ = _opt(lambda v: isinstance(v, dict))
_NUMS = _opt(lambda v: isinstance(v, list) and all(_is_num(x) for x in v))
_SCALARS = _opt(lambda v: isinstance(v, list) and all(_scalar(x) for x in v))
_SCALAR_OR_LIST = lambda v: _scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v))  # noqa: E731
_STR_OR_NUM = _opt(lambda v: isinstance(v, str) or _is_num(v))

# (component type, property) -> test of the value the browser sends. A pair not listed accepts
# any JSON value (still bounded by the size, depth and string limits).
VALUE_RULES: dict[tuple[str, str], Callable[[Any], bool]] = {
    ("Location", "search"): _STR, ("Location", "pathname"): _STR, ("Location", "hash"): _STR,
    ("Location", "href"): _STR,
    ("Slider", "value"): _NUM, ("Slider", "min"): _NUM, ("Slider", "max"): _NUM, ("Slider", "step"): _NUM,
    ("RangeSlider", "value"): _NUMS,
    ("Checklist", "value"): _SCALARS,
    ("RadioItems", "value"): _scalar,
    ("Dropdown", "value"): _SCALAR_OR_LIST, ("Dropdown", "search_value"): _STR,
    ("Input", "value"): _STR_OR_NUM,
    ("Button", "n_clicks"): _COUNT,
    ("Interval", "n_intervals"): _COUNT, ("Interval", "disabled"): _BOOL, ("Interval", "interval"): _NUM,
    ("Graph", "clickData"): _OBJ, ("Graph", "hoverData"): _OBJ, ("Graph", "selectedData"): _OBJ,
    ("Graph", "relayoutData"): _OBJ, ("Graph", "figure"): _OBJ,
}


def component_types(layout) -> dict[Any, str]:
    """Component id -> component type for every component in ``layout``.

    Pattern-matching ids (dicts) are keyed ``("pattern", <their "type">)``.
    """
    from dash.development.base_component import Component

    types: dict[Any, str] = {}
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, Component):
            cid = getattr(node, "id", None)
            if isinstance(cid, str):
                types[cid] = node._type
            elif isinstance(cid, dict) and isinstance(cid.get("type"), str):
                types[("pattern", cid["type"])] = node._type
            for prop in node._prop_names:
                value = getattr(node, prop, None)
                if isinstance(value, (Component, list, tuple, dict)):
                    stack.append(value)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return types


def _check_json_bounds(value) -> None:
    """Depth, string length and container size limits, without recursion."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if len(node) > MAX_STRING:
                raise BadCallback("string too long", 413)
        elif isinstance(node, (list, dict)):
            if depth > MAX_DEPTH:
                raise BadCallback("JSON nested too deeply")
            if len(node) > MAX_ITEMS:
                raise BadCallback("too many items", 413)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
            if isinstance(node, dict):
                for key in node:
                    if len(key) > MAX_STRING:
                        raise BadCallback("string too long", 413)


def _prop_id(cid, prop: str) -> str:
    """How dash-renderer writes a property in ``changedPropIds``: ``id.prop``, dict ids as sorted JSON."""
    if isinstance(cid, dict):
        cid = json.dumps(cid, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{cid}.{prop}"


def _declared(spec_id: str):
    """A declared dependency id: a plain string, or a pattern dict (wildcards as ``["ALL"]``...)."""
    if spec_id.startswith("{"):
        try:
            parsed = json.loads(spec_id)
        except ValueError:
            return spec_id
        if isinstance(parsed, dict):
            return parsed
    return spec_id


def _matches(declared, cid) -> bool:
    if isinstance(declared, str):
        return cid == declared
    if not isinstance(cid, dict) or set(cid) != set(declared):
        return False
    for key, want in declared.items():
        got = cid[key]
        if isinstance(want, list):  # a wildcard (ALL / MATCH / ALLSMALLER): any scalar id value
            if not isinstance(got, (str, int, float, bool)):
                return False
        elif got != want:
            return False
    return True


def _is_wildcard(declared) -> bool:
    return isinstance(declared, dict) and any(isinstance(v, list) for v in declared.values())


class CallbackValidator:
    """Checks one parsed callback request against the app's callback map and component types."""

    def __init__(self, app, types: dict[Any, str]):
        self.app = app
        self.types = types

    def _type_of(self, cid) -> str | None:
        if isinstance(cid, str):
            return self.types.get(cid)
        if isinstance(cid, dict):
            return self.types.get(("pattern", cid.get("type")))
        return None

    def _check_item(self, item, spec: dict, where: str, prop_ids: set[str]) -> None:
        if not isinstance(item, dict):
            raise BadCallback(f"{where}: not an object")
        cid, prop = item.get("id"), item.get("property")
        if not isinstance(prop, str) or prop != spec["property"]:
            raise BadCallback(f"{where}: wrong property")
        if not _matches(_declared(spec["id"]), cid):
            raise BadCallback(f"{where}: wrong id")
        if "value" in item:
            ctype = self._type_of(cid)
            rule = VALUE_RULES.get((ctype, prop)) if ctype else None
            if rule is not None and not rule(item["value"]):
                raise BadCallback(f"{where}: wrong value type")
        prop_ids.add(_prop_id(cid, prop))

    def _check_deps(self, items, specs: list[dict], where: str, prop_ids: set[str]) -> None:
        if items is None:
            items = []
        if not isinstance(items, list) or len(items) != len(specs):
            raise BadCallback(f"{where}: does not match the callback")
        for i, (item, spec) in enumerate(zip(items, specs)):
            declared = _declared(spec["id"])
            if _is_wildcard(declared) and isinstance(item, list):  # ALL / ALLSMALLER: a list of matches
                for sub in item:
                    self._check_item(sub, spec, f"{where}[{i}]", prop_ids)
            else:
                self._check_item(item, spec, f"{where}[{i}]", prop_ids)

    def _check_outputs(self, outputs, declared) -> None:
        specs = declared if isinstance(declared, list) else [declared]
        items = outputs if isinstance(declared, list) else [outputs]
        if not isinstance(items, list) or len(items) != len(specs):
            raise BadCallback("outputs: do not match the callback")
        for item, spec in zip(items, specs):
            want = _declared(spec.component_id_str())
            subs = item if isinstance(item, list) and _is_wildcard(want) else [item]
            for sub in subs:
                if not isinstance(sub, dict) or not isinstance(sub.get("property"), str):
                    raise BadCallback("outputs: not an id and a property")
                if sub["property"].split("@", 1)[0] != spec.component_property:
                    raise BadCallback("outputs: wrong property")
                if not _matches(want, sub.get("id")):
                    raise BadCallback("outputs: wrong id")

    def check(self, body) -> None:
        if not isinstance(body, dict):
            raise BadCallback("the body is not a JSON object")
        _check_json_bounds(body)
        output = body.get("output")
        if not isinstance(output, str):
            raise BadCallback("no output named")
        spec = self.app.callback_map.get(output)
        if not isinstance(spec, dict) or not callable(spec.get("callback")):
            raise BadCallback("unknown callback", 404)
        self._check_outputs(body.get("outputs"), spec["output"])
        prop_ids: set[str] = set()
        self._check_deps(body.get("inputs"), spec.get("inputs", []), "inputs", prop_ids)
        self._check_deps(body.get("state"), spec.get("state", []), "state", prop_ids)
        changed = body.get("changedPropIds", [])
        if not isinstance(changed, list) or not all(isinstance(c, str) and c in prop_ids for c in changed):
            raise BadCallback("changedPropIds: not among the inputs")
        parsed = body.get("parsedChangedPropsIds")
        if parsed is not None and not isinstance(parsed, list):
            raise BadCallback("parsedChangedPropsIds: not a list")


def _reject_constant(name: str):
    # NaN and Infinity are not JSON; Python's parser accepts them, a browser never sends them.
    raise ValueError(f"{name} is not JSON")


def _read_callback_body(request: flask.Request):
    length = request.content_length
    if length is not None and length > MAX_CALLBACK_BYTES:
        raise BadCallback("request too large", 413)
    if request.mimetype != "application/json":
        raise BadCallback("expected application/json", 415)
    request.max_content_length = MAX_CALLBACK_BYTES  # also bounds a body sent without a length...
    raw = request.get_data(cache=True)
    if len(raw) >= MAX_CALLBACK_BYTES:  # ...which werkzeug then cuts at the limit instead of refusing
        raise BadCallback("request too large", 413)
    if not raw.strip():
        raise BadCallback("empty body")
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except RecursionError:  # thousands of levels: the parser gives up before our depth check runs
        raise BadCallback("JSON nested too deeply") from None
    except ValueError:
        raise BadCallback("the body is not valid JSON") from None


# ==============================================================================================
# install
# ==============================================================================================

def _plain(message: str, status: int) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def install(app) -> None:
    """Add the security headers, the callback validator and the short error handlers to ``app``."""
    server: flask.Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH

    policy = content_security_policy(index_script_hashes(app))
    headers = {"Content-Security-Policy": policy, **STATIC_HEADERS}
    layout = app.validation_layout or (app.layout() if callable(app.layout) else app.layout)
    validator = CallbackValidator(app, component_types(layout))
    callback_path = app.config.routes_pathname_prefix + CALLBACK_ENDPOINT

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
            validator.check(_read_callback_body(request))
        except BadCallback as exc:
            log.info("rejected callback request from %s: %s", request.remote_addr, exc)
            return _plain(f"bad callback request: {exc}", exc.status)
        return None

    @server.after_request
    def _security_headers(response: flask.Response) -> flask.Response:
        for name, value in headers.items():
            response.headers[name] = value
        return response

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

    try:
        from dash.exceptions import DependencyException
    except ImportError:  # pragma: no cover
        DependencyException = None
    if DependencyException is not None:
        @server.errorhandler(DependencyException)
        def _unknown_component_file(exc):
            # Dash raises this for /_dash-component-suites/<unknown file>; it is a 404, not a 500.
            return _plain(MESSAGES[404], 404)

    # Dash answers InvalidResourceError with the error's own text; keep that short too.
    try:
        from dash.exceptions import InvalidResourceError
    except ImportError:  # pragma: no cover
        InvalidResourceError = None
    if InvalidResourceError is not None:
        @server.errorhandler(InvalidResourceError)
        def _invalid_resource(exc):
            return _plain(MESSAGES[404], 404)

    server.extensions["dashboard.security"] = {"content_security_policy": policy}
    log.debug("security installed: %s", policy)
