"""The one way the benchmarks time a step: the median of `repeat` runs, after a warm-up run."""

from __future__ import annotations

import statistics
import time


def median_seconds(run, repeat: int, warm_up: bool = True) -> float:
    if warm_up:
        run()  # tables, caches and connections are made once
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)
