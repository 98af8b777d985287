"""Fixtures shared by the geodata tests (helpers live in tests/helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of geodata/data that a test may break; the real data is never touched."""
    return copy_data(tmp_path)


# Speed goals belong in the benchmark, not in tests: a property that is slow on a busy machine
# is not a failure, so no Hypothesis test has a deadline.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("no-deadline", deadline=None)
_hypothesis_settings.load_profile("no-deadline")
