"""Screenshots of the map for docs/screenshots/: a laptop (1366x768), a projector (1920x1080) and
presenting the tour (1920x1080 16:9, 1366x768 and 1024x768 4:3), in English and Urdu.

    python scripts/screenshots.py [OUT_DIR]      # default docs/screenshots

Starts the app on a free port (as the browser tests do), opens each view in Debian's Chromium through
Playwright, waits until the map is drawn for its year (and, presenting, until the scene's move has
ended), and writes ``<view>-<lang>-<w>x<h>.png``.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.route_screenshots import free_port, wait_up  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_map  # noqa: E402

# (name, query, viewports): the desk view of the text's year, and scenes whose subject is small
# (6: a border post), wide (7: Moscow to the republics) and a route question (12).
VIEWS = (
    ("laptop", "?year=1996", ((1366, 768),)),
    ("projector", "?year=1996", ((1920, 1080),)),
    ("present-scene6", "?scene=6", ((1920, 1080), (1366, 768), (1024, 768))),
    ("present-scene7", "?scene=7", ((1920, 1080), (1024, 768))),
    ("present-scene12", "?scene=12", ((1920, 1080), (1366, 768))),
)

_DRAWN_JS = """() => { const gd = document.querySelector('#map .js-plotly-plot');
  const thumb = document.querySelector('#year [role=slider]');
  return gd && thumb && gd.getAttribute('data-year-drawn') === thumb.getAttribute('aria-valuenow')
         && !gd.hasAttribute('data-view-moving')
         && (!document.querySelector('.presenting') || gd.getAttribute('data-projector') === 'true'); }"""


def shoot(browser, base: str, out: Path, name: str, query: str, lang: str, width: int, height: int) -> Path:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{base}/{query}&lang={lang}")
    wait_for_map(page)
    page.wait_for_function(_DRAWN_JS, timeout=60_000)
    page.evaluate("document.fonts.ready")
    path = out / f"{name}-{lang}-{width}x{height}.png"
    page.screenshot(path=str(path))
    page.close()
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else REPO / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    written = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_up(base + "/", proc)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for name, query, sizes in VIEWS:
                for lang in ("en", "ur"):
                    for width, height in sizes:
                        written.append(shoot(browser, base, out, name, query, lang, width, height))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"wrote {len(written)} screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
