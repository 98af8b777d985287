"""Record the callback requests a real browser sends, as JSON fixtures for the load test and the tests.

    python -m benchmarks.capture_payloads [--out benchmarks/payloads] [--base-url http://127.0.0.1:8050]

Without ``--base-url`` it starts ``python app.py`` on a free loopback port itself and stops it at the
end. Headless Chromium (``/usr/lib/chromium/chromium``, through Playwright) then plays six short
sessions and writes one file per session to ``--out``:

* ``page_load.json``     the callbacks the page fires by itself after ``GET /?year=1995``;
* ``feature_click.json`` a click on a place marker on the map (``clickData``), then the details;
* ``slider_move.json``   then the year slider moved one step with the keyboard (the details follow the year);
* ``event_click.json``   a click on an entry of the timeline (a pattern-matching input);
* ``lang_switch.json``   the language switched to Urdu (every text, the legend, the map...);
* ``route_query.json``   a question picked in the route explorer (the route callback).

Each file is ``{"session", "page", "captured", "requests": [{"output", "status", "body"}]}`` with
``body`` exactly the JSON the browser POSTed to ``/_dash-update-component``.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.gunicorn_server import free_port, start_plain_app, stop_process

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--enable-unsafe-swiftshader"]
OUT = Path(__file__).resolve().parent / "payloads"
CALLBACK = "/_dash-update-component"

MAP_READY_JS = """() => { const g = document.querySelector('#map .js-plotly-plot');
  return !!(g && g._fullData && g._fullData.length && g.querySelector('.geolayer .geo .trace')); }"""

# A place marker on the map: a drawn point of a visible scattergeo trace whose points carry an id.
MARKER_JS = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const traces = gd.querySelectorAll('.geolayer .trace.scattergeo');
  const cands = [];
  traces.forEach(tr => tr.querySelectorAll('path.point').forEach(p => {
      const d = p.__data__; const t = d && d.trace;
      const cd = t && t.customdata && t.customdata[d.i];
      if (!cd) return;
      const r = p.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) cands.push({x: r.x + r.width / 2, y: r.y + r.height / 2, size: r.width, id: String(cd)});
  }));
  cands.sort((a, b) => b.size - a.size);
  return cands.slice(0, 10);
}"""


class Recorder:
    def __init__(self):
        self.requests: list[dict] = []

    def on_request(self, request):
        if request.method == "POST" and request.url.split("?")[0].endswith(CALLBACK):
            body = json.loads(request.post_data or "null")
            self.requests.append({"output": body.get("output"), "status": None, "body": body, "_req": request})

    def on_response(self, response):
        for r in self.requests:
            if r["_req"] is response.request:
                r["status"] = response.status

    def take(self) -> list[dict]:
        out = [{k: v for k, v in r.items() if k != "_req"} for r in self.requests]
        self.requests = []
        return out


def settle(page, quiet_ms: int = 1200, timeout_s: float = 30.0) -> None:
    """Wait until no callback request has been in flight for ``quiet_ms``."""
    page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    page.wait_for_timeout(quiet_ms)


def capture(base_url: str, out: Path) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")

    def save(name: str, page_url: str, requests: list[dict]) -> None:
        if not requests:
            raise RuntimeError(f"{name}: the browser sent no callback request")
        bad = [r for r in requests if r["status"] not in (200, 204)]
        if bad:
            raise RuntimeError(f"{name}: callback answered {[r['status'] for r in bad]}")
        doc = {"session": name, "page": page_url, "captured": stamp, "requests": requests}
        (out / f"{name}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written[name] = len(requests)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url)
            page = ctx.new_page()
            rec = Recorder()
            page.on("request", rec.on_request)
            page.on("response", rec.on_response)

            url = "/?year=1995"
            page.goto(url)
            page.wait_for_function(MAP_READY_JS, timeout=60_000)
            settle(page)
            save("page_load", url, rec.take())

            markers = page.evaluate(MARKER_JS)
            for m in markers:
                page.mouse.move(m["x"], m["y"])
                page.wait_for_timeout(150)
                page.mouse.click(m["x"], m["y"])
                settle(page)
                got = rec.take()
                if any(r["body"].get("changedPropIds") == ["map.clickData"] for r in got):
                    save("feature_click", url, got)
                    break
            else:
                raise RuntimeError(f"no map click reached the server ({len(markers)} markers tried)")

            # A year move goes to the server only while a feature is chosen (its details name the
            # status in the year); the map, the timeline and the link follow the year in the browser.
            handle = page.locator("#year [role=slider]").first
            handle.focus()
            handle.press("ArrowRight")
            settle(page)
            save("slider_move", url, rec.take())

            page.locator("#timeline button.event-item").first.click()
            settle(page)
            save("event_click", url, rec.take())

            page.locator("#lang input[value=ur]").click()
            settle(page, quiet_ms=5000)   # a language is several callbacks now (callbacks_language.py)
            save("lang_switch", url, rec.take())

            trigger = page.locator("#route-question")
            trigger.click()
            listbox = trigger.get_attribute("aria-controls")  # the dropdown's popover (Radix)
            page.locator(f'[id="{listbox}"] [role=option]').first.click()
            settle(page, quiet_ms=2000)
            save("route_query", url, rec.take())
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--base-url", help="an app already running (default: start python app.py)")
    args = parser.parse_args(argv)
    proc = None
    base_url = args.base_url
    try:
        if not base_url:
            port = free_port()
            proc = start_plain_app(port)
            base_url = f"http://127.0.0.1:{port}"
        written = capture(base_url.rstrip("/"), args.out)
    finally:
        if proc is not None:
            stop_process(proc)
    for name, n in written.items():
        print(f"{args.out / (name + '.json')}: {n} request(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
