"""Measure every map label in Chromium with the app's fonts; write dashboard/label_metrics.json.

Run from the repository root, with the app running::

    python app.py --port 8050 &
    python scripts/measure_labels.py --url http://127.0.0.1:8050

For each language it opens the app in that language (so its fonts are the page's own), draws each
label text as SVG text at 100 px in the label font and records its width and its box above and
below the baseline per px of font size. dashboard/label_placement.py reads the file; a text that
is missing from it (a new name) is estimated, wider than measured, until this is run again.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata.load import shared_dataset  # noqa: E402

from dashboard.i18n import LANGS, name_in_year  # noqa: E402
from dashboard.label_metrics import METRICS_FILE, REFERENCE_PX  # noqa: E402
from dashboard.layers import MapState  # noqa: E402
from dashboard.layers.labels import area_labels, labelled_places  # noqa: E402
from dashboard.style import LABEL_FONT  # noqa: E402

CHROMIUM = "/usr/lib/chromium/chromium"

_MEASURE_JS = """
async ([family, px, texts]) => {
  await document.fonts.ready;
  await Promise.all(texts.map((t) => document.fonts.load(`${px}px ${family}`, t).catch(() => null)));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '4000'); svg.setAttribute('height', '400');
  document.body.appendChild(svg);
  const out = {};
  let above = 0, below = 0;
  for (const t of texts) {
    const el = document.createElementNS(ns, 'text');
    el.setAttribute('x', '10'); el.setAttribute('y', '200');
    el.style.fontFamily = family; el.style.fontSize = px + 'px'; el.style.whiteSpace = 'pre';
    el.textContent = t;
    svg.appendChild(el);
    const b = el.getBBox();
    out[t] = b.width / px;
    above = Math.max(above, (200 - b.y) / px); below = Math.max(below, (b.y + b.height - 200) / px);
    el.remove();
  }
  svg.remove();
  return {width: out, vertical: [above, below]};
}
"""


def label_texts(lang: str) -> list[str]:
    """Every text a label may show in ``lang`` in any year: places with or without context, by the
    name of each year, and the units and neighbours of each year."""
    ds = shared_dataset()
    places = {p.id: p for ctx in (False, True) for p in labelled_places(ds, ctx)}
    first, last = ds.years
    names = set()
    for year in range(first, last + 1):
        names |= {name_in_year(p, year, lang) for p in places.values()}
        names |= {label.text for label in area_labels(ds, MapState(year=year, lang=lang))}
    return sorted(names)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the running app, e.g. http://127.0.0.1:8050")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    result = {"about": "Map label sizes per px of font size, measured in Chromium by scripts/measure_labels.py",
              "width": {}, "vertical": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for lang in LANGS:
            page.goto(f"{args.url}/?lang={lang}")
            page.wait_for_selector("#map .js-plotly-plot", timeout=60_000)
            got = page.evaluate(_MEASURE_JS, [LABEL_FONT[lang], REFERENCE_PX, label_texts(lang)])
            result["width"][lang] = {t: round(w, 4) for t, w in sorted(got["width"].items())}
            result["vertical"][lang] = [round(v, 4) for v in got["vertical"]]
        browser.close()
    METRICS_FILE.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {METRICS_FILE.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)}" for k, v in result["width"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
