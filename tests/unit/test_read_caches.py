"""Where a context's read cache lives: one namespace per database, whatever the URL's host."""

from __future__ import annotations

from backend_services.read_caches import cache_prefix
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
