"""Abuse limits on top of the ``limits`` library: moving windows kept in Redis when
``EDU_REDIS_URL`` is set (shared by every worker), otherwise in this process's memory.

A limit is a setting in ``limits`` notation ("5/minute;50/hour"): every window of it
must have room for a request to pass. Keys are hashed, so no e-mail address or client
address is stored in Redis in the clear.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Awaitable
from typing import TypeVar

from limits import RateLimitItem, RateLimitItemPerDay, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from backend_services.shared.errors import TooManyRequests
from backend_services.shared.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
TOO_MANY_ATTEMPTS = "Too many attempts, please try again later"


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class RateLimiter:
    """Counts attempts per (limit name, key) and refuses with 429 past the limit.

    When the storage itself fails (Redis down) requests pass and a warning is logged:
    losing abuse protection for a while is better than refusing every login.
    """

    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limits_enabled
        self.storage: Storage = _storage(settings)
        self._windows = MovingWindowRateLimiter(self.storage)

    async def hit(self, name: str, limit: str, *key: str) -> None:
        """Count one attempt; raise TooManyRequests when any window of ``limit`` is full."""
        if not self.enabled:
            return
        for item in parse_many(limit):
            if not await self._safely(name, self._windows.hit(item, name, _key(*key)), fallback=True):
                raise TooManyRequests(TOO_MANY_ATTEMPTS, retry_after=await self._retry_after(item, name, key))

    async def check(self, name: str, limit: str, *key: str) -> int | None:
        """Seconds until ``limit`` has room again, or None when it has room now (counts nothing)."""
        if not self.enabled:
            return None
        for item in parse_many(limit):
            if not await self._safely(name, self._windows.test(item, name, _key(*key)), fallback=True):
                return await self._retry_after(item, name, key)
        return None

    async def record(self, name: str, limit: str, *key: str) -> None:
        """Count one event against ``limit`` without refusing anything (e.g. a failed login)."""
        if not self.enabled:
            return
        for item in parse_many(limit):
            await self._safely(name, self._windows.hit(item, name, _key(*key)), fallback=True)

    async def remember(self, name: str, days: int, *key: str) -> None:
        """Mark ``key`` as seen for ``days`` (restarting the period)."""
        if not self.enabled:
            return
        item = RateLimitItemPerDay(1, days)
        await self._safely(name, self._windows.clear(item, name, _key(*key)), fallback=None)
        await self._safely(name, self._windows.hit(item, name, _key(*key)), fallback=True)

    async def remembers(self, name: str, days: int, *key: str) -> bool:
        """True when ``remember`` stored ``key`` within the last ``days``."""
        if not self.enabled:
            return False
        item = RateLimitItemPerDay(1, days)
        return not await self._safely(name, self._windows.test(item, name, _key(*key)), fallback=True)

    @staticmethod
    async def _safely(name: str, operation: Awaitable[T], *, fallback: T) -> T:
        """The storage's answer, or ``fallback`` (letting the request through) when it fails."""
        try:
            return await operation
        except Exception as exc:  # noqa: BLE001 - see the class docstring
            log.warning("rate limit %s: storage unavailable: %s", name, exc)
            return fallback

    async def _retry_after(self, item: RateLimitItem, name: str, key: tuple[str, ...]) -> int:
        stats = await self._windows.get_window_stats(item, name, _key(*key))
        return max(1, math.ceil(stats.reset_time - time.time()))


def _storage(settings: Settings) -> Storage:
    if not settings.redis_url:
        return MemoryStorage()
    uri = settings.redis_url if settings.redis_url.startswith("async+") else f"async+{settings.redis_url}"
    return RedisStorage(uri, implementation="redispy", key_prefix=f"{settings.redis_key_prefix}:limits")
