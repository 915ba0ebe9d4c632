"""HTTP entry points: the one-process API (every router under ``/api/<ctx>``) and the
standalone per-context apps (router at the root, seed ports 8001-8005). A context served
by this process in a distributed topology also answers other services at
``/internal/<ctx>/<method>`` (service tokens only)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.middleware.cors import CORSMiddleware

from backend_services.bootstrap import built_platform, get_platform, platform_lifespan
from backend_services.course.fast_reads import Answer, FastCourseReads
from backend_services.shared.errors import install_error_handlers
from backend_services.shared.headers import security_headers
from backend_services.shared.http import health_router
from backend_services.shared.metrics import PrometheusMiddleware, protected_metrics_endpoint
from backend_services.shared.middleware import (
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    SecurityHeadersMiddleware,
)
from backend_services.shared.openapi import describe_errors
from backend_services.shared.remote.errors import ServiceUnavailable, service_unavailable_handler
from backend_services.shared.remote.server import internal_router
from backend_services.shared.remote.tokens import ServiceTokens
from backend_services.shared.settings import CONTEXTS, Settings, get_settings
from backend_services.shared.topology import Topology
from backend_services.wiring import FACADES


def _context_router(name: str) -> APIRouter:
    if name == "identity":
        from backend_services.identity.router import router
    elif name == "course":
        from backend_services.course.router import router
    elif name == "enrollment":
        from backend_services.enrollment.router import router
    elif name == "payment":
        from backend_services.payment.router import router
    elif name == "notification":
        from backend_services.notification.router import router
    else:
        raise KeyError(name)
    return router


def _ping(name: str) -> Callable[[], Awaitable[None]]:
    async def ping() -> None:
        platform = get_platform()
        if name in platform.remotes:  # served elsewhere: ready when that service is
            await platform.remotes[name].ping()
        else:
            await platform.databases[name].ping()

    return ping


def _internal_routers(served: Iterable[str]) -> list[APIRouter]:
    def facade_of(name: str) -> Callable[[], Any]:
        return lambda: getattr(get_platform(), name)

    def tokens() -> ServiceTokens:
        service_tokens = get_platform().service_tokens
        if service_tokens is None:  # internal routes exist only where the topology gave tokens
            raise RuntimeError("internal routes are served without service tokens")
        return service_tokens

    return [internal_router(name, FACADES[name], facade_of(name), tokens) for name in served]


def _settings() -> Settings:
    """The running platform's settings; before it exists (building the app), the process's.

    Building the platform here would fix its topology before a standalone service's
    lifespan says which contexts it serves."""
    platform = built_platform()
    return platform.settings if platform is not None else get_settings()


def _local_course_answer() -> Answer | None:
    """The course facade's stored answers, when this process serves the course context on
    its own database (not before the platform is built, nor through a remote adapter)."""
    platform = built_platform()
    if platform is None or "course" not in platform.databases:
        return None
    return platform.course.cached_public_answer


def create_api(
    contexts: Iterable[str] = CONTEXTS,
    *,
    standalone: bool = False,
    with_lifespan: bool = True,
    ui_csp: Callable[[], str] | None = None,
) -> FastAPI:
    """Build the FastAPI app. ``standalone`` serves one context at the root (``/register``);
    otherwise each context lives under ``/api/<ctx>``. Without ``with_lifespan`` the host
    (the Reflex app) starts and stops the platform itself; a host serving UI pages through
    this app passes their Content-Security-Policy as ``ui_csp``."""
    contexts = list(contexts)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with platform_lifespan(serve=contexts if standalone else None):
            yield

    title = f"EduPlatform {contexts[0]} service" if standalone else "EduPlatform API"
    app = FastAPI(
        title=title,
        lifespan=lifespan if with_lifespan else None,
        docs_url="/docs" if standalone else "/api/docs",
        openapi_url="/openapi.json" if standalone else "/api/openapi.json",
        redoc_url=None,
        # Metrics are Prometheus's (shared/metrics.py); without this FastAPI asks the
        # OpenTelemetry providers on every request whether anyone listens.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    install_error_handlers(app)
    app.add_exception_handler(ServiceUnavailable, service_unavailable_handler)
    for name in contexts:
        prefix = "" if standalone else f"/api/{name}"
        app.include_router(_context_router(name), prefix=prefix)
        app.include_router(health_router(name, _ping(name)), prefix=prefix)
    # Other services call the contexts served here; one process (the default) needs none of it.
    topology = Topology.from_settings(get_settings(), contexts if standalone else None)
    if topology.is_distributed:
        for router in _internal_routers(c for c in contexts if c in topology.local):
            app.include_router(router)
    app.add_route("/metrics", protected_metrics_endpoint(_settings), include_in_schema=False)
    describe_errors(app)
    # Last added runs first: metrics see every answer, including the ones produced by the
    # middleware inside them (request id and last-resort errors, security headers, 413).
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=lambda: _settings().max_request_bytes)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, headers_for=security_headers(ui_csp))
    app.add_middleware(
        CORSMiddleware,
        allow_origins=_settings().cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    app.add_middleware(PrometheusMiddleware)
    if "course" in contexts and _settings().fast_reads_enabled:
        app.add_middleware(
            FastCourseReads,
            prefix="" if standalone else "/api/course",
            answer=_local_course_answer,
            security_headers=security_headers(ui_csp)("/api/"),
        )
    return app
