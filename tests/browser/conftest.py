"""Fixtures for the browser tests: the real app in a subprocess, driven by headless Chromium.

Fixtures
--------
``live_server`` (session)
    Runs ``python app.py --host 127.0.0.1 --port <port>`` from the repository root (the port is
    ``$MAP_TEST_PORT`` if set, else a free one the OS picks), waits
    until ``GET /`` answers 200 (at most ``SERVER_START_TIMEOUT_S``; then the test fails with
    the server's stderr) and yields the base URL, e.g. ``"http://127.0.0.1:41234"``. The server
    is stopped at the end of the session, also when something failed.
``browser`` (session)
    Debian's Chromium (``/usr/lib/chromium/chromium``) through Playwright's sync API, headless.
    Playwright gives every launch a fresh, temporary user data dir (deleted on close).
``page`` (function)
    A new browser context per test (viewport 1400x900, ``base_url`` = the live server, so
    ``page.goto("/")`` works) and one page in it. Everything the page does is recorded in
    ``page.browser_log`` (a :class:`BrowserLog`); the same lists are ``page.requests_log``,
    ``page.console_errors`` and ``page.page_errors``. After the test, the test FAILS if

    - any request went to a host other than 127.0.0.1 / localhost (such requests are also
      blocked, so that a test never waits on the network), or
    - there was a console message of type ``error`` or an uncaught page error, unless the test
      is marked ``@pytest.mark.allow_console_errors``.

Helpers
-------
``wait_for_map(page)`` waits (an explicit condition, no fixed sleep) until the Plotly graph in
``#map`` has at least one trace in ``_fullData`` and its geo subplot has been drawn in the SVG.

Import helpers and selectors relatively from a test module in this folder::

    from .conftest import wait_for_map
    from .selectors import MAP

(``selectors`` is also the name of a standard-library module: never put this folder itself on
``sys.path``.) Every test collected below this folder gets the ``browser`` marker, so
``python -m pytest -m "not browser"`` runs the rest quickly.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .selectors import MAP

REPO_ROOT = Path(__file__).resolve().parents[2]
THIS_DIR = Path(__file__).resolve().parent

CHROMIUM = "/usr/lib/chromium/chromium"  # the binary; /usr/bin/chromium is a wrapper script
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1400, "height": 900}
SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 10.0
MAP_TIMEOUT_MS = 30_000

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
# Schemes that never leave the browser.
NON_NETWORK_SCHEMES = frozenset({"data", "blob", "about", "javascript"})
# Network URLs to any other host: matched (in Playwright's driver) to block them.
EXTERNAL_URL_RE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?(?:[/?#]|$))[a-z][a-z0-9+.-]*://", re.I)


# --------------------------------------------------------------------------------------------
# What a page did
# --------------------------------------------------------------------------------------------


def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine (loopback host, or no network at all)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in NON_NETWORK_SCHEMES:
        return True
    return scheme in ("http", "https", "ws", "wss") and (parts.hostname or "").lower() in LOCAL_HOSTS


@dataclass
class BrowserLog:
    """Everything recorded while a test's page was open."""

    requests: list[str] = field(default_factory=list)  # every request URL, in order (websockets too)
    console_errors: list[str] = field(default_factory=list)  # console messages of type "error"
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions ("pageerror")

    @property
    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local_url(url)]

    def problems(self, *, allow_console_errors: bool = False) -> list[str]:
        """Human-readable reasons to fail the test; empty when all is well."""
        out: list[str] = []
        external = self.external_requests
        if external:
            out.append(f"{len(external)} request(s) to a host other than 127.0.0.1/localhost (blocked):")
            out.extend(f"  {url}" for url in external)
        if not allow_console_errors:
            if self.console_errors:
                out.append(f"{len(self.console_errors)} console error(s):")
                out.extend(f"  {text}" for text in self.console_errors)
            if self.page_errors:
                out.append(f"{len(self.page_errors)} page error(s) (uncaught exceptions):")
                out.extend(f"  {text}" for text in self.page_errors)
        return out


LOG_KEY = pytest.StashKey[BrowserLog]()


def _describe_console(msg) -> str:
    loc = msg.location or {}
    where = loc.get("url") or ""
    if where:
        where = f" ({where}:{loc.get('lineNumber', '?')})"
    return f"{msg.text}{where}"


