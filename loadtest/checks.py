"""Consistency checks of a seeded data set (SQLite or PostgreSQL):

    python -m loadtest.checks

Cross-context rules are checked in Python (contexts never join across databases):
every paid enrollment has exactly one completed payment by that student for that
course with amount = price; statuses match lesson progress; course rating
aggregates match the reviews; every completed enrollment has exactly one
certificate (and nothing else has one); a completed lesson that has a quiz has a
passed attempt; watch positions lie inside their video.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from backend_services.shared.settings import CONTEXTS, Settings, get_settings


async def _fetch(settings: Settings, context: str, sql: str) -> list[tuple]:
    engine = create_async_engine(settings.database_url(context))
    try:
        async with engine.connect() as conn:
            return [tuple(r) for r in (await conn.execute(text(sql))).all()]
    finally:
        await engine.dispose()


async def verify(settings: Settings) -> dict[str, int]:
    """Raise AssertionError on the first broken rule; return the row counts."""
    q = {
        "users": ("identity", "SELECT count(*) FROM users"),
        "courses": ("course", "SELECT count(*) FROM courses"),
        "modules": ("course", "SELECT count(*) FROM modules"),
        "lessons": ("course", "SELECT count(*) FROM lessons"),
        "reviews": ("course", "SELECT count(*) FROM reviews"),
        "enrollments": ("enrollment", "SELECT count(*) FROM enrollments"),
        "lesson_progress": ("enrollment", "SELECT count(*) FROM lesson_progress"),
        "payments": ("payment", "SELECT count(*) FROM payments"),
        "quizzes": ("course", "SELECT count(*) FROM quizzes"),
        "quiz_attempts": ("enrollment", "SELECT count(*) FROM quiz_attempts"),
        "watch_positions": ("enrollment", "SELECT count(*) FROM watch_positions"),
        "certificates": ("enrollment", "SELECT count(*) FROM certificates"),
    }
    counts = {name: (await _fetch(settings, ctx, sql))[0][0] for name, (ctx, sql) in q.items()}
    await _check_payments(settings)
    await _check_progress(settings)
    await _check_ratings(settings)
    await _check_curriculum(settings)
    await _check_certificates(settings)
    await _check_quizzes(settings)
    return counts


async def _check_payments(settings: Settings) -> None:
    prices = dict(await _fetch(settings, "course", "SELECT id, price FROM courses"))
    enrollments = await _fetch(
        settings, "enrollment", "SELECT student_id, course_id, payment_id FROM enrollments"
    )
    payments = await _fetch(
        settings,
        "payment",
        "SELECT id, student_id, course_id, amount FROM payments WHERE status = 'completed'",
    )
    by_pair = Counter((str(s), str(c)) for _, s, c, _ in payments)
    by_id = {str(p): (str(s), str(c), Decimal(str(a))) for p, s, c, a in payments}
    for student, course, payment_id in enrollments:
        price = prices.get(course)
        assert course in prices, f"enrollment in unknown course {course}"
        if price is None:
            assert payment_id is None, f"free course {course} enrollment has a payment"
            continue
        assert payment_id is not None, f"paid course {course}: enrollment without payment"
        pair = (str(student), str(course))
        assert by_pair[pair] == 1, f"{pair}: {by_pair[pair]} completed payments"
        assert by_id[str(payment_id)] == (*pair, Decimal(str(price))), f"payment {payment_id}"
    assert len(payments) == sum(1 for e in enrollments if e[2] is not None), "orphan payments"


async def _check_progress(settings: Settings) -> None:
    totals = dict(
        await _fetch(settings, "course", "SELECT course_id, count(*) FROM lessons GROUP BY course_id")
    )
    done = {
        (str(s), str(c)): n
        for s, c, n in await _fetch(
            settings,
            "enrollment",
            "SELECT student_id, course_id, count(*) FROM lesson_progress GROUP BY student_id, course_id",
        )
    }
    enrollments = await _fetch(
        settings,
        "enrollment",
        "SELECT student_id, course_id, status, completed_at FROM enrollments",
    )
    assert len(done) <= len(enrollments)
    for student, course, status, completed_at in enrollments:
        n, total = done.pop((str(student), str(course)), 0), totals[course]
        expected = "enrolled" if n == 0 else ("completed" if n == total else "in_progress")
        assert status == expected, f"{student}/{course}: {status} with {n}/{total} lessons done"
        assert (completed_at is not None) == (status == "completed"), "completed_at vs status"
    assert not done, f"progress without enrollment: {list(done)[:3]}"


async def _check_ratings(settings: Settings) -> None:
    rows = await _fetch(
        settings,
        "course",
        "SELECT c.id, c.rating_sum, c.review_count, c.avg_rating, "
        "coalesce(sum(r.rating), 0), count(r.id) "
        "FROM courses c LEFT JOIN reviews r ON r.course_id = c.id "
        "GROUP BY c.id, c.rating_sum, c.review_count, c.avg_rating",
    )
    for cid, rating_sum, review_count, avg, real_sum, real_count in rows:
        assert (rating_sum, review_count) == (real_sum, real_count), f"course {cid} aggregates"
        if review_count == 0:
            assert avg is None, f"course {cid}: avg_rating without reviews"
        else:
            want = (Decimal(real_sum) / Decimal(real_count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert Decimal(str(avg)) == want, f"course {cid}: avg {avg} != {want}"
    enrolled = {
        (str(s), str(c))
        for s, c in await _fetch(settings, "enrollment", "SELECT student_id, course_id FROM enrollments")
    }
    for s, c in await _fetch(settings, "course", "SELECT student_id, course_id FROM reviews"):
        assert (str(s), str(c)) in enrolled, f"review by a student not enrolled: {s}/{c}"


async def _check_curriculum(settings: Settings) -> None:
    bad = await _fetch(
        settings,
        "course",
        "SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id "
        "WHERE m.course_id <> l.course_id LIMIT 1",
    )
    assert not bad, f"lesson course_id differs from its module's: {bad}"
    shapes = await _fetch(
        settings,
        "course",
        "SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM modules GROUP BY course_id) x",
    )
    assert shapes[0][0] >= 3 and shapes[0][1] <= 5, f"modules per course {shapes}"


async def _check_certificates(settings: Settings) -> None:
    completed = {
        str(e)
        for (e,) in await _fetch(
            settings, "enrollment", "SELECT id FROM enrollments WHERE status = 'completed'"
        )
    }
    issued = Counter(
        str(e) for (e,) in await _fetch(settings, "enrollment", "SELECT enrollment_id FROM certificates")
    )
    twice = [e for e, n in issued.items() if n > 1]
    assert not twice, f"enrollments with more than one certificate: {twice[:3]}"
    assert set(issued) == completed, (
        f"{len(completed - set(issued))} completed enrollments without a certificate, "
        f"{len(set(issued) - completed)} certificates for enrollments not completed"
    )


async def _check_quizzes(settings: Settings) -> None:
    quiz_lessons = {
        str(lesson) for (lesson,) in await _fetch(settings, "course", "SELECT lesson_id FROM quizzes")
    }
    passed = {
        (str(s), str(lesson))
        for s, lesson in await _fetch(
            settings, "enrollment", "SELECT student_id, lesson_id FROM quiz_attempts WHERE passed"
        )
    }
    for student, lesson in await _fetch(
        settings, "enrollment", "SELECT student_id, lesson_id FROM lesson_progress"
    ):
        if str(lesson) in quiz_lessons:
            assert (str(student), str(lesson)) in passed, (
                f"{student} completed quiz lesson {lesson} without a pass"
            )
    outside = await _fetch(
        settings,
        "enrollment",
        "SELECT id FROM watch_positions WHERE position_seconds < 0 OR position_seconds > duration_seconds "
        "OR watched_seconds > duration_seconds LIMIT 1",
    )
    assert not outside, f"watch positions outside their video: {outside}"


def main() -> int:
    settings = get_settings()
    print({c: settings.database_url(c) for c in CONTEXTS})
    print(asyncio.run(verify(settings)))
    print("all consistency checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
