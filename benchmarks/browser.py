"""What the benchmark measures in headless Chromium (Playwright, Debian's chromium).

Every time is taken inside the page with ``performance.now()`` (navigation start = 0), so the
round trips between Python and the browser are never part of a figure.  An init script
(:data:`INSTRUMENT_JS`) runs before the app's own scripts in every page and records:

* ``mapAt`` - the first animation frame in which the plot div ``#map .js-plotly-plot`` has a
  trace in ``_fullData`` and its geo subplot has a drawn ``.trace`` in the SVG (the same
  condition as ``tests/browser/conftest.wait_for_map``);
* ``drawn`` - every change of the ``data-year-drawn`` attribute (a MutationObserver):
  ``[value, time]``;
* ``keys`` - every keydown (capture phase, before the slider sees it): ``[key, time]``;
* ``playAt`` - the time of the last click on the Play button.
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
                 "--disable-background-networking", "--disable-quic", "--no-first-run",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 60_000
IDLE_QUIET_S = 0.5          # no request in flight for this long = the network is idle
IDLE_TIMEOUT_S = 20.0

VERBOSE = bool(os.environ.get("BENCH_VERBOSE"))


def _say(msg: str) -> None:
    if VERBOSE:
        print(f"[bench {time.strftime('%H:%M:%S')}]   {msg}", file=sys.stderr, flush=True)


HEARTBEAT_MS = 50           # the page's own idle check: a timer every 50 ms ...
LATE_MS = 30                # ... that fires more than 30 ms late means the main thread was busy
SETTLE_QUIET_MS = 250       # settled = no fetch in flight and no late heartbeat for this long
SETTLE_TIMEOUT_MS = 120_000

INSTRUMENT_JS = r"""
(() => {
  const HEARTBEAT_MS = %(beat)d, LATE_MS = %(late)d;
  const B = window.__bench = {mapAt: null, drawn: [], keys: [], playAt: null, inflight: 0, lastBusy: 0};
  // "Busy" = a fetch in flight (Dash's callbacks) or the main thread late for a heartbeat.
  const fetch0 = window.fetch;
  window.fetch = function () {
    B.inflight += 1;
    B.lastBusy = performance.now();
    const done = () => { B.inflight -= 1; B.lastBusy = performance.now(); };
    return fetch0.apply(this, arguments).then((r) => { done(); return r; }, (e) => { done(); throw e; });
  };
  let beat = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - beat > HEARTBEAT_MS + LATE_MS || B.inflight > 0) { B.lastBusy = now; }
    beat = now;
  }, HEARTBEAT_MS);
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.attributeName === "data-year-drawn") { B.drawn.push([r.target.getAttribute("data-year-drawn"), now]); }
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-year-drawn"]});
  document.addEventListener("keydown", (e) => { B.keys.push([e.key, performance.now()]); }, true);
  document.addEventListener("click", (e) => {
    if (e.target && e.target.closest && e.target.closest("#play")) { B.playAt = performance.now(); }
  }, true);
  const drawn = () => {
    const root = document.getElementById("map");
    const gd = root && root.querySelector(".js-plotly-plot");
    if (!gd || !Array.isArray(gd._fullData) || gd._fullData.length < 1) return false;
    const geo = gd.querySelector("svg.main-svg .geolayer .geo");
    return !!(geo && geo.querySelector(".trace"));
  };
  const poll = () => { if (drawn()) { B.mapAt = performance.now(); } else { requestAnimationFrame(poll); } };
  requestAnimationFrame(poll);
})();
""" % {"beat": HEARTBEAT_MS, "late": LATE_MS}

RESOURCES_JS = """
() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).map(e => ({
  name: e.name, type: e.initiatorType || e.entryType, transfer: e.transferSize, encoded: e.encodedBodySize,
  decoded: e.decodedBodySize, start: e.startTime, end: e.responseEnd}))
