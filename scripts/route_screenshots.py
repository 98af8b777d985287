"""Screenshots of the route explorer (issue 18) in English and Urdu, at 1366x768 and 390x844.

    python scripts/route_screenshots.py OUT_DIR

Starts the app on a free port, asks the text's question "Almaty to Bandar Abbas by rail,
1995 and 1997" through the URL, turns on the reach of Almaty within 96 hours and the
network of the year, and writes one PNG per language and viewport, the page scrolled
the answer, its table and its key (``route-<part>-<lang>-<w>x<h>.png``) and to the map (``map-<lang>-<w>x<h>.png``).
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_map  # noqa: E402

VIEWPORTS = ((1366, 768), (390, 844))
QUERY = "?from=almaty&to=bandar-abbas&ryear=1997&compare=1995&modes=rail&lang={lang}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("the app exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)   # polling while the server starts
    raise SystemExit("the app did not answer")


def shoot(browser, base: str, out: Path, lang: str, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(base + "/" + QUERY.format(lang=lang))
    wait_for_map(page)
    page.wait_for_selector('#route-result h3[data-year="1997"][data-found="true"]', timeout=30_000)
    page.fill("#route-reach-hours", "96")
    page.press("#route-reach-hours", "Enter")
    page.click('#route-network input[value="network"]')
    page.wait_for_selector("#route-key", timeout=30_000)
    page.wait_for_function("""() => document.querySelector('#map .js-plotly-plot')._fullData
        .some((t) => t.meta && t.meta.role === 'network')""", timeout=30_000)
    # The answer as a reader scrolls to it: its last line at the bottom of the screen (on a phone the map
    # stays pinned above the panel, so the panel shows below it).
    for part, selector in (("answer", "#route-result h3"), ("table", "#route-result table"),
                           ("key", "#route-key")):
        page.eval_on_selector(selector, "(e) => e.scrollIntoView({block: 'end'})")
        page.screenshot(path=str(out / f"route-{part}-{lang}-{width}x{height}.png"))
    page.locator("#map").scroll_into_view_if_needed()
    page.screenshot(path=str(out / f"map-{lang}-{width}x{height}.png"))
    page.close()


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_up(base + "/", proc)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for lang in ("en", "ur"):
                for width, height in VIEWPORTS:
                    shoot(browser, base, out, lang, width, height)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"wrote {len(list(out.glob('*.png')))} screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
