"""``--profile DIR``: where the time goes, in the browser and on the server.

* after the measured runs of each variant (never during them: profiling slows the page), one
  more page load is recorded as a V8 CPU profile (``<variant>.load.cpuprofile``) and ten more
  slider moves twice over: a Chrome performance trace (``<variant>.slider.trace.json``, open it
  in Perfetto or DevTools' Performance panel) and a V8 CPU profile
  (``<variant>.slider.cpuprofile``, DevTools' JavaScript profiler);
  :func:`summarise_browser_profiles` boils them down to self time per function and per script,
  and time per trace event on the page's main thread;
* :func:`profile_server` runs the server under cProfile (``benchmarks.timed_server --cprofile``)
  for one page load, slider moves and a few seconds of Play, and keeps the functions with the
  most cumulative and own time (``<variant>.server.pstats``; ``python -m pstats`` reads it).
"""
from __future__ import annotations

import io
import json
import pstats
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from . import browser as br
from .server import AppServer

MAIN_THREAD_EVENTS = ("RunTask", "FunctionCall", "EvaluateScript", "TimerFire", "FireAnimationFrame",
                      "EventDispatch", "XHRReadyStateChange", "XHRLoad", "ResourceReceivedData",
                      "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit",
                      "ParseHTML", "MajorGC", "MinorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR",
                      "HitTest", "ScheduleStyleRecalculation", "InvalidateLayout", "v8.compile", "V8.CompileCode")


def _script(url: str) -> str:
    if not url:
        return "(native/idle)"
    path = urlsplit(url).path
    return path.rsplit("/", 1)[-1] or path


def summarise_cpuprofile(path: Path, top: int = 15) -> dict:
    profile = json.loads(Path(path).read_text())
    nodes = {n["id"]: n for n in profile["nodes"]}
    deltas = profile.get("timeDeltas") or []
    samples = profile.get("samples") or []
    self_us: dict[int, float] = defaultdict(float)
    for node_id, dt in zip(samples, deltas[1:] + [0]):
        self_us[node_id] += dt
    by_fn: dict[tuple, float] = defaultdict(float)
    by_script: dict[str, float] = defaultdict(float)
    total = 0.0
    for node_id, us in self_us.items():
        frame = nodes[node_id]["callFrame"]
        name = frame.get("functionName") or "(anonymous)"
        if name in ("(idle)", "(program)", "(root)"):
            by_script[name] += us
            continue
        total += us
        key = (name, _script(frame.get("url", "")), frame.get("lineNumber", -1) + 1, frame.get("columnNumber", -1) + 1)
        by_fn[key] += us
        by_script[_script(frame.get("url", "")) if name != "(garbage collector)" else "(garbage collector)"] += us
    fns = sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]
    return {
        "busy_ms": round(total / 1000, 1),
        "idle_ms": round(by_script.get("(idle)", 0) / 1000, 1),
        "self_ms_by_script": {k: round(v / 1000, 1) for k, v in sorted(by_script.items(), key=lambda kv: -kv[1])
                              if k not in ("(idle)",) and v >= 1000},
        "self_ms_top_functions": [{"function": k[0], "script": k[1], "line": k[2], "col": k[3],
                                   "self_ms": round(v / 1000, 1)} for k, v in fns],
    }


def summarise_trace(path: Path) -> dict:
    data = json.loads(Path(path).read_text())
    events = data["traceEvents"] if isinstance(data, dict) else data
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("ph") == "M" and e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for e in events:
        if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and e.get("name") in MAIN_THREAD_EVENTS:
            totals[e["name"]] += e.get("dur", 0)
            counts[e["name"]] += 1
    return {"main_thread_ms_by_event": {k: {"ms": round(v / 1000, 1), "count": counts[k]}
                                        for k, v in sorted(totals.items(), key=lambda kv: -kv[1])},
            "note": "events nest (RunTask contains FunctionCall contains Layout...): each line is that event's own total"}


def summarise_browser_profiles(profile_dir: Path) -> dict:
    out = {}
    for path in sorted(Path(profile_dir).glob("*.slider.cpuprofile")):
        out.setdefault(path.name.split(".")[0], {})["slider_js"] = summarise_cpuprofile(path)
    for path in sorted(Path(profile_dir).glob("*.load.cpuprofile")):
        out.setdefault(path.name.split(".")[0], {})["load_js"] = summarise_cpuprofile(path)
    for path in sorted(Path(profile_dir).glob("*.slider.trace.json")):
        out.setdefault(path.name.split(".")[0], {})["slider_trace"] = summarise_trace(path)
    return {"browser": out}


def summarise_pstats(path: Path, top: int = 20) -> dict:
    stats = pstats.Stats(str(path), stream=io.StringIO())

    def rows(key: str) -> list[dict]:
        stats.sort_stats(key)
        out = []
        for func in stats.fcn_list[:top]:
            cc, nc, tt, ct, _callers = stats.stats[func]
            filename, line, name = func
            short = "/".join(Path(filename).parts[-2:]) if filename not in ("~",) else ""
            out.append({"function": f"{short}:{line}({name})" if short else name, "calls": nc,
                        "own_ms": round(tt * 1000, 1), "cumulative_ms": round(ct * 1000, 1)})
        return out

    return {"total_ms": round(stats.total_tt * 1000, 1), "by_cumulative": rows("cumulative"), "by_own": rows("tottime")}


def profile_server(pw_browser, workdir: Path, profile_dir: Path, variants: dict, moves: int = 20,
                   play_s: float = 5.0, first: int = 1918, last: int = 2026, port: int | None = None) -> dict:
    """cProfile of the server for one load, ``moves`` slider moves and ``play_s`` of Play, per variant.

    ``variants``: name -> {"data_dir": Path | None, "naive": bool}.
    """
    out = {}
    for name, spec in variants.items():
        stats_path = Path(profile_dir) / f"{name}.server.pstats"
        with AppServer(workdir, f"{name}-cprofile", data_dir=spec.get("data_dir"), naive=spec.get("naive", False),
                       cprofile=stats_path, port=port) as srv:
            br.first_load(pw_browser, srv.base_url)
            br.slider_moves(pw_browser, srv.base_url, moves, first, last)
            br.play(pw_browser, srv.base_url, play_s, first)
        out[name] = summarise_pstats(stats_path)
    return {"server": out}
