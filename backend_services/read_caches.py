"""Which contexts keep a read cache, and where (docs/ARCHITECTURE.md, "Read cache").

A context's cached reads live in Redis under
``<EDU_REDIS_KEY_PREFIX>:<context>:<database>:cache:``, where ``<database>`` names the
context's database (its name on a server, its path for a SQLite file). Two deployments
or test runs that share a Redis but not a database (a second data set, a test app beside
the lab) therefore never read each other's answers, while every worker and instance on the
same database shares one cache whichever host name or pooler its URL goes through.
"""

from __future__ import annotations

import hashlib
import logging
import os

from sqlalchemy.engine import make_url

from backend_services.shared.cache import Cache, build_cache
from backend_services.shared.settings import Settings

log = logging.getLogger(__name__)

CACHED_CONTEXTS = ("course",)


def cache_redis_url(settings: Settings) -> str:
    """EDU_CACHE_REDIS_URL, else EDU_REDIS_URL, else REFLEX_REDIS_URL; empty: in process."""
    return settings.cache_redis_url or settings.redis_url or os.environ.get("REFLEX_REDIS_URL", "")


def cache_prefix(settings: Settings, context: str) -> str:
    """The Redis key prefix of one context's cache on its database."""
    database = make_url(settings.database_url(context)).database or ""
    digest = hashlib.sha256(database.encode()).hexdigest()[:12]
    return f"{settings.redis_key_prefix}:{context}:{digest}"


def _several_workers() -> bool:
    """Whether the server said it runs more than one worker process (granian, uvicorn/gunicorn)."""
    for name in ("GRANIAN_WORKERS", "WEB_CONCURRENCY"):
        value = os.environ.get(name, "").strip()
        if value.isdigit() and int(value) > 1:
            return True
    return False


def context_cache(settings: Settings, context: str) -> Cache:
    """A context's read cache: Redis when one is configured, else this process's memory;
    nothing with EDU_CACHE_ENABLED=false.

    Without Redis but with several workers there is no cache at all: each worker's memory
    would miss the invalidations of writes served by the others."""
    redis_url = cache_redis_url(settings)
    enabled = settings.cache_enabled
    if enabled and not redis_url and _several_workers():
        log.warning(
            "%s read cache off: several workers and no Redis (set EDU_CACHE_REDIS_URL or EDU_REDIS_URL)",
            context,
        )
        enabled = False
    return build_cache(
        enabled=enabled,
        redis_url=redis_url,
        prefix=cache_prefix(settings, context),
        ttl=settings.cache_ttl_seconds,
        name=context,
    )


async def forget_cached_reads(settings: Settings) -> int:
    """Delete the cached reads of these settings' databases from Redis; returns how many
    keys went.

    For whoever writes the databases behind the facades' back (the load-test seeder, a
    restore): no write path invalidated anything then. In-process caches end with their
    process; without Redis there is nothing to do."""
    url = cache_redis_url(settings)
    if not url:
        return 0
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    deleted = 0
    try:
        for context in CACHED_CONTEXTS:
            keys = [key async for key in client.scan_iter(f"{cache_prefix(settings, context)}:cache:*")]
            for start in range(0, len(keys), 1000):
                deleted += int(await client.delete(*keys[start : start + 1000]))
    finally:
        await client.aclose()
    return deleted
