"""Run the map: ``python app.py`` serves on http://127.0.0.1:8050 with its bundled data.

``server`` is the Flask app, for a WSGI server: ``gunicorn app:server``.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

from geodata.load import DataError

try:
    from dashboard import create_app
    app = create_app()
except DataError as exc:  # the data did not validate: say what is wrong instead of a traceback
    print(f"The bundled data has problems; run 'python -m geodata validate'.\n{exc}", file=sys.stderr)
    sys.exit(1)

server = app.server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the map of Iran, Central Asia and the Caucasus.")
    parser.add_argument("--host", default=os.environ.get("MAP_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("MAP_PORT", "8050")))
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (never on a shared server)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
