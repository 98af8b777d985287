"""Start and stop the app for the benchmark: ``benchmarks.timed_server`` in a subprocess."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180.0   # the 20x data takes a while to validate
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"


class AppServer:
    """``with AppServer(workdir, ...) as srv:`` serves the app on ``srv.base_url`` until the block ends."""

    def __init__(self, workdir: Path, name: str, data_dir: Path | None = None, naive: bool = False,
                 cprofile: Path | None = None, repo_root: Path = REPO_ROOT, port: int | None = None):
        self.repo_root = Path(repo_root)   # another checkout (a scratch copy with a fix) may be served
        self.workdir = Path(workdir)
        self.name = name
        self.data_dir = data_dir
        self.naive = naive
        self.cprofile = cprofile
        self.port = port or free_port()   # one variant is served at a time, so a chosen port is reused
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / f"{name}.requests.jsonl"
        self.out_path = self.workdir / f"{name}.server.log"
        self.proc: subprocess.Popen | None = None
        self.start_s: float | None = None

    def __enter__(self) -> "AppServer":
        cmd = [sys.executable, "-m", "benchmarks.timed_server", "--port", str(self.port), "--log", str(self.log_path)]
        if self.data_dir:
            cmd += ["--data-dir", str(self.data_dir)]
        if self.naive:
            cmd.append("--naive")
        if self.cprofile:
            cmd += ["--cprofile", str(self.cprofile)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        t0 = time.monotonic()
        with self.out_path.open("wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=self.repo_root, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, env=env)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = t0 + START_TIMEOUT_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the {self.name} server exited with {self.proc.returncode}:\n{_tail(self.out_path)}")
            try:
                with opener.open(self.base_url + "/", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {self.name} server did not answer within {START_TIMEOUT_S:.0f} s:\n"
                                   f"{_tail(self.out_path)}")
            time.sleep(0.1)
        self.start_s = time.monotonic() - t0
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(STOP_TIMEOUT_S)

    def memory_mb(self) -> dict:
        """Peak (VmHWM) and current (VmRSS) resident memory of the server process, in MiB."""
        out = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
        return out

    def log_mark(self) -> int:
        """How many requests the server has logged so far (to read only what comes after)."""
        return len(self.read_log())

    def read_log(self, since: int = 0) -> list[dict]:
        try:
            lines = self.log_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines[since:] if line.strip()]
