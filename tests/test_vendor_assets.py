"""The vendored front-end files are the pinned ones (scripts/vendor_assets.py --check, no network).

Plotly's bundle starts with a line of ours, V8's compile hint; the rest must still be the package's
file byte for byte (sha256 pinned from plotly.js-geo-dist-min 4.1.1, assets/PROVENANCE.md).
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "vendor_assets.py"
PLOTLY = "vendor/plotly-geo.min.js"
# package/plotly-geo.min.js of plotly.js-geo-dist-min 4.1.1 (its tarball's sha256 is pinned too)
PLOTLY_PACKAGE_SHA256 = "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c"


def _check(assets: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", "--assets-dir", str(assets)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def assets_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "assets"
    shutil.copytree(REPO / "assets", copy)
    return copy


def test_the_committed_files_match_their_pins():
    done = _check(REPO / "assets")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "match their pinned sha256" in done.stdout + done.stderr


def test_plotly_s_bundle_is_the_package_s_file_after_the_compile_hint():
    data = (REPO / "assets" / PLOTLY).read_bytes()
    first, rest = data.split(b"\n", 1)
    assert first == b"//# allFunctionsCalledOnLoad"
    assert hashlib.sha256(rest).hexdigest() == PLOTLY_PACKAGE_SHA256


@pytest.mark.parametrize("tamper, says", [
    (lambda data: data + b"x", "pinned 3da0a26e"),                                 # the package's part changed
    (lambda data: data.split(b"\n", 1)[1], "first line is not '//# allFunctionsCalledOnLoad'"),   # hint gone
])
def test_a_changed_bundle_is_named_with_what_changed(assets_copy: Path, tamper, says):
    path = assets_copy / PLOTLY
    path.write_bytes(tamper(path.read_bytes()))
    done = _check(assets_copy)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert f"changed  {path}" in out and says in out, out
    assert "Traceback" not in out
