"""Small timing helpers shared by the bench scripts (medians and spread, no assertions)."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def measure(fn: Callable[[], object], *, repeat: int = 31, number: int = 1,
            clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds per call, ``repeat`` samples of ``number`` calls each (after one warm-up).
    ``clock=time.process_time`` measures this process's CPU time: on a machine shared with
    other jobs it moves far less than the wall clock (I/O waits are then not counted)."""
    fn()
    out = []
    for _ in range(repeat):
        t0 = clock()
        for _ in range(number):
            fn()
        out.append((clock() - t0) / number)
    return out


def summary(samples: list[float], unit: str = "ms") -> str:
    k = {"ms": 1e3, "us": 1e6, "s": 1.0}[unit]
    med = statistics.median(samples) * k
    q = statistics.quantiles(samples, n=10) if len(samples) >= 10 else [min(samples), max(samples)]
    return f"median {med:8.3f} {unit}  (p10 {q[0] * k:.3f}, p90 {q[-1] * k:.3f}, n={len(samples)})"


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(a) / statistics.median(b)
