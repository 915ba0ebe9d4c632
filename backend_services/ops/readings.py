"""One reading of the process metrics (summed over every worker in multi-process mode):
cumulative request counts and latency-histogram buckets per route, pool gauges, requests
in flight and UI sessions. Rates need two readings (``backend_services.ops.rates``)."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from prometheus_client import REGISTRY, CollectorRegistry, Metric, multiprocess

from backend_services.shared import metrics


@dataclass
class Reading:
    """Cumulative counters at one instant; ``buckets[route]`` is ``[(le, count), ...]`` ascending."""

    at: float
    requests: dict[str, int] = field(default_factory=dict)  # route -> requests
    errors: dict[str, int] = field(default_factory=dict)  # route -> 5xx responses
    buckets: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    pools_in_use: dict[str, float] = field(default_factory=dict)
    pools_size: dict[str, float] = field(default_factory=dict)
    in_flight: float = 0.0
    ui_sessions: float = 0.0


def _families() -> Iterable[Metric]:
    if metrics.MULTIPROCESS:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
        return registry.collect()
    return REGISTRY.collect()


def read() -> Reading:
    """Read every worker's metrics now."""
    reading = Reading(at=time.time())
    requests: dict[str, int] = defaultdict(int)
    errors: dict[str, int] = defaultdict(int)
    buckets: dict[str, dict[float, float]] = defaultdict(lambda: defaultdict(float))
    for family in _families():
        for sample in family.samples:
            labels = sample.labels
            if sample.name == "http_requests_total":
                route = labels["route"]
                requests[route] += int(sample.value)
                if labels.get("status", "").startswith("5"):
                    errors[route] += int(sample.value)
            elif sample.name == "http_request_duration_seconds_bucket":
                le = math.inf if labels["le"] == "+Inf" else float(labels["le"])
                buckets[labels["route"]][le] += sample.value
            elif sample.name == "db_pool_in_use":
                reading.pools_in_use[labels["context"]] = sample.value
            elif sample.name == "db_pool_size":
                reading.pools_size[labels["context"]] = sample.value
            elif sample.name == "http_requests_in_flight":
                reading.in_flight += sample.value
            elif sample.name == "ui_sessions":
                reading.ui_sessions += sample.value
    reading.requests, reading.errors = dict(requests), dict(errors)
    reading.buckets = {route: sorted(by_le.items()) for route, by_le in buckets.items()}
    return reading
