"""Where a context's read cache lives: one namespace per database, whatever the URL's host."""

from __future__ import annotations

from backend_services.read_caches import cache_prefix, context_cache
from tests.databases import base_settings


def _prefix(url: str) -> str:
    return cache_prefix(base_settings(course_database_url=url), "course")


def test_workers_on_one_database_share_a_namespace_through_any_host():
    direct = _prefix("postgresql+asyncpg://postgres@10.0.0.5:5432/eduplatform_course")
    pooled = _prefix("postgresql+asyncpg://app@pgbouncer:6432/eduplatform_course")
    assert direct == pooled
    assert direct.startswith("edu:course:")


def test_another_database_never_reads_this_ones_answers():
    lab = _prefix("postgresql+asyncpg://postgres@127.0.0.1:5432/eduplatform_course")
    second = _prefix("postgresql+asyncpg://postgres@127.0.0.1:5432/small_course")
    test_app = _prefix("sqlite+aiosqlite:////tmp/run-1/course.db")
    other_app = _prefix("sqlite+aiosqlite:////tmp/run-2/course.db")
    assert len({lab, second, test_app, other_app}) == 4


def test_several_workers_without_redis_get_no_cache(monkeypatch):
    """Each worker's memory would miss the invalidations of writes the others served."""
    for name in ("REFLEX_REDIS_URL", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GRANIAN_WORKERS", "2")
    assert not context_cache(base_settings(), "course").enabled
    assert context_cache(base_settings(redis_url="redis://127.0.0.1:6379/0"), "course").enabled
    monkeypatch.setenv("GRANIAN_WORKERS", "1")
    assert context_cache(base_settings(), "course").enabled
