"""The page's scripts without Dash's @babel/polyfill.

Dash puts the whole of @babel/polyfill 7.12.1 (core-js 2) before React on every page. The browsers
the app serves have all it adds but ``regeneratorRuntime``, which Dash's own bundles are compiled
against; ``assets/vendor/regenerator-runtime.js`` (regenerator-runtime 0.14.1, assets/PROVENANCE.md)
provides it and runs before them. Measured here: evaluating the polyfill took 236 ms of each page
load, and its String.prototype.trim, which replaces the browser's own, showed in the profile of
every slider move.
"""
from __future__ import annotations

import re

# Dash's tag for it: <script src="/_dash-component-suites/dash/deps/polyfill@7.12.1.min.js?v=..."></script>
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[0-9.]+(?:\.v[^"/]*)?\.min\.js[^"]*"></script>\s*')
RUNTIME = "vendor/regenerator-runtime.js"


def without_polyfill(scripts: str) -> str:
    """The page's script tags without the polyfill's; unchanged when there is none, or no runtime."""
    return POLYFILL_TAG.sub("", scripts) if RUNTIME in scripts else scripts


def install(app) -> None:
    render = app.interpolate_index

    def interpolate_index(**parts):
        return render(**{**parts, "scripts": without_polyfill(parts.get("scripts", ""))})

    app.interpolate_index = interpolate_index
