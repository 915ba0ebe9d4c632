"""Cache-aside for read paths that serve every visitor, coherent across workers.

Entries are namespaced by a *version*: a reader looks up ``<key>@<version of its scope>``
and fills that exact key on a miss; a write that changes the answer bumps the scope's
version after its transaction commits. Readers that started before the bump may still
fill the old versioned key with old data, but nobody reads that key again, so the classic
cache-aside race (a slow reader writing a stale value back after the invalidation) cannot
serve stale data. Lookup of the version and the entry is one Redis round trip (a small
Lua script); old versions simply expire with their TTL.

Redis failures degrade to the database, never to errors: a failed call opens a breaker
for a few seconds, during which reads go straight to the loader. A version bump that
cannot reach Redis is remembered and replayed before this worker uses the cache again.
If only this worker lost Redis while others kept it (a partition), the others may serve
the pre-write value until the entry's TTL ends; the TTL bounds that case. A Redis restart
without persistence loses versions and entries together, which is safe.

Without ``EDU_REDIS_URL`` (development, one process) an in-process cache with the same
semantics is used; ``EDU_CACHE_ENABLED=false`` caches nothing (the Phase 0 baseline).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from backend_services.shared.metrics import CACHE_READS

log = logging.getLogger(__name__)

T = TypeVar("T")

# Returns {version, entry-or-false}. KEYS[1] = version key; ARGV[1] = entry key prefix.
_LOOKUP = """
local v = redis.call('GET', KEYS[1]) or '0'
return {v, redis.call('GET', ARGV[1] .. '@' .. v)}
"""


# Parsed values kept for get_or_load(shared=True): the hot set of course pages, bounded
# because a curriculum's objects take several times its stored size.
_SHARED_PARSED_MAX = 512


class CacheBackend(Protocol):
    async def lookup(self, scope: str, key: str) -> tuple[str, bytes | None]: ...

    async def fill(self, key: str, version: str, value: bytes, ttl: float) -> None: ...

    async def bump(self, *scopes: str) -> None: ...


class MemoryBackend:
    """One process's cache (development without Redis; tests). Bounded LRU."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._versions: dict[str, int] = {}
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._max = max_entries

    async def lookup(self, scope: str, key: str) -> tuple[str, bytes | None]:
        version = str(self._versions.get(scope, 0))
        entry = self._entries.get(f"{key}@{version}")
        if entry is None or entry[0] < time.monotonic():
            return version, None
        self._entries.move_to_end(f"{key}@{version}")
        return version, entry[1]

    async def fill(self, key: str, version: str, value: bytes, ttl: float) -> None:
        self._entries[f"{key}@{version}"] = (time.monotonic() + ttl, value)
        self._entries.move_to_end(f"{key}@{version}")
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    async def bump(self, *scopes: str) -> None:
        for scope in scopes:
            self._versions[scope] = self._versions.get(scope, 0) + 1


class RedisBackend:
    """Redis shared by every worker and instance; keys under ``<prefix>:cache:``."""

    def __init__(self, url: str, prefix: str, *, timeout: float = 0.25) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self._prefix = f"{prefix}:cache"
        self._lookup = self._redis.register_script(_LOOKUP)

    def _version_key(self, scope: str) -> str:
        return f"{self._prefix}:v:{scope}"

    async def lookup(self, scope: str, key: str) -> tuple[str, bytes | None]:
        version, value = await self._lookup(keys=[self._version_key(scope)], args=[f"{self._prefix}:{key}"])
        return (version.decode() if isinstance(version, bytes) else str(version)), value or None

    async def fill(self, key: str, version: str, value: bytes, ttl: float) -> None:
        await self._redis.set(f"{self._prefix}:{key}@{version}", value, px=int(ttl * 1000))

    async def bump(self, *scopes: str) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for scope in scopes:
                pipe.incr(self._version_key(scope))
            await pipe.execute()

    async def close(self) -> None:
        await self._redis.aclose()


