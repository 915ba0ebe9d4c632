"""SQLite loader (the default development mode): plain ``executemany`` inserts through
SQLAlchemy Core, so every value goes through the models' own column types."""

from __future__ import annotations

from itertools import islice

from sqlalchemy import create_engine, delete, inspect, select
from sqlalchemy.engine import Engine

from loadtest.pg_writer import REFERENCE_TABLES

BATCH = 5000


def sync_url(url: str) -> str:
    return url.replace("sqlite+aiosqlite://", "sqlite://", 1)


def _engine(url: str) -> Engine:
    return create_engine(sync_url(url))


def _data_tables(engine: Engine, metadata) -> list:
    present = set(inspect(engine).get_table_names())
    return [t for t in metadata.sorted_tables if t.name in present]


def has_rows(url: str, metadata) -> bool:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return any(
                conn.execute(select(1).select_from(t).limit(1)).first() is not None
                for t in _data_tables(engine, metadata)
                if t.name not in REFERENCE_TABLES
            )
    finally:
        engine.dispose()


def load_context(url: str, metadata, tables, on_rows, on_phase) -> None:
    """Empty the context's tables and insert ``tables`` [(TableSpec, rows)] in order."""
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            on_phase("delete")
            if "course_search" in inspect(engine).get_table_names():
                # Empty the search index first: its per-row delete trigger then finds nothing to scan.
                conn.exec_driver_sql("DELETE FROM course_search")
            for table in reversed(_data_tables(engine, metadata)):
                conn.execute(delete(table))
            for spec, rows in tables:
                on_phase(f"insert {spec.name}")
                table = metadata.tables[spec.name]
                iterator = iter(rows)
                while batch := list(islice(iterator, BATCH)):
                    conn.execute(table.insert(), [dict(zip(spec.columns, row, strict=True)) for row in batch])
                    on_rows(spec.name, len(batch))
        on_phase("done")
    finally:
        engine.dispose()
