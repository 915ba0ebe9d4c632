"""Prometheus HTTP metrics (by method, route template and status) and DB pool gauges."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

REQUESTS = Counter(
    "http_requests_total", "HTTP requests", ["method", "route", "status"]
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10),
)
IN_FLIGHT = Gauge("http_requests_in_flight", "HTTP requests being served")

UNMATCHED = "<unmatched>"


def _route_template(scope: Scope) -> str:
    """The matched route's path template (``/api/course/courses/{course_id}``), never the raw
    path, so ids do not explode the label cardinality.

    FastAPI leaves the matched route in the scope; for an included router its ``path`` is
    relative to the router's prefix, and the (static) prefix is the leading segments of
    the request path that the template does not account for.
    """
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not template:
        return UNMATCHED
    segments = scope["path"].rstrip("/").split("/")
    template_segments = template.rstrip("/").split("/")
    extra = len(segments) - len(template_segments)
    if extra <= 0:
        return template
    return "/".join(segments[: extra + 1]) + template


class PrometheusMiddleware:
    """Pure ASGI middleware, so streaming and websockets pass through untouched."""

    def __init__(self, app: ASGIApp, *, skip: Iterable[str] = ("/metrics",)) -> None:
        self.app = app
        self.skip = set(skip)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.skip:
            await self.app(scope, receive, send)
            return
        status = {"code": 500}

        async def send_wrapper(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        IN_FLIGHT.inc()
        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            IN_FLIGHT.dec()
            route = _route_template(scope)
            method = scope["method"]
            REQUESTS.labels(method, route, str(status["code"])).inc()
            LATENCY.labels(method, route).observe(elapsed)


class PoolCollector(Collector):
    """Reports each context's connections in use and pool size at scrape time."""

    def __init__(self, pools: Callable[[], dict[str, tuple[int, int]]]) -> None:
        self._pools = pools

    def collect(self):
        in_use = GaugeMetricFamily("db_pool_in_use", "Connections checked out", labels=["context"])
        size = GaugeMetricFamily("db_pool_size", "Configured pool size", labels=["context"])
        for context, (used, total) in self._pools().items():
            in_use.add_metric([context], used)
            size.add_metric([context], total)
        yield in_use
        yield size


_pool_collector: PoolCollector | None = None


def register_pool_collector(pools: Callable[[], dict[str, tuple[int, int]]]) -> None:
    """(Re)point the pool gauges at the current platform's databases."""
    global _pool_collector
    if _pool_collector is not None:
        REGISTRY.unregister(_pool_collector)
    _pool_collector = PoolCollector(pools)
    REGISTRY.register(_pool_collector)


async def metrics_endpoint(_: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
