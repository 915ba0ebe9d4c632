"""Public API of the operations view: admins read the app's own metrics and backlogs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from backend_services.ops import readings
from backend_services.ops.rates import RouteRates, between
from backend_services.shared.errors import Forbidden
from backend_services.shared.outbox import Outbox
from backend_services.shared.security import Principal

log = logging.getLogger(__name__)
ADMIN_REQUIRED = "Admin access required"


@dataclass(frozen=True)
class OpsSnapshot:
    """One reading plus the outbox backlog per producing context (None: could not be read)."""

    reading: readings.Reading
    outbox_backlog: dict[str, int | None]


class OpsFacade:
    def __init__(self, outboxes: Callable[[], list[Outbox]]) -> None:
        self._outboxes = outboxes

    async def snapshot(self, actor: Principal) -> OpsSnapshot:
        """Metrics of every worker now, and how many events wait in each outbox."""
        if not actor.is_admin:
            raise Forbidden(ADMIN_REQUIRED)
        reading = await asyncio.to_thread(readings.read)  # parses every worker's files
        outboxes = self._outboxes()
        counts = await asyncio.gather(*(o.pending_count() for o in outboxes), return_exceptions=True)
        backlog: dict[str, int | None] = {}
        for outbox, count in zip(outboxes, counts, strict=True):
            if isinstance(count, BaseException):
                log.warning("outbox %s: backlog unreadable: %s", outbox.db.context, count)
                backlog[outbox.db.context] = None
            else:
                backlog[outbox.db.context] = count
        return OpsSnapshot(reading=reading, outbox_backlog=backlog)

    @staticmethod
    def rates(before: OpsSnapshot, now: OpsSnapshot) -> list[RouteRates]:
        """Per-route rates between two snapshots (total first, then busiest routes)."""
        return between(before.reading, now.reading)