class Cache:
    """Cache-aside with versioned scopes and a breaker that falls back to the database."""

    def __init__(
        self,
        backend: CacheBackend | None,
        *,
        ttl: float = 300.0,
        breaker_seconds: float = 5.0,
        name: str = "cache",
    ):
        self._backend = backend
        # Counted per lookup result in the cache_reads_total metric (labels bound in advance).
        self._counted = {r: CACHE_READS.labels(name, r) for r in ("hit", "miss", "error", "bypass")}
        self._ttl = ttl
        self._breaker_seconds = breaker_seconds
        self._open_until = 0.0
        self._lost_bumps: set[str] = set()
        # key -> (stored bytes, what parse made of them), for get_or_load(shared=True).
        self._parsed: OrderedDict[str, tuple[bytes, object]] = OrderedDict()
        self.hits = self.misses = self.errors = 0

    @property
    def enabled(self) -> bool:
        return self._backend is not None

    def _available(self) -> bool:
        return self._backend is not None and time.monotonic() >= self._open_until

    def _trip(self, exc: Exception) -> None:
        self.errors += 1
        if time.monotonic() >= self._open_until:
            log.warning(
                "cache unavailable, reading from the database for %.0f s: %s", self._breaker_seconds, exc
            )
        self._open_until = time.monotonic() + self._breaker_seconds

    async def _recover(self) -> bool:
        """Before using the cache again, replay the version bumps Redis missed."""
        if not self._lost_bumps:
            return True
        try:
            await self._backend.bump(*self._lost_bumps)  # type: ignore[union-attr]  # _available() saw it set
        except Exception as exc:  # noqa: BLE001 - still down: stay on the database
            self._trip(exc)
            return False
        self._lost_bumps.clear()
        return True

    async def get_or_load(
        self,
        scope: str,
        key: str,
        load: Callable[[], Awaitable[T]],
        *,
        dump: Callable[[T], bytes],
        parse: Callable[[bytes], T],
        ttl: float | None = None,
        shared: bool = False,
    ) -> T:
        """The cached value of ``key`` in ``scope``, or ``load()`` (stored for next time).

        ``load`` may raise (e.g. NotFound): nothing is cached then. With ``shared``, a hit
        whose stored bytes are the ones parsed last time for this key returns that same
        object instead of parsing again (a 48-lesson curriculum costs about 84 us to parse,
        comparing its bytes 0.1 us). The object is shared by every such caller in this
        process, so callers must treat it as read-only."""
        if self._backend is None:
            return await load()
        if not self._available() or not await self._recover():
            self._counted["bypass"].inc()
            return await load()
        found = await self._lookup(scope, key)
        if found is None:
            return await load()
        version, raw = found
        if raw is not None:
            self.hits += 1
            self._counted["hit"].inc()
            return self._shared_parse(key, raw, parse) if shared else parse(raw)
        self.misses += 1
        self._counted["miss"].inc()
        value = await load()
        try:
            await self._backend.fill(key, version, dump(value), ttl or self._ttl)
        except Exception as exc:  # noqa: BLE001
            self._trip(exc)
        return value

    def _shared_parse(self, key: str, raw: bytes, parse: Callable[[bytes], T]) -> T:
        kept = self._parsed.get(key)
        if kept is not None and kept[0] == raw:
            self._parsed.move_to_end(key)
            return kept[1]  # type: ignore[return-value]  # parsed by this key's own parse
        value = parse(raw)
        self._parsed[key] = (raw, value)
        if len(self._parsed) > _SHARED_PARSED_MAX:
            self._parsed.popitem(last=False)
        return value

    async def peek(
        self, scope: str, key: str, answer: Callable[[bytes], bytes | None] | None = None
    ) -> bytes | None:
        """The stored bytes of ``key`` in ``scope`` (or what ``answer`` makes of them) if the
        cache holds them now, else None. Never loads: a caller that gets None asks
        ``get_or_load``, which counts the miss; a hit is counted only when something is
        returned. Serves answers that are sent as they are stored, without parsing them."""
        if not self._available() or self._lost_bumps:
            return None
        found = await self._lookup(scope, key)
        raw = found[1] if found is not None else None
        if raw is not None and answer is not None:
            raw = answer(raw)
        if raw is None:
            return None
        self.hits += 1
        self._counted["hit"].inc()
        return raw

    async def _lookup(self, scope: str, key: str) -> tuple[str, bytes | None] | None:
        """(scope version, stored bytes or None); None when Redis failed (the breaker is
        tripped and the error counted: the caller reads the database instead)."""
        try:
            return await self._backend.lookup(scope, key)  # type: ignore[union-attr]  # callers checked _available()
        except Exception as exc:  # noqa: BLE001 - Redis trouble never fails a read
            self._trip(exc)
            self._counted["error"].inc()
            return None

    async def invalidate(self, *scopes: str) -> None:
        """Call after the write committed: every entry of these scopes is outdated."""
        if self._backend is None or not scopes:
            return
        try:
            await self._backend.bump(*scopes)
        except Exception as exc:  # noqa: BLE001 - remembered and replayed before the next read
            self._lost_bumps.update(scopes)
            self._trip(exc)

    async def close(self) -> None:
        close = getattr(self._backend, "close", None)
        if close is not None:
            await close()


def build_cache(*, enabled: bool, redis_url: str, prefix: str, ttl: float, name: str = "cache") -> Cache:
    """The process's cache from settings: Redis when configured, else in-process, or none."""
    if not enabled:
        return Cache(None, name=name)
    backend: CacheBackend = RedisBackend(redis_url, prefix) if redis_url else MemoryBackend()
    return Cache(backend, ttl=ttl, name=name)
