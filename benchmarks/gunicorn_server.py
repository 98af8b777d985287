"""Start and stop the app on loopback for the load test and the payload capture.

``start_gunicorn(port, workers)`` runs ``gunicorn -c gunicorn.conf.py app:server`` (the production
command, docs/deploy.md) bound to ``127.0.0.1:<port>``; ``start_plain_app(port)`` runs
``python app.py``. Both wait until ``GET /`` answers 200. ``worker_pids`` and ``rss_kib`` read
``/proc`` to follow the workers' memory.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path | None, lines: int = 40) -> str:
    if path is None:
        return ""
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"


def wait_ready(proc: subprocess.Popen, base_url: str, log_path: Path | None = None,
               timeout_s: float = START_TIMEOUT_S) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}\n{_tail(log_path)}")
        try:
            with opener.open(base_url + "/", timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_process(proc)
            raise RuntimeError(f"the server did not answer on {base_url}/ within {timeout_s:.0f} s\n{_tail(log_path)}")
        time.sleep(0.25)


def _spawn(cmd: list[str], log_path: Path | None, extra_env: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen(cmd, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
    finally:
        if log_path:
            out.close()


def start_gunicorn(port: int, workers: int, threads: int | None = None, log_path: Path | None = None,
                   access_log: bool = False, extra_env: dict | None = None) -> subprocess.Popen:
    """``gunicorn -c gunicorn.conf.py app:server`` on 127.0.0.1:<port>; returns the master process.

    ``extra_env`` adds environment variables (``MAP_WORKER_CLASS=gthread`` to compare).
    """
    cmd = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    if not access_log:
        cmd += ["--access-logfile", "/dev/null"]
    cmd.append("app:server")
    proc = _spawn(cmd, log_path, extra_env)
    wait_ready(proc, f"http://127.0.0.1:{port}", log_path)
    return proc


def start_plain_app(port: int, log_path: Path | None = None) -> subprocess.Popen:
    proc = _spawn([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)], log_path)
    wait_ready(proc, f"http://127.0.0.1:{port}", log_path)
    return proc


def stop_process(proc: subprocess.Popen) -> None:
    """SIGTERM (gunicorn: graceful shutdown of master and workers), then SIGKILL if it hangs."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(STOP_TIMEOUT_S)


def worker_pids(master_pid: int) -> list[int]:
    """The master's child processes (gunicorn's workers), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may contain spaces and parentheses
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            pids.append(int(entry))
    return sorted(pids)


def rss_kib(pid: int) -> int | None:
    """VmRSS of a process in KiB, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None
