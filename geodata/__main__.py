"""Command line: ``python -m geodata {build,validate,export,route,reach,schema}``.

Each sub-command lives in its own module with a ``main(argv) -> int``; this table
is the one place that lists them.
"""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "build": ("geodata.build", "fetch the raw public inputs and rebuild the committed base layers"),
    "build-dated": ("geodata.dated.build", "rebuild only the dated layers (units, provinces, names, landscape)"),
    "validate": ("geodata.validate", "check every data file; exit 1 and list the problems if any"),
    "export": ("geodata.export", "write every record as GeoJSON (RFC 7946), CSV or Linked Places (LPF)"),
    "route": ("geodata.routing_cli", "find a transit route between two places in a given year, with km and hours"),
    "reach": ("geodata.reach_cli", "list what a place reaches within N hours in a given year"),
    "schema": ("geodata.schema_cli", "write the data files' JSON Schemas (geodata/data/schema) from the model"),
}


def usage() -> str:
    lines = ["usage: python -m geodata COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<9} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines.append("\n'python -m geodata COMMAND --help' shows a command's options.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
