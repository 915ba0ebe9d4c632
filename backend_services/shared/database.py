"""One lazily created async engine per bounded context."""

from __future__ import annotations

import time
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Result, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool, QueuePool

from backend_services.shared.settings import Settings


def rows_matched(result: Result[*tuple[Any, ...]]) -> int:
    """Rows an UPDATE or DELETE matched.

    The ORM session types every result as ``Result``; a DML statement's is a ``CursorResult``.
    """
    if not isinstance(result, CursorResult):
        raise TypeError(f"not the result of an UPDATE or DELETE: {type(result).__name__}")
    return result.rowcount


# PgBouncer in transaction mode (before 1.21, which can track prepared statements) gives
# each transaction whichever server connection is free, so no prepared statement may
# outlive its transaction: no asyncpg or SQLAlchemy statement cache, and unnamed
# statements (asyncpg's numbered names collide between clients sharing a server).
PGBOUNCER_CONNECT_ARGS = {
    "statement_cache_size": 0,
    "prepared_statement_cache_size": 0,
    "prepared_statement_name_func": lambda: "",
}


class Database:
    """A context's database: engine and sessions created on first use, not at import time."""

    def __init__(self, context: str, settings: Settings) -> None:
        self.context = context
        self.url = settings.database_url(context)
        self._settings = settings
        self._engine: AsyncEngine | None = None
        self._sessionmaker: async_sessionmaker[AsyncSession] | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            self._engine = self._create_engine()
            self._sessionmaker = async_sessionmaker(self._engine, expire_on_commit=False)
        return self._engine

    def _create_engine(self) -> AsyncEngine:
        s = self._settings
        if self.is_sqlite:
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            # aiosqlite runs one thread per connection; a NullPool keeps
            # connections short-lived so writers serialise on SQLite's own lock.
            engine = create_async_engine(
                self.url,
                echo=s.db_echo,
                poolclass=NullPool,
                connect_args={"timeout": 30},
            )
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
            return engine
        engine = create_async_engine(
            self.url,
            echo=s.db_echo,
            pool_size=s.db_pool_size,
            max_overflow=s.db_max_overflow,
            pool_timeout=s.db_pool_timeout_seconds,
            # After a PostgreSQL restart every pooled connection is dead; a ping at checkout
            # replaces them instead of failing one request per connection (cost: one round
            # trip per checkout, measured in docs/perf/PRE_PING.md).
            pool_pre_ping=s.db_pool_pre_ping,
            connect_args={
                "timeout": s.db_connect_timeout_seconds,
                **(PGBOUNCER_CONNECT_ARGS if s.db_pgbouncer else {}),
            },
        )
        if s.db_pool_pre_ping and not s.db_pgbouncer:
            ping = _CheckoutPing(bypass_seconds=s.db_pre_ping_bypass_seconds)
            engine.sync_engine.dialect.do_ping = ping  # type: ignore[method-assign]
            event.listen(engine.sync_engine, "checkin", ping.checked_in)
        return engine

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits on success and rolls back on error."""
        _ = self.engine
        assert self._sessionmaker is not None
        async with self._sessionmaker() as session, session.begin():
            yield session

    @asynccontextmanager
    async def read_session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads only: on PostgreSQL in autocommit, so no ``BEGIN`` and
        ``COMMIT`` round trips around its statements (each statement sees its own snapshot,
        which a use case that reads several independent things can accept). Elsewhere the
        same as ``session()``."""
        if self.is_sqlite:
            async with self.session() as session:
                yield session
            return
        async with (
            self.read_connection() as connection,
            AsyncSession(bind=connection, expire_on_commit=False) as session,
        ):
            yield session

    @asynccontextmanager
    async def read_connection(self) -> AsyncIterator[AsyncConnection]:
        """A Core connection for reads that want rows, not ORM objects: on PostgreSQL in
        autocommit like ``read_session()``, and without the ORM session's own work per
        statement (about 0.2 ms of CPU per use in a micro-benchmark, UI_LOAD.md)."""
        async with self.engine.connect() as connection:
            if not self.is_sqlite:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
            yield connection

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    def pool_status(self) -> tuple[int, int]:
        """(connections checked out, pool size) for the metrics; (0, 0) before first use."""
        if self._engine is None or self.is_sqlite:
            return (0, 0)
        pool = self._engine.sync_engine.pool
        if not isinstance(pool, QueuePool):  # only a queue pool keeps connections to count
            return (0, 0)
        return (pool.checkedout(), pool.size())

    async def dispose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None
            self._sessionmaker = None


