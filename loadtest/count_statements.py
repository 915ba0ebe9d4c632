"""SQL statements and facade calls a course page and a lesson page cost, before and after
the "one handler per navigation" work (docs/perf/UI_LOAD.md, 2026-11-27).

Replays the facade calls each page's on_load handlers make for an enrolled student,
as the handlers make them (``before``: load_session + the page's handlers of
2026-11-26; ``after``: the page's one handler of today, the profile kept because the
token did not change), and counts statements with a ``before_cursor_execute``
listener on every context's engine. Each sequence runs twice and the second (warm
read cache, the steady state) is reported. Run in the production environment of a
seeded lab:

    source scripts/production_env.sh && .venv/bin/python -m loadtest.count_statements
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import event

from backend_services.bootstrap import platform_lifespan
from backend_services.shared.security import Principal
from loadtest.plan import PASSWORD, email_of

Step = Callable[[], Awaitable[Any]]


@contextlib.contextmanager
def counting(platform) -> Any:
    counts: collections.Counter[str] = collections.Counter()
    listeners = []
    for name, db in platform.databases.items():

        def record(*_args, _name=name) -> None:
            counts[_name] += 1

        engine = db.engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        listeners.append((engine, record))
    try:
        yield counts
    finally:
        for engine, record in listeners:
            event.remove(engine, "before_cursor_execute", record)


async def enrolled_student(p) -> tuple[Principal, uuid.UUID]:
    for index in range(1, 500):
        try:
            pair = await p.identity.login(email=email_of(index), password=PASSWORD, client_address="count")
        except Exception:  # noqa: BLE001, S112 - not a seeded account: try the next one
            continue
        actor = p.tokens.verify(pair.access_token)
        if not actor.is_student:
            continue
        mine = await p.enrollment.list_my_enrollments(actor, limit=1, offset=0)
        if mine.items:
            return actor, mine.items[0].course_id
    raise SystemExit("no enrolled student: seed the lab first (loadtest.seed --scale 0.01)")


async def main() -> None:
    async with platform_lifespan() as p:
        actor, course_id = await enrolled_student(p)
        curriculum = await p.course.get_curriculum(course_id)
        lesson_id = curriculum.modules[0].lessons[0].id

        async def reviews() -> None:
            page = await p.course.list_reviews(course_id, limit=10, offset=0)
            await p.identity.get_users(list({r.student_id for r in page.items}))

        async def resume_old() -> None:
            point = await p.enrollment.resume_point(actor, course_id)
            if point.lesson_id is not None:
                await p.course.get_lesson(actor, point.lesson_id)

        async def quiz_old() -> None:
            if (
                await p.course.quiz_for_student(lesson_id, seed=0) is not None
                and await p.enrollment.get_my_enrollment(actor, course_id) is not None
            ):
                await p.enrollment.my_quiz_attempts(actor, lesson_id)

        session = [lambda: p.identity.me(actor), lambda: p.notification.unread_count(actor)]
        pages: dict[str, list[Step]] = {
            "course page, before": [
                *session,
                lambda: p.course.get_curriculum(course_id),
                reviews,
                lambda: p.enrollment.get_my_enrollment(actor, course_id),
                lambda: p.enrollment.get_progress(actor, course_id),
                lambda: p.enrollment.completed_lesson_ids(actor, course_id),
                lambda: p.course.get_review_by(actor.user_id, course_id),
                resume_old,
            ],
            "course page, after": [
                lambda: p.course.get_curriculum(course_id),
                reviews,
                lambda: p.enrollment.my_standing(actor, course_id),
                lambda: p.course.get_review_by(actor.user_id, course_id),
                lambda: p.enrollment.resume_point(actor, course_id),
            ],
            "lesson page, before": [
                *session,
                lambda: p.course.get_curriculum(course_id),
                lambda: p.course.get_lesson(actor, lesson_id),
                lambda: p.enrollment.get_my_enrollment(actor, course_id),
                lambda: p.enrollment.completed_lesson_ids(actor, course_id),
                lambda: p.enrollment.get_progress(actor, course_id),
                lambda: p.enrollment.get_my_enrollment(actor, course_id),
                quiz_old,
                lambda: p.enrollment.watch_position(actor, lesson_id),
            ],
            "lesson page, after": [
                lambda: p.course.get_curriculum(course_id),
                lambda: p.course.get_lesson(actor, lesson_id),
                lambda: p.enrollment.my_standing(actor, course_id),
                lambda: p.course.quiz_for_student(lesson_id, seed=0),
                lambda: p.enrollment.watch_position(actor, lesson_id),
            ],
        }
        print(f"student {actor.user_id}, course {course_id}, lesson {lesson_id}")
        for name, steps in pages.items():
            for _ in range(2):  # the second run has a warm read cache
                with counting(p) as counts:
                    for step in steps:
                        await step()
            total = sum(counts.values())
            print(f"{name}: {len(steps)} steps, {total} statements {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    asyncio.run(main())
