"""Load test: simulated readers against the app under gunicorn, on this machine only.

    python -m benchmarks.load                       # 50 users for 2 minutes (the release check)
    python -m benchmarks.load --soak 15             # 15 minutes at 10 users: does memory level off?
    python -m benchmarks.load --users 20 --duration 60 --workers 3 --json /tmp/run.json

The script starts ``gunicorn -c gunicorn.conf.py app:server`` itself on a free 127.0.0.1 port
(``--workers``, ``--threads``), waits until it answers, runs the users, samples every worker's
``VmRSS`` from ``/proc/<pid>/status`` every ``--sample-every`` seconds, stops gunicorn and prints:
request counts, errors, p50/p95/p99/max latency per request type and overall, and each worker's
memory over time. It talks to loopback only, is bounded in users, time and requests, and stops
by itself (``--duration`` plus a grace period for requests in flight).

What a user does (one thread per user, one keep-alive HTTP/1.1 connection each, with ``http.client``):

1. **page load**: ``GET /?<random year, language, overlays, sometimes a feature>``, then
   ``GET /_dash-layout`` (with the page as ``Referer``, as the browser sends it) and
   ``GET /_dash-dependencies``, then the callbacks the page fires by itself after loading;
2. then, over and over: a think time (uniform between ``--think-min`` and ``--think-max``
   seconds, default 1-4 s) and one of (weights in :data:`ACTIONS`):
   * **slider move** (37 %): 1-6 steps of the year slider, 0.1-0.3 s apart (the slider updates
     while dragged): the URL sync, details, timeline, tour-stage and event-list callbacks;
   * **feature click** (23 %): a click on a place marker (``clickData`` with a random place id) or
     on an entry of the timeline (pattern-matching input), then the callbacks a new feature fires
     (URL sync, map figure, details, timeline, stage);
   * **route query** (22 %): a question picked in the route explorer, or a random origin,
     destination, year and compare year; the route callback, URL sync, map figure;
   * **language switch** (10 %): every callback the language radio fires (all texts, legend,
     details, timeline, map figure, route panel...), to Urdu and back;
   * **page load** again (8 %): a reload or a shared link opened.

The callback bodies are the ones a real browser sent, captured with Playwright by
``python -m benchmarks.capture_payloads`` into ``benchmarks/payloads/*.json``. Like dash-renderer,
each user keeps the current value of every component property (from ``/_dash-layout`` and then
from each callback's response) and fills the captured bodies' inputs and state from it, so the
requests follow what the server answered. Unlike a browser, a user sends one action's callbacks
one after another, not in parallel, and does not fetch the static JavaScript (a browser caches it).

Request types in the report are named after the callback (``cb:details``...). An error is any
answer other than 200/204 or any failed request; a request on a kept-alive connection that the
server had closed in the meantime is retried once on a new connection and counted as a reconnect.
"""
from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.gunicorn_server import free_port, rss_kib, start_gunicorn, stop_process, worker_pids

PAYLOADS = Path(__file__).resolve().parent / "payloads"
CALLBACK = "/_dash-update-component"

MAX_USERS = 200
MAX_DURATION_S = 15 * 60          # a normal run; a soak may last up to MAX_SOAK_MIN
MAX_SOAK_MIN = 240
MAX_REQUESTS = 5_000_000          # a hard stop whatever the other settings
REQUEST_TIMEOUT_S = 30.0
GRACE_S = 40.0                    # after the deadline, how long users may take to finish

LAYER_CHOICES = ("political", "provinces", "zones", "corridors", "sea", "rail", "crossings", "episodes", "events",
                 "labels", "context")

# What a user does after a think time, and how often (weights, in percent).
ACTIONS = (("page_load", 8), ("slider_move", 37), ("feature_click", 23), ("route_query", 22),
           ("switch_language", 10))
ACTION_NAMES = tuple(a for a, _ in ACTIONS)
ACTION_WEIGHTS = tuple(w for _, w in ACTIONS)

