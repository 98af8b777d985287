"""Properties of what the web app accepts from outside: the URL parser and the callback endpoint.

* ``parse_query`` never raises, whatever the query string, and what it returns is always inside
  the allowed sets; good values survive next to bad ones; ``to_query`` then ``parse_query`` gives
  the same view back.
* Junk sent to ``/_dash-update-component`` (random bytes, random JSON, browser payloads with one
  part replaced by junk) never gets a 5xx.
"""
from __future__ import annotations

import json
import math
import string
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard import ids
from dashboard.layers import LAYER_IDS
from dashboard.urlstate import (FIRST_YEAR, LAST_YEAR, MAX_VALUE_LENGTH, MODES, View, ViewState, parse_query,
                                to_query)
from geodata.load import shared_dataset

PAYLOADS = Path(__file__).resolve().parent.parent / "benchmarks" / "payloads"
CALLBACK = "/_dash-update-component"
SCENES = 13
PARAMS = (ids.P_YEAR, ids.P_LAYERS, ids.P_LANG, ids.P_FEATURE, ids.P_VIEW, ids.P_WINDOW, ids.P_FROM, ids.P_TO,
          ids.P_RYEAR, ids.P_COMPARE, ids.P_MODES, ids.P_PLANNED, ids.P_SCENE)

_dataset = shared_dataset()
KNOWN = frozenset(_dataset.by_id) | frozenset(_dataset.places)
KNOWN_SORTED = sorted(KNOWN)

# --- strategies ------------------------------------------------------------------------------------

any_text = st.text(st.characters(codec="utf-8"), max_size=60)
long_text = st.integers(MAX_VALUE_LENGTH - 2, 20_000).flatmap(
    lambda n: st.sampled_from(string.printable + "اردو\u200f\x00").map(lambda c: c * n))
value_text = st.one_of(any_text, long_text, st.integers(-10**7, 10**7).map(str),
                       st.sampled_from(["", " ", "1996", "1917", "2027", "ur", "en", "EN", "rail,sea", "1,2,3",
                                        "nan,nan,nan", "inf,0,1", "1e308,1,1", "1918-2026", "2026-1918", "0", "1",
                                        "true", "-1", "+1950", "١٩٩٥", "1950\x00"]))
key_text = st.one_of(st.sampled_from(PARAMS), any_text)
pairs = st.lists(st.tuples(key_text, value_text), max_size=20)
# Values no converter accepts (each starts with a character none of them allows).
junk_value = st.text(st.characters(codec="utf-8"), max_size=30).map(lambda s: "!" + s)

years = st.integers(FIRST_YEAR, LAST_YEAR)
views = st.builds(View, st.integers(-180_000, 180_000).map(lambda i: i / 1000),
                  st.integers(-80_000, 80_000).map(lambda i: i / 1000),
                  st.integers(500, 50_000).map(lambda i: i / 1000))


@st.composite
def valid_states(draw) -> ViewState:
    layers = draw(st.lists(st.sampled_from(LAYER_IDS), unique=True))
    modes = draw(st.lists(st.sampled_from(MODES), unique=True, min_size=1))
    a, b = sorted((draw(years), draw(years)))
    return ViewState(
        year=draw(years), layers=tuple(l for l in LAYER_IDS if l in layers), lang=draw(st.sampled_from(["en", "ur"])),
        feature=draw(st.none() | st.sampled_from(KNOWN_SORTED)), view=draw(st.none() | views), window=(a, b),
        route_from=draw(st.none() | st.sampled_from(KNOWN_SORTED)),
        route_to=draw(st.none() | st.sampled_from(KNOWN_SORTED)),
        route_year=draw(st.none() | years), compare_year=draw(st.none() | years),
        modes=tuple(m for m in MODES if m in modes), planned=draw(st.booleans()),
        scene=draw(st.none() | st.integers(1, SCENES)))


def assert_allowed(s: ViewState) -> None:
    assert isinstance(s.year, int) and FIRST_YEAR <= s.year <= LAST_YEAR
    assert set(s.layers) <= set(LAYER_IDS) and len(set(s.layers)) == len(s.layers)
    assert list(s.layers) == [l for l in LAYER_IDS if l in s.layers]
    assert s.lang in ("en", "ur")
    for place in (s.feature, s.route_from, s.route_to):
        assert place is None or place in KNOWN
    assert FIRST_YEAR <= s.window[0] <= s.window[1] <= LAST_YEAR
    for y in (s.route_year, s.compare_year):
        assert y is None or FIRST_YEAR <= y <= LAST_YEAR
    assert s.modes and set(s.modes) <= set(MODES)
    assert isinstance(s.planned, bool)
    assert s.scene is None or 1 <= s.scene <= SCENES
    if s.view is not None:
        assert all(math.isfinite(v) for v in (s.view.lon, s.view.lat, s.view.scale))
        assert -180 <= s.view.lon <= 180 and -80 <= s.view.lat <= 80 and 0.5 <= s.view.scale <= 50


# --- parse_query -------------------------------------------------------------------------------------

@given(st.text(st.characters(codec="utf-8"), max_size=500))
def test_parse_query_never_raises_on_any_text(text):
    assert_allowed(parse_query(text, KNOWN, SCENES))


@given(pairs)
def test_parse_query_never_raises_on_any_pairs(items):
    for query in (urlencode(items), "?" + urlencode(items, safe=",")):
        assert_allowed(parse_query(query, KNOWN, SCENES))


