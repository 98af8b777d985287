"""``python -m benchmarks``: the app's performance, measured in headless Chromium (issue 6).

Prints progress on stderr, a short table on stdout, and one JSON object as the LAST line of
stdout.  See docs/performance.md for what each figure means and the figures of a full run.

    python -m benchmarks                  # full run: shipped data, NAIVE variant, 20x data (about 3.5 min on 2 vCPUs)
    python -m benchmarks --quick          # smoke test for CI: 1 load, 5 slider moves (< 60 s)
    python -m benchmarks --runs 9 --skip-scale --skip-naive
    python -m benchmarks --profile /tmp/prof   # also a Chrome trace, a JS CPU profile and cProfile
    python -m benchmarks --quick --port 8077   # serve on a chosen port (one variant at a time)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import browser as br
from .floor import first_map_floor
from .route_bench import time_reach, time_routes
from .server import REPO_ROOT, AppServer

FIRST_YEAR, LAST_YEAR = 1918, 2026
SCALE = 20
FASTEST_SPEED_MS = 300
MB = 1_000_000

BUDGETS = {   # name: (limit, unit, where the value comes from); issue 12 set the slider and first-map ones
    "slider_ms_p50": (20, "ms", "ours, shipped data"),
    "slider_ms_p95": (40, "ms", "ours, shipped data"),
    "slider_ms_p95_20x": (80, "ms", "ours, 20x data"),
    "first_map_ms": (1200, "ms", "ours, shipped data, median"),
    "transfer_bytes": (1.5 * MB, "bytes", "ours, shipped data, first load"),
    "callback_ms_p95": (10, "ms", "ours, shipped data, all callbacks"),
    "route_ms_p95": (50, "ms", "find_route, shipped data"),
    "route_ms_p95_20x": (20, "ms", "find_route, 20x data (wall clock; route_cpu_ms is the CPU time)"),
    "reach_ms_p95_20x": (200, "ms", "reach, 20x data (wall clock; reach_cpu_ms is the CPU time)"),
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values, q: float) -> float | None:
    """The q-th percentile (0-100), linear between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def dist(values) -> dict:
    values = list(values)
    if not values:
        return {"p50": None, "p95": None, "max": None, "n": 0}
    return {"p50": round(pct(values, 50), 2), "p95": round(pct(values, 95), 2), "max": round(max(values), 2),
            "n": len(values)}


# --------------------------------------------------------------------------------------------- one variant

def callback_stats(requests: list[dict]) -> dict:
    calls = [r for r in requests if r["path"].endswith("/_dash-update-component")]
    by_output: dict[str, list[float]] = {}
    for r in calls:
        by_output.setdefault(r["output"] or "?", []).append(r["ms"])
    per = {out: {**dist(ms), "bytes_max": max(r["bytes"] for r in calls if (r["output"] or "?") == out)}
           for out, ms in by_output.items()}
    per = dict(sorted(per.items(), key=lambda kv: -(kv[1]["p95"] or 0)))
    return {**dist(r["ms"] for r in calls), "by_output": per}