"""


@dataclass
class NetLog:
    """Requests in flight in one context, and the content-encoding of every response."""

    inflight: set = field(default_factory=set)
    last_change: float = field(default_factory=time.monotonic)
    encoding: dict = field(default_factory=dict)

    def attach(self, context) -> None:
        context.on("request", self._start)
        context.on("requestfinished", self._end)
        context.on("requestfailed", self._end)
        context.on("response", self._response)

    def _start(self, request) -> None:
        self.inflight.add(request)
        self.last_change = time.monotonic()

    def _end(self, request) -> None:
        self.inflight.discard(request)
        self.last_change = time.monotonic()

    def _response(self, response) -> None:
        try:
            self.encoding[response.url] = response.headers.get("content-encoding") or "identity"
        except Exception:  # the page may be closing; the encoding is only informative
            pass

    def wait_idle(self, page, quiet_s: float = IDLE_QUIET_S, timeout_s: float = IDLE_TIMEOUT_S) -> None:
        """Until no request has been in flight for ``quiet_s`` (event callbacks run while we wait)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self.inflight and time.monotonic() - self.last_change >= quiet_s:
                return
            page.wait_for_timeout(25)   # lets Playwright deliver events; not a measured interval


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def _new_page(browser, base_url: str):
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    # Never wait on the outside world (the app is offline; a request out would be a bug anyway).
    context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", "localhost")
                  and urlsplit(url).scheme in ("http", "https"), lambda route: route.abort("blockedbyclient"))
    context.add_init_script(INSTRUMENT_JS)
    net = NetLog()
    net.attach(context)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"page error: {err}"))
    page.on("console", lambda msg: errors.append(f"console error: {msg.text[:300]}") if msg.type == "error" else None)
    return context, page, net, errors


def _wait_map(page) -> float:
    return float(page.wait_for_function("() => window.__bench && window.__bench.mapAt", polling=50).json_value())


def _wait_year(page, year: int) -> None:
    page.wait_for_function("(y) => window.__bench.drawn.some(d => d[0] === String(y))", arg=year, polling="raf")


def _wait_settled(page, timeout_ms: float = SETTLE_TIMEOUT_MS) -> float:
    """Wait until no fetch has been in flight and no heartbeat late for SETTLE_QUIET_MS; when it got busy last."""
    return float(page.wait_for_function(
        """(q) => { const B = window.__bench;
            return B.inflight === 0 && performance.now() - B.lastBusy >= q ? B.lastBusy : false; }""",
        arg=SETTLE_QUIET_MS, polling=50, timeout=timeout_ms).json_value())


