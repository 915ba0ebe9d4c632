"""The course and enrollment migrations of quizzes, attempts, certificates, watch positions and
the certificate consumer's processed events match the models and go down to the previous
revision and up again (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import command
from backend_services.course.models import SEARCH_INTERNALS, CourseBase
from backend_services.enrollment.models import EnrollmentBase
from backend_services.shared.migrations import alembic_config, version_table
from tests.databases import base_settings, off_loop, scratch_database_url

CASES = {
    # context: (metadata, revision before this work, tables this work adds)
    "course": (CourseBase.metadata, "cour0003", {"quizzes"}),
    "enrollment": (
        EnrollmentBase.metadata,
        "enro0001",
        {"quiz_attempts", "certificates", "watch_positions", "processed_events"},
    ),
}


@pytest.fixture
def database_url(backend, request, tmp_path):
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{(tmp_path / 'context.db').as_posix()}"
        return
    request.getfixturevalue("postgres_databases")  # skips when the server is unreachable
    url, drop = scratch_database_url("edu_test_learning_mig")
    yield url
    drop()


def _state(url: str, context: str):
    metadata = CASES[context][0]

    def inspect_schema(conn):
        migration = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "version_table": version_table(context),
                # Catalog search structures the course models do not describe (cour0002).
                "include_name": lambda name, _type, _parents: not (name or "").startswith(SEARCH_INTERNALS),
            },
        )
        return set(inspect(conn).get_table_names()), compare_metadata(migration, metadata)

    async def run():
        engine = create_async_engine(url)
        try:
            async with engine.begin() as conn:
                return await conn.run_sync(inspect_schema)
        finally:
            await engine.dispose()

    return off_loop(asyncio.run, run())


@pytest.mark.parametrize("context", sorted(CASES))
def test_migrations_match_the_models_and_round_trip(database_url, context):
    _, previous, added = CASES[context]
    cfg = alembic_config(context, base_settings(**{f"{context}_database_url": database_url}))
    off_loop(command.upgrade, cfg, "head")
    tables, drift = _state(database_url, context)
    assert drift == [] and added <= tables

    off_loop(command.downgrade, cfg, previous)
    before, _ = _state(database_url, context)
    assert before == tables - added

    off_loop(command.upgrade, cfg, "head")
    again, drift = _state(database_url, context)
    assert again == tables and drift == []
