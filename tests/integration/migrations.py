"""Helpers of the migration tests: a throw-away database per test (a SQLite file or a
PostgreSQL database created and dropped here), migrating it, and running SQL on it."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import command
from backend_services.shared.migrations import alembic_config
from tests.databases import PG_ASYNC_SERVER, PG_SERVER, base_settings, off_loop

upgrade, downgrade = command.upgrade, command.downgrade


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def throwaway_database(context: str):
    """A fixture: the URL of an empty database for ``context`` on the test's backend."""

    @pytest.fixture
    def url(backend, request, tmp_path):
        if backend == "sqlite":
            yield f"sqlite+aiosqlite:///{(tmp_path / f'{context}.db').as_posix()}"
            return
        request.getfixturevalue("postgres_databases")  # skips when the server is unreachable
        name = f"edu_test_migrations_{uuid.uuid4().hex[:8]}"
        off_loop(asyncio.run, _admin(f'CREATE DATABASE "{name}"'))
        yield f"{PG_ASYNC_SERVER}/{name}"
        off_loop(asyncio.run, _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return url


def migrate(context: str, url: str, action, revision: str) -> None:
    """``alembic -n <context> upgrade|downgrade <revision>`` against ``url``."""
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
