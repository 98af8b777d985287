"""``python -m geodata schema``: write the JSON Schemas of the data files from the models.

The schemas in ``geodata/data/schema/`` are generated, never edited by hand; a test
fails if they differ from what the models say.  ``--check`` only compares.
"""
from __future__ import annotations

import argparse
import sys

from .fileformat import FILES, SCHEMA_DIR, schema_path, schema_text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata schema", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed schema is out of date")
    args = parser.parse_args(argv)
    stale = [name for name in FILES
             if not schema_path(name).exists() or schema_path(name).read_text(encoding="utf-8") != schema_text(name)]
    if args.check:
        for name in stale:
            print(f"{schema_path(name)} is out of date: run 'python -m geodata schema'", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for name in stale:
        schema_path(name).write_text(schema_text(name), encoding="utf-8")
        print(f"wrote {schema_path(name)}")
    return 0
