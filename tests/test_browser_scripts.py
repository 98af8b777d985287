"""The browser only draws (issue 12): its scripts hold no rule about how a feature looks or which
status it has. Looks (colours, widths, dash patterns, fonts) and statuses come from the server
(dashboard/style.py, the layers, geodata/schema.py), in the figure or in what a callback returns.
A static read of assets/*.js (the vendored libraries in assets/vendor aside)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from geodata.schema import CERTAINTIES, KINDS, LOCATION_CERTAINTIES
from dashboard.i18n import LANGUAGES

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SCRIPTS = sorted(ASSETS.glob("*.js"))

COLOUR = re.compile(r"""["'](#[0-9a-fA-F]{3,8}|rgba?\([^)]*\))["']""")
# A width, dash pattern or font size given as a number in the script: a look, not a layout.
LOOK_NUMBER = re.compile(r"""(lineWidth\s*=\s*\d|stroke-width=["']\d|setLineDash\(\[\d|dasharray=["']\d)""")
STATUSES = sorted({s for spec in KINDS.values() for s in spec.statuses} | set(CERTAINTIES) | set(LOCATION_CERTAINTIES))


def _code(path: Path) -> str:
    """The script without its comments (a comment may name a status to say why it is not here)."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*", "", text, flags=re.S)


def test_bs000_the_scripts_are_found():
    assert len(SCRIPTS) >= 8 and ASSETS / "clientside.js" in SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_bs001_no_colour_width_or_dash_pattern_is_written_in_a_browser_script(script):
    code = _code(script)
    assert COLOUR.findall(code) == []
    assert LOOK_NUMBER.findall(code) == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_bs002_no_status_or_certainty_name_is_written_in_a_browser_script(script):
    code = _code(script)
    named = [s for s in STATUSES if re.search(r"""["']""" + re.escape(s) + r"""["']""", code)]
    assert named == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_bs003_no_language_s_font_or_script_rule_is_written_in_a_browser_script(script):
    code = _code(script)
    fonts = {name.strip(" '\"") for lang in LANGUAGES for name in lang.font.split(",")} - {"serif", "sans-serif"}
    assert [f for f in sorted(fonts) if f in code] == []
