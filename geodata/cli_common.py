"""What the route and reach commands share: one-line errors, the assumption options, JSON output."""
from __future__ import annotations

import argparse
import json
import sys

from .network import ASSUMPTION_FIELDS, SERVICES, ALL_MODES, YEAR_MAX, YEAR_MIN, Assumptions, default_assumptions

KM_DIGITS = 1   # lengths are along lines drawn between named places: a tenth of a km is already more than they say
HOUR_DIGITS = 1


class OneLineParser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 (argparse's own default prints usage first)."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", required=True, help=f"a year {YEAR_MIN}-{YEAR_MAX}; the state on 31 December")
    parser.add_argument("--modes", default=",".join(ALL_MODES),
                        help=f"comma-separated modes to use (default: {','.join(ALL_MODES)})")
    parser.add_argument("--planned", action="store_true",
                        help="also use links that are only proposed, agreed or under construction")
    parser.add_argument("--service", choices=SERVICES, default="freight", help="which rail speed to use")
    defaults = default_assumptions()
    for name in ASSUMPTION_FIELDS:
        unit = "km/h" if name.endswith("_kmh") else "hours"
        parser.add_argument("--" + name.replace("_", "-"), dest=name, default=None, metavar="N",
                            help=f"{unit} (default {getattr(defaults, name):g}, from geodata/data/costs.json)")


def year(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"--year must be a whole number between {YEAR_MIN} and {YEAR_MAX}, got {text!r}") from None
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise ValueError(f"--year must be between {YEAR_MIN} and {YEAR_MAX}, got {value}")
    return value


def modes(text: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(m.strip().lower() for m in text.split(",") if m.strip()))
    unknown = [m for m in values if m not in ALL_MODES]
    if unknown or not values:
        got = ", ".join(map(repr, unknown)) if unknown else "nothing"
        raise ValueError(f"--modes takes one or more of {', '.join(ALL_MODES)} (comma-separated), got {got}")
    return values


def assumptions(args: argparse.Namespace) -> Assumptions:
    changes = {name: getattr(args, name) for name in ASSUMPTION_FIELDS}
    try:
        return default_assumptions().changed(service=args.service, **changes)
    except ValueError as exc:
        name = str(exc).split(" ", 1)[0]
        raise ValueError("--" + name.replace("_", "-") + " " + str(exc).split(" ", 1)[1]) from None


def rounded(value):
    """Every km and hours figure in an answer rounded for print."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if isinstance(v, float) and ("km" in k):
                out[k] = round(v, KM_DIGITS)
            elif isinstance(v, float) and (k == "hours" or k.endswith("_h")):
                out[k] = round(v, HOUR_DIGITS)
            else:
                out[k] = rounded(v)
        return out
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def print_json(obj: dict) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    # Urdu quotes stay readable on a UTF-8 terminal and become \u escapes elsewhere rather than failing.
    print(json.dumps(obj, ensure_ascii=encoding != "utf8", indent=2))
