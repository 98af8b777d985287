"""Packaging (issue 19): the README's commands make their own virtual environment from a plain python3.

The scripts are run for real with bash.  Where a test needs a Python without venv support or a test
run with a given outcome, it gets one: a module path that hides ``ensurepip`` (as Debian's python3
without the python3-venv package does), or a stand-in interpreter whose ``-m pytest`` exits with a
chosen code, so that .ci/run's own handling of that code is what is checked.
"""
from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO_ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout)


def test_serve_says_how_to_get_venv_when_python3_cannot_make_one(tmp_path: Path):
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "ensurepip.py").write_text("raise ImportError('ensurepip is not installed')\n")
    venv = tmp_path / "venv"
    proc = _run(["bash", "scripts/serve"], {"PYTHON": sys.executable, "VENV": str(venv), "PYTHONPATH": str(hide)})
    assert proc.returncode == 1
    assert "apt-get install python3-venv" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not venv.exists(), "nothing is made when venv cannot work"


def test_serve_refuses_a_python_older_than_3_11(tmp_path: Path):
    old = tmp_path / "python-old"
    old.write_text("#!/bin/sh\n"
                   "case \"$*\" in *version_info*3,*11*) exit 1;; *version.split*) echo 3.9.2;; esac\nexit 0\n")
    old.chmod(old.stat().st_mode | stat.S_IXUSR)
    proc = _run(["bash", "scripts/serve"], {"PYTHON": str(old), "VENV": str(tmp_path / "venv")})
    assert proc.returncode == 1
    assert "Python 3.11 or newer is needed" in proc.stderr and "3.9.2" in proc.stderr


def _stand_in_venv(tmp_path: Path, pytest_exit: int) -> Path:
    """A venv whose python answers pip calls with success and ``-m pytest`` with ``pytest_exit``."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f"#!/bin/sh\ncase \"$*\" in *pytest*) exit {pytest_exit};; esac\nexit 0\n")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return venv


@pytest.mark.parametrize("pytest_exit, expected", [(0, 0), (1, 1), (2, 2), (5, 1)])
def test_ci_run_passes_pytest_exit_code_on_and_fails_on_no_tests(tmp_path: Path, pytest_exit: int, expected: int):
    venv = _stand_in_venv(tmp_path, pytest_exit)
    proc = _run(["bash", ".ci/run", "-q"], {"CI_APT": "0", "VENV": str(venv)})
    assert proc.returncode == expected, proc.stderr
    if pytest_exit == 5:
        assert "collected no tests" in proc.stderr
    assert (venv / ".installed-test").is_file(), "the install step ran and was recorded"


def test_pyproject_reads_the_pinned_requirement_files():
    meta = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dynamic = meta["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"] == {"file": ["requirements.txt"]}
    assert dynamic["optional-dependencies"]["test"] == {"file": ["requirements-test.txt"]}
    for name in ("requirements.txt", "requirements-test.txt"):
        lines = [ln.strip() for ln in (REPO_ROOT / name).read_text().splitlines()
                 if ln.strip() and not ln.startswith("#")]
        assert lines and all("==" in ln and "#" not in ln for ln in lines), f"{name}: pinned, no inline comments"


def test_console_commands_name_functions_that_exist():
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert set(scripts) == {"iran-map", "iran-map-data"}
    for target in scripts.values():
        module, func = target.split(":")
        path = REPO_ROOT / (module.replace(".", "/") + ".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert func in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, target
