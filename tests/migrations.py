"""Helpers of the migration tests: a throw-away database per test, Alembic on it, and
synchronous inspection of it in one committed transaction."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from sqlalchemy.ext.asyncio import create_async_engine

from backend_services.shared.migrations import alembic_config
from tests.databases import PG_ASYNC_SERVER, PG_SERVER, base_settings, off_loop


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def throwaway_database(context: str, backend: str, request, tmp_path):
    """Generator for a fixture: the URL of an empty database of ``backend``, dropped after."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{(tmp_path / f'{context}.db').as_posix()}"
        return
    request.getfixturevalue("postgres_databases")  # skips when the server is unreachable
    name = f"edu_test_migrations_{uuid.uuid4().hex[:8]}"
    off_loop(asyncio.run, _admin(f'CREATE DATABASE "{name}"'))
    yield f"{PG_ASYNC_SERVER}/{name}"
    off_loop(asyncio.run, _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def migrate(context: str, url: str, action, revision: str) -> None:
    """``action`` (alembic ``command.upgrade``/``downgrade``) of one context's database to ``revision``."""
    cfg = alembic_config(context, base_settings(**{f"{context}_database_url": url}))
    off_loop(action, cfg, revision)


def run_on(url: str, fn):
    """``fn(sync_connection)`` in one committed transaction on the database at ``url``."""

    async def run():
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                return await conn.run_sync(fn)
        finally:
            await engine.dispose()

    return off_loop(asyncio.run, run())
