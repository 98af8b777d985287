"""``python -m geodata validate``: check all data and report every problem."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .load import DATA_DIR, check_data


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata validate",
                                     description="Check records, places, base layers, sources, the tour, the route questions and quotes.")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="folder holding records/, base/, places.csv")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"error: {args.data_dir} is not a folder", file=sys.stderr)
        return 2
    dataset, problems = check_data(args.data_dir)
    if problems:
        print(f"{len(problems)} problem(s) found:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    kinds = Counter(r.kind for r in dataset.records)
    quotes = sum(len(r.sources) for r in dataset.records) + sum(p.source is not None for p in dataset.places.values())
    print(f"ok: {len(dataset.records)} records ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
          f"{len(dataset.places)} places, {quotes} quotes checked verbatim against the source text, "
          f"{sum(len(b.shapes) for b in dataset.base.values())} base features, {len(dataset.tour)} tour scenes, "
          f"{len(dataset.questions)} route questions, {_dated(dataset)}; years {dataset.years[0]}-{dataset.years[1]}")
    return 0


def _dated(dataset) -> str:
    names = sum(len(x.dated_names) for x in (*dataset.records, *dataset.places.values()))
    shapes = sum(len(r.dated_geometries) for r in dataset.records)
    return f"{names} dated names, {shapes} dated geometries"
