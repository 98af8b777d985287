"""A per-client budget for the log lines that requests cause (issue 15).

Anyone who can reach the server can make it log: a refused callback request, a callback that
fails. Without a bound, 3,000 requests wrote 560 kB of log. :class:`ClientLogBudget` is a
``logging.Filter`` put on the app's loggers by :func:`install`:

* each line is cut to :data:`MAX_LINE_CHARS` characters and its traceback, if any, to
  :data:`MAX_TRACEBACK_CHARS` (a traceback is kept: a failing callback is a bug to fix);
* each client (remote address) may cause :data:`LINES_PER_MINUTE` lines a minute; the first
  line over says so once ("further lines suppressed"), the rest of that minute are dropped.
  Lines logged outside a request (start-up, warm-up) are never dropped.

The table of clients is bounded (:data:`MAX_CLIENTS`, oldest forgotten first), so it cannot
grow without limit either; it is per process and only counts lines.
"""
from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import OrderedDict

import flask

LINES_PER_MINUTE = 20
MAX_CLIENTS = 4096
MAX_LINE_CHARS = 300
MAX_TRACEBACK_CHARS = 4000
WINDOW_S = 60.0
# The loggers a request can write to: the app's own, Flask's (an exception before a handler) and Dash's.
REQUEST_LOGGERS = ("dashboard", "dashboard.callbacks", "dashboard.security", "geodata", "dash.dash", "dash")


def _client() -> str | None:
    if not flask.has_request_context():
        return None
    return flask.request.remote_addr or "?"


class ClientLogBudget(logging.Filter):
    """Shortens every line and lets each client cause at most LINES_PER_MINUTE lines a minute."""

    def __init__(self, clock=time.monotonic):
        super().__init__()
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: OrderedDict[str, list] = OrderedDict()  # client -> [window start, lines]

    def filter(self, record: logging.LogRecord) -> bool:
        client = _client()
        if client is not None:
            allowed = self._count(client)
            if allowed is False:
                return False
            if allowed == "last":
                record.msg, record.args = "further log lines caused by client %s suppressed for a minute", (client,)
                record.exc_info = record.exc_text = None
                return True
        _shorten(record)
        return True

    def _count(self, client: str):
        now = self._clock()
        with self._lock:
            window = self._windows.pop(client, None)
            if window is None or now - window[0] >= WINDOW_S:
                window = [now, 0]
            window[1] += 1
            self._windows[client] = window
            while len(self._windows) > MAX_CLIENTS:
                self._windows.popitem(last=False)
        if window[1] <= LINES_PER_MINUTE:
            return True
        return "last" if window[1] == LINES_PER_MINUTE + 1 else False


def _shorten(record: logging.LogRecord) -> None:
    message = record.getMessage()
    if len(message) > MAX_LINE_CHARS:
        message = message[:MAX_LINE_CHARS] + "…"
    record.msg, record.args = message.replace("\n", " "), ()
    if record.exc_info:
        text = "".join(traceback.format_exception(*record.exc_info))
        lines = [line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + "…" for line in text.splitlines()]
        text = "\n".join(lines)
        record.exc_text = text if len(text) <= MAX_TRACEBACK_CHARS else text[:MAX_TRACEBACK_CHARS] + "\n…"
        record.exc_info = None


def install(server: flask.Flask) -> ClientLogBudget:
    """Put one budget on the loggers a request can write to (Flask's app logger included)."""
    budget = ClientLogBudget()
    for name in (*REQUEST_LOGGERS, server.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ClientLogBudget) for f in logger.filters):
            logger.addFilter(budget)
    return budget
