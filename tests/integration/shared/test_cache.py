"""Cache-aside with versioned scopes, on Redis and in memory: hits, invalidation, the
stale-fill race, and degradation to the loader when Redis is unreachable."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import redis.asyncio as aioredis
from prometheus_client import REGISTRY

from backend_services.shared.cache import Cache, MemoryBackend, RedisBackend
from tests.helpers import redis_available

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(params=["memory", "redis"])
async def backend(request):
    if request.param == "memory":
        yield MemoryBackend()
        return
    if not await redis_available(REDIS_URL):
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"edu-test-{uuid.uuid4().hex[:8]}"
    backend = RedisBackend(REDIS_URL, prefix)
    yield backend
    client = aioredis.Redis.from_url(REDIS_URL)
    keys = [k async for k in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
    await backend.close()


class Source:
    """A stand-in database: counts loads, answers its current value."""

    def __init__(self, value: str) -> None:
        self.value, self.loads = value, 0

    async def load(self) -> str:
        self.loads += 1
        return self.value


def _get(cache: Cache, source: Source, key: str = "course:1", scope: str = "course:1"):
    return cache.get_or_load(scope, key, source.load, dump=str.encode, parse=bytes.decode)


async def test_second_read_is_a_hit(backend):
    cache, source = Cache(backend), Source("v1")
    assert await _get(cache, source) == "v1"
    assert await _get(cache, source) == "v1"
    assert source.loads == 1 and (cache.hits, cache.misses) == (1, 1)


async def test_a_write_invalidates_its_scope_only(backend):
    cache, one, two = Cache(backend), Source("one"), Source("two")
    await _get(cache, one, "course:1", "course:1")
    await _get(cache, two, "course:2", "course:2")
    one.value = "one, edited"
    await cache.invalidate("course:1")
    assert await _get(cache, one, "course:1", "course:1") == "one, edited"
    assert await _get(cache, two, "course:2", "course:2") == "two"
    assert (one.loads, two.loads) == (2, 1)


async def test_a_slow_reader_cannot_bring_back_the_old_value(backend):
    """Reader loads the old row, the writer commits and invalidates, then the reader
    fills the cache: the next reader must still see the new value."""
    cache = Cache(backend)
    loaded, proceed = asyncio.Event(), asyncio.Event()

    async def slow_old_row() -> str:
        loaded.set()
        await proceed.wait()
        return "old"

    reader = asyncio.create_task(
        cache.get_or_load("course:1", "course:1", slow_old_row, dump=str.encode, parse=bytes.decode)
    )
    await loaded.wait()
    await cache.invalidate("course:1")  # the write committed meanwhile
    proceed.set()
    assert await reader == "old"  # that reader began before the write
    fresh = Source("new")
    assert await _get(cache, fresh) == "new"
    assert fresh.loads == 1


async def test_a_failed_load_is_not_cached(backend):
    cache, calls = Cache(backend), []

    async def missing() -> str:
        calls.append(1)
        raise LookupError("not found")

    for _ in range(2):
        with pytest.raises(LookupError):
            await cache.get_or_load("c", "c", missing, dump=str.encode, parse=bytes.decode)
    assert len(calls) == 2


async def test_unreachable_redis_degrades_to_the_database():
    cache = Cache(RedisBackend("redis://127.0.0.1:1/0", "edu-test-down", timeout=0.1), breaker_seconds=30)
    source = Source("from the database")
    for _ in range(3):
        assert await _get(cache, source) == "from the database"
    await cache.invalidate("course:1")  # does not raise either
    assert source.loads == 3 and cache.errors >= 1


class Flaky:
    """A backend that fails while ``down`` is set."""

    def __init__(self, inner) -> None:
        self.inner, self.down = inner, False

    def __getattr__(self, name):
        method = getattr(self.inner, name)

        async def call(*args, **kwargs):
            if self.down:
                raise ConnectionError("redis down")
            return await method(*args, **kwargs)

        return call


async def test_a_bump_lost_while_down_is_replayed_before_the_cache_is_used_again(backend):
    flaky = Flaky(backend)
    cache, source = Cache(flaky, breaker_seconds=0), Source("before")
    await _get(cache, source)
    flaky.down = True
    source.value = "after"
    await cache.invalidate("course:1")  # lost: Redis is down
    flaky.down = False
    assert await _get(cache, source) == "after"


async def test_disabled_cache_always_loads():
    cache, source = Cache(None), Source("x")
    for _ in range(2):
        assert await _get(cache, source) == "x"
    await cache.invalidate("course:1")
    assert source.loads == 2 and not cache.enabled


def _counted(name: str, result: str) -> float:
    return REGISTRY.get_sample_value("cache_reads_total", {"context": name, "result": result}) or 0.0


async def test_lookups_are_counted_by_result_for_the_metrics_endpoint():
    name = f"test-{uuid.uuid4().hex[:6]}"  # this test's own label values
    cache, source = Cache(MemoryBackend(), name=name), Source("v1")
    for _ in range(3):
        await _get(cache, source)
    assert (_counted(name, "miss"), _counted(name, "hit")) == (1.0, 2.0)

    down = f"{name}-down"
    broken = Cache(RedisBackend("redis://127.0.0.1:1/0", "edu-test-down", timeout=0.1), name=down)
    for _ in range(3):
        await _get(broken, source)
    # The first lookup fails, then the breaker sends the others straight to the database.
    assert (_counted(down, "error"), _counted(down, "bypass"), _counted(down, "hit")) == (1.0, 2.0, 0.0)


class Parsed:
    """A parse that counts its calls and returns a new object each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, raw: bytes) -> list[str]:
        self.calls += 1
        return [raw.decode()]


async def test_shared_hits_on_unchanged_bytes_reuse_one_parsed_object(backend):
    cache, source, parse = Cache(backend), Source("v1"), Parsed()

    def get():
        return cache.get_or_load(
            "course:1", "course:1", source.load, dump=str.encode, parse=parse, shared=True
        )

    assert await get() == "v1"  # the miss returns what the loader made
    first, second = await get(), await get()
    assert first == ["v1"] and second is first and parse.calls == 1
    # A write: the new bytes are parsed once, and never answered with the old object.
    source.value = "v2"
    await cache.invalidate("course:1")
    assert await get() == "v2"
    third, fourth = await get(), await get()
    assert third == ["v2"] and fourth is third and parse.calls == 2


async def test_unshared_hits_parse_every_time(backend):
    cache, source, parse = Cache(backend), Source("v1"), Parsed()
    for _ in range(3):
        await cache.get_or_load("course:1", "course:1", source.load, dump=str.encode, parse=parse)
    assert parse.calls == 2
