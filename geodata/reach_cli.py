"""``python -m geodata reach PLACE --year Y --hours N``: what a place reaches within N hours, as JSON.

``--days N`` is ``--hours 24N``; ``--compare Y2`` adds the reach in a second year and
what one year reaches that the other does not.  Exit status as for ``route``.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import cli_common as cc
from .load import DATA_DIR, DataError, shared_dataset
from .network import compare_reach, reach


def _parser() -> cc.OneLineParser:
    parser = cc.OneLineParser(prog="python -m geodata reach",
                              description="List every place reachable from a place within a time, as things "
                                          "stood at the end of a year, in bands of travel time; print JSON.")
    parser.add_argument("origin", metavar="PLACE", help="place id or name, e.g. mashhad")
    limit = parser.add_mutually_exclusive_group(required=True)
    limit.add_argument("--hours", help="the time limit in hours")
    limit.add_argument("--days", help="the time limit in days")
    parser.add_argument("--compare", default=None, metavar="Y2", help="also the reach in year Y2")
    cc.add_common(parser)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    return parser


def _hours(args) -> float:
    text = args.hours if args.hours is not None else args.days
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--{'hours' if args.hours is not None else 'days'} must be a number, got {text!r}") from None
    return value if args.hours is not None else value * 24


def _answer(dataset, args) -> dict:
    years = [cc.year(args.year)] + ([cc.year(args.compare)] if args.compare else [])
    hours, modes, assumptions = _hours(args), cc.modes(args.modes), cc.assumptions(args)
    results = [reach(dataset, args.origin, y, hours, modes, args.planned, assumptions) for y in years]
    if len(results) == 1:
        return results[0].as_dict()
    before, after = sorted(results, key=lambda r: r.year)
    return {"reach": [r.as_dict() for r in results], "change": compare_reach(before, after)}


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        dataset = shared_dataset(args.data_dir)
    except DataError as exc:
        print(f"error: the data does not load: {exc}", file=sys.stderr)
        return 1
    try:
        answer = _answer(dataset, args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input
        if os.environ.get("GEODATA_DEBUG"):
            raise
        print(f"error: internal error while computing reach ({type(exc).__name__}: {exc}); "
              f"run with GEODATA_DEBUG=1 for the traceback", file=sys.stderr)
        return 1
    cc.print_json(cc.rounded(answer))
    return 0