def run_variant(name: str, pw_browser, workdir: Path, args, data_dir: Path | None = None, naive: bool = False,
                profile_dir: Path | None = None, with_floor: bool = False) -> dict:
    loads_n, moves, play_s = args.runs, args.moves, args.play_seconds
    log(f"{name}: starting the server" + (f" on {data_dir}" if data_dir else ""))
    with AppServer(workdir, name, data_dir=data_dir, naive=naive, port=args.port) as srv:
        log(f"{name}: serving on {srv.base_url} (started in {srv.start_s:.1f} s)")
        if not args.quick:
            br.first_load(pw_browser, srv.base_url)            # warm-up: the server's lazy caches
        mark = srv.log_mark()
        loads = []
        for i in range(loads_n):
            loads.append(br.first_load(pw_browser, srv.base_url))
            log(f"{name}: load {i + 1}/{loads_n}: map at {loads[-1]['first_map_ms']:.0f} ms, "
                f"{loads[-1]['transfer_bytes'] / 1000:.0f} kB")
        load_requests = srv.read_log(mark)
        floor = first_map_floor(pw_browser, srv.base_url, loads_n, box=loads[0]["map_box"], warm_up=not args.quick,
                                log=lambda msg: log(f"{name}: {msg}")) if with_floor else {}
        slider = br.slider_moves(pw_browser, srv.base_url, moves, FIRST_YEAR, LAST_YEAR, server=srv)
        log(f"{name}: {len(slider['ms'])} slider moves: p50 {pct(slider['ms'], 50):.0f} ms, "
            f"p95 {pct(slider['ms'], 95):.0f} ms")
        slider_requests = slider["requests"]
        mark = srv.log_mark()
        played = br.play(pw_browser, srv.base_url, play_s, FIRST_YEAR, FASTEST_SPEED_MS)
        log(f"{name}: play: {played['years_per_s']} years/s, {len(played['skipped_years'])} skipped")
        play_requests = srv.read_log(mark)
        memory = srv.memory_mb()
        if profile_dir:   # profiled sessions of their own: profiling slows the page, so never measured
            log(f"{name}: profiling a page load and {min(moves, 10)} slider moves in the browser")
            br.first_load(pw_browser, srv.base_url, cpu_profile=profile_dir / f"{name}.load.cpuprofile")
            br.slider_moves(pw_browser, srv.base_url, min(moves, 10), FIRST_YEAR, LAST_YEAR,
                            trace=profile_dir / f"{name}.slider.trace.json",
                            cpu_profile=profile_dir / f"{name}.slider.cpuprofile")
        all_requests = load_requests + slider_requests + play_requests

    first = loads[0]
    layout_ms = [r["ms"] for r in load_requests if r["path"].endswith("/_dash-layout")]
    index_ms = [r["ms"] for r in load_requests if r["path"] == "/"]
    per_move_calls = len([r for r in slider_requests if r["path"].endswith("/_dash-update-component")])
    page_errors = sorted({e for item in loads + [slider, played] for e in item["page_errors"]})
    return {
        "first_map_ms": round(statistics.median(l["first_map_ms"] for l in loads), 1),
        "first_map_ms_p95": round(pct([l["first_map_ms"] for l in loads], 95), 1),
        "first_map_runs_ms": [l["first_map_ms"] for l in loads],
        **floor,
        "first_load_settled_ms": round(statistics.median(l["settled_ms"] for l in loads), 1),
        "slider_ms": dist(slider["ms"]),
        "slider_settled_ms": dist(slider["settled_ms"]),
        "slider_start_year": slider["start_year"],
        "slider_years": slider["years"],
        "slider_ms_by_year": dict(zip(slider["years"], slider["ms"])),
        "play_years_per_s": played["years_per_s"],
        "play_ideal_years_per_s": played["ideal_years_per_s"],
        "skipped_years": len(played["skipped_years"]),
        "skipped_years_list": played["skipped_years"],
        "play_out_of_order": played["out_of_order"],
        "play_reached_year": played["reached_year"],
        "play_lag_years": played["lag_years"],
        "transfer_bytes": first["transfer_bytes"],
        "transfer_body_bytes": first["encoded_body_bytes"],
        "transfer_decoded_bytes": first["decoded_body_bytes"],
        "transfer_requests": first["requests"],
        "transfer_bytes_runs": sorted({l["transfer_bytes"] for l in loads}),
        "transfer_top10": br.top_resources(first["resources"]),
        "callback_ms": callback_stats(all_requests),
        "callback_ms_slider": dist(r["ms"] for r in slider_requests if r["path"].endswith("/_dash-update-component")),
        "callbacks_per_slider_move": round(per_move_calls / max(1, len(slider["ms"])), 2),
        "layout_ms": dist(layout_ms),
        "index_ms": dist(index_ms),
        "rss_mb": memory.get("VmHWM"),
        "rss_now_mb": memory.get("VmRSS"),
        "server_start_s": round(srv.start_s, 2),
        "page_errors": page_errors,
    }


# --------------------------------------------------------------------------------------------- the report

