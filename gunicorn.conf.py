"""Gunicorn settings for serving the map in production: ``gunicorn -c gunicorn.conf.py app:server``.

Every setting can be overridden on the command line (``--workers 3``, ``--bind 0.0.0.0:8050``)
or through the environment variables named below; see docs/deploy.md.

* ``preload_app``: the dataset is loaded and validated once, in the master, before the workers
  are forked; the workers share those pages copy-on-write, start instantly and a data error
  stops the master before any worker exists.
* ``gevent`` workers (``dashboard.gunicorn_worker.Worker``): callbacks are CPU-bound Python (one
  figure or panel at a time per worker because of the GIL), so the parallelism comes from
  processes (one per core and then some). Waiting for the network is what greenlets are for: a
  client that sends its headers or its body one byte a second holds a greenlet, not a thread, so
  50 such clients do not starve the others (measured in docs/load-test.md; with ``gthread``
  workers and 4 threads each, they did). The worker also drops the ``Server`` banner and gives
  gunicorn's own 400/414/431 pages the app's security headers.
"""
from __future__ import annotations

# gevent replaces the blocking parts of the standard library (sockets, ssl, time.sleep, ...) with
# cooperative ones. It must do so before the app and its libraries import them: the app is
# preloaded into the master, so here, first (else gevent warns that ssl was imported unpatched).
# MAP_WORKER_CLASS=gthread serves with threads instead (only to compare, see docs/load-test.md).
import os

GEVENT = os.environ.get("MAP_WORKER_CLASS", "gevent") != "gthread"
if GEVENT:
    from gevent import monkey

    monkey.patch_all()

import logging  # noqa: E402
import sys  # noqa: E402


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ[name])
    except (KeyError, ValueError):
        return default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may run on (containers, taskset)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


MAX_WORKERS = 9  # each worker ends up with its own copy of the touched data: bound the memory

bind = os.environ.get("MAP_BIND", "127.0.0.1:8050")
workers = max(1, min(_int_env("MAP_WORKERS", 2 * _cores() + 1), MAX_WORKERS))
worker_class = "dashboard.gunicorn_worker.Worker" if GEVENT else "gthread"
threads = max(1, _int_env("MAP_THREADS", 4))  # gthread only
# Connections one worker holds at once (slow or idle ones included); past that, new connections
# wait in the listen queue for another worker.
worker_connections = _int_env("MAP_WORKER_CONNECTIONS", 1000)
preload_app = True

# A worker that has not answered the master for `timeout` seconds is killed and replaced; the
# slowest callback (a route compared over two years) takes well under a second.
timeout = _int_env("MAP_TIMEOUT", 30)
graceful_timeout = 20
# The gevent worker reads each request's line and headers under this timeout, keep-alive or not:
# a client that has not sent its whole header block within 5 s is disconnected.
keepalive = 5
# Off by default: the soak test (docs/load-test.md) shows the workers' memory levels off.
# Set MAP_MAX_REQUESTS to recycle workers anyway (a fresh fork of the preloaded master is cheap).
max_requests = _int_env("MAP_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10

# Requests: the app needs short URLs and small bodies (callback POSTs are capped at 256 KiB by
# dashboard.security, every body at 1 MiB by Flask's MAX_CONTENT_LENGTH).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# The workers' heartbeat files live in RAM when the system has /dev/shm (containers often
# mount /tmp on an overlay disk, where the heartbeat can stall a worker).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs go to stdout (access) and stderr (everything else) for the service manager to collect.
# Access log: client, time, request line (with its query string), status, body bytes, the time
# the request took in milliseconds, referrer, user agent.
accesslog = os.environ.get("MAP_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("MAP_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
# The app's own loggers (a failing callback, a rejected callback request) go to stderr with a
# time, the worker's pid and the logger's name. Gunicorn's loggers do not propagate to the root.
logging.basicConfig(level=getattr(logging, loglevel.upper(), logging.INFO), stream=sys.stderr,
                    format="%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s")
proc_name = "iran-ca-map"

# Gunicorn's runtime control socket (gunicornc) defaults to one shared path per user
# ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl), so two instances on one machine (a release and
# the load test, say) would fight over it. Off unless MAP_CONTROL_SOCKET names a path; a service
# manager reloads and stops gunicorn with signals (HUP, TERM) instead.
if os.environ.get("MAP_CONTROL_SOCKET"):
    control_socket = os.environ["MAP_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Behind a reverse proxy on the same machine: trust its X-Forwarded-* headers only.
forwarded_allow_ips = os.environ.get("MAP_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Warm the preloaded app in the master, once, before any worker is forked.

    Dash finishes its own setup on the first request a process serves (it walks the assets
    folder and validates the layout built for *that* request). Done here, with the default
    view, every worker starts with that setup, the default figure and the index page's caches
    already in its (copy-on-write) memory, and no worker's first answer depends on which URL
    happens to arrive first: a layout check failing for one URL would otherwise turn that
    worker's first request into a 500 (see docs/deploy.md).
    """
    if not server.cfg.preload_app:
        return
    app = server.app.wsgi()
    client = app.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies"):
        response = client.get(path)
        response.close()
        if response.status_code != 200:
            server.log.error("warm-up: GET %s answered %s", path, response.status_code)
            raise SystemExit(1)
    server.log.info("warm-up done: /, /_dash-layout and /_dash-dependencies answered 200 in the master")
