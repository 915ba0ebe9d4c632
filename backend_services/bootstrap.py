"""Composition root: builds the five contexts' facades and wires them together.

Cross-context dependencies are handed in here (course asks enrollment whether a
student is enrolled, enrollment asks course and payment, producers' outboxes feed
notification), so no context imports another's internals.

The topology decides what is built: a context served by this process gets its database
and facade; one served elsewhere (``EDU_<CTX>_SERVICE_URL``) gets a remote adapter with
the same API; events go in-process or through the broker (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends

from backend_services.course.facade import CourseFacade
from backend_services.demo import demo_enabled, ensure_demo_content
from backend_services.enrollment.facade import EnrollmentFacade
from backend_services.identity.facade import IdentityFacade
from backend_services.identity.mail import mailer_from
from backend_services.notification.facade import NotificationFacade
from backend_services.ops.facade import OpsFacade
from backend_services.payment.facade import PaymentFacade
from backend_services.read_caches import CACHED_CONTEXTS, context_cache
from backend_services.shared import gc_pauses
from backend_services.shared.broker.routing import EventRouting
from backend_services.shared.cache import Cache
from backend_services.shared.database import Database
from backend_services.shared.http import set_token_service
from backend_services.shared.live import LiveSignals
from backend_services.shared.metrics import register_pool_collector
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.outbox import Outbox
from backend_services.shared.rate_limit import RateLimiter
from backend_services.shared.remote.client import RemoteContext, RemotePolicy
from backend_services.shared.remote.proxy import remote_facade
from backend_services.shared.remote.tokens import ServiceTokens
from backend_services.shared.security import TokenService
from backend_services.shared.settings import Settings, get_settings
from backend_services.shared.topology import Topology, TopologyError
from backend_services.wiring import FACADES, NEEDS, subscriptions

log = logging.getLogger(__name__)
F = TypeVar("F")


@dataclass
class Platform:
    settings: Settings
    tokens: TokenService
    databases: dict[str, Database]
    identity: IdentityFacade
    course: CourseFacade
    enrollment: EnrollmentFacade
    payment: PaymentFacade
    notification: NotificationFacade
    topology: Topology | None = None
    service_tokens: ServiceTokens | None = None
    remotes: dict[str, RemoteContext] = field(default_factory=dict)
    events: EventRouting | None = None
    live: LiveSignals = field(default_factory=LiveSignals)
    # The read caches of the contexts served here, by context (closed on stop).
    caches: dict[str, Cache] = field(default_factory=dict)
    _sweeper: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def local(self) -> tuple[str, ...]:
        """The contexts this process serves on its own databases."""
        return tuple(self.databases)

    @property
    def outboxes(self) -> list[Outbox]:
        return list(local_outboxes(self.local, self.facades()).values())

    def facades(self) -> dict[str, Any]:
        """Every context's facade: the real one, a remote adapter, or a stand-in saying why not."""
        return {name: getattr(self, name) for name in FACADES}

    @property
    def ops(self) -> OpsFacade:
        """The operations view over this platform's metrics and outboxes (admins only)."""
        return OpsFacade(lambda: self.outboxes)

    async def start(self, *, run_sweeper: bool = True, demo: bool = True) -> None:
        """Migrate (when configured), create the admin account, start the outbox sweeper;
        in development, fill an empty catalog with the demo content."""
        if self.settings.auto_migrate:
            await asyncio.to_thread(upgrade_all, self.settings, "head", self.local)
        s = self.settings
        # The curated categories belong with the catalog's database.
        if "course" in self.local:
            await self.course.ensure_categories()
        # Only the process that owns the identity database creates the admin account.
        if "identity" in self.local and await self.identity.ensure_admin(
            email=s.admin_email, password=s.admin_password, name=s.admin_name
        ):
            log.info("created admin account %s", s.admin_email)
        if self.events is not None:
            await self.events.start()
        # Demo content is made through the facades; only where the catalog is local.
        if demo and demo_enabled(s) and "course" in self.local:
            await ensure_demo_content(self)
        if run_sweeper and self._sweeper is None:
            self._sweeper = asyncio.create_task(self._sweep_forever())

    async def sweep_outboxes(self) -> int:
        """Deliver every pending outbox event once; returns how many were delivered."""
        delivered = 0
        for outbox in self.outboxes:
            delivered += await outbox.sweep()
        return delivered

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.settings.outbox_poll_seconds)
            try:
                await self.sweep_outboxes()
            except Exception:  # noqa: BLE001 - a broken sweep must not kill the process
                log.exception("outbox sweep failed")

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        if self.events is not None:
            await self.events.stop()
        for remote in self.remotes.values():
            await remote.aclose()
        for db in self.databases.values():
            await db.dispose()
        for cache in self.caches.values():
            await cache.close()
        await self.live.close()

    def pool_status(self) -> dict[str, tuple[int, int]]:
        return {name: db.pool_status() for name, db in self.databases.items()}