def _describe_page_error(err) -> str:
    text = f"{getattr(err, 'name', '') or 'Error'}: {getattr(err, 'message', '') or err}"
    stack = (getattr(err, "stack", "") or "").splitlines()[1:4]
    return text + "".join(f"\n      {line.strip()}" for line in stack)


def _attach_log(page, log: BrowserLog) -> None:
    page.on("console", lambda msg: log.console_errors.append(_describe_console(msg)) if msg.type == "error" else None)
    page.on("pageerror", lambda err: log.page_errors.append(_describe_page_error(err)))
    page.on("websocket", lambda ws: log.requests.append(ws.url))


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chosen_port(offset: int = 0) -> int | None:
    """``$MAP_TEST_PORT`` (+ ``offset``) when set, for machines where only some ports may be used.

    The live server takes the port itself; the benchmark's smoke run takes the next one.
    """
    value = os.environ.get("MAP_TEST_PORT", "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) + offset <= 65535:
        pytest.fail(f"MAP_TEST_PORT must be a port number (1-65535), got {value!r}", pytrace=False)
    return int(value) + offset


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no output)"
    return "\n".join(text.rstrip().splitlines()[-lines:]) or "(no output)"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(SERVER_STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory):
    """Base URL of the real app, started once per session as a subprocess."""
    port = chosen_port() or _free_port()
    base_url = f"http://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("live_server")
    out_path, err_path = logs / "stdout.txt", logs / "stderr.txt"
    cmd = [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Output goes to files, not pipes: a pipe nobody reads fills up and stalls the server.
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
    try:
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        last = "no answer yet"
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"the app exited with code {proc.returncode} before answering on {base_url}/\n"
                    f"command: {' '.join(cmd)} (in {REPO_ROOT})\n--- stderr ---\n{_tail(err_path)}",
                    pytrace=False,
                )
            try:
                with no_proxy.open(base_url + "/", timeout=5) as resp:
                    if resp.status == 200:
                        break
                    last = f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                last = str(getattr(exc, "reason", exc))
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the app did not answer 200 on {base_url}/ within {SERVER_START_TIMEOUT_S:.0f} s "
                    f"(last: {last})\ncommand: {' '.join(cmd)} (in {REPO_ROOT})\n"
                    f"--- stderr ---\n{_tail(err_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)  # polling interval while waiting for the condition above
        yield base_url
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, launched once per session."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser, live_server: str, request: pytest.FixtureRequest):
    """A fresh context and page per test; fails the test on external requests or JS errors."""
    log = BrowserLog()
    request.node.stash[LOG_KEY] = log
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server)
    try:
        context.on("request", lambda req: log.requests.append(req.url))
        context.on("page", lambda p: _attach_log(p, log))
        context.route(EXTERNAL_URL_RE, lambda route: route.abort("blockedbyclient"))
        pg = context.new_page()
        pg.browser_log = log
        pg.requests_log = log.requests
        pg.console_errors = log.console_errors
        pg.page_errors = log.page_errors
        yield pg
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_MAP_DRAWN_JS = """
(selector) => {
  const root = document.querySelector(selector);
  if (!root) return false;
  const gd = root.classList.contains('js-plotly-plot') ? root : root.querySelector('.js-plotly-plot');
  if (!gd || !Array.isArray(gd._fullData) || gd._fullData.length < 1) return false;
  const geo = gd.querySelector('svg.main-svg .geolayer .geo');
  if (!geo) return false;
  // the subplot exists before its data arrive; wait until a trace has been drawn into it
  if (!geo.querySelector('.trace')) return false;
  return gd._fullData.length;
}
"""


def wait_for_map(page, selector: str = MAP, timeout: float = MAP_TIMEOUT_MS) -> int:
    """Wait until the Plotly geo map in ``selector`` has data and has drawn; return its trace count."""
    handle = page.wait_for_function(_MAP_DRAWN_JS, arg=selector, timeout=timeout, polling="raf")
    return int(handle.json_value())


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item of the session: mark only those below this folder.
    for item in items:
        if THIS_DIR == item.path.parent or THIS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    log = item.stash.get(LOG_KEY, None)
    if report.when != "call" or log is None or report.skipped or hasattr(report, "wasxfail"):
        return report
    allow = item.get_closest_marker("allow_console_errors") is not None
    problems = log.problems(allow_console_errors=allow)
    if problems:
        text = "\n".join(problems)
        if report.passed:
            report.outcome = "failed"
            report.longrepr = "the page did something a test of this app must not:\n" + text
        else:
            report.sections.append(("browser log", text))
    return report
