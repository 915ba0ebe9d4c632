"""Outbox sweep throughput: how fast one or more sweepers drain a backlog of events.

    .venv/bin/python scripts/bench_outbox_sweep.py [--events 5000] [--sweepers 2] [--sqlite]

Creates a throw-away enrollment database (PostgreSQL at EDU_TEST_POSTGRES, default
postgresql://postgres@127.0.0.1:5432, or a SQLite file with ``--sqlite``), migrates it,
stores ``--events`` pending events and lets ``--sweepers`` outboxes, each on its own engine
(as separate workers would be), sweep until nothing is pending. The handler only counts
calls per event id. Prints events/s and how many events were handed to a handler more than
once. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

from backend_services.enrollment.models import EnrollmentOutbox
from backend_services.shared.database import Database
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.settings import Settings

PG_SERVER = os.environ.get("EDU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


async def _admin(statement: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def bench(url: str, folder: Path, *, events: int, sweepers: int) -> None:
    settings = Settings(_env_file=None, env="test", data_dir=folder, enrollment_database_url=url)
    await asyncio.to_thread(upgrade_all, settings, "head", ["enrollment"])
    seed = Database("enrollment", settings)
    async with seed.session() as session:
        session.add_all([EnrollmentOutbox(topic="bench", payload={"n": n}) for n in range(events)])
    await seed.dispose()

    calls: collections.Counter[uuid.UUID] = collections.Counter()

    async def handler(event: Event) -> None:
        calls[event.id] += 1

    databases = [Database("enrollment", settings) for _ in range(sweepers)]
    outboxes = [Outbox(db, EnrollmentOutbox) for db in databases]
    for outbox in outboxes:
        outbox.subscribe(handler)

    async def drain(outbox: Outbox) -> int:
        delivered = 0
        while swept := await outbox.sweep():
            delivered += swept
        return delivered

    started = time.perf_counter()
    per_sweeper = await asyncio.gather(*(drain(outbox) for outbox in outboxes))
    elapsed = time.perf_counter() - started
    left = await outboxes[0].pending_count()
    for db in databases:
        await db.dispose()
    duplicates = sum(n - 1 for n in calls.values() if n > 1)
    print(
        f"{events} events, {sweepers} sweeper(s): {elapsed:.2f} s, {events / elapsed:.0f} events/s; "
        f"marked delivered per sweeper {per_sweeper}; handler calls {sum(calls.values())}, "
        f"duplicate deliveries {duplicates}, still pending {left}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--sweepers", type=int, default=2)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.sqlite:
            url = f"sqlite+aiosqlite:///{(folder / 'enrollment.db').as_posix()}"
            await bench(url, folder, events=args.events, sweepers=args.sweepers)
            return
        name = f"edu_bench_outbox_{uuid.uuid4().hex[:8]}"
        await _admin(f'CREATE DATABASE "{name}"')
        try:
            url = f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"
            await bench(url, folder, events=args.events, sweepers=args.sweepers)
        finally:
            await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    asyncio.run(main())