# A callback's first output (``id.property``) -> its request type in the report.
CALLBACK_NAMES = {
    "url.search": "cb:url_sync",          # the URL <-> controls sync; tour navigation also starts
    "details.children": "cb:details",     # with url.search, see callback_name()
    "timeline.children": "cb:timeline",
    "legend.children": "cb:legend",
    "map.figure": "cb:map_figure",
    "route-store.data": "cb:route",
    "route-from.value": "cb:route_question",
    "feature-store.data": "cb:feature",
    "search.options": "cb:search_options",
    "stage.className": "cb:tour_stage",
    "app-root.dir": "cb:translate",
}


def outputs_of(output_key: str) -> list[str]:
    """``id.property`` of each output in Dash's output key (``..a.b...c.d..`` or ``a.b``), hashes dropped."""
    key = output_key[2:-2] if output_key.startswith("..") and output_key.endswith("..") else output_key
    return [part.split("@", 1)[0] for part in key.split("...")]


def callback_name(output_key: str) -> str:
    outs = outputs_of(output_key)
    if outs[0] == "url.search" and "year.value" not in outs:
        return "cb:tour_nav"
    return CALLBACK_NAMES.get(outs[0], "cb:" + outs[0][:40])


def is_feature_callback(body: dict) -> bool:
    return outputs_of(body["output"])[0] == "feature-store.data"


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(round(q / 100 * len(sorted_values) + 0.5))))
    return sorted_values[rank - 1]


# ==============================================================================================
# Fixtures and the app's vocabulary
# ==============================================================================================

@dataclass
class Fixtures:
    sessions: dict[str, list[dict]]           # session name -> captured bodies in order
    places: list[str] = field(default_factory=list)
    route_places: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path = PAYLOADS) -> "Fixtures":
        sessions = {}
        for name in ("page_load", "slider_move", "feature_click", "event_click", "lang_switch", "route_query"):
            doc = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            sessions[name] = [r["body"] for r in doc["requests"]]
        return cls(sessions)

    def learn(self, layout: dict) -> None:
        """Place ids, route places, questions and timeline entries, from a ``/_dash-layout`` answer."""
        places, route_places, questions, events = set(), [], [], []
        for props in _components(layout):
            cid = props.get("id")
            if cid in ("route-from",):
                route_places = [o["value"] for o in props.get("options") or []]
            elif cid == "route-question":
                questions = [o["value"] for o in props.get("options") or []]
            elif isinstance(cid, dict) and cid.get("type") == "event-item":
                events.append(cid)
            if isinstance(props.get("data-record"), str):
                places.add(props["data-record"])
        self.route_places = route_places
        self.places = sorted(set(route_places) | places)
        self.questions = questions
        self.events = events


