"""PostgreSQL loader: one asyncpg connection per context database, binary COPY.

Each context loads in ONE transaction: TRUNCATE, drop the tables' constraints and
secondary indexes, COPY every table, recreate the constraints/indexes (one sorted
build each instead of ~3M random B-tree inserts and FK look-ups), ANALYZE. DDL is
transactional in PostgreSQL, so a failed load rolls back to the previous state.

Search structures come along without special cases: ``courses.search_vector`` is a
generated column, computed once per row during the COPY; its GIN index is one of the
secondary indexes rebuilt after the load (timed, see ``load_context``); the words of the
search vocabulary are collected by a statement-level trigger, once for the whole COPY.
"""

from __future__ import annotations

import json
import time

import asyncpg

_DEFINITIONS = """
SELECT 'constraint' AS kind, c.conname AS name, t.relname AS tbl, c.contype::text AS ctype,
       pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE t.relname = ANY($1::text[]) AND c.contype IN ('p', 'u', 'f')
  AND t.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'index', i.indexname, i.tablename, NULL, i.indexdef
FROM pg_indexes i
WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
"""


# Filled by migrations on a fresh database, so their rows do not mean "already seeded".
REFERENCE_TABLES = frozenset({"categories"})


def asyncpg_dsn(url: str) -> str:
    """SQLAlchemy URL (postgresql+asyncpg://...) -> libpq DSN asyncpg accepts."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def data_tables(conn: asyncpg.Connection) -> list[str]:
    rows = await conn.fetch(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
        "AND tablename NOT LIKE 'alembic_version%' ORDER BY tablename"
    )
    return [r["tablename"] for r in rows]


async def has_rows(url: str) -> bool:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for table in await data_tables(conn):
            if table in REFERENCE_TABLES:
                continue
            if await conn.fetchval(f'SELECT EXISTS (SELECT 1 FROM "{table}")'):
                return True
        return False
    finally:
        await conn.close()


async def ensure_databases(urls: list[str]) -> list[str]:
    """Create the missing databases (on their servers); returns the names created."""
    created = []
    for url in urls:
        server, _, name = asyncpg_dsn(url).rpartition("/")
        conn = await asyncpg.connect(f"{server}/postgres")
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await conn.execute(f'CREATE DATABASE "{name}"')
                created.append(name)
        finally:
            await conn.close()
    return created


async def load_context(url: str, tables, on_rows, on_phase) -> dict[str, float]:
    """Replace every data table of one context database with ``tables``.

    ``tables``: list of (TableSpec, row iterable); ``on_rows(table, n)`` reports
    progress; ``on_phase(text)`` reports the current step. Returns the seconds each
    secondary index took to build.
    """
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute("SET synchronous_commit = off")
        await conn.execute("SET maintenance_work_mem = '256MB'")
        names = [spec.name for spec, _ in tables]
        async with conn.transaction():
            everything = await data_tables(conn)
            on_phase("truncate")
            await conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in everything))
            definitions = await conn.fetch(_DEFINITIONS, names)
            await _drop(conn, definitions)
            for spec, rows in tables:
                on_phase(f"copy {spec.name}")
                await conn.copy_records_to_table(
                    spec.name,
                    records=_counted(_as_json(spec, rows), spec.name, on_rows),
                    columns=spec.columns,
                )
            on_phase("indexes")
            timings = await _recreate(conn, definitions)
        on_phase("analyze")
        for name in names:
            # VACUUM sets the visibility map of the catalog, so capped counts need no heap reads.
            await conn.execute(f'VACUUM ANALYZE "{name}"' if name == "courses" else f'ANALYZE "{name}"')
        on_phase("done")
        return timings
    finally:
        await conn.close()


async def index_sizes(url: str, names: list[str]) -> dict[str, int]:
    """Bytes on disk of the named indexes (or tables) that exist."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await conn.fetch(
            "SELECT relname, pg_relation_size(oid) AS size FROM pg_class WHERE relname = ANY($1::text[])",
            names,
        )
        return {r["relname"]: r["size"] for r in rows}
    finally:
        await conn.close()


def _as_json(spec, rows):
    """JSON columns go to COPY as text (asyncpg's json codec); other tables pass through."""
    if not spec.json_columns:
        return rows
    wanted = [spec.columns.index(c) for c in spec.json_columns]
    return (tuple(json.dumps(v) if i in wanted else v for i, v in enumerate(row)) for row in rows)


def _counted(rows, table: str, on_rows, every: int = 5000):
    n = 0
    for row in rows:
        yield row
        n += 1
        if n == every:
            on_rows(table, n)
            n = 0
    on_rows(table, n)


async def _drop(conn: asyncpg.Connection, definitions) -> None:
    # Foreign keys first (they depend on the referenced primary keys).
    for d in sorted(definitions, key=lambda d: d["ctype"] != "f"):
        if d["kind"] == "constraint":
            await conn.execute(f'ALTER TABLE "{d["tbl"]}" DROP CONSTRAINT "{d["name"]}"')
        else:
            await conn.execute(f'DROP INDEX "{d["name"]}"')


async def _recreate(conn: asyncpg.Connection, definitions) -> dict[str, float]:
    def order(d) -> int:
        if d["kind"] == "constraint":
            return {"p": 0, "u": 1, "f": 3}[d["ctype"]]
        return 2

    timings = {}
    for d in sorted(definitions, key=order):
        if d["kind"] == "constraint":
            await conn.execute(f'ALTER TABLE "{d["tbl"]}" ADD CONSTRAINT "{d["name"]}" {d["def"]}')
        else:
            started = time.perf_counter()
            await conn.execute(d["def"])
            timings[d["name"]] = round(time.perf_counter() - started, 2)
    return timings