class AbsentContext:
    """Stands in for a context that is neither served here nor configured by URL; NEEDS in
    wiring.py makes start-up fail before anything could call it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        raise TopologyError(
            f"the {self._name} context is not available in this process: "
            f"set EDU_{self._name.upper()}_SERVICE_URL"
        )


def local_outboxes(local: Iterable[str], facades: dict[str, Any]) -> dict[str, Outbox]:
    """The outbox of every local context that publishes events."""
    return {
        name: outbox for name in local if isinstance(outbox := getattr(facades[name], "outbox", None), Outbox)
    }


def build_platform(settings: Settings | None = None, *, serve: Iterable[str] | None = None) -> Platform:
    """Wire the facades; ``serve`` (or ``EDU_SERVE_CONTEXTS``) limits what runs in this process."""
    settings = settings or get_settings()
    topology = Topology.from_settings(settings, serve)
    topology.check_needs(NEEDS)
    databases = {name: Database(name, settings) for name in topology.local}
    tokens = TokenService(settings)
    service_tokens = ServiceTokens(
        # One process makes no service calls: no secret is needed (or generated) then.
        settings.service_signing_secret if topology.is_distributed else "",
        service="+".join(topology.local) or "gateway",
        ttl_seconds=settings.service_token_ttl_seconds,
    )
    policy = RemotePolicy(
        timeout_seconds=settings.remote_timeout_seconds,
        retries=settings.remote_retries,
        breaker_failures=settings.remote_breaker_failures,
        breaker_reset_seconds=settings.remote_breaker_reset_seconds,
    )
    remotes = {
        name: RemoteContext(name, url, service_tokens, policy) for name, url in topology.remote.items()
    }

    def build(name: str, make: Callable[[], F]) -> F:
        where = topology.where(name)
        if where == "local":
            return make()
        if where == "remote":
            return remote_facade(FACADES[name], remotes[name])
        return cast(F, AbsentContext(name))  # stands in for the facade: every call raises

    # Every open tab of a user is told to refresh once an event about them has been turned
    # into a notification (in the notification process, whichever topology runs it).
    live = LiveSignals(
        settings.live_redis_url or os.environ.get("REFLEX_REDIS_URL", ""), settings.live_namespace
    )
    notification = build(
        "notification",
        lambda: NotificationFacade(databases["notification"], after_event=live.handle_event),
    )
    holder: dict[str, EnrollmentFacade] = {}

    async def is_enrolled(student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        return await holder["enrollment"].is_enrolled(student_id, course_id)

    # Built only where the course context is served: callers elsewhere go through its facade.
    caches = {name: context_cache(settings, name) for name in CACHED_CONTEXTS if name in topology.local}
    course = build(
        "course",
        lambda: CourseFacade(
            databases["course"], is_enrolled=is_enrolled, settings=settings, cache=caches["course"]
        ),
    )
    payment = build("payment", lambda: PaymentFacade(databases["payment"], courses=course))
    identity = build(
        "identity",
        lambda: IdentityFacade(
            databases["identity"],
            tokens,
            settings=settings,
            limiter=RateLimiter(settings),
            mailer=mailer_from(settings),
        ),
    )
    enrollment = build(
        "enrollment",
        lambda: EnrollmentFacade(
            databases["enrollment"],
            courses=course,
            payments=payment,
            people=identity,
            public_base_url=settings.public_base_url,
        ),
    )
    holder["enrollment"] = enrollment
    facades = {
        "identity": identity,
        "course": course,
        "enrollment": enrollment,
        "payment": payment,
        "notification": notification,
    }
    events = EventRouting(
        settings,
        topology,
        subscriptions(settings),
        facades,
        local_outboxes(topology.local, facades),
    )
    return Platform(
        settings=settings,
        tokens=tokens,
        databases=databases,
        identity=identity,
        course=course,
        enrollment=enrollment,
        payment=payment,
        notification=notification,
        topology=topology,
        service_tokens=service_tokens,
        remotes=remotes,
        events=events,
        live=live,
        caches=caches,
    )


_platform: Platform | None = None


def built_platform() -> Platform | None:
    """The process-wide platform if something already built it (never builds one)."""
    return _platform


def get_platform() -> Platform:
    """The process-wide platform, built from the environment on first use."""
    global _platform
    if _platform is None:
        set_platform(build_platform())
    assert _platform is not None
    return _platform


def set_platform(platform: Platform) -> None:
    global _platform
    _platform = platform
    set_token_service(platform.tokens)
    register_pool_collector(platform.pool_status)


@contextlib.asynccontextmanager
async def platform_lifespan(serve: Iterable[str] | None = None) -> AsyncIterator[Platform]:
    """Start the platform for the life of a server process and stop it afterwards; a standalone
    service passes the contexts it ``serve``s."""
    if _platform is None:
        set_platform(build_platform(serve=serve))
    platform = get_platform()
    await platform.start()
    # Tests start and stop platforms many times in one process: nothing is frozen there.
    gc_pauses.settle_after_startup(freeze=platform.settings.gc_freeze and platform.settings.env != "test")
    try:
        yield platform
    finally:
        await platform.stop()


async def _platform_dependency() -> Platform:
    # async on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread
    # hand-off on every request for what is a global lookup.
    return get_platform()


PlatformDep = Annotated[Platform, Depends(_platform_dependency)]
