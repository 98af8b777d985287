"""Constant answers are computed once and replayed from memory (dashboard/served_once.py).

The middleware is tried on a small Flask app whose answers count the requests that reached it (so a
replayed answer shows as an old count), and on the real app for what it must keep apart.
"""
from __future__ import annotations

import json
from pathlib import Path

import brotli
import flask
import pytest

from dashboard import create_app
from dashboard.served_once import ServedOnce

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def _counting_app(max_entries: int = 256):
    server = flask.Flask("counting")
    reached = {"n": 0}

    @server.route("/assets/<name>")
    @server.route("/elsewhere/<name>")
    def answer(name):
        reached["n"] += 1
        status = 404 if name == "missing" else 200
        response = flask.Response(f"{name} {reached['n']}", status=status, mimetype="text/plain")
        if name == "cookie":
            response.set_cookie("session", "x")
        return response

    @server.route("/assets/<name>", methods=["POST"])
    def post(name):
        reached["n"] += 1
        return f"posted {reached['n']}"

    middleware = ServedOnce(server.wsgi_app, max_entries=max_entries)
    server.wsgi_app = middleware
    return server.test_client(), middleware


def test_a_constant_path_reaches_the_app_once():
    client, kept = _counting_app()
    assert client.get("/assets/a.js").text == "a.js 1"
    assert client.get("/assets/a.js").text == "a.js 1"   # replayed: the app was not asked again
    assert client.get("/assets/b.js").text == "b.js 2"
    assert len(kept) == 2


def test_other_paths_methods_and_answers_are_not_kept():
    client, kept = _counting_app()
    assert client.get("/elsewhere/a").text == "a 1"
    assert client.get("/elsewhere/a").text == "a 2"
    assert client.post("/assets/a.js").text == "posted 3"
    assert client.post("/assets/a.js").text == "posted 4"
    assert client.get("/assets/missing").status_code == 404
    assert client.get("/assets/missing").text == "missing 6"
    assert client.get("/assets/cookie").text == "cookie 7"
    assert client.get("/assets/cookie").text == "cookie 8"
    assert len(kept) == 0


def test_conditional_and_range_requests_go_to_the_app():
    client, _ = _counting_app()
    assert client.get("/assets/a.js").text == "a.js 1"
    assert client.get("/assets/a.js", headers={"Range": "bytes=0-1"}).text.startswith("a.")
    assert client.get("/assets/a.js", headers={"If-None-Match": '"x"'}).text == "a.js 3"


def test_each_accepted_encoding_and_each_query_is_a_separate_answer():
    client, kept = _counting_app()
    assert client.get("/assets/a.js?v=1").text == "a.js 1"
    assert client.get("/assets/a.js?v=2").text == "a.js 2"
    assert client.get("/assets/a.js?v=1", headers={"Accept-Encoding": "gzip"}).text == "a.js 3"
    assert client.get("/assets/a.js?v=1").text == "a.js 1"
    assert len(kept) == 3


def test_at_most_max_entries_are_kept_the_least_recent_dropped_first():
    client, kept = _counting_app(max_entries=2)
    for name in ("a", "b"):
        client.get(f"/assets/{name}")
    assert client.get("/assets/a").text == "a 1"   # a is now the most recent
    assert client.get("/assets/c").text == "c 3"   # b is dropped
    assert len(kept) == 2
    assert client.get("/assets/a").text == "a 1"
    assert client.get("/assets/b").text == "b 4"


@pytest.fixture(scope="module")
def app_client():
    return create_app().server.test_client()


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress), ("identity", bytes)])
def test_the_real_app_s_scripts_replayed_are_the_files_on_disk(app_client, encoding, decode):
    on_disk = (ASSETS / "clientside.js").read_bytes()
    answers = [app_client.get("/assets/clientside.js", headers={"Accept-Encoding": encoding}) for _ in range(2)]
    for answer in answers:
        assert answer.status_code == 200
        assert answer.headers.get("Content-Encoding", "identity") == encoding
        assert decode(answer.get_data()) == on_disk
    assert [int(a.headers["Content-Length"]) for a in answers] == [len(a.get_data()) for a in answers]
    assert "Content-Security-Policy" in answers[1].headers   # the security headers are replayed too


def _slider_year(layout_answer) -> int:
    """The year slider's value in a /_dash-layout answer."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and props.get("id") == "year" and node.get("type") == "Slider":
                found.append(props["value"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(layout_answer.get_data()))
    assert len(found) == 1, found
    return found[0]


def test_the_layout_is_kept_per_page_url_and_never_handed_to_another(app_client):
    def layout_for(query):
        return app_client.get("/_dash-layout", headers={"Referer": f"http://localhost/?{query}"})

    first_1930 = layout_for("year=1930")
    assert _slider_year(first_1930) == 1930
    assert _slider_year(layout_for("year=1995")) == 1995
    again_1930 = layout_for("year=1930")
    assert _slider_year(again_1930) == 1930
    assert again_1930.get_data() == first_1930.get_data()
    assert again_1930.headers["Cache-Control"] == "private, no-store"   # still never stored by a browser
