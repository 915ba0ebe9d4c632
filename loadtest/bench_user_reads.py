"""What the per-user reads every UI page makes cost: one student's enrollment check, course
standing and unread count, called through the facades in a loop on the seeded PostgreSQL.

    source scripts/production_env.sh && .venv/bin/python -m loadtest.bench_user_reads [--calls 2000]

Reads the lab's databases (``loadtest.seed``), writes nothing. Prints, per facade method, the
process CPU time and the wall time per call (median of five rounds), so two commits can be
compared on the same box by running it on each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy import text

from backend_services.bootstrap import build_platform
from backend_services.shared.security import Principal, Role
from backend_services.shared.settings import get_settings

ROUNDS = 5


async def _student_and_course(platform) -> tuple[uuid.UUID, uuid.UUID]:
    async with platform.databases["enrollment"].read_connection() as connection:
        row = (
            await connection.execute(
                text("SELECT student_id, course_id FROM enrollments ORDER BY id LIMIT 1")
            )
        ).one()
    return row.student_id, row.course_id


async def _per_call(call: Callable[[], Awaitable[object]], calls: int) -> tuple[float, float]:
    """(CPU us, wall us) per call, medians over the rounds."""
    cpu, wall = [], []
    for _ in range(ROUNDS):
        started_cpu, started = time.process_time(), time.perf_counter()
        for _ in range(calls):
            await call()
        cpu.append((time.process_time() - started_cpu) / calls * 1e6)
        wall.append((time.perf_counter() - started) / calls * 1e6)
    return statistics.median(cpu), statistics.median(wall)


async def main(calls: int) -> None:
    platform = build_platform(get_settings())
    await platform.start(run_sweeper=False, demo=False)
    try:
        student_id, course_id = await _student_and_course(platform)
        actor = Principal(user_id=student_id, role=Role("student"), is_verified=False)
        reads: dict[str, Callable[[], Awaitable[object]]] = {
            "enrollment.is_enrolled": lambda: platform.enrollment.is_enrolled(student_id, course_id),
            "enrollment.my_standing": lambda: platform.enrollment.my_standing(actor, course_id),
            "enrollment.get_progress": lambda: platform.enrollment.get_progress(actor, course_id),
            "enrollment.resume_point": lambda: platform.enrollment.resume_point(actor, course_id),
            "notification.unread_count": lambda: platform.notification.unread_count(actor),
        }
        for call in reads.values():  # warm the pools, statement caches and the read cache
            await call()
        print(f"{ROUNDS} rounds x {calls} sequential calls, one student, medians per call")
        for name, call in reads.items():
            cpu, wall = await _per_call(call, calls)
            print(f"{name:28} {cpu:7.0f} us CPU {wall:7.0f} us wall")
    finally:
        await platform.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=2000)
    asyncio.run(main(parser.parse_args().calls))
