"""Hardening (dashboard/security.py): headers on every response, forged callback requests, short errors.

Everything here goes through Flask's test client against the real app (``create_app()`` with the
bundled data); the valid callback bodies are the ones a real browser sent, captured by
``python -m benchmarks.capture_payloads`` into benchmarks/payloads/.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from dashboard import create_app, security

PAYLOADS = Path(__file__).resolve().parent.parent / "benchmarks" / "payloads"
CALLBACK = "/_dash-update-component"
FORBIDDEN = ("dash", "flask", "werkzeug", "traceback", "/usr/", ".py")
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                    "Cross-Origin-Opener-Policy", "Permissions-Policy")


@pytest.fixture(scope="module")
def app():
    dash_app = create_app()

    # A route that fails, added before the first request, to see what a bug in a view answers.
    def boom():
        raise RuntimeError("boom in /srv/app/secret.py")
    dash_app.server.add_url_rule("/_test-boom", "test_boom", boom)
    return dash_app


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def captured(session: str, output_prefix: str) -> dict:
    doc = json.loads((PAYLOADS / f"{session}.json").read_text(encoding="utf-8"))
    return next(r["body"] for r in doc["requests"] if r["output"].startswith(output_prefix))


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_headers(response) -> None:
    for name in SECURITY_HEADERS:
        assert response.headers.get(name), f"{name} missing on {response.request.path} ({response.status_code})"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_short_plain(response) -> None:
    body = response.get_data(as_text=True)
    assert len(body) <= 200, body
    assert response.mimetype == "text/plain"
    lowered = body.lower()
    for word in FORBIDDEN:
        assert word not in lowered, f"{word!r} in {body!r}"


# --- headers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/", 200), ("/?year=1995&lang=ur", 200), ("/assets/app.css", 200),
                                          ("/assets/no-such-file.css", 404), ("/_dash-layout", 200),
                                          ("/_dash-dependencies", 200)])
def test_security_headers_on_pages_assets_and_404(client, path, status):
    response = client.get(path)
    response.close()
    assert response.status_code == status
    assert_headers(response)


def test_security_headers_on_callback_error_responses(client):
    for response in (client.post(CALLBACK, data=b"", content_type="application/json"),
                     client.post(CALLBACK, json={"output": "no-such.children"}),
                     client.get(CALLBACK)):
        assert 400 <= response.status_code < 500
        assert_headers(response)


def test_csp_has_no_unsafe_eval_and_scripts_only_by_origin_or_hash(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in policy
    d = csp_directives(response)
    assert "'unsafe-inline'" not in d["script-src"]
    assert d["script-src"][0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s) for s in d["script-src"][1:])
    assert d["default-src"] == ["'self'"] and d["object-src"] == ["'none'"]
    assert d["frame-ancestors"] == ["'none'"] and d["base-uri"] == ["'self'"] and d["form-action"] == ["'self'"]
    assert d["connect-src"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:", "blob:"]


def test_csp_hashes_every_inline_script_of_the_page_as_served(client):
    """The hashes are computed from the page Dash renders, so they follow a Dash upgrade."""
    response = client.get("/")
    html = response.get_data(as_text=True)
    scripts = security.inline_scripts(html)
    assert any("DashRenderer" in s for s in scripts)
    allowed = set(csp_directives(response)["script-src"])
    assert {security.script_hash(s) for s in scripts} <= allowed
    # The config block is JSON data, not a script: it needs (and gets) no hash.
    assert not any(s.lstrip().startswith("{") for s in scripts)


def test_inline_script_parser_skips_comments_data_blocks_and_external_scripts():
    html = ('<!--[if IE]><script>alert(1)</script><![endif]--><script id="c" type="application/json">{"a":1}'
            '</script><script src="/x.js"></script><script>var a = "<b>";</script>'
            '<script type="module">import x from "/y.js";</script>')
    assert security.inline_scripts(html) == ['var a = "<b>";', 'import x from "/y.js";']


def test_script_hash_matches_the_browser_format():
    # The hash Chromium prints for `var renderer = new DashRenderer();` (base64 of sha256 of the text).
    import base64
    import hashlib
    text = "var renderer = new DashRenderer();"
    expected = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert security.script_hash(text) == f"'sha256-{expected}'"


# --- forged and malformed callback requests --------------------------------------------------------

def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _malformed_cases() -> dict[str, dict]:
    details = captured("slider_move", "details.children")
    sync = captured("page_load", "url.search")

    def changed(body, **edits):
        body = json.loads(json.dumps(body))
        for key, value in edits.items():
            body[key] = value
        return body

    def with_input(body, index, value, part="inputs"):
        body = json.loads(json.dumps(body))
        body[part][index]["value"] = value
        return body

    deep_in_shape = changed(details)
    node = deep_in_shape["inputs"][0]
    node["value"] = v = {}
    for _ in range(60):
        v["x"] = {}
        v = v["x"]
    return {
        "empty body": dict(data=b"", content_type="application/json"),
        "empty body, no content type": dict(data=b""),
        "not JSON": dict(data=b"{'output': nope", content_type="application/json"),
        "truncated JSON": dict(data=json.dumps(details).encode()[:-7], content_type="application/json"),
        "JSON array": dict(data=b"[1, 2, 3]", content_type="application/json"),
        "JSON string": dict(data=b'"details.children"', content_type="application/json"),
        "JSON null": dict(data=b"null", content_type="application/json"),
        "JSON number": dict(data=b"12", content_type="application/json"),
        "empty object": dict(json={}),
        "form post": dict(data={"output": "details.children"}),
        "text/plain JSON": dict(data=json.dumps(details), content_type="text/plain"),
        "unknown output id": dict(json=changed(details, output="no-such.children",
                                               outputs={"id": "no-such", "property": "children"})),
        "output of a clientside callback": dict(json=changed(details, output="export-csv.href",
                                                             outputs={"id": "export-csv", "property": "href"})),
        "output not a string": dict(json=changed(details, output=["details.children"])),
        "outputs mismatch": dict(json=changed(details, outputs={"id": "timeline", "property": "children"})),
        "inputs not a list": dict(json=changed(details, inputs="year=1995")),
        "inputs missing one": dict(json=changed(details, inputs=details["inputs"][:-1])),
        "input with another id": dict(json=changed(details, inputs=[
            {"id": "no-such", "property": "value", "value": 1}] + details["inputs"][1:])),
        "input items not objects": dict(json=changed(details, inputs=[1, 2, 3])),
        "year is a string": dict(json=with_input(details, 0, "1995", part="state")),
        "year is a list": dict(json=with_input(details, 0, [1995], part="state")),
        "lang is an object": dict(json=with_input(details, 1, {"en": True})),
        "url search is a number": dict(json=with_input(sync, 0, 12)),
        "layers is a string": dict(json=with_input(sync, 1, "rail")),
        "changedPropIds not a list": dict(json=changed(details, changedPropIds="year.value")),
        "changedPropIds names a non-input": dict(json=changed(details, changedPropIds=["map.figure"])),
        "huge string (5 MB)": dict(json=with_input(details, 0, "x" * 5_000_000)),
        "long string under the size limit": dict(json=with_input(details, 0, "x" * 100_000)),
        "deeply nested JSON (100000 levels)": dict(data=_nested(100_000), content_type="application/json"),
        "deeply nested value in a valid shape": dict(json=deep_in_shape),
        "many items": dict(json=with_input(sync, 1, ["rail"] * 20_000)),
    }


MALFORMED = _malformed_cases()


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_callback_post_gets_a_short_4xx(client, case):
    response = client.post(CALLBACK, **MALFORMED[case])
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True)[:300])
    assert_short_plain(response)
    assert_headers(response)


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_other_methods_on_the_callback_url_get_405(client, method):
    response = getattr(client, method)(CALLBACK)
    assert response.status_code == 405
    assert_short_plain(response)


@pytest.mark.parametrize("session, prefix", [("slider_move", "details.children"), ("page_load", "url.search"),
                                             ("feature_click", "timeline.children"), ("route_query", "..route-store"),
                                             ("feature_click", "..feature-store.data"),
                                             ("event_click", "..feature-store.data"), ("feature_click", "map.figure"),
                                             ("page_load", "..stage.className")])
def test_captured_browser_payloads_still_work(client, session, prefix):
    response = client.post(CALLBACK, json=captured(session, prefix))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.get_json()["multi"] is True
    assert_headers(response)


def test_a_chunked_body_over_the_limit_gets_413(app):
    """Without a Content-Length the body is read up to the limit, then refused."""
    import io

    from werkzeug.test import EnvironBuilder, run_wsgi_app
    body = json.dumps({"output": "details.children", "pad": "x" * (security.MAX_CALLBACK_BYTES + 10)}).encode()
    environ = EnvironBuilder(path=CALLBACK, method="POST", input_stream=io.BytesIO(body),
                             headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"}).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input_terminated"] = True
    app_iter, status, _headers = run_wsgi_app(app.server.wsgi_app, environ)
    text = b"".join(app_iter).decode()
    assert status.startswith("413") and len(text) < 100


def test_every_request_body_is_bounded(app, client):
    assert app.server.config["MAX_CONTENT_LENGTH"] == security.MAX_CONTENT_LENGTH
    response = client.post("/_dash-layout", data=b"x" * (security.MAX_CONTENT_LENGTH + 1),
                           content_type="application/octet-stream")
    assert response.status_code in (405, 413)   # no other route takes a POST
    assert_short_plain(response)


# --- short errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/assets/no-such-file.js", 404), ("/geodata/base/nope.geojson", 404),
                                          ("/_dash-component-suites/dash/no-such.js", 404),
                                          ("/_dash-component-suites/no-such-package/x.js", 404)])
def test_not_found_is_short_and_plain(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_short_plain(response)
    assert_headers(response)


def test_method_not_allowed_is_short_and_plain(client):
    response = client.put("/_dash-layout")
    assert response.status_code == 405
    assert_short_plain(response)


def test_an_exception_in_a_view_is_logged_and_answered_briefly(client, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get("/_test-boom")
    assert response.status_code == 500
    assert response.get_data(as_text=True).strip() == "internal error"
    assert_short_plain(response)
    assert_headers(response)
    # The traceback is kept, as text (dashboard.logbudget shortens it; it no longer holds the exception).
    assert any("RuntimeError: boom" in (r.exc_text or "") for r in caplog.records)


def test_an_exception_in_a_callback_is_logged_and_answered_briefly(client, caplog, monkeypatch):
    import dashboard.callbacks_details as callbacks

    def broken(*_args, **_kwargs):
        raise ValueError("broken panel")
    monkeypatch.setattr(callbacks, "details_panel", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard.callbacks"):
        response = client.post(CALLBACK, json=captured("slider_move", "details.children"))
    assert response.status_code < 500
    assert len(response.get_data()) <= 2000
    body = response.get_data(as_text=True).lower()
    assert "something went wrong" in body          # the short message for the reader
    assert not any(word in body for word in ("traceback", "/usr/", ".py", "broken panel"))
    assert any("ValueError: broken panel" in (r.exc_text or "") for r in caplog.records)


@pytest.mark.parametrize("path", ["/geodata/plotly/countries.geojson", "/geodata/base/seas.geojson", "/_dash-layout",
                                  "/tour/handout?lang=en", "/export/view.csv?year=1995"])
def test_text_responses_are_compressed_when_the_browser_accepts_it(client, path):
    """GeoJSON too: flask-compress's own list of types leaves it out (306 kB sent raw before)."""
    import gzip
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
