"""Fixtures shared by the geodata tests (helpers live in tests/helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_data


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of geodata/data that a test may break; the real data is never touched."""
    return copy_data(tmp_path)
