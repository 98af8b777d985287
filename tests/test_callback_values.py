"""Callback values checked against what they can mean (issue 15), through the real app.

Each forged request starts from a body a real browser sent (benchmarks/payloads/) and changes
one value. It must get a short 4xx, at most one short log line that does not repeat the value,
and no ERROR; a client sending many of them fills the log with at most a minute's budget.
"""
from __future__ import annotations

import copy
import json
import logging
from pathlib import Path

import pytest

from dashboard import create_app, logbudget

PAYLOADS = Path(__file__).resolve().parent.parent / "benchmarks" / "payloads"
CALLBACK = "/_dash-update-component"
# The four server callbacks without State, as the browser sent them (it leaves "state" out).
NO_STATE = [("lang_switch", "legend.children"), ("page_load", "..stage.className"),
            ("feature_click", "..feature-store.data"), ("route_query", "..route-from.value")]


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def captured(session: str, output_prefix: str) -> dict:
    doc = json.loads((PAYLOADS / f"{session}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(next(r["body"] for r in doc["requests"] if r["output"].startswith(output_prefix)))


def set_value(body: dict, component: str, prop: str, value) -> dict:
    for key in ("inputs", "state"):
        for item in body.get(key, []):
            if isinstance(item, dict) and item.get("id") == component and item.get("property") == prop:
                item["value"] = value
                return body
    raise AssertionError(f"{component}.{prop} is not in the body")


def post(client, body, caplog, remote="10.0.0.1"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    with caplog.at_level(logging.INFO):
        caplog.clear()
        response = client.post(CALLBACK, data=data, content_type="application/json",
                               environ_base={"REMOTE_ADDR": remote})
    return response


def assert_refused_quietly(response, caplog, value_text: str = "") -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True)[:200])
    text = response.get_data(as_text=True)
    assert len(text) <= 120 and text.startswith("bad callback request"), text
    assert len(caplog.records) <= 1, [r.getMessage() for r in caplog.records]
    for record in caplog.records:
        assert record.levelno < logging.WARNING, record.getMessage()
        assert len(record.getMessage()) <= 200
        assert not value_text or value_text not in record.getMessage()
        assert not record.exc_info and not record.exc_text


@pytest.mark.parametrize("session, prefix", NO_STATE)
def test_the_browsers_request_without_state_still_works(client, caplog, session, prefix):
    body = captured(session, prefix)
    assert "state" not in body  # as captured from Chromium
    assert post(client, body, caplog).status_code in (200, 204)


@pytest.mark.parametrize("session, prefix", NO_STATE)
def test_state_null_is_refused_not_a_500(client, caplog, session, prefix):
    body = captured(session, prefix)
    body["state"] = None
    response = post(client, body, caplog)
    assert response.status_code == 400
    assert_refused_quietly(response, caplog)


@pytest.mark.parametrize("raw_number", ["1e999", "-1e999", "1E400"])
def test_a_number_too_large_to_be_finite_is_refused_like_infinity(client, caplog, raw_number):
    body = set_value(captured("slider_move", "details.children"), "year", "value", 1995)
    text = json.dumps(body).replace('"value": 1995', f'"value": {raw_number}', 1)
    assert raw_number in text
    response = post(client, text, caplog)
    assert response.status_code == 400 and "not valid JSON" in response.get_data(as_text=True)
    assert_refused_quietly(response, caplog)


LONG_LANG = "x" * 9_999


@pytest.mark.parametrize("session, prefix, component, prop, value", [
    ("lang_switch", "legend.children", "lang", "value", LONG_LANG),           # 9,999 characters
    ("lang_switch", "legend.children", "lang", "value", "de"),                # no such language
    ("lang_switch", "legend.children", "layers", "value", ["rail", "railz"]),  # no such layer
    ("lang_switch", "legend.children", "layers", "value", ["rail"] * 40),     # more than there are
    ("lang_switch", "timeline.children", "event-window", "value", list(range(1900, 6900))),  # 5,000 items
    ("lang_switch", "timeline.children", "event-window", "value", [1990]),         # not a pair
    ("lang_switch", "timeline.children", "event-window", "value", [1996, 1990]),   # reversed
    ("lang_switch", "timeline.children", "event-window", "value", [1700, 1990]),   # before the map's years
    ("slider_move", "details.children", "year", "value", 1800),
    ("slider_move", "details.children", "year", "value", 99_999),
    ("route_query", "..route-store.data", "route-year", "value", "9" * 40),       # typed text, too long
    ("route_query", "..route-store.data", "route-from", "value", "no-such-place"),
    ("route_query", "..route-store.data", "route-modes", "value", ["rail", "teleport"]),
    ("route_query", "..route-store.data", "route-store", "data", {"k": "v" * 9_000}),  # a store too large
    ("page_load", "url.search", "url", "search", "?" + "a" * 5_000),          # longer than any request line
])
def test_well_typed_but_meaningless_values_are_refused_quietly(client, caplog, session, prefix, component, prop,
                                                               value):
    body = set_value(captured(session, prefix), component, prop, value)
    response = post(client, body, caplog)
    assert_refused_quietly(response, caplog, value_text="x" * 50 if value is LONG_LANG else "")


def test_values_the_page_can_hold_still_pass(client, caplog):
    body = set_value(captured("lang_switch", "timeline.children"), "event-window", "value", [1918, 1996])
    assert post(client, body, caplog).status_code == 200
    body = set_value(captured("lang_switch", "legend.children"), "lang", "value", "ur")
    assert post(client, body, caplog).status_code == 200
    body = set_value(captured("lang_switch", "legend.children"), "layers", "value", [])
    assert post(client, body, caplog).status_code == 200


def test_a_client_cannot_fill_the_log(client, caplog):
    bad = set_value(captured("lang_switch", "legend.children"), "lang", "value", LONG_LANG)
    lines = []
    with caplog.at_level(logging.INFO):
        for _ in range(100):
            caplog.clear()
            client.post(CALLBACK, json=bad, environ_base={"REMOTE_ADDR": "10.9.9.9"})
            lines += [r.getMessage() for r in caplog.records if "10.9.9.9" in r.getMessage()]
        caplog.clear()
        client.post(CALLBACK, json=bad, environ_base={"REMOTE_ADDR": "10.8.8.8"})  # another client: not muted
        other = [r.getMessage() for r in caplog.records]
    assert len(lines) == logbudget.LINES_PER_MINUTE + 1, len(lines)
    assert "suppressed" in lines[-1]
    assert sum(len(line) for line in lines) < 100 * 30  # 560 kB for 3,000 requests before: here < 3 kB for 100
    assert len(other) == 1 and "10.8.8.8" in other[0]


def test_the_budget_starts_again_after_a_minute():
    now = [0.0]
    budget = logbudget.ClientLogBudget(clock=lambda: now[0])
    counts = [budget._count("c") for _ in range(logbudget.LINES_PER_MINUTE + 2)]
    assert counts[:logbudget.LINES_PER_MINUTE] == [True] * logbudget.LINES_PER_MINUTE
    assert counts[logbudget.LINES_PER_MINUTE:] == ["last", False]
    now[0] = logbudget.WINDOW_S + 1
    assert budget._count("c") is True


def test_a_long_traceback_is_cut(caplog):
    logger = logging.getLogger("dashboard.callbacks")
    budget = logbudget.ClientLogBudget()
    logger.addFilter(budget)
    try:
        with caplog.at_level(logging.ERROR, logger="dashboard.callbacks"):
            try:
                raise ValueError("v" * 50_000)
            except ValueError:
                logger.exception("callback %s failed", "z" * 5_000)
    finally:
        logger.removeFilter(budget)
    record = caplog.records[-1]
    assert len(record.getMessage()) <= logbudget.MAX_LINE_CHARS + 1
    assert "ValueError" in record.exc_text and len(record.exc_text) <= logbudget.MAX_TRACEBACK_CHARS + 2


def test_the_layout_is_private_to_one_reader(client):
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/?year=1995"})
    assert response.status_code == 200
    assert "Referer" in [v.strip() for v in response.headers.get("Vary", "").split(",")]
    assert response.headers["Cache-Control"] == "private, no-store"


def all_captured() -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted(PAYLOADS.glob("*.json")):
        for i, request in enumerate(json.loads(path.read_text(encoding="utf-8"))["requests"]):
            out.append((path.stem, i, request["body"]))
    return out


def test_every_body_a_browser_sent_still_passes(client, caplog):
    """The value checks must refuse nothing a real browser sends (every captured body, not a sample)."""
    bodies = all_captured()
    assert len(bodies) >= 30
    refused = []
    for session, i, body in bodies:
        response = post(client, body, caplog)
        if response.status_code not in (200, 204):
            refused.append((session, i, body["output"][:40], response.get_data(as_text=True)[:80]))
    assert not refused, refused


# --- the reader's own data (issue 19's uploads) passes; the same size elsewhere does not ----------

def csv_data_url(rows: int) -> str:
    import base64
    text = "name,lon,lat,start,end\n" + "".join(f"Place {i},{55 + i % 20}.5,{35 + i % 10}.25,1990,1995\n"
                                               for i in range(rows))
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_an_upload_larger_than_a_callback_may_be_passes(client, caplog):
    # Issue 19 sends the file's bytes to its own endpoint, not through a callback: a body far
    # beyond a callback string's limit is read there, under the server's MAX_CONTENT_LENGTH.
    import base64
    contents = csv_data_url(1_500)                          # about 60 kB of CSV, 80 kB as a data URL
    assert len(contents) > 10_000                          # longer than any callback string may be
    raw = base64.b64decode(contents.split(",", 1)[1])
    response = client.post("/user-layers/check?name=points.csv&citation=my%20notes", data=raw)
    assert response.status_code == 200, response.get_data(as_text=True)[:200]
    assert "Place 1499" in response.get_data(as_text=True)  # the layer came back, parsed


def test_the_same_size_elsewhere_is_refused(client, caplog):
    body = set_value(captured("lang_switch", "legend.children"), "lang", "value", "en")
    body["pad"] = "x" * 300_000
    assert post(client, body, caplog).status_code == 413
    body = set_value(captured("route_query", "..route-store.data"), "route-store", "data", {"k": "x" * 20_000})
    assert post(client, body, caplog).status_code in (400, 413)  # a memory store stays small
