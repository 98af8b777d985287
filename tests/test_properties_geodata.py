"""Property-based tests (hypothesis) of the data layer: dates, the validator's robustness, search."""
from __future__ import annotations

import copy
import datetime as _dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geodata.dates import DateError, PartialDate
from geodata.load import Dataset, Problem, check_data, shared_dataset
from geodata.records import Env, build_record
from geodata.query import fold, search
from helpers import DATA_DIR, copy_data

RECORD_FILES = sorted(p.name for p in (DATA_DIR / "records").glob("*.json"))
ORIGINAL = {name: json.loads((DATA_DIR / "records" / name).read_text(encoding="utf-8"))["records"]
            for name in RECORD_FILES}
ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
LENGTH_PRECISION = {4: "year", 7: "month", 10: "day"}


# =========================================================================== partial dates

@st.composite
def partial_date_strings(draw) -> str:
    """A valid partial ISO date: a real calendar day, cut to year, month or day."""
    day = draw(st.dates(_dt.date(1000, 1, 1), _dt.date(2999, 12, 31)))
    return day.isoformat()[: draw(st.sampled_from((4, 7, 10)))]


@given(partial_date_strings())
def test_partial_date_parse_iso_round_trip(text: str) -> None:
    date = PartialDate.parse(text)
    assert date.iso() == text == str(date)
    assert date.precision == LENGTH_PRECISION[len(text)]
    assert PartialDate.parse(date.iso()) == date


@given(partial_date_strings(), st.dates(_dt.date(1000, 1, 1), _dt.date(2999, 12, 31)))
def test_partial_date_is_the_period_its_string_names(text: str, day: _dt.date) -> None:
    """first_day < day_after, and [first_day, day_after) holds exactly the days whose ISO date starts with the text."""
    date = PartialDate.parse(text)
    assert date.first_day() < date.day_after()
    assert date.first_day().isoformat().startswith(text)
    assert (date.day_after() - _dt.timedelta(days=1)).isoformat().startswith(text)
    assert (date.first_day() <= day < date.day_after()) == day.isoformat().startswith(text)


@given(st.lists(partial_date_strings(), min_size=2, max_size=8))
def test_partial_dates_order_as_their_iso_strings(texts: list[str]) -> None:
    dates = [PartialDate.parse(t) for t in texts]
    assert [d.iso() for d in sorted(dates)] == sorted(texts)   # mixed precisions must compare, not raise
    a, b = dates[0], dates[1]
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b) and (a >= b) == (a > b or a == b)
    if a < b:
        assert a.first_day() <= b.first_day()


def _is_partial_iso_date(text: str) -> bool:
    """Independently of geodata.dates: YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits, a real day, year 1000-2999."""
    text = text.strip()
    if not ISO.fullmatch(text):
        return False
    year, month, day = (int(p) for p in (text.split("-") + ["1", "1"])[:3])
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return 1000 <= year <= 2999


@given(st.text(max_size=12) | st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"))
@example("1991-13")
@example("1991-02-30")
@example("0999")
@example("۱۹۹۱-۱۱")         # Urdu digits: not an ISO date
@example("１９９１")          # full-width digits
def test_partial_date_accepts_exactly_partial_iso_dates(text: str) -> None:
    try:
        PartialDate.parse(text)
        accepted = True
    except DateError:
        accepted = False
    assert accepted == _is_partial_iso_date(text), text


@given(st.none() | st.integers() | st.lists(st.text(max_size=3)))
def test_partial_date_refuses_non_text(value) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(value)


# =========================================================================== check_data never raises

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


def _containers(node, path=()):
    """Every (path, container) in a JSON tree, the root first."""
    if isinstance(node, (dict, list)):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            yield from _containers(child, path + (key,))


@st.composite
def mutated_record_file(draw) -> tuple[str, list]:
    """A real record file with 1-3 random edits: a field deleted, or its value swapped for another type."""
    name = draw(st.sampled_from(RECORD_FILES))
    records = copy.deepcopy(ORIGINAL[name])
    index = draw(st.integers(0, len(records) - 1))
    for _ in range(draw(st.integers(1, 3))):
        targets = [(p, c) for p, c in _containers(records[index]) if c]
        if not targets:
            break
        _, container = draw(st.sampled_from(targets))
        key = draw(st.sampled_from(sorted(container) if isinstance(container, dict) else range(len(container))))
        action = draw(st.sampled_from(("delete", "replace", "to_text", "wrap_in_list", "wrap_in_object")))
        old = container[key]
        if action == "delete":
            del container[key]
        elif action == "replace":
            container[key] = draw(JSON_VALUES)
        elif action == "to_text":
            container[key] = json.dumps(old, ensure_ascii=False)
        elif action == "wrap_in_list":
            container[key] = [old]
        else:
            container[key] = {"value": old}
    return name, records


@pytest.fixture(scope="module")
def scratch_data(tmp_path_factory) -> Path:
    return copy_data(tmp_path_factory.mktemp("mutated"))


def _assert_outcome(dataset, problems) -> None:
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) and all(isinstance(x, str) for x in (p.file, p.record, p.field, p.message))
               for p in problems)
    assert (dataset is None) == bool(problems)
    if dataset is not None:
        assert isinstance(dataset, Dataset)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_record_file())
def test_check_data_never_raises_on_mutated_records(scratch_data: Path, mutated: tuple[str, list]) -> None:
    name, records = mutated
    path = scratch_data / "records" / name
    path.write_text(json.dumps({"$schema": "x", "records": records}, ensure_ascii=False), encoding="utf-8")
    try:
        _assert_outcome(*check_data(scratch_data))
    finally:
        path.write_text(json.dumps({"$schema": "x", "records": ORIGINAL[name]}, ensure_ascii=False), encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(mutated_record_file())
def test_build_record_never_raises_and_returns_none_exactly_when_it_reports(mutated: tuple[str, list]) -> None:
    name, records = mutated
    ds = shared_dataset()
    env = Env(texts=ds.texts, places=ds.places, shapes={k: v.shapes for k, v in ds.base.items()}, years=ds.years)
    for i, raw in enumerate(records):
        problems: list[Problem] = []
        parsed = build_record(raw, i, f"records/{name}", env, problems)
        assert (parsed is None) == bool(problems)
        for p in problems:
            assert p.file == f"records/{name}" and p.message


# =========================================================================== search

@given(st.text(max_size=40))
@example("ᴬᴮ")             # modifier letters that decompose to capitals
@example("ϒ Σ ß İ")
@example("  آزاد  تجارتی\u200cزون  ")
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return shared_dataset()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_search_for_a_record_name_finds_it_among_the_best(dataset: Dataset, data) -> None:
    record = data.draw(st.sampled_from(dataset.records))
    lang = data.draw(st.sampled_from(("en", "ur")))
    name = getattr(record.names, lang)
    # The same name as a user might type it: other case, extra spaces around.
    typed = data.draw(st.sampled_from((name, name.upper(), name.lower(), f"  {name} ")))
    hits = search(dataset, typed)
    assert hits, f"nothing found for {typed!r}"
    best = hits[0].score
    assert best == 0, f"{typed!r}: no exact match, best {hits[0]}"
    assert record.id in [h.id for h in hits if h.score == best], f"{record.id} not among the best hits {hits}"