def _components(node):
    """Every component's props in a Dash layout JSON, depth first."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if "props" in n and "type" in n and isinstance(n["props"], dict):
                yield n["props"]
                stack.extend(n["props"].values())
            else:
                stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)


# ==============================================================================================
# Results
# ==============================================================================================

class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.error_samples: list[str] = []
        self.reconnects = 0
        self.actions: dict[str, int] = defaultdict(int)
        self.total = 0
        self.t0 = time.monotonic()
        self.timeline: list[tuple[float, float]] = []   # (seconds since start, ms) of every answered request

    def record(self, kind: str, ms: float | None, status: int | None, error: str | None = None) -> None:
        with self.lock:
            self.total += 1
            if ms is not None:
                self.latencies[kind].append(ms)
                self.timeline.append((time.monotonic() - self.t0, ms))
            if status is not None:
                self.statuses[kind][status] += 1
            if error is not None or status not in (200, 204):
                self.errors[kind] += 1
                if len(self.error_samples) < 20:
                    self.error_samples.append(f"{kind}: {error or status}")

    def action(self, name: str) -> None:
        with self.lock:
            self.actions[name] += 1

    def reconnect(self) -> None:
        with self.lock:
            self.reconnects += 1

    def table(self) -> list[dict]:
        rows = []
        kinds = sorted(self.latencies, key=lambda k: (not k.startswith(("page", "layout", "dep")), k))
        every: list[float] = []
        for kind in kinds:
            values = sorted(self.latencies[kind])
            every += values
            rows.append(self._row(kind, values, self.errors.get(kind, 0)))
        rows.append(self._row("all", sorted(every), sum(self.errors.values())))
        return rows

    def windows(self, width_s: float) -> list[dict]:
        """Requests, p50 and p95 over all request types in consecutive windows of ``width_s``."""
        buckets: dict[int, list[float]] = defaultdict(list)
        for t, ms in self.timeline:
            buckets[int(t // width_s)].append(ms)
        out = []
        for i in sorted(buckets):
            values = sorted(buckets[i])
            out.append({"from_s": round(i * width_s), "to_s": round((i + 1) * width_s), "count": len(values),
                        "p50": percentile(values, 50), "p95": percentile(values, 95),
                        "p99": percentile(values, 99)})
        return out

    def _row(self, kind: str, values: list[float], errors: int) -> dict:
        return {"type": kind, "count": len(values), "errors": errors,
                "p50": percentile(values, 50), "p95": percentile(values, 95), "p99": percentile(values, 99),
                "max": values[-1] if values else float("nan"),
                "mean": statistics.fmean(values) if values else float("nan")}


# ==============================================================================================
# One user
# ==============================================================================================

class StaleConnection(Exception):
    pass


class User(threading.Thread):
    def __init__(self, n: int, host: str, port: int, fixtures: Fixtures, results: Results, deadline: float,
                 think: tuple[float, float], seed: int, stop: threading.Event):
        super().__init__(name=f"user-{n}", daemon=True)
        self.host, self.port = host, port
        self.fx = fixtures
        self.results = results
        self.deadline = deadline
        self.think = think
        self.rnd = random.Random(seed)
        self.stop_event = stop
        self.conn: http.client.HTTPConnection | None = None
        self.reused = False
        self.state: dict[tuple[str, str], object] = {}
        self.page_url = "/"

    # --- HTTP ---------------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_S)
            self.reused = False
        return self.conn

    def _close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _once(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, bytes, float]:
        conn = self._connection()
        reused = self.reused
        t0 = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                http.client.CannotSendRequest) as exc:
            self._close()
            if reused:
                raise StaleConnection() from exc
            raise
        ms = (time.perf_counter() - t0) * 1000
        self.reused = True
        if response.will_close:
            self._close()
        return response.status, data, ms

    def request(self, kind: str, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int | None, bytes]:
        if self.results.total >= MAX_REQUESTS:
            self.stop_event.set()
            return None, b""
        headers = {"Accept-Encoding": "gzip", **(headers or {})}
        try:
            try:
                status, data, ms = self._once(method, path, body, headers)
            except StaleConnection:
                self.results.reconnect()
                status, data, ms = self._once(method, path, body, headers)
        except Exception as exc:  # a failed request is an error of the run, not of the script
            self._close()
            self.results.record(kind, None, None, f"{type(exc).__name__}: {exc}")
            return None, b""
        self.results.record(kind, ms, status)
        return status, data

    # --- Dash ---------------------------------------------------------------------------------

    def fill(self, body: dict) -> dict:
        """A captured body with its inputs and state set from this user's current values."""
        body = copy.deepcopy(body)
        for group in ("inputs", "state"):
            for item in body.get(group) or []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    key = (item["id"], item["property"])
                    if key in self.state:
                        item["value"] = self.state[key]
        return body

    def callback(self, body: dict) -> None:
        status, data = self.request(callback_name(body["output"]), "POST", CALLBACK,
                                    json.dumps(body, separators=(",", ":")).encode(),
                                    {"Content-Type": "application/json", "Referer": self.page_url})
        if status == 200 and data:
            try:
                answer = json.loads(_gunzip(data))
            except ValueError:
                return
            for cid, props in (answer.get("response") or {}).items():
                if isinstance(props, dict):
                    for prop, value in props.items():
                        self.state[(cid, prop)] = value

    def run_session(self, name: str, edit=None) -> None:
        for body in self.fx.sessions[name]:
            if self.stop_event.is_set():
                return
            body = self.fill(body)
            if edit is not None:
                body = edit(body)
            self.callback(body)

    # --- actions ------------------------------------------------------------------------------

    def page_load(self) -> None:
        self.results.action("page load")
        params = {"year": self.rnd.randint(1918, 2026)}
        if self.rnd.random() < 0.3:
            params["lang"] = "ur"
        if self.rnd.random() < 0.3:
            params["layers"] = ",".join(self.rnd.sample(LAYER_CHOICES, self.rnd.randint(1, 6)))
        if self.fx.places and self.rnd.random() < 0.3:
            params["feature"] = self.rnd.choice(self.fx.places)
        self.page_url = f"http://{self.host}:{self.port}/?" + urlencode(params, safe=",")
        self._close()  # a new page: a new connection, as after a reload
        self.request("page", "GET", "/?" + urlencode(params, safe=","))
        status, data = self.request("layout", "GET", "/_dash-layout", headers={"Referer": self.page_url})
        self.request("dependencies", "GET", "/_dash-dependencies", headers={"Referer": self.page_url})
        self.state = {}
        if status == 200:
            try:
                layout = json.loads(_gunzip(data))
            except ValueError:
                layout = None
            if layout is not None:
                for props in _components(layout):
                    if isinstance(props.get("id"), str):
                        for prop, value in props.items():
                            self.state[(props["id"], prop)] = value
                self.state[("url", "search")] = "?" + urlencode(params, safe=",")
        self.run_session("page_load")

    def slider_move(self) -> None:
        self.results.action("slider move")
        year = self.state.get(("year", "value")) or 1996
        direction = self.rnd.choice((-1, 1))
        for _ in range(self.rnd.randint(1, 6)):
            year = min(2026, max(1918, int(year) + direction * self.rnd.randint(1, 3)))
            self.state[("year", "value")] = year
            # The browser moves the map, the timeline and the link itself; only the details of a
            # chosen feature come from the server (one request per move).
            if self.state.get(("feature-store", "data")):
                self.run_session("slider_move")
            self.sleep(self.rnd.uniform(0.1, 0.3))

    def feature_click(self) -> None:
        self.results.action("feature click")
        if self.fx.events and self.rnd.random() < 0.4:
            event = self.rnd.choice(self.fx.events)

            def pick_event(body):
                if not is_feature_callback(body):
                    return body
                for group in body["inputs"]:
                    if isinstance(group, list):
                        for item in group:
                            item["value"] = 1 if item["id"] == event else None
                prop = json.dumps(event, sort_keys=True, separators=(",", ":")) + ".n_clicks"
                body["changedPropIds"] = [prop]
                body["parsedChangedPropsIds"] = [event]
                return body
            self.run_session("event_click", pick_event)
            return
        place = self.rnd.choice(self.fx.places) if self.fx.places else None

        def pick_place(body):
            if place and is_feature_callback(body):
                click = body["inputs"][0].get("value") or {}
                for point in click.get("points") or []:
                    point["customdata"] = place
            return body
        self.run_session("feature_click", pick_place)

    def route_query(self) -> None:
        self.results.action("route query")
        bodies = self.fx.sessions["route_query"]
        if self.fx.questions and self.rnd.random() < 0.5:
            self.state[("route-question", "value")] = self.rnd.choice(self.fx.questions)
            self.run_session("route_query")
            return
        if len(self.fx.route_places) >= 2:
            a, b = self.rnd.sample(self.fx.route_places, 2)
            self.state[("route-from", "value")] = a
            self.state[("route-to", "value")] = b
            self.state[("route-year", "value")] = self.rnd.randint(1918, 2026)
            self.state[("route-compare-year", "value")] = self.rnd.choice([None, self.rnd.randint(1918, 2026)])
        for body in bodies[1:]:  # everything after the question: the route and what it redraws
            if self.stop_event.is_set():
                return
            self.callback(self.fill(body))

    def switch_language(self) -> None:
        self.results.action("language switch")
        lang = self.state.get(("lang", "value"), "en")
        self.state[("lang", "value")] = "ur" if lang == "en" else "en"
        self.run_session("lang_switch")

    # --- loop ---------------------------------------------------------------------------------

    def sleep(self, seconds: float) -> None:
        self.stop_event.wait(max(0.0, min(seconds, self.deadline - time.monotonic())))

    def run(self) -> None:
        try:
            self.sleep(self.rnd.uniform(0, self.think[1]))  # users arrive spread out, not all at once
            self.page_load()
            while time.monotonic() < self.deadline and not self.stop_event.is_set():
                self.sleep(self.rnd.uniform(*self.think))
                if time.monotonic() >= self.deadline or self.stop_event.is_set():
                    break
                name = self.rnd.choices(ACTION_NAMES, weights=ACTION_WEIGHTS)[0]
                getattr(self, name)()
        finally:
            self._close()