def machine() -> dict:
    import dash
    import plotly
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    try:
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
    except (OSError, StopIteration):
        mem_kb = 0
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "?", None
    return {"cpu": cpu, "cpus": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
            "os": platform.platform(), "python": platform.python_version(), "dash": dash.__version__,
            "plotly": plotly.__version__, "git_commit": commit, "git_dirty": dirty}


def ratio(a, b) -> float | None:
    return round(a / b, 2) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None


def ratios(naive: dict, ours: dict) -> dict:
    return {
        "slider_ms_p50": ratio(naive["slider_ms"]["p50"], ours["slider_ms"]["p50"]),
        "slider_ms_p95": ratio(naive["slider_ms"]["p95"], ours["slider_ms"]["p95"]),
        "slider_settled_ms_p50": ratio(naive["slider_settled_ms"]["p50"], ours["slider_settled_ms"]["p50"]),
        "play_years_per_s": ratio(naive["play_years_per_s"], ours["play_years_per_s"]),
        "first_map_ms": ratio(naive["first_map_ms"], ours["first_map_ms"]),
        "transfer_bytes": ratio(naive["transfer_bytes"], ours["transfer_bytes"]),
        "callback_ms_p50": ratio(naive["callback_ms"]["p50"], ours["callback_ms"]["p50"]),
        "callback_ms_p95": ratio(naive["callback_ms"]["p95"], ours["callback_ms"]["p95"]),
        "rss_mb": ratio(naive["rss_mb"], ours["rss_mb"]),
    }


def budgets(result: dict) -> dict:
    values = {
        "slider_ms_p50": result["slider_ms"]["p50"],
        "slider_ms_p95": result["slider_ms"]["p95"],
        "slider_ms_p95_20x": (result.get("scale_20x") or {}).get("slider_ms", {}).get("p95"),
        "first_map_ms": result["first_map_ms"],
        "transfer_bytes": result["transfer_bytes"],
        "callback_ms_p95": result["callback_ms"]["p95"],
        "route_ms_p95": result["route_ms"]["p95"],
        "route_ms_p95_20x": (result.get("routes_20x") or {}).get("route_ms", {}).get("p95"),
        "reach_ms_p95_20x": (result.get("routes_20x") or {}).get("reach_ms", {}).get("p95"),
    }
    out = {}
    for name, (limit, unit, where) in BUDGETS.items():
        value = values[name]
        out[name] = {"limit": limit, "unit": unit, "value": value, "where": where,
                     "pass": None if value is None else bool(value <= limit)}
    return out


def summary_table(result: dict) -> str:
    cols = [("ours", result)] + [(k, result[k]) for k in ("naive", "scale_20x", "naive_20x") if result.get(k)]
    rows = [
        ("first_map_ms (median)", lambda r: r["first_map_ms"]),
        ("  Plotly alone (floor)", lambda r: r.get("first_map_floor_ms", "")),
        ("slider_ms p50", lambda r: r["slider_ms"]["p50"]),
        ("slider_ms p95", lambda r: r["slider_ms"]["p95"]),
        ("slider settled p50", lambda r: r["slider_settled_ms"]["p50"]),
        ("load settled (median)", lambda r: r["first_load_settled_ms"]),
        ("play years/s", lambda r: r["play_years_per_s"]),
        ("skipped years", lambda r: r["skipped_years"]),
        ("play lag (years)", lambda r: r["play_lag_years"]),
        ("transfer kB", lambda r: round(r["transfer_bytes"] / 1000, 1)),
        ("callback_ms p50", lambda r: r["callback_ms"]["p50"]),
        ("callback_ms p95", lambda r: r["callback_ms"]["p95"]),
        ("rss_mb (peak)", lambda r: r["rss_mb"]),
    ]
    lines = ["metric".ljust(24) + "".join(name.rjust(12) for name, _ in cols)]
    for label, get in rows:
        lines.append(label.ljust(24) + "".join(str(get(r)).rjust(12) for _, r in cols))
    if result.get("routes_20x"):
        r20 = result["routes_20x"]
        lines.append(f"20x route/reach p95 (wall) {r20['route_ms']['p95']}/{r20['reach_ms']['p95']} ms, "
                     f"(CPU) {r20['route_cpu_ms']['p95']}/{r20['reach_cpu_ms']['p95']} ms")
    lines.append("route_ms p50/p95".ljust(24) + f"{result['route_ms']['p50']}/{result['route_ms']['p95']}".rjust(12)
                 + (f"{result['scale_20x']['route_ms']['p50']}/{result['scale_20x']['route_ms']['p95']}".rjust(24)
                    if result.get("scale_20x") else ""))
    for name, b in result["budgets"].items():
        mark = "n/a" if b["pass"] is None else ("PASS" if b["pass"] else "FAIL")
        lines.append(f"budget {name}: {b['value']} <= {b['limit']} {b['unit']}: {mark}")
    return "\n".join(lines)


