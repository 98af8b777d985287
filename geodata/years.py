"""The map's one year range: from the first year its source texts cover to this year.

Every interface (the app's slider and links, ``export --year``, ``route --year``, the
tour, the validator) takes its years from here, so no date can be valid in one and
out of range in another.
"""
from __future__ import annotations

import datetime as _dt
import functools
from pathlib import Path
from typing import Iterable

DATA_DIR = Path(__file__).parent / "data"


def years_from(first_years: Iterable[int]) -> tuple[int, int]:
    """(first, last): the earliest first year of the texts, and this year."""
    return min(first_years), _dt.date.today().year


@functools.lru_cache(maxsize=8)
def year_range(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """The year range of the data in ``data_dir`` (read from its sources.json alone, cheaply)."""
    from .fileformat import SourcesFile
    from .files import parse_json

    raw = parse_json((data_dir / "sources.json").read_text(encoding="utf-8"))
    sources = SourcesFile.model_validate(raw, strict=True).sources
    return years_from(int(s.period.start[:4]) for s in sources)