class _CheckoutPing:
    """The pool's checkout ping: skipped for a connection that went back to the pool less
    than ``bypass_seconds`` ago and is still open, otherwise one round trip.

    Under load nearly every checkout takes a connection that was in use a moment ago, and
    its ping is a round trip that tells nothing new. The window is HikariCP's
    ``aliveBypassWindowMs`` (500 ms by default there). A server restart takes longer than
    the window, and the connections it closes show as closed once the event loop has read
    the server's goodbye, so they are still tested and replaced (tests/faults).
    ``bypass_seconds=0`` pings every checkout.
    """

    def __init__(self, *, bypass_seconds: float) -> None:
        self.bypass_seconds = bypass_seconds
        # Keyed by the driver's own connection (the adapter has no weak references).
        self._returned_at: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()

    def checked_in(self, dbapi_connection: Any, _record: object) -> None:
        if dbapi_connection is not None and self.bypass_seconds > 0:  # None: invalidated
            self._returned_at[dbapi_connection.driver_connection] = time.monotonic()

    def __call__(self, dbapi_connection: Any) -> bool:
        driver = dbapi_connection.driver_connection
        returned_at = self._returned_at.get(driver)
        if (
            returned_at is not None
            and time.monotonic() - returned_at < self.bypass_seconds
            and not driver.is_closed()
        ):
            return True
        return _ping_in_one_round_trip(dbapi_connection)


def _ping_in_one_round_trip(dbapi_connection: Any) -> bool:
    """The pool's checkout ping as one round trip instead of three.

    SQLAlchemy's asyncpg ping wraps its empty statement in ``BEGIN`` .. ``ROLLBACK`` so that
    it also works behind PgBouncer in transaction mode (sqlalchemy#10226); for a connection
    in autocommit it sends the statement alone. Straight to PostgreSQL nothing needs the
    transaction, so the ping runs as in autocommit (not used with ``EDU_DB_PGBOUNCER``).
    Failures are the dialect's own, so a dead connection is still replaced on checkout."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.ping()
    finally:
        dbapi_connection.autocommit = autocommit
    return True


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # WAL is a property of the file, kept once set. Switching needs the file to itself and
    # can fail at once with "database is locked" while another process (a second worker
    # starting) has it open, so it is only asked for when the file is not in WAL yet.
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# asyncpg / PostgreSQL conditions that mean "the server is not there right now": class 08
# (connection exceptions), 57P01-57P03 (admin/crash shutdown, cannot connect now) and
# 53300 (too many connections). SQLite's "database is locked" after the busy timeout is
# the same situation for a file.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
_UNAVAILABLE_MESSAGES = ("connection is closed", "connection was closed", "database is locked")


def is_database_unavailable(error: BaseException) -> bool:
    """True when ``error`` (or an error it was raised from) says the database cannot be
    reached: refused or lost connection, server shutting down, pool exhausted, timeout.
    Such a request deserves a 503 and a retry, not a 500."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _unavailable_here(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _unavailable_here(error: BaseException) -> bool:
    if isinstance(error, PoolTimeoutError | ConnectionError | TimeoutError):
        return True
    if isinstance(error, OSError) and not isinstance(error, FileNotFoundError):
        return True  # connect() refused or unreachable
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        error = error.orig if error.orig is not None else error
    state = str(getattr(error, "sqlstate", "") or "")
    if state and state.startswith(_UNAVAILABLE_SQLSTATES):
        return True
    message = str(error).lower()
    return type(error).__module__.startswith(("asyncpg", "sqlite3", "aiosqlite")) and any(
        m in message for m in _UNAVAILABLE_MESSAGES
    )


def is_unique_violation(error: IntegrityError) -> bool:
    """True when an IntegrityError comes from a UNIQUE / primary-key constraint."""
    message = str(error.orig).lower()
    return "unique" in message or "duplicate key" in message
