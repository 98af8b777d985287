"""The Content-Security-Policy in a real browser: the app works under it with zero violations.

Every ``securitypolicyviolation`` event the page fires is collected by an init script (it runs
before any of the page's own scripts) into ``window.__cspViolations``. The ``page`` fixture also
fails the test on any console error, which is where Chromium reports a blocked resource.
"""
from __future__ import annotations

import pytest

from .conftest import wait_for_map

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({directive: e.effectiveDirective, blocked: e.blockedURI,
                               source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""


def _violations(page) -> list[dict]:
    return page.evaluate("window.__cspViolations")


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("url", ["/", "/?year=1995&lang=ur"])
def test_csp_b001_map_renders_with_zero_violations(page, url):
    page.add_init_script(COLLECT_VIOLATIONS)
    response = page.goto(url)
    csp = response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in csp and "sha256-" in csp
    assert wait_for_map(page) > 0
    _settle(page)
    assert _violations(page) == []


def test_csp_b002_interactions_and_exports_cause_no_violation(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto("/?year=1995")
    wait_for_map(page)
    handle = page.locator("#year [role=slider]").first
    handle.focus()
    handle.press("ArrowRight")
    _settle(page)
    page.locator("#timeline button.event-item").first.click()
    _settle(page)
    with page.expect_download():
        page.click("#export-png")   # plotly.js draws the SVG into a canvas through data:/blob: URLs
    _settle(page)
    assert _violations(page) == []


@pytest.mark.allow_console_errors  # Chromium also logs the blocked script as a console error
def test_csp_b003_an_injected_inline_script_is_blocked_and_reported(page):
    """The policy is enforced and the collector above sees violations (so zero means zero)."""
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto("/")
    wait_for_map(page)
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__injected = true;'; document.body.appendChild(s); }""")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__injected === undefined")
    assert [v["directive"] for v in _violations(page)] == ["script-src-elem"]
    assert any("Content Security Policy" in text for text in page.console_errors)
