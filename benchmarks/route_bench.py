"""``find_route`` timed in-process over random queries."""
from __future__ import annotations

import random
import time

from geodata.network import ALL_MODES, find_route
from geodata.load import Dataset

FIRST_YEAR, LAST_YEAR = 1918, 2026


def route_queries(dataset: Dataset, n: int, seed: int = 6) -> list[tuple]:
    """``n`` random (origin, destination, year, modes, include_planned) among all places."""
    rng = random.Random(seed)
    places = sorted(dataset.places)
    out = []
    for _ in range(n):
        o, d = rng.sample(places, 2)
        modes = ALL_MODES if rng.random() < 0.7 else tuple(sorted(rng.sample(ALL_MODES, rng.randint(1, 2))))
        out.append((o, d, rng.randint(FIRST_YEAR, LAST_YEAR), modes, rng.random() < 0.3))
    return out


def time_routes(dataset: Dataset, n: int = 200, seed: int = 6) -> dict:
    """Milliseconds per ``find_route`` call; the first call (which fills the per-dataset caches) apart."""
    queries = route_queries(dataset, n + 1, seed)
    t0 = time.perf_counter()
    find_route(dataset, *queries[0][:3], modes=queries[0][3], include_planned=queries[0][4])
    cold = (time.perf_counter() - t0) * 1000
    times, found = [], 0
    for o, d, year, modes, planned in queries[1:]:
        t0 = time.perf_counter()
        result = find_route(dataset, o, d, year, modes=modes, include_planned=planned)
        times.append((time.perf_counter() - t0) * 1000)
        found += result.found
    return {"times": times, "cold_ms": round(cold, 2), "found": found, "queries": n}
