"""Real test databases: SQLite files and PostgreSQL databases that the suite creates,
migrates once per session and drops at the end."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from backend_services.shared.migrations import upgrade_all
from backend_services.shared.settings import CONTEXTS, Settings


def off_loop(fn, *args):
    """Run blocking set-up that itself calls ``asyncio.run`` in a fresh thread, so it works
    even when the calling thread already runs an event loop (pytest-asyncio, Playwright)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


PG_SERVER = os.environ.get("EDU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
PG_ASYNC_SERVER = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)


def base_settings(**overrides) -> Settings:
    values = dict(
        env="test",
        auto_migrate=False,
        jwt_secret="test-secret-that-is-long-enough-for-hs256-0123",
        outbox_poll_seconds=0.2,
        # The next sweep retries a failed event at once (backoff has its own tests).
        outbox_retry_base_seconds=0,
        # Tests register and log in many users from one address; the limits have their own tests.
        rate_limits_enabled=False,
    )
    values.update(overrides)
    return Settings(**values)


async def run_admin(*statements: str) -> None:
    """Run statements one by one as the server's administrator (CREATE/DROP DATABASE, roles)."""
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def postgres_unavailable_reason() -> str | None:
    async def probe() -> None:
        conn = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=3)
        await conn.close()

    try:
        off_loop(asyncio.run, probe())
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        return f"PostgreSQL not reachable at {PG_SERVER}: {exc}"
    return None


def scratch_database_url(prefix: str):
    """Create an empty PostgreSQL database; returns (async URL, drop function)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"

    async def admin(statement: str) -> None:
        conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    off_loop(asyncio.run, admin(f'CREATE DATABASE "{name}"'))
    return f"{PG_ASYNC_SERVER}/{name}", lambda: off_loop(
        asyncio.run, admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    )


class SqliteTemplate:
    """Migrated once; each test gets fresh copies of the five files."""

    def __init__(self, root: Path) -> None:
        self.template = root / "template"
        off_loop(upgrade_all, self.settings_for(self.template))

    @staticmethod
    def settings_for(folder: Path, **overrides) -> Settings:
        urls = {
            f"{name}_database_url": f"sqlite+aiosqlite:///{(folder / f'{name}.db').as_posix()}"
            for name in CONTEXTS
        }
        return base_settings(data_dir=folder, **urls, **overrides)

    def fresh(self, folder: Path, **overrides) -> Settings:
        folder.mkdir(parents=True, exist_ok=True)
        for name in CONTEXTS:
            shutil.copy(self.template / f"{name}.db", folder / f"{name}.db")
        return self.settings_for(folder, **overrides)


class PostgresDatabases:
    """Five databases on the local server, migrated once and emptied before each test."""

    def __init__(self) -> None:
        self.prefix = f"edu_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.names = {name: f"{self.prefix}_{name}" for name in CONTEXTS}
        off_loop(asyncio.run, self._create())
        off_loop(upgrade_all, self.settings())

    def settings(self, **overrides) -> Settings:
        urls = {f"{name}_database_url": f"{PG_ASYNC_SERVER}/{db}" for name, db in self.names.items()}
        return base_settings(**urls, **overrides)

    async def _admin(self, *statements: str) -> None:
        await run_admin(*statements)

    async def _create(self) -> None:
        await self._admin(*(f'CREATE DATABASE "{db}"' for db in self.names.values()))

    def drop(self) -> None:
        off_loop(
            asyncio.run,
            self._admin(*(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)' for db in self.names.values())),
        )

    @staticmethod
    async def truncate_all(settings: Settings) -> None:
        """Empty every table but Alembic's version tables (fast reset between tests)."""
        for name in CONTEXTS:
            engine = create_async_engine(settings.database_url(name))
            async with engine.begin() as conn:
                rows = await conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename NOT LIKE 'alembic_version%'"
                    )
                )
                tables = ", ".join(f'"{r[0]}"' for r in rows)
                if tables:
                    await conn.execute(text(f"TRUNCATE {tables} CASCADE"))
            await engine.dispose()
