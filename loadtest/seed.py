"""Seed every context's database with the planning-scale data set.

    python -m loadtest.seed [--scale 1.0] [--reset] [--quiet] [--catalog-only]

Uses the same ``EDU_*`` settings as the app: with ``EDU_POSTGRES_SERVER`` set it
creates the missing ``eduplatform_<ctx>`` databases, migrates them and loads with
binary COPY; otherwise it fills the SQLite files with plain inserts (fine up to
``--scale 0.05`` or so). A database that already holds data is only replaced with
``--reset`` (every table of every context is emptied first, notifications too).
``--catalog-only`` loads just the course catalog (categories and courses) into the course
database, for search measurements at scales where the full data set would not fit.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import MetaData

from backend_services.course.categories import CATEGORIES
from backend_services.read_caches import forget_cached_reads
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
    metadata: MetaData
    tables: list[tuple[TableSpec, Iterable[tuple[Any, ...]]]]

    @property
    def total(self) -> int:
        return sum(spec.count for spec, _ in self.tables)


def _metadata() -> dict[str, MetaData]:
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


SEARCH_INDEXES = ["ix_courses_search_vector", "ix_courses_title_vector", "ix_course_words_trgm", "courses"]


def build_loads(plan: Plan, settings: Settings, *, catalog_only: bool = False) -> list[ContextLoad]:
    """Which rows go to which context database, as lazy generators."""
    shared_hash = _hash(PASSWORD)
    admin_hash = shared_hash if settings.admin_password == PASSWORD else _hash(settings.admin_password)
    admin = (settings.admin_email.strip().lower(), admin_hash, settings.admin_name)
    sizes = plan.sizes
    modules = sum(len(s) for s in plan.course_shape)
    lessons = sum(sum(s) for s in plan.course_shape)
    spec = TableSpec
    by_context: dict[str, list[tuple[TableSpec, Iterable[tuple[Any, ...]]]]] = {
        "identity": [(spec("users", rows.USERS, sizes.users + 1), rows.user_rows(plan, shared_hash, admin))],
        "course": [
            (spec("categories", rows.CATEGORY_COLUMNS, len(CATEGORIES)), rows.category_rows()),
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
    if catalog_only:  # the other course tables stay empty (their foreign keys need them loaded)
        catalog, rest = by_context["course"][:2], by_context["course"][2:]
        by_context = {
            "course": catalog + [(spec(table.name, table.columns, 0), iter(())) for table, _ in rest]
        }
    metadata = _metadata()
    loads = [
        ContextLoad(name, settings.database_url(name), metadata[name], by_context[name])
        for name in CONTEXTS
        if name in by_context
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


def prepare(settings: Settings, reset: bool, contexts: tuple[str, ...] = CONTEXTS) -> None:
    """Create missing databases, migrate, and refuse to overwrite data without --reset."""
    urls = [settings.database_url(c) for c in contexts]
    if _is_postgres(settings):
        asyncio.run(pg_writer.ensure_databases(urls))
    upgrade_all(settings, contexts=contexts)
    if reset:
        return
    metadata = _metadata()
    for name, url in zip(contexts, urls, strict=True):
        full = (
            asyncio.run(pg_writer.has_rows(url))
            if url.startswith("postgresql")
            else sqlite_writer.has_rows(url, metadata[name])
        )
        if full:
            raise SystemExit(f"{name} database already holds data ({url}); re-run with --reset")


def run(
    scale: float,
    reset: bool,
    quiet: bool = False,
    settings: Settings | None = None,
    *,
    catalog_only: bool = False,
) -> dict:
    """Seed; returns timings in seconds ({"plan": .., "<context>": .., "total": ..}) and, on
    PostgreSQL, the search indexes' build seconds and sizes ("search")."""
    settings = settings or get_settings()
    console = Console(quiet=quiet, stderr=True)
    started = time.perf_counter()
    prepare(settings, reset, ("course",) if catalog_only else CONTEXTS)
    console.print(f"planning data set at scale {scale} ...")
    plan = build_plan(scale)
    loads = build_loads(plan, settings, catalog_only=catalog_only)
    timings: dict[str, Any] = {"plan": round(time.perf_counter() - started, 1)}
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
            index_seconds = asyncio.run(_load_postgres(loads, reporters))
        else:
            for load in loads:
                sqlite_writer.load_context(load.url, load.metadata, load.tables, *reporters(load))
    timings["total"] = round(time.perf_counter() - started, 1)
    console.print(f"seeded {plan.sizes} in {timings['total']} s: {timings}")
    # The seed's ids are the same every run: answers cached about the last data set must go.
    try:
        forgotten = asyncio.run(forget_cached_reads(settings))
    except (OSError, RedisError) as exc:
        console.print(f"[yellow]could not clear the read cache ({exc}); it expires within its TTL[/]")
    else:
        console.print(f"read cache cleared ({forgotten} keys)")
    if _is_postgres(settings):
        sizes = asyncio.run(pg_writer.index_sizes(settings.database_url("course"), SEARCH_INDEXES))
        timings["search"] = {
            name: {"build_s": index_seconds.get(name), "mb": round(size / 2**20, 1)}
            for name, size in sizes.items()
        }
        console.print(f"search structures (build seconds, MB on disk): {timings['search']}")
    return timings


async def _load_postgres(loads: list[ContextLoad], reporters) -> dict[str, float]:
    # Concurrently: while one database builds its indexes, Python generates rows for another.
    results = await asyncio.gather(
        *(pg_writer.load_context(load.url, load.tables, *reporters(load)) for load in loads)
    )
    return {name: seconds for result in results for name, seconds in result.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.seed", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50K users, 100K courses")
    parser.add_argument("--reset", action="store_true", help="replace existing data")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--catalog-only", action="store_true", help="only categories and courses (search measurements)"
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    run(args.scale, args.reset, args.quiet, catalog_only=args.catalog_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
