"""``find_route`` and ``reach`` timed in-process over random queries (issue 18's budgets at 20x data)."""
from __future__ import annotations

import random
import time

from geodata.load import Dataset
from geodata.network import ALL_MODES, PRIORITIES, find_route, reach

FIRST_YEAR, LAST_YEAR = 1918, 2026
REACH_HOURS = (12, 24, 48, 96, 168)


def route_queries(dataset: Dataset, n: int, seed: int = 6) -> list[tuple]:
    """``n`` random (origin, destination, year, modes, include_planned, by) among all places."""
    rng = random.Random(seed)
    places = sorted(dataset.places)
    out = []
    for _ in range(n):
        o, d = rng.sample(places, 2)
        modes = ALL_MODES if rng.random() < 0.7 else tuple(sorted(rng.sample(ALL_MODES, rng.randint(1, 2))))
        out.append((o, d, rng.randint(FIRST_YEAR, LAST_YEAR), modes, rng.random() < 0.3,
                    rng.choice(tuple(PRIORITIES))))
    return out


def time_routes(dataset: Dataset, n: int = 200, seed: int = 6) -> dict:
    """Milliseconds per ``find_route`` call; the first call (which fills the per-dataset caches) apart.

    Later calls may reuse a costed graph built for an earlier query in the same network epoch,
    as the app's workers do: the graph of a year is built once per process and epoch.
    """
    queries = route_queries(dataset, n + 1, seed)
    o, d, year, modes, planned, by = queries[0]
    t0 = time.perf_counter()
    find_route(dataset, o, d, year, modes=modes, include_planned=planned, by=by)
    cold = (time.perf_counter() - t0) * 1000
    times, cpu, found = [], [], 0
    for o, d, year, modes, planned, by in queries[1:]:
        t0, c0 = time.perf_counter(), time.process_time()
        result = find_route(dataset, o, d, year, modes=modes, include_planned=planned, by=by)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        found += result.found
    return {"times": times, "cpu": cpu, "cold_ms": round(cold, 2), "found": found, "queries": n}


def time_reach(dataset: Dataset, n: int = 100, seed: int = 7) -> dict:
    """Milliseconds per ``reach`` call from a random place, year and limit (12 h to a week)."""
    rng = random.Random(seed)
    places = sorted(dataset.places)
    times, cpu, reached = [], [], 0
    for _ in range(n):
        origin, year = rng.choice(places), rng.randint(FIRST_YEAR, LAST_YEAR)
        modes = ALL_MODES if rng.random() < 0.7 else tuple(sorted(rng.sample(ALL_MODES, rng.randint(1, 2))))
        t0, c0 = time.perf_counter(), time.process_time()
        result = reach(dataset, origin, year, rng.choice(REACH_HOURS), modes)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        reached += len(result.hours) - 1
    return {"times": times, "cpu": cpu, "queries": n, "places_reached_mean": round(reached / max(1, n), 1)}


def main() -> int:
    """``python -m benchmarks.route_bench [--scale N]``: the route and reach timings alone, no browser."""
    import argparse
    import json
    import tempfile
    from pathlib import Path

    from geodata.load import load_dataset

    from .scale import make_scaled_data

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="route-bench-") as tmp:
        dataset = load_dataset(make_scaled_data(Path(tmp) / "data", args.scale)) if args.scale > 1 else load_dataset()
    routes, reaches = time_routes(dataset, args.queries), time_reach(dataset, args.queries // 2)
    from .__main__ import dist
    print(json.dumps({"scale": args.scale, "records": len(dataset.records), "places": len(dataset.places),
                      "route_ms": {**dist(routes["times"]), "cold_ms": routes["cold_ms"], "found": routes["found"]},
                      "route_cpu_ms": dist(routes["cpu"]),
                      "reach_ms": {**dist(reaches["times"]), "places_reached_mean": reaches["places_reached_mean"]},
                      "reach_cpu_ms": dist(reaches["cpu"])}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
