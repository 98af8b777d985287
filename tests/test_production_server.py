"""The production server (``gunicorn -c gunicorn.conf.py app:server``) on loopback (issue 15).

* 50 clients sending their headers one byte a second and 50 sending a callback body one byte a
  second, held for 12 s, must not keep normal readers waiting: every ``/`` and ``/_dash-layout``
  asked meanwhile is answered 200 within 2 s. (With the former ``gthread`` workers, 4 threads
  each, normal requests timed out: docs/load-test.md.)
* No ``Server`` banner; gunicorn's own error pages (400, 414, 431: written before the app sees
  the request) carry the security headers and a short text that does not echo the request.
"""
from __future__ import annotations

import socket

import pytest

from benchmarks.gunicorn_server import free_port, start_gunicorn, stop_process
from benchmarks.slow_clients import hold_slow_clients
from dashboard.headers import STATIC_HEADERS

HOST = "127.0.0.1"
SLOW_HOLD_S = 12.0
LIMIT_MS = 2000.0


@pytest.fixture(scope="module")
def server_port(tmp_path_factory):
    port = free_port()
    log_path = tmp_path_factory.mktemp("gunicorn") / "server.log"
    proc = start_gunicorn(port, workers=2, log_path=log_path)
    yield port
    stop_process(proc)


def raw_exchange(port: int, request: bytes) -> tuple[str, dict[str, str], str]:
    """Send raw bytes, read the answer until the server closes: (status line, headers, body)."""
    with socket.create_connection((HOST, port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
            if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" not in b"".join(chunks):
                break
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers, body.decode("utf-8", "replace")


def test_slow_clients_do_not_starve_normal_requests(server_port):
    run = hold_slow_clients(HOST, server_port, slow_headers=50, slow_bodies=50, hold_s=SLOW_HOLD_S)
    summary = run.summary(LIMIT_MS)
    assert summary["probes"] >= 10, summary
    slow = [(p.path, p.started_s, p.ms, p.status, p.error) for p in run.probes
            if p.status != 200 or p.ms is None or p.ms > LIMIT_MS]
    assert not slow, f"normal requests not answered 200 within {LIMIT_MS:.0f} ms: {slow}"
    # Headers must arrive within `keepalive` (5 s): every trickling header connection was dropped
    # at least once in 12 s and reopened by the client.
    assert summary["reopened_by_server"] >= 50, summary


def test_no_server_banner(server_port):
    status, headers, _ = raw_exchange(server_port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status.startswith("HTTP/1.1 200"), status
    assert "server" not in headers, headers.get("server")
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(120)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
    (b"G<script>ET / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad<b>Header\r\n\r\n", 400),
])
def test_gunicorn_error_pages_carry_the_headers_and_echo_nothing(server_port, request_bytes, status):
    status_line, headers, body = raw_exchange(server_port, request_bytes)
    assert status_line.startswith(f"HTTP/1.1 {status} "), status_line
    for name, value in STATIC_HEADERS.items():
        assert headers.get(name.lower()) == value, (name, headers)
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "server" not in headers
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert len(body) < 40 and "<" not in body and "aaaa" not in body and "bbbb" not in body, body
