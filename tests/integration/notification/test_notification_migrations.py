"""The notification migrations match the models and go down and up again without losing
rows; on a throw-away SQLite file and a throw-away PostgreSQL database."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import command
from backend_services.notification.models import NotificationBase
from backend_services.shared.migrations import alembic_config, version_table
from backend_services.shared.types import utcnow
from tests.databases import PG_ASYNC_SERVER, PG_SERVER, base_settings, off_loop

BEFORE_PARAMS = "noti0001"


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture
def notification_url(backend, request, tmp_path):
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{(tmp_path / 'notification.db').as_posix()}"
        return
    request.getfixturevalue("postgres_databases")  # skips when the server is unreachable
    name = f"edu_test_migrations_{uuid.uuid4().hex[:8]}"
    off_loop(asyncio.run, _admin(f'CREATE DATABASE "{name}"'))
    yield f"{PG_ASYNC_SERVER}/{name}"
    off_loop(asyncio.run, _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _migrate(url: str, action, revision: str) -> None:
    cfg = alembic_config("notification", base_settings(notification_database_url=url))
    off_loop(action, cfg, revision)


def _on(url: str, fn):
    """``fn(sync_connection)`` in one committed transaction on the database at ``url``."""

    async def run():
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                return await conn.run_sync(fn)
        finally:
            await engine.dispose()

    return off_loop(asyncio.run, run())


def _schema(conn) -> dict:
    db = inspect(conn)
    context = MigrationContext.configure(
        conn, opts={"compare_type": True, "version_table": version_table("notification")}
    )
    return {
        "columns": {c["name"] for c in db.get_columns("notifications")},
        "indexes": {i["name"] for i in db.get_indexes("notifications")},
        "unique": [u["column_names"] for u in db.get_unique_constraints("notifications")],
        "rows": conn.execute(text("SELECT count(*) FROM notifications")).scalar_one(),
        "drift": compare_metadata(context, NotificationBase.metadata),
    }


def _insert_row(conn) -> None:
    conn.execute(
        NotificationBase.metadata.tables["notifications"]
        .insert()
        .values(
            id=uuid.uuid4(),
            user_id=uuid.uuid4(),
            type="enrollment",
            title="You are enrolled in Go",
            body="",
            is_read=False,
            created_at=utcnow(),
            source_event_id=uuid.uuid4(),
            params={"course_title": "Go"},
        )
    )


def test_notification_migrations_match_the_models_and_round_trip(notification_url):
    _migrate(notification_url, command.upgrade, "head")
    head = _on(notification_url, _schema)
    assert head["drift"] == []  # nothing autogenerate would add: models == migrations
    assert "params" in head["columns"]

    _on(notification_url, _insert_row)
    _migrate(notification_url, command.downgrade, BEFORE_PARAMS)
    before = _on(notification_url, _schema)
    assert before["columns"] == head["columns"] - {"params"}
    assert (before["indexes"], before["unique"]) == (head["indexes"], head["unique"])
    assert before["rows"] == 1

    _migrate(notification_url, command.upgrade, "head")
    again = _on(notification_url, _schema)
    assert again["columns"] == head["columns"]
    assert again["drift"] == []
    assert again["rows"] == 1
