"""Seed every context's database with the planning-scale data set.

    python -m loadtest.seed [--scale 1.0] [--reset] [--quiet]

Uses the same ``EDU_*`` settings as the app: with ``EDU_POSTGRES_SERVER`` set it
creates the missing ``eduplatform_<ctx>`` databases, migrates them and loads with
binary COPY; otherwise it fills the SQLite files with plain inserts (fine up to
``--scale 0.05`` or so). A database that already holds data is only replaced with
``--reset`` (every table of every context is emptied first, notifications too).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from backend_services.shared.migrations import upgrade_all
from backend_services.shared.settings import CONTEXTS, Settings, get_settings
from loadtest import learning_rows as learn
from loadtest import pg_writer, rows, sqlite_writer
from loadtest.plan import PASSWORD, Plan, build_plan
from loadtest.rows import TableSpec


@dataclass
class ContextLoad:
    name: str
    url: str
    metadata: object
    tables: list[tuple[TableSpec, object]]

    @property
    def total(self) -> int:
        return sum(spec.count for spec, _ in self.tables)


def _metadata() -> dict[str, object]:
    from backend_services.course.models import CourseBase
    from backend_services.enrollment.models import EnrollmentBase
    from backend_services.identity.models import IdentityBase
    from backend_services.notification.models import NotificationBase
    from backend_services.payment.models import PaymentBase

    return {
        "identity": IdentityBase.metadata,
        "course": CourseBase.metadata,
        "enrollment": EnrollmentBase.metadata,
        "payment": PaymentBase.metadata,
        "notification": NotificationBase.metadata,
    }


def _hash(password: str) -> str:
    from backend_services.shared.security import _password_context

    return _password_context.hash(password)


def build_loads(plan: Plan, settings: Settings) -> list[ContextLoad]:
    """Which rows go to which context database, as lazy generators."""
    shared_hash = _hash(PASSWORD)
    admin_hash = shared_hash if settings.admin_password == PASSWORD else _hash(settings.admin_password)
    admin = (settings.admin_email.strip().lower(), admin_hash, settings.admin_name)
    sizes = plan.sizes
    modules = sum(len(s) for s in plan.course_shape)
    lessons = sum(sum(s) for s in plan.course_shape)
    spec = TableSpec
    by_context = {
        "identity": [(spec("users", rows.USERS, sizes.users + 1), rows.user_rows(plan, shared_hash, admin))],
        "course": [
            (spec("courses", rows.COURSES, sizes.courses), rows.course_rows(plan)),
            (spec("modules", rows.MODULES, modules), rows.module_rows(plan)),
            (spec("lessons", rows.LESSONS, lessons), rows.lesson_rows(plan)),
            (spec("reviews", rows.REVIEWS, sizes.reviews), rows.review_rows(plan)),
            (
                spec("quizzes", learn.QUIZZES, learn.quiz_count(plan), json_columns=("questions",)),
                learn.quiz_rows(plan),
            ),
        ],
        "enrollment": [
            (spec("enrollments", rows.ENROLLMENTS, sizes.enrollments), rows.enrollment_rows(plan)),
            (spec("lesson_progress", rows.PROGRESS, rows.progress_count(plan)), rows.progress_rows(plan)),
            (
                spec("quiz_attempts", learn.ATTEMPTS, learn.attempt_count(plan), json_columns=("answers",)),
                learn.attempt_rows(plan),
            ),
            (spec("watch_positions", learn.WATCH, learn.watch_count(plan)), learn.watch_rows(plan)),
            (
                spec("certificates", learn.CERTIFICATES, learn.certificate_count(plan)),
                learn.certificate_rows(plan),
            ),
        ],
        "payment": [(spec("payments", rows.PAYMENTS, sizes.paid_enrollments), rows.payment_rows(plan))],
        "notification": [],
    }
    metadata = _metadata()
    loads = [
        ContextLoad(name, settings.database_url(name), metadata[name], by_context[name]) for name in CONTEXTS
    ]
    _check_columns(loads)
    return loads


def _check_columns(loads: list[ContextLoad]) -> None:
    """Fail loudly when a model gained or lost a column the seeder does not know about."""
    for load in loads:
        for spec, _ in load.tables:
            model_columns = set(load.metadata.tables[spec.name].columns.keys())
            if model_columns != set(spec.columns):
                raise SystemExit(
                    f"{load.name}.{spec.name}: model columns {sorted(model_columns)} differ from "
                    f"the seeder's {sorted(spec.columns)}; update loadtest/rows.py"
                )


def _is_postgres(settings: Settings) -> bool:
    return all(settings.database_url(c).startswith("postgresql") for c in CONTEXTS)


def prepare(settings: Settings, reset: bool) -> None:
    """Create missing databases, migrate, and refuse to overwrite data without --reset."""
    urls = [settings.database_url(c) for c in CONTEXTS]
    if _is_postgres(settings):
        asyncio.run(pg_writer.ensure_databases(urls))
    upgrade_all(settings)
    if reset:
        return
    metadata = _metadata()
    for name, url in zip(CONTEXTS, urls, strict=True):
        full = (
            asyncio.run(pg_writer.has_rows(url))
            if url.startswith("postgresql")
            else sqlite_writer.has_rows(url, metadata[name])
        )
        if full:
            raise SystemExit(f"{name} database already holds data ({url}); re-run with --reset")


def run(scale: float, reset: bool, quiet: bool = False, settings: Settings | None = None) -> dict:
    """Seed; returns timings in seconds ({"plan": .., "<context>": .., "total": ..})."""
    settings = settings or get_settings()
    console = Console(quiet=quiet, stderr=True)
    started = time.perf_counter()
    prepare(settings, reset)
    console.print(f"planning data set at scale {scale} ...")
    plan = build_plan(scale)
    loads = build_loads(plan, settings)
    timings = {"plan": round(time.perf_counter() - started, 1)}
    columns = (TextColumn("{task.description:<34}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=quiet) as progress:
        tasks = {load.name: progress.add_task(load.name, total=load.total) for load in loads}

        def reporters(load: ContextLoad):
            task = tasks[load.name]

            def on_rows(_table: str, n: int) -> None:
                progress.advance(task, n)

            def on_phase(phase: str) -> None:
                progress.update(task, description=f"{load.name}: {phase}")
                if phase == "done":
                    timings[load.name] = round(time.perf_counter() - started, 1)

            return on_rows, on_phase

        if _is_postgres(settings):
            asyncio.run(_load_postgres(loads, reporters))
        else:
            for load in loads:
                sqlite_writer.load_context(load.url, load.metadata, load.tables, *reporters(load))
    timings["total"] = round(time.perf_counter() - started, 1)
    console.print(f"seeded {plan.sizes} in {timings['total']} s: {timings}")
    return timings


async def _load_postgres(loads: list[ContextLoad], reporters) -> None:
    # Concurrently: while one database builds its indexes, Python generates rows for another.
    await asyncio.gather(*(pg_writer.load_context(load.url, load.tables, *reporters(load)) for load in loads))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.seed", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50K users, 100K courses")
    parser.add_argument("--reset", action="store_true", help="replace existing data")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    run(args.scale, args.reset, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
