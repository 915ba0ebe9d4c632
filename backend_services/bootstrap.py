"""Composition root: builds the five contexts' facades and wires them together.

Cross-context dependencies are handed in here (course asks enrollment whether a
student is enrolled, enrollment asks course and payment, producers' outboxes feed
notification), so no context imports another's internals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends

from backend_services.course.facade import CourseFacade
from backend_services.enrollment.facade import EnrollmentFacade
from backend_services.identity.facade import IdentityFacade
from backend_services.notification.facade import NotificationFacade
from backend_services.payment.facade import PaymentFacade
from backend_services.shared.database import Database
from backend_services.shared.http import set_token_service
from backend_services.shared.live import LiveSignals
from backend_services.shared.metrics import register_pool_collector
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.outbox import Outbox
from backend_services.shared.security import TokenService
from backend_services.shared.settings import CONTEXTS, Settings, get_settings

log = logging.getLogger(__name__)


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
    live: LiveSignals = field(default_factory=LiveSignals)
    _sweeper: asyncio.Task | None = field(default=None, repr=False)

    @property
    def outboxes(self) -> list[Outbox]:
        return [self.identity.outbox, self.enrollment.outbox, self.payment.outbox]

    async def start(self, *, run_sweeper: bool = True) -> None:
        """Migrate (when configured), create the admin account, start the outbox sweeper."""
        if self.settings.auto_migrate:
            await asyncio.to_thread(upgrade_all, self.settings)
        s = self.settings
        if await self.identity.ensure_admin(
            email=s.admin_email, password=s.admin_password, name=s.admin_name
        ):
            log.info("created admin account %s", s.admin_email)
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
        for db in self.databases.values():
            await db.dispose()
        await self.live.close()

    def pool_status(self) -> dict[str, tuple[int, int]]:
        return {name: db.pool_status() for name, db in self.databases.items()}


def build_platform(settings: Settings | None = None) -> Platform:
    settings = settings or get_settings()
    databases = {name: Database(name, settings) for name in CONTEXTS}
    tokens = TokenService(settings)
    notification = NotificationFacade(databases["notification"])
    holder: dict[str, EnrollmentFacade] = {}

    async def is_enrolled(student_id, course_id) -> bool:
        return await holder["enrollment"].is_enrolled(student_id, course_id)

    course = CourseFacade(databases["course"], is_enrolled=is_enrolled)
    payment = PaymentFacade(databases["payment"], courses=course)
    identity = IdentityFacade(databases["identity"], tokens)
    enrollment = EnrollmentFacade(
        databases["enrollment"],
        courses=course,
        payments=payment,
        people=identity,
        public_base_url=settings.public_base_url,
    )
    holder["enrollment"] = enrollment
    for outbox in (identity.outbox, enrollment.outbox, payment.outbox):
        outbox.subscribe(notification.handle_event)
    # A completed course gets its certificate through the same event as its notification.
    enrollment.outbox.subscribe(enrollment.certificates.handle_event, name="certificates")
    # After the notification is stored, every open tab of its user is told to refresh.
    live = LiveSignals(
        settings.live_redis_url or os.environ.get("REFLEX_REDIS_URL", ""), settings.live_namespace
    )
    for outbox in (identity.outbox, enrollment.outbox, payment.outbox):
        outbox.subscribe(live.handle_event, name="live")
    return Platform(
        settings=settings,
        tokens=tokens,
        databases=databases,
        identity=identity,
        course=course,
        enrollment=enrollment,
        payment=payment,
        notification=notification,
        live=live,
    )


_platform: Platform | None = None


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
async def platform_lifespan() -> AsyncIterator[Platform]:
    """Start the platform for the life of a server process and stop it afterwards."""
    platform = get_platform()
    await platform.start()
    try:
        yield platform
    finally:
        await platform.stop()


PlatformDep = Annotated[Platform, Depends(get_platform)]
