"""Smoke test of the benchmark (issue 6): ``python -m benchmarks --quick`` runs and reports every figure.

No timing is asserted: only that the run finishes, that its last line of output is one JSON
object, and that every figure in it is there and is a number.  The run starts the real app and
drives it in headless Chromium, so it carries the ``browser`` marker.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/lib/chromium/chromium"
TIMEOUT_S = 300   # --quick finishes in well under a minute; this only stops a hung run

pytestmark = pytest.mark.browser

NUMBERS = ("first_map_ms", "first_map_floor_ms", "play_years_per_s", "skipped_years", "transfer_bytes", "rss_mb")
DISTRIBUTIONS = ("slider_ms", "callback_ms", "route_ms")
BUDGETS = ("slider_ms_p50", "slider_ms_p95", "slider_ms_p95_20x", "first_map_ms", "transfer_bytes", "callback_ms_p95",
           "route_ms_p95")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


@pytest.fixture(scope="module")
def quick_run() -> dict:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium", pytrace=False)
    # With MAP_TEST_PORT set, the live server of the browser tests has that port; the benchmark the next.
    port = os.environ.get("MAP_TEST_PORT", "").strip()
    port_args = ["--port", str(int(port) + 1)] if port.isdigit() else []
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", *port_args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=TIMEOUT_S, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.returncode == 0, f"exit code {proc.returncode}\n--- stderr ---\n{proc.stderr[-4000:]}"
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines, f"no output\n--- stderr ---\n{proc.stderr[-4000:]}"
    try:
        result = json.loads(lines[-1])
    except json.JSONDecodeError as exc:
        pytest.fail(f"the last line is not JSON ({exc}): {lines[-1][:500]}", pytrace=False)
    assert isinstance(result, dict)
    return result


def test_last_line_has_every_figure_as_a_number(quick_run):
    for key in NUMBERS:
        assert _is_number(quick_run.get(key)), f"{key} = {quick_run.get(key)!r}"
    for key in DISTRIBUTIONS:
        dist = quick_run.get(key)
        assert isinstance(dist, dict), f"{key} = {dist!r}"
        for stat in ("p50", "p95"):
            assert _is_number(dist.get(stat)), f"{key}.{stat} = {dist.get(stat)!r}"
        assert dist["p50"] <= dist["p95"]


def test_transfer_breakdown_lists_the_biggest_resources(quick_run):
    top = quick_run["transfer_top10"]
    assert 1 <= len(top) <= 10
    for item in top:
        assert isinstance(item["url"], str) and _is_number(item["transfer"])
    assert sum(item["transfer"] for item in top) <= quick_run["transfer_bytes"]


def test_budgets_are_checked(quick_run):
    budgets = quick_run["budgets"]
    assert set(BUDGETS) <= set(budgets)
    for name in BUDGETS:
        entry = budgets[name]
        assert _is_number(entry["limit"])
        # --quick has no 20x run: those budgets are not checked (None), every other one is
        expected = (type(None),) if name.endswith("_20x") else (bool,)
        assert isinstance(entry["pass"], expected), f"{name}: {entry}"
    assert isinstance(quick_run["budgets_pass"], bool)


def test_quick_mode_skips_scale_and_naive(quick_run):
    assert quick_run["quick"] is True
    assert quick_run["scale_20x"] is None and quick_run["naive"] is None
    assert quick_run["slider_ms"]["n"] == 5
    assert quick_run["page_errors"] == []
