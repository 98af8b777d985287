"""Answers that cannot change while the server runs are computed once and then served from memory.

At a page load the browser asks for about thirty files at once: the app's scripts and styles, Dash's
and React's bundles, Plotly's, the map's data layers. Each answer went through Flask and was
compressed again (Plotly's bundle alone: 1.4 MB of brotli), in Python, one thread at a time under
the GIL: the last script arrived 600 ms after the page, and the map waited for it. The layout is
built from the page's URL (the Referer) and took 120-150 ms more per load. None of these answers
depends on anything but the request's URL, its Referer (the layout) and the encodings the browser
accepts, since the data are loaded once, read-only. So the first answer to each is kept, as sent
(compressed, with its headers), and replayed.

Only GETs for the paths below, answered 200 without a cookie, are kept; conditional and range
requests go to the app. At most ``MAX_ENTRIES`` answers of at most ``MAX_BODY_BYTES`` are kept
(least recently used dropped first), so no request can fill the server's memory.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Iterable

CONSTANT_PREFIXES = ("/assets/", "/_dash-component-suites/", "/geodata/", "/_dash-dependencies")
LAYOUT_PATH = "/_dash-layout"   # a function of the page's URL, which its Referer carries
MAX_ENTRIES = 256
MAX_BODY_BYTES = 8_000_000
PASS_THROUGH_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE")

Answer = tuple[str, list[tuple[str, str]], bytes]


def cache_key(environ: dict) -> tuple | None:
    """What an answer depends on, or None for a request whose answer is not kept."""
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") != "GET" or any(environ.get(h) for h in PASS_THROUGH_HEADERS):
        return None
    if path != LAYOUT_PATH and not path.startswith(CONSTANT_PREFIXES):
        return None
    referrer = environ.get("HTTP_REFERER", "") if path == LAYOUT_PATH else ""
    return (path, environ.get("QUERY_STRING", ""), environ.get("HTTP_HOST", ""), referrer,
            environ.get("HTTP_ACCEPT_ENCODING", ""))


def keepable(status: str, headers: list[tuple[str, str]], body: bytes) -> bool:
    return (status.startswith("200 ") and len(body) <= MAX_BODY_BYTES
            and not any(name.lower() == "set-cookie" for name, _ in headers))


class ServedOnce:
    """WSGI middleware: ``server.wsgi_app = ServedOnce(server.wsgi_app)``."""

    def __init__(self, app: Callable, max_entries: int = MAX_ENTRIES):
        self.app = app
        self.max_entries = max_entries
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = cache_key(environ)
        if key is None:
            return self.app(environ, start_response)
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
        if answer is None:
            answer = self._ask_app(environ)
            if keepable(*answer):
                self._keep(key, answer)
        status, headers, body = answer
        start_response(status, list(headers))   # a copy: a server may add to the list it is handed
        return [body]

    def _ask_app(self, environ: dict) -> Answer:
        started: list = []
        written: list[bytes] = []   # PEP 3333's write(), which old apps use before their iterable

        def start_response(status, headers, exc_info=None):
            started[:] = [status, list(headers)]
            return written.append

        chunks = self.app(environ, start_response)
        try:
            body = b"".join(written) + b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        # A compressed stream went without a length; the whole body is known now.
        headers = [(k, v) for k, v in started[1] if k.lower() != "content-length"]
        return started[0], headers + [("Content-Length", str(len(body)))], body

    def _keep(self, key: tuple, answer: Answer) -> None:
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.max_entries:
                self._answers.popitem(last=False)

    def __len__(self) -> int:
        return len(self._answers)
