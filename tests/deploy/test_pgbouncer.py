"""PgBouncer in transaction mode in front of PostgreSQL, with asyncpg.

Debian's PgBouncer (1.18) predates ``max_prepared_statements`` (1.21): server connections
are handed out per transaction and know nothing of the clients' prepared statements.
Without ``EDU_DB_PGBOUNCER`` two app processes sharing a server connection collide on
asyncpg's numbered statement names; with it, no statement outlives its transaction.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest

from backend_services.bootstrap import build_platform
from backend_services.shared.migrations import upgrade_all
from tests.databases import PG_SERVER, base_settings, off_loop, postgres_unavailable_reason
from tests.deploy.pgbouncer import PgBouncer, pgbouncer_missing_reason

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def identity_db():
    if reason := postgres_unavailable_reason() or pgbouncer_missing_reason():
        pytest.skip(reason)
    name = f"edu_pgbouncer_{uuid.uuid4().hex[:8]}"

    async def admin(statement: str) -> None:
        conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    off_loop(asyncio.run, admin(f'CREATE DATABASE "{name}"'))
    try:
        # Migrations talk to PostgreSQL directly (DDL, one session), never through PgBouncer.
        direct = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
        off_loop(upgrade_all, base_settings(identity_database_url=f"{direct}/{name}"))
        yield name
    finally:
        off_loop(asyncio.run, admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def bouncer():
    host, port = PG_SERVER.rsplit("@", 1)[-1].split(":")
    # One server connection: every client transaction runs on the same PostgreSQL session.
    with PgBouncer((host, int(port)), pool_size=1) as pgbouncer:
        yield pgbouncer


def _settings(bouncer: PgBouncer, database: str, tmp_path, **overrides):
    return base_settings(
        data_dir=tmp_path,
        identity_database_url=bouncer.url(database),
        db_pool_size=1,
        **overrides,
    )


PING = """
import asyncio, sys
from backend_services.shared.database import Database
from tests.databases import base_settings

settings = base_settings(identity_database_url=sys.argv[1], db_pool_size=1, db_pgbouncer=sys.argv[2] == "1")
database = Database("identity", settings)
asyncio.run(database.ping())
"""


def _ping_from_another_process(url: str, pgbouncer_setting: bool) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PING, url, "1" if pgbouncer_setting else "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


@pytest.mark.parametrize("pgbouncer_setting", [False, True])
async def test_two_processes_on_one_server_connection(bouncer, identity_db, pgbouncer_setting):
    """Each process numbers its statements from 1; the first one's stay on the server session."""
    url = bouncer.url(identity_db)
    first = await asyncio.to_thread(_ping_from_another_process, url, pgbouncer_setting)
    assert first.returncode == 0, first.stderr[-2000:]
    second = await asyncio.to_thread(_ping_from_another_process, url, pgbouncer_setting)
    if pgbouncer_setting:
        assert second.returncode == 0, second.stderr[-2000:]
    else:
        assert second.returncode != 0
        assert 'prepared statement "__asyncpg_stmt_1__" already exists' in second.stderr


async def test_with_the_setting_two_platforms_share_one_server_connection(bouncer, identity_db, tmp_path):
    platforms = [
        build_platform(_settings(bouncer, identity_db, tmp_path / str(i), db_pgbouncer=True))
        for i in range(2)
    ]
    try:
        emails = [f"pgb-{i}-{uuid.uuid4().hex[:6]}@example.com" for i in range(6)]

        async def journey(i: int, email: str) -> str:
            identity = platforms[i % 2].identity
            await identity.register(
                email=email, password="secret-pass-123", name=f"User {i}", client_address="10.0.0.1"
            )
            pair = await platforms[(i + 1) % 2].identity.login(
                email=email, password="secret-pass-123", client_address="10.0.0.1"
            )
            principal = platforms[i % 2].tokens.verify(pair.access_token)
            return (await identity.me(principal)).email

        assert await asyncio.gather(*(journey(i, e) for i, e in enumerate(emails))) == emails
        for platform in platforms:
            await platform.databases["identity"].ping()
    finally:
        for platform in platforms:
            await platform.stop()