@given(st.dictionaries(key_text, st.lists(value_text, max_size=4), max_size=15))
def test_parse_query_never_raises_on_a_mapping(mapping):
    # Found by this test: {"layers": []} used to raise IndexError (fixed in urlstate.py).
    assert_allowed(parse_query(mapping, KNOWN, SCENES))


@given(st.lists(st.sampled_from(PARAMS), min_size=65, max_size=120), value_text)
def test_parse_query_with_too_many_fields_gives_the_default_view(keys, value):
    s = parse_query(urlencode([(k, value) for k in keys]), KNOWN, SCENES)
    assert s == ViewState() and s.problems


@settings(deadline=None)  # a timing goal belongs in the benchmark; a busy machine is not a bug
@given(st.integers(0, 5), st.sampled_from(PARAMS), long_text)
def test_parse_query_repeated_keys_and_long_values(times, key, long_value):
    s = parse_query(urlencode([(key, long_value)] * times + [(key, "junk")] * times), KNOWN, SCENES)
    assert_allowed(s)


@given(valid_states())
def test_to_query_then_parse_query_round_trips(state):
    query = to_query(state)
    assert parse_query(query, KNOWN, SCENES) == state
    assert parse_query(query, KNOWN, SCENES).problems == ()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(valid_states(), st.lists(st.tuples(key_text, junk_value), max_size=12), st.randoms(use_true_random=False))
def test_good_values_survive_next_to_bad_ones(state, junk, rnd):
    good = [tuple(p.split("=", 1)) for p in to_query(state).lstrip("?").split("&")]
    # Bad values for any key after the good ones, and before them for every key but `layers`
    # (its first value is the one read, by design).
    before = [(k, v) for k, v in junk if k != ids.P_LAYERS]
    rnd.shuffle(before)
    query = urlencode(before[:6]) + "&" + "&".join(f"{k}={v}" for k, v in good) + "&" + urlencode(junk)
    assume(query.count("&") < 60)
    parsed = parse_query(query, KNOWN, SCENES)
    assert parsed == state


@given(st.lists(st.sampled_from(LAYER_IDS), min_size=1, unique=True), st.lists(junk_value, min_size=1, max_size=4))
def test_layers_keeps_the_good_names_of_a_mixed_list(good, bad):
    names = [n.replace(",", "") or "!" for n in bad] + good
    s = parse_query(urlencode({"layers": ",".join(names)}, safe=","), KNOWN, SCENES)
    assert set(s.layers) == set(good)
    assert s.problems


@given(years, st.sampled_from(["xx", "EN", "", "urdu", "!"]), st.sampled_from(["1850", "abc", "", "99999999"]))
def test_one_good_and_two_bad_keys(year, lang, window):
    s = parse_query(f"year={year}&lang={lang}&window={window}", KNOWN, SCENES)
    assert s.year == year and s.lang == "en" and s.window == ViewState().window
    assert len(s.problems) == 2


# --- the callback endpoint -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client():
    from dashboard import create_app
    return create_app().server.test_client()


def _captured_bodies() -> list[dict]:
    bodies = []
    for path in sorted(PAYLOADS.glob("*.json")):
        bodies += [r["body"] for r in json.loads(path.read_text(encoding="utf-8"))["requests"]]
    return bodies


BODIES = _captured_bodies()

json_scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=40)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=6)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=6), max_leaves=25)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _replace(node, path, value):
    if not path:
        return value
    node = json.loads(json.dumps(node))
    target = node
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return node


def _post(client, data: bytes, content_type="application/json"):
    response = client.post(CALLBACK, data=data, content_type=content_type)
    assert response.status_code < 500, (response.status_code, data[:300], response.get_data(as_text=True)[:300])
    return response


SLOW = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.binary(max_size=3000), st.sampled_from(["application/json", "text/plain", "application/octet-stream"]))
def test_random_bytes_never_give_a_5xx(client, data, content_type):
    _post(client, data, content_type)


@SLOW
@given(json_values)
def test_random_json_never_gives_a_5xx(client, value):
    _post(client, json.dumps(value).encode())


@SLOW
@given(st.data())
def test_browser_payloads_with_one_part_replaced_never_give_a_5xx(client, data):
    body = data.draw(st.sampled_from(BODIES))
    paths = list(_paths(body))
    path = data.draw(st.sampled_from(paths))
    junk = data.draw(json_values)
    _post(client, json.dumps(_replace(body, path, junk)).encode())


@SLOW
@given(st.data())
def test_browser_payloads_with_keys_dropped_or_values_swapped_never_give_a_5xx(client, data):
    body = json.loads(json.dumps(data.draw(st.sampled_from(BODIES))))
    for key in data.draw(st.lists(st.sampled_from(sorted(body)), max_size=3, unique=True)):
        del body[key]
    paths = list(_paths(body))
    if len(paths) > 2:
        a, b = data.draw(st.sampled_from(paths)), data.draw(st.sampled_from(paths))
        if a and b and a[:len(b)] != b and b[:len(a)] != a:  # neither contains the other
            va, vb = _get(body, a), _get(body, b)
            body = _replace(_replace(body, a, vb), b, va)
    _post(client, json.dumps(body).encode())


def _get(node, path):
    for key in path:
        node = node[key]
    return node
