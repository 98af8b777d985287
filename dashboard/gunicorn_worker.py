"""The gunicorn worker the map is served with (``worker_class`` in gunicorn.conf.py).

It is gunicorn's ``gevent`` worker, chosen because slow clients must not starve the others
(docs/load-test.md, "Slow clients"): each connection is a greenlet, so a client sending its
headers or its body one byte a second holds a few kilobytes of memory, not one of a handful of
threads. Headers must arrive within ``keepalive`` seconds (gunicorn's gevent worker reads every
request line and header block under that timeout), and at most ``worker_connections``
connections are held per worker.

Two things gunicorn 27 has no setting for, done here, in the worker process only:

* **No ``Server: gunicorn`` banner**: the ``Server`` line is dropped from every response.
* **Gunicorn's own error pages** (400, 403, 414, 431, 501, ...: written before the app sees the
  request) get the same security headers as the app's answers and the same short plain-text
  body, without echoing the bad request line or header back.
"""
from __future__ import annotations

from gunicorn import util
from gunicorn.http import wsgi
from gunicorn.workers.ggevent import GeventWorker

from .headers import ERROR_PAGE_HEADERS, MESSAGES

_default_headers = wsgi.Response.default_headers


def _headers_without_banner(response) -> list[str]:
    return [line for line in _default_headers(response) if not line.lower().startswith("server:")]


def write_short_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error`` with the app's headers and no echo of the request."""
    body = (MESSAGES.get(status_int, "error") + "\n").encode("ascii")
    reason = reason.encode("latin-1", "replace").decode("latin-1").replace("\r", " ").replace("\n", " ")
    lines = [f"HTTP/1.1 {int(status_int)} {reason}", "Connection: close",
             "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}",
             *(f"{name}: {value}" for name, value in ERROR_PAGE_HEADERS.items())]
    util.write_nonblock(sock, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


class Worker(GeventWorker):
    """gevent worker without the server banner and with short, headed error pages."""

    def init_process(self):
        # Patched in this worker process only (the master never answers a request).
        wsgi.Response.default_headers = _headers_without_banner
        util.write_error = write_short_error
        super().init_process()
