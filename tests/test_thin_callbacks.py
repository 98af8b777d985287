"""Thin callbacks (issue 12): none over 30 lines or 8 outputs.

``sync_url`` (the link and the controls, dashboard/callbacks_url.py) is circular (the URL sets the
controls, the controls set the URL), and Dash allows a cycle only inside one callback: its one
output is the link, and it sets the controls by name (``dash.set_props``), not by position.
"""
from __future__ import annotations

import inspect

import pytest

from dashboard import create_app

MAX_OUTPUTS, MAX_LINES = 8, 30


@pytest.fixture(scope="module")
def callbacks():
    app = create_app()
    out = []
    for key, entry in app.callback_map.items():
        outputs = key.count("...") + 1 if key.startswith("..") else 1
        if "callback" not in entry:   # a clientside callback (assets/clientside.js; sizes: test_sizes.py)
            out.append((key, outputs, 0))
            continue
        function = inspect.unwrap(entry["callback"])
        out.append((function.__name__, outputs, len(inspect.getsourcelines(function)[0])))
    return out


def test_thn001_no_callback_has_more_than_8_outputs(callbacks):
    assert {name: n for name, n, _ in callbacks if n > MAX_OUTPUTS} == {}


def test_thn002_no_callback_is_over_30_lines(callbacks):
    assert {name: n for name, _, n in callbacks if n > MAX_LINES} == {}
