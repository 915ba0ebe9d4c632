"""Per-user change counters for live UI updates.

When something happens to a user (a notification, a completion, a certificate) the
platform bumps that user's counter; every open tab of the user polls the counter
cheaply (one Redis GET) and refreshes itself when it moves. With Redis the counters
are shared by every worker and process; without it (one process, development) they
live in memory.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from backend_services.shared.outbox import Event

log = logging.getLogger(__name__)
RECIPIENT_KEYS = ("student_id", "user_id")
TTL_SECONDS = 24 * 3600


class LiveSignals:
    def __init__(self, redis_url: str = "", namespace: str = "edu:live") -> None:
        self._namespace = namespace
        self._memory: dict[uuid.UUID, int] = {}
        self._redis: Any = None
        if redis_url:
            from redis.asyncio import Redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            # Short timeouts, one retry: a slow Redis must not slow down event delivery.
            self._redis = Redis.from_url(
                redis_url, socket_connect_timeout=1, socket_timeout=1, retry=Retry(NoBackoff(), 1)
            )

    def _key(self, user_id: uuid.UUID) -> str:
        return f"{self._namespace}:{user_id}"

    async def bump(self, user_id: uuid.UUID) -> None:
        """Tell every open tab of ``user_id`` that something changed."""
        if self._redis is None:
            self._memory[user_id] = self._memory.get(user_id, 0) + 1
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            await pipe.incr(self._key(user_id)).expire(self._key(user_id), TTL_SECONDS).execute()

    async def version(self, user_id: uuid.UUID) -> int:
        """The user's counter (0 before anything happened)."""
        if self._redis is None:
            return self._memory.get(user_id, 0)
        value = await self._redis.get(self._key(user_id))
        return int(value or 0)

    async def handle_event(self, event: Event) -> None:
        """Outbox consumer: any event about a user moves that user's counter.

        Best effort: live updates are a convenience (a reload shows the same), so a
        Redis outage is logged and never holds back the outbox's other consumers.
        """
        for key in RECIPIENT_KEYS:
            if key in event.payload:
                try:
                    await self.bump(uuid.UUID(str(event.payload[key])))
                except ValueError:
                    log.warning("live: event %s has a malformed %s", event.id, key)
                except Exception as exc:  # noqa: BLE001 - see above
                    log.warning("live: could not signal event %s: %s", event.id, exc)
                return

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
