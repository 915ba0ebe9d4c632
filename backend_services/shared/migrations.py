"""Alembic: one environment per context (named sections of one ``alembic.ini``).

``alembic -n course upgrade head`` migrates one context from the shell;
``upgrade_all()`` migrates every context at start-up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import async_engine_from_config

from alembic import command, context
from backend_services.shared.settings import CONTEXTS, Settings, get_settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


def version_table(context_name: str) -> str:
    return f"alembic_version_{context_name}"


def alembic_config(context_name: str, settings: Settings | None = None) -> Config:
    cfg = Config(str(ALEMBIC_INI), ini_section=context_name)
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "alembic" / context_name))
    cfg.attributes["settings"] = settings or get_settings()
    return cfg


def upgrade_all(
    settings: Settings | None = None, revision: str = "head", contexts: Iterable[str] = CONTEXTS
) -> None:
    """Bring every context's database (or only ``contexts``') to ``revision`` (blocking; call it
    off the event loop)."""
    settings = settings or get_settings()
    for name in contexts:
        _ensure_sqlite_dir(settings.database_url(name))
        command.upgrade(alembic_config(name, settings), revision)


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)


def run_environment(context_name: str, metadata: MetaData, *, unmodelled: tuple[str, ...] = ()) -> None:
    """Body of ``alembic/<context>/env.py``: migrate one context's database.

    ``unmodelled`` names database objects (and name prefixes) that migrations create on
    purpose without a model, e.g. database-specific search structures; autogenerate
    neither adds nor drops them.
    """
    cfg = context.config
    settings: Settings = cfg.attributes.get("settings") or get_settings()
    url = settings.database_url(context_name)
    _ensure_sqlite_dir(url)

    def configure(**where: Any) -> None:
        context.configure(
            target_metadata=metadata,
            version_table=version_table(context_name),
            render_as_batch=url.startswith("sqlite"),
            compare_type=True,
            include_name=lambda name, _type, _parents: not (name or "").startswith(unmodelled or ("\0",)),
            **where,
        )

    if context.is_offline_mode():
        configure(url=url, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def do_run(connection: Connection) -> None:
        configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = async_engine_from_config(
            {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
        )
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run_async())
