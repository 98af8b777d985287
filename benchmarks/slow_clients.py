"""Slow clients against the production server, on loopback: are normal requests still answered?

``python -m benchmarks.slow_clients`` starts ``gunicorn -c gunicorn.conf.py app:server`` on a free
loopback port, opens ``--slow`` connections that send their request headers one byte a second
and ``--slow-bodies`` connections that send complete headers for a callback POST and then its
body one byte a second, keeps them open for ``--hold`` seconds (a connection the server closes
is reopened at once, as a patient attacker would), and meanwhile asks for ``/`` and
``/_dash-layout`` as a normal reader would, every ``--probe-every`` seconds. It reports how long
each normal request took. ``MAP_WORKER_CLASS=gthread`` in the environment serves with the old
thread workers, to compare (docs/load-test.md).

``hold_slow_clients`` is also what tests/test_slow_clients.py runs.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field

from .gunicorn_server import free_port, start_gunicorn, stop_process

PROBE_TIMEOUT_S = 15.0
SLOW_BODY_BYTES = 100_000  # announced Content-Length of a slow POST (under the app's 256 KiB limit)


def _slow_header_prefix(host: str) -> bytes:
    return f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode("ascii")


def _slow_body_prefix(host: str) -> bytes:
    return (f"POST /_dash-update-component HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {SLOW_BODY_BYTES}\r\n\r\n").encode("ascii")


@dataclass
class SlowConnection:
    """One client that trickles a request one byte a second; reopened when the server drops it."""
    host: str
    port: int
    prefix: bytes  # sent one byte at a time too: the server has read nothing useful until it ends
    sock: socket.socket | None = None
    sent: int = 0
    reopened: int = 0

    def open(self) -> None:
        self.sock = socket.create_connection((self.host, self.port), timeout=5)
        self.sent = 0

    def send_one_byte(self) -> None:
        byte = self.prefix[self.sent:self.sent + 1] or b"a"
        try:
            self.sock.sendall(byte)
            self.sent += 1
        except OSError:  # the server closed it: open another, like an attacker would
            self.close()
            self.reopened += 1
            self.open()

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None


@dataclass
class Probe:
    path: str
    started_s: float
    ms: float | None = None
    status: int | None = None
    error: str | None = None


@dataclass
class SlowClientRun:
    slow_headers: int
    slow_bodies: int
    hold_s: float
    probes: list[Probe] = field(default_factory=list)
    reopened: int = 0

    def summary(self, limit_ms: float = 2000.0) -> dict:
        times = sorted(p.ms for p in self.probes if p.ms is not None)
        failed = [p for p in self.probes if p.ms is None or p.status != 200]
        return {
            "slow_headers": self.slow_headers, "slow_bodies": self.slow_bodies, "hold_s": self.hold_s,
            "probes": len(self.probes), "failed": len(failed),
            "over_limit": sum(1 for p in self.probes if p.ms is not None and p.ms > limit_ms),
            "limit_ms": limit_ms,
            "p50_ms": round(times[len(times) // 2], 1) if times else None,
            "max_ms": round(times[-1], 1) if times else None,
            "reopened_by_server": self.reopened,
            "errors": sorted({p.error or str(p.status) for p in failed}),
        }


def probe(host: str, port: int, path: str, t0: float) -> Probe:
    """One normal request on a fresh connection, as a newly arriving reader makes it."""
    result = Probe(path, round(time.monotonic() - t0, 2))
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=PROBE_TIMEOUT_S)
    try:
        conn.request("GET", path, headers={"Referer": f"http://{host}:{port}/"})
        response = conn.getresponse()
        response.read()
        result.status = response.status
        result.ms = (time.perf_counter() - start) * 1000
    except (OSError, http.client.HTTPException) as exc:
        result.error = type(exc).__name__
    finally:
        conn.close()
    return result


def hold_slow_clients(host: str, port: int, slow_headers: int = 50, slow_bodies: int = 50,
                      hold_s: float = 12.0, probe_every_s: float = 0.5) -> SlowClientRun:
    """Hold the slow connections for ``hold_s`` seconds while probing ``/`` and ``/_dash-layout``."""
    run = SlowClientRun(slow_headers, slow_bodies, hold_s)
    conns = ([SlowConnection(host, port, _slow_header_prefix(host)) for _ in range(slow_headers)]
             + [SlowConnection(host, port, _slow_body_prefix(host)) for _ in range(slow_bodies)])
    for conn in conns:
        conn.open()
    for conn in conns:  # a slow POST's headers arrive at once, its body one byte a second
        if conn.prefix.startswith(b"POST"):
            conn.sock.sendall(conn.prefix)
            conn.sent = len(conn.prefix)
    stop = threading.Event()

    def trickle():
        while not stop.wait(1.0):
            for conn in conns:
                conn.send_one_byte()

    sender = threading.Thread(target=trickle, name="slow-clients", daemon=True)
    t0 = time.monotonic()
    sender.start()
    try:
        time.sleep(min(2.0, hold_s / 4))  # let every slow connection reach a worker first
        paths = ("/", "/_dash-layout")
        i = 0
        while time.monotonic() - t0 < hold_s:
            run.probes.append(probe(host, port, paths[i % 2], t0))
            i += 1
            time.sleep(probe_every_s)
    finally:
        stop.set()
        sender.join(5)
        for conn in conns:
            conn.close()
    run.reopened = sum(c.reopened for c in conns)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--slow", type=int, default=50, help="connections sending headers at 1 byte/s")
    parser.add_argument("--slow-bodies", type=int, default=50, help="connections sending a POST body at 1 byte/s")
    parser.add_argument("--hold", type=float, default=30.0, help="seconds to hold them (default 30)")
    parser.add_argument("--probe-every", type=float, default=0.5)
    args = parser.parse_args(argv)
    if not (0 <= args.slow <= 500 and 0 <= args.slow_bodies <= 500 and 0 < args.hold <= 600):
        parser.error("at most 500 + 500 slow connections, held at most 600 s")
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        run = hold_slow_clients("127.0.0.1", port, args.slow, args.slow_bodies, args.hold, args.probe_every)
    finally:
        stop_process(server)
    report = {"worker_class": os.environ.get("MAP_WORKER_CLASS", "gevent"), "workers": args.workers,
              "load_average_1min": os.getloadavg()[0], **run.summary()}
    print(json.dumps(report))
    return 0 if report["failed"] == 0 and report["over_limit"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
