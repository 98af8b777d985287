"""The app as ``python app.py`` serves it, plus a timer around every request; the app itself is unchanged.

    python -m benchmarks.timed_server --port 8050 --log /tmp/requests.jsonl
                                      [--data-dir DIR] [--naive] [--cprofile OUT.pstats]

* without ``--data-dir`` it imports ``app`` (``app.server`` is exactly what ``python app.py``
  and ``gunicorn app:server`` serve); with it, the app is ``create_app(load_dataset(DIR))``
  (``app.py`` always loads the bundled data, so this is how the scale run points it elsewhere);
* ``--naive`` serves :mod:`benchmarks.naive_app` instead (the figure rebuilt on the server
  for every year);
* it serves with werkzeug's threaded server, as ``app.run`` does (no debug, no reloader);
* a WSGI middleware outside Flask (so compression and Flask's own work are included) writes
  one JSON line per request to ``--log``: ``{"t", "path", "output", "ms", "bytes", "status"}``,
  ``ms`` from the request reaching the app to its body being produced, ``bytes`` the body as
  sent (compressed when it was), ``output`` the callback's output for ``/_dash-update-component``;
* ``--cprofile`` profiles every request (they take turns under one profiler, so use it to find
  where the time goes, not to time) and writes the stats when the server is stopped (SIGTERM or
  SIGINT).
"""
from __future__ import annotations

import argparse
import io
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class RequestTimer:
    """WSGI middleware: time each request, body included, and log it as a JSON line."""

    def __init__(self, wsgi_app, log_path: Path):
        self.wsgi_app = wsgi_app
        self.log = open(log_path, "a", encoding="utf-8", buffering=1)
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        t0 = time.perf_counter()
        path = environ.get("PATH_INFO", "")
        output = None
        if path.endswith("/_dash-update-component") and environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            try:
                output = json.loads(body).get("output")
            except ValueError:
                output = None
        status_holder = {}

        def _start_response(status, headers, exc_info=None):
            status_holder["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        result = self.wsgi_app(environ, _start_response)
        try:
            chunks = list(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        ms = (time.perf_counter() - t0) * 1000.0
        line = json.dumps({"t": time.time(), "path": path, "output": output, "ms": round(ms, 3),
                           "bytes": sum(len(c) for c in chunks), "status": status_holder.get("status")})
        with self.lock:
            self.log.write(line + "\n")
        return chunks


def build_app(data_dir: Path | None, naive: bool):
    if naive:
        from geodata.load import load_dataset
        from .naive_app import build_naive_app
        return build_naive_app(load_dataset(data_dir) if data_dir else None)
    if data_dir:
        from dashboard import create_app
        from geodata.load import load_dataset
        return create_app(load_dataset(data_dir))
    sys.path.insert(0, str(REPO_ROOT))
    import app as app_module   # noqa: E402  (the app exactly as app.py builds it)
    return app_module.app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--naive", action="store_true")
    parser.add_argument("--cprofile", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    dash_app = build_app(args.data_dir, args.naive)
    server = dash_app.server
    wsgi = RequestTimer(server.wsgi_app, args.log)
    profiler = None
    if args.cprofile:
        import cProfile
        profiler = cProfile.Profile()
        prof_lock = threading.Lock()

        # cProfile profiles the thread that enables it: requests take turns under one profiler
        # (this serialises them, so use --cprofile to find where time goes, not to time).
        def profiled(environ, start_response, _inner=wsgi):
            with prof_lock:
                profiler.enable()
                try:
                    return _inner(environ, start_response)
                finally:
                    profiler.disable()
        server.wsgi_app = profiled
    else:
        server.wsgi_app = wsgi

    def _stop(signum, frame):
        if profiler is not None:
            profiler.dump_stats(str(args.cprofile))
        logging.getLogger(__name__).info("stopping on signal %s", signum)
        os._exit(0)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)

    from werkzeug.serving import run_simple
    run_simple(args.host, args.port, server, threaded=True, use_reloader=False, use_debugger=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
