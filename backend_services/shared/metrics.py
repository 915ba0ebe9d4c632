"""Prometheus HTTP metrics (by method, route template and status) and DB pool gauges.

With several worker processes (``reflex run --env prod``), set ``PROMETHEUS_MULTIPROC_DIR``
to an empty folder before the workers start: every worker then writes its samples there
and ``GET /metrics`` (answered by any worker) reports the sum over all of them. Pool
gauges are then sampled by a small thread in each worker and summed over live workers.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from ipaddress import ip_address, ip_network
from typing import Protocol

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import values as prometheus_values
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def _cheap_pid_checks() -> None:
    """Multiprocess values compare ``os.getpid()`` with their file's pid on every update, a
    system call each (five per request: about 5 % of a cached read's CPU in a py-spy
    profile). prometheus_client lets the process identifier be replaced: this one is read
    once and refreshed in a forked child, which is exactly when it changes."""
    current = {"pid": os.getpid()}

    def refresh() -> None:
        current["pid"] = os.getpid()

    os.register_at_fork(after_in_child=refresh)
    prometheus_values.ValueClass = prometheus_values.MultiProcessValue(  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
        process_identifier=lambda: current["pid"]
    )


if MULTIPROCESS:
    _cheap_pid_checks()  # before any metric below creates its values

REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10),
)
IN_FLIGHT = Gauge("http_requests_in_flight", "HTTP requests being served", multiprocess_mode="livesum")
UI_SESSIONS = Gauge("ui_sessions", "Browser tabs connected to the UI", multiprocess_mode="livesum")
# Read-cache lookups by context and result: hit, miss, error (Redis failed: read from the
# database) or bypass (breaker open after an error). Hit ratio = hit / (hit + miss).
CACHE_READS = Counter("cache_reads_total", "Read-cache lookups", ["context", "result"])
# Full garbage collections, during which a worker's event loop stands still (gc_pauses.py).
GC_PAUSES = Histogram(
    "python_gc_full_collection_seconds",
    "Time the event loop stood still in full (generation 2) garbage collections",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1),
)
POOL_SAMPLE_SECONDS = 0.25
# delivered; failed (to be retried after a backoff); parked (failed for the last time).
OUTBOX_EVENTS = Counter("outbox_events_total", "Outbox event deliveries by outcome", ["context", "outcome"])

UNMATCHED = "<unmatched>"
OTHER_METHOD = "OTHER"
# Label values must come from a fixed set: a made-up method or path must not add a series.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _method_label(scope: Scope) -> str:
    method = scope.get("method", "")
    return method if method in KNOWN_METHODS else OTHER_METHOD


def _route_template(scope: Scope) -> str:
    """The matched route's path template (``/api/course/courses/{course_id}``), never the raw
    path, so ids do not explode the label cardinality.

    FastAPI leaves the matched route in the scope; for an included router its ``path`` is
    relative to the router's prefix, and the (static) prefix is the leading segments of
    the request path that the template does not account for. No route, or a catch-all
    mount (the UI's static files), is one ``<unmatched>`` value whatever the path.
    """
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not isinstance(template, str) or not template:
        return UNMATCHED
    segments = scope["path"].rstrip("/").split("/")
    template_segments = template.rstrip("/").split("/")
    extra = len(segments) - len(template_segments)
    if extra <= 0:
        return template
    return "/".join(segments[: extra + 1]) + template


class RequestMetrics:
    """Counts and times answered requests; labelled children are kept by label values
    (``labels()`` takes a lock and builds a key on every call)."""

    def __init__(self) -> None:
        self._requests: dict[tuple[str, str, str], Counter] = {}
        self._latency: dict[tuple[str, str], Histogram] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, str(status))
        if (requests := self._requests.get(key)) is None:
            requests = self._requests[key] = REQUESTS.labels(*key)
        if (latency := self._latency.get(key[:2])) is None:
            latency = self._latency[key[:2]] = LATENCY.labels(method, route)
        requests.inc()
        latency.observe(seconds)


def request_started() -> None:
    """A request is in flight (pair with ``request_ended``)."""
    if _pool_sampler is not None:
        _pool_sampler.ensure_running()
    IN_FLIGHT.inc()


def request_ended() -> None:
    IN_FLIGHT.dec()


class PrometheusMiddleware:
    """Pure ASGI middleware, so streaming and websockets pass through untouched."""

    def __init__(self, app: ASGIApp, *, skip: Iterable[str] = ("/metrics",)) -> None:
        self.app = app
        self.skip = set(skip)
        self._metrics = RequestMetrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.skip:
            await self.app(scope, receive, send)
            return
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        request_started()
        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            request_ended()
            self._metrics.observe(_method_label(scope), _route_template(scope), status["code"], elapsed)


class PoolCollector(Collector):
    """Reports each context's connections in use and pool size at scrape time."""

    def __init__(self, pools: Callable[[], dict[str, tuple[int, int]]]) -> None:
        self._pools = pools

    def collect(self) -> Iterator[GaugeMetricFamily]:
        in_use = GaugeMetricFamily("db_pool_in_use", "Connections checked out", labels=["context"])
        size = GaugeMetricFamily("db_pool_size", "Configured pool size", labels=["context"])
        for context, (used, total) in self._pools().items():
            in_use.add_metric([context], used)
            size.add_metric([context], total)
        yield in_use
        yield size


class PoolSampler:
    """Multiprocess mode: each worker copies its pools' state into summed gauges.

    A custom collector only sees the worker that answers the scrape, so instead every
    worker samples its own pools a few times a second (the thread is started lazily in
    the worker, never in a supervisor that forks afterwards).
    """

    def __init__(self) -> None:
        self.pools: Callable[[], dict[str, tuple[int, int]]] | None = None
        self._pid: int | None = None
        self._in_use = Gauge(
            "db_pool_in_use", "Connections checked out", ["context"], multiprocess_mode="livesum"
        )
        self._size = Gauge("db_pool_size", "Configured pool size", ["context"], multiprocess_mode="livesum")

    def ensure_running(self) -> None:
        if self._pid == os.getpid() or self.pools is None:
            return
        self._pid = os.getpid()
        threading.Thread(target=self._run, name="db-pool-sampler", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                for context, (used, total) in (self.pools or dict)().items():
                    self._in_use.labels(context).set(used)
                    self._size.labels(context).set(total)
            except Exception:  # noqa: BLE001, S110 - metrics must never break the worker
                pass
            time.sleep(POOL_SAMPLE_SECONDS)


_pool_collector: PoolCollector | None = None
# Only with prometheus multiprocess mode (MULTIPROCESS); None otherwise.
_pool_sampler: PoolSampler | None = PoolSampler() if MULTIPROCESS else None


def register_pool_collector(pools: Callable[[], dict[str, tuple[int, int]]]) -> None:
    """(Re)point the pool gauges at the current platform's databases."""
    global _pool_collector
    if _pool_sampler is not None:
        _pool_sampler.pools = pools
        # Start sampling now: a worker that serves only websockets never sees an HTTP request.
        _pool_sampler.ensure_running()
        return
    if _pool_collector is not None:
        REGISTRY.unregister(_pool_collector)
    _pool_collector = PoolCollector(pools)
    REGISTRY.register(_pool_collector)


async def metrics_endpoint(_: Request) -> Response:
    if _pool_sampler is not None:
        _pool_sampler.ensure_running()
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


_FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")


def metrics_access_allowed(request: Request, *, networks: list[str], token: str) -> bool:
    """May this request read /metrics? With the configured bearer token, from anywhere;
    without it, only from an allowed network, and never through a proxy (a forwarded
    request's peer is the proxy, whatever client stands behind it)."""
    if token:
        supplied = request.headers.get("authorization", "")
        if hmac.compare_digest(supplied.encode(), f"Bearer {token}".encode()):
            return True
    if any(name in request.headers for name in _FORWARDED) or request.client is None:
        return False
    try:
        peer = ip_address(request.client.host)
    except ValueError:
        return False
    return any(peer in ip_network(network, strict=False) for network in networks)


class MetricsAccess(Protocol):
    """The settings that decide who may read /metrics."""

    metrics_allowed_networks: list[str]
    metrics_token: str


def protected_metrics_endpoint(
    settings: Callable[[], MetricsAccess],
) -> Callable[[Request], Awaitable[Response]]:
    """``GET /metrics`` answering 403 JSON to clients the settings do not allow."""

    async def endpoint(request: Request) -> Response:
        s = settings()
        allowed = metrics_access_allowed(
            request,
            networks=s.metrics_allowed_networks,
            token=s.metrics_token,
        )
        if not allowed:
            return JSONResponse({"detail": "Metrics are not available to this client"}, status_code=403)
        return await metrics_endpoint(request)

    return endpoint
