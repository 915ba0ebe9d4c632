"""Rates between two metric readings: requests/s, error rate and latency percentiles per
route, estimated from histogram bucket deltas the way Prometheus' ``histogram_quantile``
does (linear inside the bucket), so they are as coarse as the buckets (5, 10, 25, 50,
75, 100, 250 ms, ...)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from backend_services.ops.readings import Reading

TOTAL = "all routes"


@dataclass(frozen=True)
class RouteRates:
    route: str
    rps: float
    error_rate: float  # share of 5xx responses, 0..1
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None


def quantile(q: float, buckets: list[tuple[float, float]]) -> float | None:
    """The q-quantile (0..1) of cumulative ``(upper bound, count)`` buckets, in the bounds'
    unit; None without observations. Above the last finite bound it answers that bound."""
    if not buckets or buckets[-1][1] <= 0:
        return None
    total = buckets[-1][1]
    rank = q * total
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if math.isinf(bound):
                return lower_bound
            if count == lower_count:
                return bound
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / (count - lower_count)
        lower_bound, lower_count = bound, count
    return lower_bound


def _delta_buckets(
    now: list[tuple[float, float]], before: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    earlier = dict(before)
    # A worker restart resets its counters: never let a bucket go negative.
    return [(le, max(0.0, count - earlier.get(le, 0.0))) for le, count in now]


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def between(before: Reading, now: Reading) -> list[RouteRates]:
    """Per-route rates over the interval, busiest first, with the total as the first row."""
    seconds = max(now.at - before.at, 1e-6)
    rows = []
    combined: dict[float, float] = {}
    total_requests = total_errors = 0
    for route, count in now.requests.items():
        requests = max(0, count - before.requests.get(route, 0))
        errors = max(0, now.errors.get(route, 0) - before.errors.get(route, 0))
        if requests == 0:
            continue
        buckets = _delta_buckets(now.buckets.get(route, []), before.buckets.get(route, []))
        for le, n in buckets:
            combined[le] = combined.get(le, 0.0) + n
        total_requests += requests
        total_errors += errors
        rows.append(_row(route, requests, errors, buckets, seconds))
    rows.sort(key=lambda r: -r.rps)
    total = _row(TOTAL, total_requests, total_errors, sorted(combined.items()), seconds)
    return [total, *rows]


def _row(
    route: str, requests: int, errors: int, buckets: list[tuple[float, float]], seconds: float
) -> RouteRates:
    return RouteRates(
        route=route,
        rps=round(requests / seconds, 2),
        error_rate=round(errors / requests, 4) if requests else 0.0,
        p50_ms=_ms(quantile(0.50, buckets)),
        p95_ms=_ms(quantile(0.95, buckets)),
        p99_ms=_ms(quantile(0.99, buckets)),
    )