def route_summary(routes: dict, reaches: dict) -> dict:
    return {"route_ms": {**dist(routes["times"]), "cold_ms": routes["cold_ms"], "found": routes["found"]},
            "route_cpu_ms": dist(routes["cpu"]),
            "reach_ms": {**dist(reaches["times"]), "places_reached_mean": reaches["places_reached_mean"]},
            "reach_cpu_ms": dist(reaches["cpu"])}


def finish_routes_only(result: dict) -> int:
    """Report the route and reach budgets alone (``--routes-only``)."""
    checks = budgets({**result, "slider_ms": {"p50": None}, "callback_ms": {"p95": None}, "first_map_ms": None,
                      "transfer_bytes": None})
    result["budgets"] = {k: v for k, v in checks.items() if k.startswith(("route", "reach"))}
    result["budgets_pass"] = all(b["pass"] is not False for b in result["budgets"].values())
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    for name, b in result["budgets"].items():
        mark = "n/a" if b["pass"] is None else ("PASS" if b["pass"] else "FAIL")
        print(f"budget {name}: {b['value']} <= {b['limit']} {b['unit']}: {mark}")
    r20 = result.get("routes_20x") or {}
    if r20:
        print(f"20x CPU time: route p95 {r20['route_cpu_ms']['p95']} ms, reach p95 {r20['reach_cpu_ms']['p95']} ms "
              f"(load average {result['machine']['loadavg_at_end']})")
    print(json.dumps(result, ensure_ascii=False, separators=(",", ":")), flush=True)
    return 0


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="smoke run: 1 load, 5 slider moves, no 20x, no naive")
    p.add_argument("--runs", type=int, default=None, help="page loads per variant (default 5; 1 with --quick)")
    p.add_argument("--moves", type=int, default=None, help="slider moves per variant (default 30; 5 with --quick)")
    p.add_argument("--play-seconds", type=float, default=None, help="how long to watch Play (default 10; 3 with --quick)")
    p.add_argument("--route-queries", type=int, default=200)
    p.add_argument("--skip-scale", action="store_true", help="no run on the 20x synthetic data")
    p.add_argument("--routes-only", action="store_true",
                   help="only the in-process route and reach timings (shipped and 20x data), no browser")
    p.add_argument("--skip-naive", action="store_true", help="no run of the NAIVE variant")
    p.add_argument("--profile", type=Path, metavar="DIR",
                   help="also write a Chrome trace and a JS CPU profile of the slider moves, and a "
                        "server cProfile, to DIR, and summarise them in the JSON")
    p.add_argument("--out", type=Path, help="also write the JSON to this file")
    p.add_argument("--port", type=int, default=None,
                   help="serve each variant in turn on this port of 127.0.0.1 (default: a free one)")
    args = p.parse_args(argv)
    if args.port is not None and not 1 <= args.port <= 65535:
        p.error(f"--port must be 1-65535, got {args.port}")
    args.runs = args.runs or (1 if args.quick else 5)
    args.moves = args.moves or (5 if args.quick else 30)
    args.play_seconds = args.play_seconds or (3.0 if args.quick else 10.0)
    if args.quick:
        args.skip_scale = args.skip_naive = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from playwright.sync_api import sync_playwright
    from geodata.load import load_dataset

    from .scale import make_scaled_data

    t_start = time.monotonic()
    result: dict = {"benchmark": "issue-6", "quick": args.quick, "runs": args.runs, "slider_moves": args.moves,
                    "play_seconds": args.play_seconds, "slider_input": "keyboard ArrowRight on the focused year handle",
                    "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="map-bench-") as tmp:
        workdir = Path(tmp)
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
        scale_dir = None
        if not args.skip_scale:
            log(f"writing the {SCALE}x synthetic data to {workdir / 'data20x'}")
            scale_dir = make_scaled_data(workdir / "data20x", SCALE)
        log(f"timing find_route over {args.route_queries} queries")
        shipped = load_dataset()
        routes = time_routes(shipped, args.route_queries)
        sizes = {"shipped": {"records": len(shipped.records), "places": len(shipped.places)}}
        routes_20x = None
        if scale_dir:
            log(f"timing find_route and reach on the {SCALE}x data")
            scaled = load_dataset(scale_dir)
            sizes["scale_20x"] = {"records": len(scaled.records), "places": len(scaled.places)}
            routes_20x = time_routes(scaled, args.route_queries)
            result["routes_20x"] = route_summary(routes_20x, time_reach(scaled, args.route_queries // 2))
            log(f"20x: route p95 {result['routes_20x']['route_ms']['p95']} ms, "
                f"reach p95 {result['routes_20x']['reach_ms']['p95']} ms")
            del scaled
        result["data"] = sizes
        if args.routes_only:
            result["route_ms"] = route_summary(routes, time_reach(shipped, args.route_queries // 2))["route_ms"]
            return finish_routes_only(result)

        with sync_playwright() as pw:
            chromium = br.launch(pw)
            result["machine"]["chromium"] = chromium.version
            try:
                ours = run_variant("ours", chromium, workdir, args, profile_dir=args.profile, with_floor=True)
                naive = None if args.skip_naive else run_variant("naive", chromium, workdir, args, naive=True,
                                                                 profile_dir=args.profile)
                ours_20x = run_variant("scale_20x", chromium, workdir, args, data_dir=scale_dir,
                                       profile_dir=args.profile) if scale_dir else None
                naive_20x = run_variant("naive_20x", chromium, workdir, args, data_dir=scale_dir, naive=True) \
                    if scale_dir and not args.skip_naive else None
                if args.profile:
                    from .profiling import profile_server
                    log(f"profiling the server (cProfile) into {args.profile}")
                    variants = {"ours": {}}
                    if not args.skip_naive:
                        variants["naive"] = {"naive": True}
                    if scale_dir:
                        variants["scale_20x"] = {"data_dir": scale_dir}
                    result["profile"] = profile_server(chromium, workdir, args.profile, variants,
                                                       port=args.port)
            finally:
                chromium.close()

    result.update(ours)
    result["route_ms"] = {**dist(routes["times"]), "cold_ms": routes["cold_ms"], "found": routes["found"]}
    if ours_20x is not None:
        ours_20x["route_ms"] = {**dist(routes_20x["times"]), "cold_ms": routes_20x["cold_ms"],
                                "found": routes_20x["found"]}
    result["scale_20x"] = ours_20x
    result["naive"] = naive
    result["naive_20x"] = naive_20x
    result["ratios"] = {
        "naive_over_ours": ratios(naive, ours) if naive else None,
        "naive_20x_over_ours_20x": ratios(naive_20x, ours_20x) if naive_20x and ours_20x else None,
        "ours_20x_over_ours": ratios(ours_20x, ours) if ours_20x else None,
    }
    result["budgets"] = budgets(result)
    result["budgets_pass"] = all(b["pass"] is not False for b in result["budgets"].values())
    result["elapsed_s"] = round(time.monotonic() - t_start, 1)
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.profile and "profile" in result:
        from .profiling import summarise_browser_profiles
        result["profile"].update(summarise_browser_profiles(args.profile))
    print(summary_table(result))
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(text, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
