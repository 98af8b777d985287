"""``python -m geodata route FROM TO --year Y --by time|distance|borders``: a route as one JSON object.

``--compare Y2`` adds the same journey in a second year and the sentence that says how it
changed.  Exit status: 0 with a JSON answer (whether or not a route exists), 2 for a
bad request (unknown place, year, mode or assumption), 1 if the data does not load.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import cli_common as cc
from .load import DATA_DIR, DataError, shared_dataset
from .network import DEFAULT_PRIORITY, PRIORITIES, PlaceNotFound, change, check_countries, find_route, sentence


def _parser() -> cc.OneLineParser:
    parser = cc.OneLineParser(prog="python -m geodata route",
                              description="Find the best transit route between two places as things stood at the "
                                          "end of a year, with its distance and time, and print it as JSON.")
    parser.add_argument("origin", metavar="FROM", help="place id or name, e.g. almaty or 'Bandar Abbas'")
    parser.add_argument("destination", metavar="TO", help="place id or name")
    parser.add_argument("--by", choices=tuple(PRIORITIES), default=DEFAULT_PRIORITY,
                        help="fastest (time), shortest (distance) or fewest international borders (borders)")
    parser.add_argument("--compare", default=None, metavar="Y2", help="also the same journey in year Y2")
    parser.add_argument("--avoid", default="", help="comma-separated ISO3 countries not to pass through, e.g. AFG")
    cc.add_common(parser)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    return parser


def _answer(dataset, args) -> dict:
    years = [cc.year(args.year)] + ([cc.year(args.compare)] if args.compare else [])
    modes, assumptions = cc.modes(args.modes), cc.assumptions(args)
    avoid = check_countries(dataset, args.avoid)
    results = [find_route(dataset, args.origin, args.destination, y, modes, args.planned, avoid, args.by, assumptions)
               for y in years]
    if len(results) == 1:
        return results[0].as_dict()
    before, after = sorted(results, key=lambda r: r.year)
    return {"routes": [r.as_dict() for r in results], "change": change(before, after),
            "sentence": sentence(dataset, before, after)}


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        cc.year(args.year), cc.modes(args.modes), cc.assumptions(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        dataset = shared_dataset(args.data_dir)
    except DataError as exc:
        print(f"error: the data does not load: {exc}", file=sys.stderr)
        return 1
    try:
        answer = _answer(dataset, args)
    except ValueError as exc:      # PlaceNotFound is one
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input: say so in one line; GEODATA_DEBUG=1 shows the traceback
        if os.environ.get("GEODATA_DEBUG"):
            raise
        print(f"error: internal error while routing ({type(exc).__name__}: {exc}); "
              f"run with GEODATA_DEBUG=1 for the traceback", file=sys.stderr)
        return 1
    cc.print_json(cc.rounded(answer))
    return 0


__all__ = ["main", "PlaceNotFound"]
