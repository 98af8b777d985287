"""``python -m geodata route FROM TO --year Y``: a transit route as one JSON object.

Exit status: 0 with a JSON answer (whether or not a route exists), 2 for a bad
request (unknown place, year or mode), 1 if the data does not load.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .load import DATA_DIR, DataError, shared_dataset
from .network import ALL_MODES, YEAR_MAX, YEAR_MIN, PlaceNotFound, check_countries, find_route

KM_DIGITS = 1   # lengths are chords between named places: a tenth of a km is already more than they say


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 (argparse's own default prints usage first)."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see 'python -m geodata route --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geodata route",
                     description="Find the shortest transit route between two places as things stood at the "
                                 "end of a year, and print it as JSON.")
    parser.add_argument("origin", metavar="FROM", help="place id or name, e.g. almaty or 'Bandar Abbas'")
    parser.add_argument("destination", metavar="TO", help="place id or name")
    parser.add_argument("--year", required=True, help=f"a year {YEAR_MIN}-{YEAR_MAX}; the state on 31 December")
    parser.add_argument("--modes", default=",".join(ALL_MODES),
                        help=f"comma-separated modes to use (default: {','.join(ALL_MODES)})")
    parser.add_argument("--planned", action="store_true",
                        help="also use links that are only proposed, agreed or under construction")
    parser.add_argument("--avoid", default="", help="comma-separated ISO3 countries not to pass through, e.g. AFG")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    return parser


def _year(text: str) -> int:
    try:
        year = int(text.strip())
    except ValueError:
        raise ValueError(f"--year must be a whole number between {YEAR_MIN} and {YEAR_MAX}, got {text!r}") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"--year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}")
    return year


def _modes(text: str) -> tuple[str, ...]:
    modes = tuple(dict.fromkeys(m.strip().lower() for m in text.split(",") if m.strip()))
    unknown = [m for m in modes if m not in ALL_MODES]
    if unknown or not modes:
        got = ", ".join(map(repr, unknown)) if unknown else "nothing"
        raise ValueError(f"--modes takes one or more of {', '.join(ALL_MODES)} (comma-separated), got {got}")
    return modes


def _rounded(result: dict) -> dict:
    if result["length_km"] is not None:
        result["length_km"] = round(result["length_km"], KM_DIGITS)
    for seg in result["segments"]:
        seg["length_km"] = round(seg["length_km"], KM_DIGITS)
    return result


def _print_json(obj: dict) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    # Urdu quotes stay readable on a UTF-8 terminal and become \u escapes elsewhere rather than failing.
    print(json.dumps(obj, ensure_ascii=encoding != "utf8", indent=2))


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        year = _year(args.year)
        modes = _modes(args.modes)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        dataset = shared_dataset(args.data_dir)
    except DataError as exc:
        print(f"error: the data does not load: {exc}", file=sys.stderr)
        return 1
    try:
        avoid = check_countries(dataset, args.avoid)
        result = find_route(dataset, args.origin, args.destination, year, modes, args.planned, avoid)
    except PlaceNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input: say so in one line; GEODATA_DEBUG=1 shows the traceback
        if os.environ.get("GEODATA_DEBUG"):
            raise
        print(f"error: internal error while routing ({type(exc).__name__}: {exc}); "
              f"run with GEODATA_DEBUG=1 for the traceback", file=sys.stderr)
        return 1
    _print_json(_rounded(result.as_dict()))
    return 0
