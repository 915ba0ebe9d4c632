"""The pool's checkout ping on PostgreSQL: skipped for a connection that was just returned,
sent for one that waited longer than the bypass window, and a connection the server closed
inside the window is still replaced, so no request sees it."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from backend_services.shared import database as database_module
from backend_services.shared.database import Database
from tests.databases import run_admin

pytestmark = pytest.mark.postgres


@pytest.fixture
def pings(monkeypatch) -> list[object]:
    """Every ping that reaches the server (the round trip the window saves)."""
    sent: list[object] = []
    real = database_module._ping_in_one_round_trip

    def counted(dbapi_connection):
        sent.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(database_module, "_ping_in_one_round_trip", counted)
    return sent


def _database(postgres_databases, **overrides) -> Database:
    settings = postgres_databases.settings(db_pool_size=1, **overrides)
    return Database("course", settings)


async def _backend_pid(db: Database) -> int:
    async with db.read_connection() as connection:
        return (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()


async def test_a_connection_used_a_moment_ago_is_not_pinged_again(postgres_databases, pings):
    db = _database(postgres_databases, db_pre_ping_bypass_seconds=5)
    try:
        first = await _backend_pid(db)  # a fresh connection: never pinged
        for _ in range(3):
            assert await _backend_pid(db) == first
        assert pings == []
    finally:
        await db.dispose()


async def test_a_connection_idle_past_the_window_is_pinged(postgres_databases, pings):
    db = _database(postgres_databases, db_pre_ping_bypass_seconds=0.05)
    try:
        first = await _backend_pid(db)
        await asyncio.sleep(0.1)
        assert await _backend_pid(db) == first
        assert len(pings) == 1
    finally:
        await db.dispose()


async def test_a_window_of_zero_pings_every_checkout(postgres_databases, pings):
    db = _database(postgres_databases, db_pre_ping_bypass_seconds=0)
    try:
        for _ in range(3):
            await _backend_pid(db)
        assert len(pings) == 2  # all but the fresh connection's first checkout
    finally:
        await db.dispose()


async def test_a_connection_the_server_closed_inside_the_window_is_replaced(postgres_databases, pings):
    db = _database(postgres_databases, db_pre_ping_bypass_seconds=60)
    try:
        first = await _backend_pid(db)
        await run_admin(f"SELECT pg_terminate_backend({first})")
        await asyncio.sleep(0.2)  # the event loop reads the server's goodbye
        # Checked in a moment ago, but closed: pinged, found dead and replaced; the caller
        # gets a working connection instead of an error.
        second = await _backend_pid(db)
        assert second != first
        assert len(pings) == 1
    finally:
        await db.dispose()