def _start_cpu_profile(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    return cdp


def _stop_cpu_profile(cdp, path: Path) -> None:
    Path(path).write_text(json.dumps(cdp.send("Profiler.stop")["profile"]))


def first_load(browser, base_url: str, path: str = "/", cpu_profile: Path | None = None) -> dict:
    """One page load in a fresh context (empty cache): time to the map, and what came over the network.

    ``cpu_profile``: also record a V8 CPU profile of the load (until the map is drawn) to that file.
    """
    context, page, net, errors = _new_page(browser, base_url)
    try:
        cdp = _start_cpu_profile(context, page) if cpu_profile else None
        page.goto(path, wait_until="commit")
        map_ms = _wait_map(page)
        if cdp is not None:
            _stop_cpu_profile(cdp, cpu_profile)
        settled_ms = _wait_settled(page)
        net.wait_idle(page)
        entries = page.evaluate(RESOURCES_JS)
        box = page.evaluate("""() => { const r = document.querySelector("#map .js-plotly-plot").getBoundingClientRect();
            return {width: Math.round(r.width), height: Math.round(r.height)}; }""")
        timing = page.evaluate("""() => { const n = performance.getEntriesByType("navigation")[0];
            return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
    finally:
        context.close()
    origin = base_url.rstrip("/")
    resources = []
    for e in entries:
        short = e["name"][len(origin):] if e["name"].startswith(origin) else e["name"]
        resources.append({"url": short, "type": e["type"], "transfer": int(e["transfer"]),
                          "encoded": int(e["encoded"]), "decoded": int(e["decoded"]),
                          "encoding": net.encoding.get(e["name"], "?"), "end_ms": round(e["end"], 1)})
    return {"first_map_ms": round(map_ms, 1), "settled_ms": round(max(settled_ms, map_ms), 1),
            "dom_content_loaded_ms": round(timing["dcl"], 1),
            "transfer_bytes": sum(r["transfer"] for r in resources),
            "encoded_body_bytes": sum(r["encoded"] for r in resources),
            "decoded_body_bytes": sum(r["decoded"] for r in resources),
            "requests": len(resources), "resources": resources, "page_errors": errors, "map_box": box}


def top_resources(resources: list[dict], n: int = 10) -> list[dict]:
    """The ``n`` biggest resources by bytes over the wire; repeated URLs (callbacks) summed."""
    merged: dict[str, dict] = {}
    for r in resources:
        key = r["url"].split("?", 1)[0]
        m = merged.setdefault(key, {"url": key, "count": 0, "transfer": 0, "encoded": 0, "decoded": 0,
                                    "encoding": r["encoding"]})
        m["count"] += 1
        for k in ("transfer", "encoded", "decoded"):
            m[k] += r[k]
    return sorted(merged.values(), key=lambda m: -m["transfer"])[:n]


def start_year_for(moves: int, first: int, last: int, centre: int = 1991) -> int:
    """Where the slider starts so that ``moves`` steps right stay in range and straddle ``centre``."""
    return max(first, min(centre - moves // 2, last - moves))


# Years in which dated borders and units change (geodata/data/dated: 1920 the Khorezm and Bukhara
# people's republics, 1924 the national delimitation, 1929 Tajikistan a union republic, 1936 the
# Kazakh and Kirghiz union republics): a first stretch of moves crosses them all.
EARLY_STRETCH = (1918, 19)   # 1918 -> 1937


def stretches(moves: int, first: int, last: int) -> list[tuple[int, int]]:
    """(start year, moves) of each stretch of ArrowRight presses: the early border changes (unless a
    smoke run of fewer than 10 moves), then ``moves`` around 1991."""
    main = (start_year_for(moves, first, last), moves)
    return [EARLY_STRETCH, main] if moves >= 10 else [main]


def _open_at(page, year: int):
    page.goto(f"/?year={year}", wait_until="commit")
    _wait_map(page)
    _wait_year(page, year)
    handle = page.locator("#year [role=slider]")
    return handle


def _timed_move(page, year: int) -> tuple[float, float]:
    """One ArrowRight to ``year``: (ms to the drawing, ms to settled)."""
    page.evaluate("() => { window.__bench.keys = []; window.__bench.drawn = []; }")
    page.keyboard.press("ArrowRight")
    _wait_year(page, year)
    t = page.evaluate("""(y) => { const B = window.__bench;
        const k = B.keys.filter(k => k[0] === "ArrowRight")[0];
        const d = B.drawn.filter(d => d[0] === String(y))[0];
        return [k ? k[1] : null, d[1]]; }""", year)
    if t[0] is None:
        raise RuntimeError("the key press did not reach the page")
    end = _wait_settled(page)
    return round(t[1] - t[0], 2), round(max(end, t[1]) - t[0], 2)


def slider_moves(browser, base_url: str, moves: int, first: int, last: int, trace: Path | None = None,
                 cpu_profile: Path | None = None, server=None) -> dict:
    """Presses of ArrowRight on the focused year handle, in the :func:`stretches`; each timed to its redraw.

    ``ms``: from the keydown (capture phase, in the page) to ``data-year-drawn`` becoming the new
    year.  ``settled_ms``: from the keydown to the end of everything the move set off (the server
    callbacks it triggers - details, timeline, URL - and the page's work on their answers): the
    last moment a fetch was in flight or the main thread was busy, once the page has been quiet
    for ``SETTLE_QUIET_MS``.  Each move starts when the previous one has settled, so the figures
    are independent.  ``years``: the year each move went to.  ``requests``: what ``server`` (an
    AppServer) logged during the moves only, not during the page loads between stretches.
    """
    context, page, net, errors = _new_page(browser, base_url)
    out_ms, settled, years, requests = [], [], [], []
    cdp = None
    try:
        for n, (start, count) in enumerate(stretches(moves, first, last)):
            handle = _open_at(page, start)
            net.wait_idle(page)
            handle.focus()
            if n == 0 and trace is not None:
                browser.start_tracing(page=page, path=str(trace), screenshots=False, categories=[
                    "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink",
                    "disabled-by-default-devtools.timeline.frame", "loading", "toplevel"])
            if n == 0 and cpu_profile is not None:
                cdp = _start_cpu_profile(context, page)
            mark = server.log_mark() if server is not None else None
            for year in range(start + 1, start + count + 1):
                ms, done = _timed_move(page, year)
                out_ms.append(ms); settled.append(done); years.append(year)
                _say(f"slider: {year}: {ms:.0f} ms, settled {done:.0f} ms")
            if server is not None:
                requests += server.read_log(mark)
            value = page.locator("#year [role=slider]").get_attribute("aria-valuenow")
            if value != str(start + count):
                raise RuntimeError(f"the slider shows {value}, expected {start + count}")
        if cdp is not None:
            _stop_cpu_profile(cdp, cpu_profile)
        if trace is not None:
            browser.stop_tracing()
    finally:
        context.close()
    return {"ms": out_ms, "settled_ms": settled, "years": years, "start_year": years[0] - 1 if years else None,
            "requests": requests, "page_errors": errors}


def play(browser, base_url: str, seconds: float, first: int, speed_ms: int = 300) -> dict:
    """Press Play at the fastest speed from the first year and watch ``seconds`` of it."""
    context, page, net, errors = _new_page(browser, base_url)
    try:
        page.goto(f"/?year={first}", wait_until="commit")
        _wait_map(page)
        _wait_year(page, first)
        net.wait_idle(page)
        shown = page.locator("#speed .dash-dropdown-value").inner_text()
        page.click("#speed")
        page.click(f'label.dash-dropdown-option:has(input[value="{speed_ms}"])')
        page.wait_for_function("(old) => document.querySelector('#speed .dash-dropdown-value').innerText !== old",
                               arg=shown, timeout=5000)
        if page.locator("#speed[aria-expanded=true]").count():
            page.keyboard.press("Escape")
        net.wait_idle(page, quiet_s=0.2)
        page.evaluate("() => { window.__bench.drawn = []; }")
        page.click("#play")
        page.wait_for_timeout(seconds * 1000)   # the measured window itself
        data = page.evaluate("""() => ({playAt: window.__bench.playAt, drawn: window.__bench.drawn,
            value: Number(document.querySelector("#year [role=slider]").getAttribute("aria-valuenow"))})""")
        page.click("#play")   # pause
    finally:
        context.close()
    t0 = data["playAt"]
    window_end = t0 + seconds * 1000
    seq = []
    for value, at in data["drawn"]:
        if at <= window_end and value.isdigit() and (not seq or seq[-1] != int(value)):
            seq.append(int(value))
    reached = max(seq) if seq else first
    expected = list(range(first + 1, reached + 1))
    skipped = sorted(set(expected) - set(seq))
    backwards = sum(1 for a, b in zip(seq, seq[1:]) if b < a)
    return {"years_per_s": round((reached - first) / seconds, 3), "ideal_years_per_s": round(1000 / speed_ms, 3),
            "start_year": first, "reached_year": reached, "slider_year": data["value"],
            "lag_years": data["value"] - reached, "drawn_sequence": seq, "skipped_years": skipped,
            "out_of_order": backwards, "seconds": seconds, "page_errors": errors}