def _gunzip(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        import gzip
        return gzip.decompress(data)
    return data


# ==============================================================================================
# Memory sampling
# ==============================================================================================

class RssSampler(threading.Thread):
    def __init__(self, master_pid: int, every_s: float, stop: threading.Event, t0: float):
        super().__init__(name="rss-sampler", daemon=True)
        self.master_pid = master_pid
        self.every_s = every_s
        self.stop_event = stop
        self.t0 = t0
        self.samples: list[tuple[float, int, int]] = []   # (seconds since start, pid, KiB)
        self.master: list[tuple[float, int]] = []
        self.cpu: dict[int, list[float]] = {}   # pid -> [CPU seconds at first sample, at last sample]
        self.loadavg: list[float] = []          # the machine's 1-minute load average at each sample

    def cpu_used(self) -> float:
        return sum(last - first for first, last in self.cpu.values())

    def sample(self) -> None:
        t = time.monotonic() - self.t0
        m = rss_kib(self.master_pid)
        if m is not None:
            self.master.append((t, m))
        for pid in worker_pids(self.master_pid):
            kib = rss_kib(pid)
            if kib is not None:
                self.samples.append((t, pid, kib))
            cpu = cpu_seconds(pid)
            if cpu is not None:
                self.cpu.setdefault(pid, [cpu, cpu])[1] = cpu
        self.loadavg.append(load_average())

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(self.every_s)
        self.sample()

    def by_worker(self) -> dict[int, list[tuple[float, int]]]:
        out: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for t, pid, kib in self.samples:
            out[pid].append((t, kib))
        return dict(out)


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from the first line of /proc/stat."""
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def load_average() -> float:
    with open("/proc/loadavg", encoding="ascii") as f:
        return float(f.read().split()[0])


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().decode("ascii", "replace").rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_report(sampler: RssSampler, duration_s: float) -> list[dict]:
    """Per worker: RSS at start, after warm-up, the middle and last thirds, the end; growth verdict."""
    rows = []
    for pid, series in sorted(sampler.by_worker().items()):
        def median_between(a: float, b: float) -> float:
            values = [kib for t, kib in series if a <= t < b]
            return statistics.median(values) / 1024 if values else float("nan")
        first = series[0][1] / 1024
        peak = max(kib for _, kib in series) / 1024
        last = series[-1][1] / 1024
        middle = median_between(duration_s / 3, 2 * duration_s / 3)
        final = median_between(2 * duration_s / 3, duration_s + 1e9)
        growth = final - middle
        # Levelled off: the last third's median within max(2 %, 2 MiB) of the middle third's.
        stable = growth <= max(0.02 * middle, 2.0)
        rows.append({"pid": pid, "samples": len(series), "start_mib": first, "middle_third_mib": middle,
                     "last_third_mib": final, "end_mib": last, "peak_mib": peak, "growth_mib": growth,
                     "stable": bool(stable)})
    return rows


def rss_timeline(sampler: RssSampler, points: int = 8) -> tuple[list[float], dict[int, list[float]]]:
    """RSS of each worker at ``points`` evenly spaced moments (MiB), for a compact table."""
    workers = sampler.by_worker()
    if not workers:
        return [], {}
    end = max(t for series in workers.values() for t, _ in series)
    moments = [end * i / (points - 1) for i in range(points)]
    table = {}
    for pid, series in sorted(workers.items()):
        row = []
        for m in moments:
            nearest = min(series, key=lambda s: abs(s[0] - m))
            row.append(nearest[1] / 1024)
        table[pid] = row
    return moments, table


# ==============================================================================================
# Run
# ==============================================================================================

def kill_workers(master_pid: int, at_s: list[float], t0: float, stop: threading.Event, kills: list[dict]) -> None:
    """SIGKILL one worker at each of ``at_s`` (seconds into the run); time until the master replaced it."""
    for at in sorted(at_s):
        if stop.wait(max(0.0, t0 + at - time.monotonic())):
            return
        before = worker_pids(master_pid)
        if not before:
            continue
        victim = before[len(kills) % len(before)]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        replaced_s = None
        while time.monotonic() - killed_at < 30 and not stop.is_set():
            now = worker_pids(master_pid)
            if victim not in now and len(now) >= len(before):
                replaced_s = time.monotonic() - killed_at
                break
            time.sleep(0.005)
        kills.append({"at_s": round(killed_at - t0, 1), "pid": victim,
                      "replaced_in_s": round(replaced_s, 3) if replaced_s is not None else None})


def run(args) -> dict:
    fixtures = Fixtures.load(args.payloads)
    port = free_port()
    log_path = Path(args.server_log) if args.server_log else None
    t_start = time.monotonic()
    proc = start_gunicorn(port, args.workers, args.threads, log_path=log_path)
    started_s = time.monotonic() - t_start
    stop = threading.Event()
    sampler = None
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        conn.request("GET", "/_dash-layout")
        fixtures.learn(json.loads(_gunzip(conn.getresponse().read())))
        conn.close()

        results = Results()
        client_cpu0 = time.process_time()
        machine0 = machine_cpu()
        t0 = time.monotonic()
        sampler = RssSampler(proc.pid, args.sample_every, stop, t0)
        sampler.start()
        deadline = t0 + args.duration
        users = [User(i, "127.0.0.1", port, fixtures, results, deadline, (args.think_min, args.think_max),
                      args.seed * 1000 + i, stop) for i in range(args.users)]
        kills: list[dict] = []
        killer = threading.Thread(target=kill_workers, args=(proc.pid, args.kill_worker_at, t0, stop, kills),
                                  daemon=True)
        killer.start()
        for u in users:
            u.start()
        for u in users:
            u.join(max(0.0, deadline + GRACE_S - time.monotonic()))
        stop.set()
        for u in users:
            u.join(5)
        elapsed = time.monotonic() - t0
        machine1 = machine_cpu()
        sampler.join(10)
        workers_now = worker_pids(proc.pid)
    finally:
        stop.set()
        stop_process(proc)

    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {"users": args.users, "duration_s": args.duration, "workers": args.workers,
                     "worker_class": os.environ.get("MAP_WORKER_CLASS", "gevent"), "threads": args.threads, "think_s": [args.think_min, args.think_max], "seed": args.seed,
                     "soak": args.soak},
        "server_start_s": round(started_s, 1),
        "elapsed_s": round(elapsed, 1),
        "requests": results.total,
        "throughput_rps": results.total / elapsed if elapsed else 0.0,
        "reconnects": results.reconnects,
        "actions": dict(results.actions),
        "table": results.table(),
        "windows": results.windows(args.window),
        "server_cpu_s": round(sampler.cpu_used(), 1),
        "server_cpu_share": sampler.cpu_used() / elapsed / len(os.sched_getaffinity(0)) if elapsed else 0.0,
        "client_cpu_s": round(time.process_time() - client_cpu0, 1),
        # The whole machine, this run included: other programs on a shared machine show up here.
        "machine_cpu_share": (machine1[0] - machine0[0]) / max(1, machine1[1] - machine0[1]),
        "load_average": {"mean": statistics.fmean(sampler.loadavg) if sampler.loadavg else None,
                         "max": max(sampler.loadavg) if sampler.loadavg else None},
        "statuses": {k: dict(v) for k, v in results.statuses.items()},
        "error_samples": results.error_samples,
        "memory": memory_report(sampler, elapsed),
        "master_rss_mib": [round(k / 1024, 1) for _, k in sampler.master[:1] + sampler.master[-1:]],
        "workers_at_end": workers_now,
        "workers_killed": kills,
    }
    moments, timeline = rss_timeline(sampler)
    report["rss_timeline"] = {"t_s": [round(m) for m in moments],
                              "workers": {str(pid): [round(v, 1) for v in row] for pid, row in timeline.items()}}
    return report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gib": mem_gib,
            "python": sys.version.split()[0]}


def print_report(report: dict, budget_ms: float | None) -> None:
    s = report["settings"]
    m = report["machine"]
    print(f"\n{report['date']}  {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, Python {m['python']}")
    threads = f" --threads {s['threads']}" if s["worker_class"] == "gthread" else ""
    print(f"{s['users']} users, {report['elapsed_s']:.0f} s, gunicorn --workers {s['workers']} "
          f"({s['worker_class']} workers){threads}, think {s['think_s'][0]}-{s['think_s'][1]} s; server ready in "
          f"{report['server_start_s']} s")
    print(f"{report['requests']} requests ({report['throughput_rps']:.1f}/s), "
          f"{sum(r['errors'] for r in report['table'][:-1])} errors, {report['reconnects']} reconnects; "
          f"actions: {', '.join(f'{k} {v}' for k, v in sorted(report['actions'].items()))}")
    print("\n| request type | count | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in report["table"]:
        print(f"| {r['type']} | {r['count']} | {r['errors']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} "
              f"| {r['max']:.0f} |")
    print(f"\nserver CPU: {report['server_cpu_s']} s = {100 * report['server_cpu_share']:.0f} % of "
          f"{m['cores']} cores; load generator CPU: {report['client_cpu_s']} s; whole machine busy "
          f"{100 * report['machine_cpu_share']:.0f} %, 1-min load average mean "
          f"{report['load_average']['mean']:.1f} (max {report['load_average']['max']:.1f})")
    print("\n| window | requests | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for w in report["windows"]:
        print(f"| {w['from_s']}-{w['to_s']} s | {w['count']} | {w['p50']:.0f} | {w['p95']:.0f} | {w['p99']:.0f} |")
    if report["error_samples"]:
        print("\nerrors (first few):")
        for e in report["error_samples"]:
            print("  " + e)
    tl = report["rss_timeline"]
    print("\nworker RSS (MiB) at t = " + ", ".join(f"{t}s" for t in tl["t_s"]))
    print("| worker | " + " | ".join(f"{t} s" for t in tl["t_s"]) + " |")
    print("|---|" + "---:|" * len(tl["t_s"]))
    for pid, row in tl["workers"].items():
        print(f"| {pid} | " + " | ".join(f"{v:.1f}" for v in row) + " |")
    print("\n| worker | start | middle third (median) | last third (median) | end | peak | growth | levelled off |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in report["memory"]:
        print(f"| {r['pid']} | {r['start_mib']:.1f} | {r['middle_third_mib']:.1f} | {r['last_third_mib']:.1f} "
              f"| {r['end_mib']:.1f} | {r['peak_mib']:.1f} | {r['growth_mib']:+.1f} | "
              f"{'yes' if r['stable'] else 'NO'} |")
    print(f"master RSS (MiB) start/end: {report['master_rss_mib']}; workers at end: {report['workers_at_end']}")
    for kill in report["workers_killed"]:
        print(f"worker {kill['pid']} killed (SIGKILL) at {kill['at_s']} s, replaced in {kill['replaced_in_s']} s")
    if budget_ms is not None:
        p95 = report["table"][-1]["p95"]
        verdict = "within" if p95 <= budget_ms else "OVER"
        print(f"\np95 over all requests: {p95:.0f} ms, budget {budget_ms:.0f} ms: {verdict} budget")


def main(argv: list[str] | None = None) -> int:
    default_workers = 2 * len(os.sched_getaffinity(0)) + 1
    parser = argparse.ArgumentParser(description="Load test of the app under gunicorn on 127.0.0.1 "
                                                 "(see the module docstring).")
    parser.add_argument("--users", type=int, default=None, help="simulated users (default 50; 10 with --soak)")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds (default 120)")
    parser.add_argument("--soak", type=float, metavar="MINUTES",
                        help="run this many minutes at lower concurrency and judge memory growth")
    parser.add_argument("--workers", type=int, default=min(default_workers, 9),
                        help=f"gunicorn workers (default {min(default_workers, 9)}, as gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, default=4,
                        help="threads per worker with MAP_WORKER_CLASS=gthread (default 4)")
    parser.add_argument("--think-min", type=float, default=1.0, help="shortest pause between actions, s")
    parser.add_argument("--think-max", type=float, default=4.0, help="longest pause between actions, s")
    parser.add_argument("--sample-every", type=float, default=None, help="RSS sampling period, s (default 3; 10 soak)")
    parser.add_argument("--budget-ms", type=float, default=None, help="p95 budget over all requests; exit 1 if over")
    parser.add_argument("--window", type=float, default=None,
                        help="width of the time windows in the latency-over-time table, s (default 20; 60 soak)")
    parser.add_argument("--kill-worker-at", type=float, action="append", default=[], metavar="SECONDS",
                        help="SIGKILL one worker this many seconds into the run (repeatable)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--payloads", type=Path, default=PAYLOADS)
    parser.add_argument("--json", type=Path, help="also write the full report here")
    parser.add_argument("--server-log", help="gunicorn's output goes here (default: discarded)")
    args = parser.parse_args(argv)

    if args.soak is not None:
        if not 1 <= args.soak <= MAX_SOAK_MIN:
            parser.error(f"--soak must be 1..{MAX_SOAK_MIN} minutes")
        args.duration = args.soak * 60
        args.users = args.users or 10
        args.sample_every = args.sample_every or 10.0
        args.window = args.window or 60.0
    else:
        if not 1 <= args.duration <= MAX_DURATION_S:
            parser.error(f"--duration must be 1..{MAX_DURATION_S} s (use --soak for longer runs)")
        args.users = args.users or 50
        args.sample_every = args.sample_every or 3.0
        args.window = args.window or 20.0
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be 1..{MAX_USERS}")
    if not 1 <= args.workers <= 32 or not 1 <= args.threads <= 64:
        parser.error("--workers must be 1..32 and --threads 1..64")
    if not 0 <= args.think_min <= args.think_max <= 120:
        parser.error("need 0 <= --think-min <= --think-max <= 120")

    report = run(args)
    print_report(report, args.budget_ms)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    errors = sum(r["errors"] for r in report["table"][:-1])
    over = args.budget_ms is not None and report["table"][-1]["p95"] > args.budget_ms
    return 1 if errors or over else 0


if __name__ == "__main__":
    sys.exit(main())
