"""The page loads regenerator-runtime, not Dash's @babel/polyfill (dashboard/page_scripts.py)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from dashboard import create_app
from dashboard.page_scripts import without_polyfill

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def _scripts(page: str) -> list[str]:
    return [src.split("?")[0] for src in re.findall(r'<script src="([^"]+)"', page)]


def test_the_page_has_the_runtime_before_dash_s_bundles_and_no_polyfill():
    page = create_app().server.test_client().get("/?lang=ur").get_data(as_text=True)
    scripts = _scripts(page)
    assert not [s for s in scripts if "polyfill" in s], scripts
    runtime = scripts.index("/assets/vendor/regenerator-runtime.js")
    bundles = [i for i, s in enumerate(scripts) if s.startswith("/_dash-component-suites/dash/dcc/")]
    assert bundles and runtime < min(bundles), scripts
    assert "/deps/react@" in scripts[0], scripts   # React still leads


def test_the_runtime_is_the_pinned_file_and_defines_the_global():
    text = (ASSETS / "vendor" / "regenerator-runtime.js").read_bytes()
    # assets/PROVENANCE.md: regenerator-runtime 0.14.1, package/runtime.js
    assert hashlib.sha256(text).hexdigest() == "7beda998b3fd277f3548e12b277bafc3037d243421f007032d38dffee412224c"
    assert b"globalThis.regeneratorRuntime = runtime" in text


def test_without_polyfill_keeps_the_polyfill_when_the_runtime_is_missing():
    tag = '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>\n'
    react = '<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>\n'
    runtime = '<script src="/assets/vendor/regenerator-runtime.js?m=1"></script>\n'
    assert without_polyfill(tag + react + runtime) == react + runtime
    assert without_polyfill(tag + react) == tag + react   # Dash's bundles need one of the two
