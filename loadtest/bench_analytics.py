"""Benchmark of the teacher's analytics page on PostgreSQL, on its own throw-away databases:

    python -m loadtest.bench_analytics [--students 100 1000] [--runs 40] [--keep]

For each size it seeds one paid course (20 lessons in 4 modules, quizzes on 5 of them)
with that many students at a realistic drop-off (progress, watch positions, quiz
attempts, certificates, payments, reviews), then times the report the analytics page
loads (``enrollment.course_report``, every facade call included) and the
same report over HTTP (JSON). Results are printed as a Markdown table
(docs/perf/ANALYTICS.md). The shared ``eduplatform_<ctx>`` databases are never touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

import asyncpg
from httpx import ASGITransport, AsyncClient
from sqlalchemy import insert
from sqlmodel import SQLModel

from backend_services.bootstrap import build_platform, set_platform
from backend_services.course.models import Course, Lesson, Module, Quiz, Review
from backend_services.enrollment.models import (
    Certificate,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    WatchPosition,
)
from backend_services.payment.models import Payment
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.security import Principal, Role
from backend_services.shared.settings import CONTEXTS, Settings
from backend_services.shared.types import utcnow

SERVER = os.environ.get("EDU_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
LESSONS, MODULES, QUIZ_EVERY = 20, 4, 4
PRICE = Decimal("49.99")
QUESTIONS = [{"id": "q", "kind": "text", "text": "?", "options": [], "accepted_answers": ["yes"]}]


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{SERVER}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _seed(platform, students: int, rng: random.Random) -> tuple[uuid.UUID, uuid.UUID]:
    """One paid course and ``students`` enrollments; returns (teacher id, course id)."""
    teacher, course = uuid.uuid4(), uuid.uuid4()
    now = utcnow()
    modules = [
        {"id": uuid.uuid4(), "course_id": course, "title": f"Module {m + 1}", "order": m}
        for m in range(MODULES)
    ]
    lessons = [
        {
            "id": uuid.uuid4(),
            "module_id": modules[n // (LESSONS // MODULES)]["id"],
            "course_id": course,
            "title": f"Lesson {n + 1}",
            "content": "",
            "order": n,
        }
        for n in range(LESSONS)
    ]
    quiz_lessons = {lesson["id"] for n, lesson in enumerate(lessons) if n % QUIZ_EVERY == QUIZ_EVERY - 1}
    enrollments, progress, watching, attempts, certificates, payments, reviews = [], [], [], [], [], [], []
    for _ in range(students):
        student, enrollment = uuid.uuid4(), uuid.uuid4()
        enrolled_at = now - timedelta(days=rng.randint(0, 90), seconds=rng.randint(0, 86_000))
        depth = min(int(rng.expovariate(1 / 8)), LESSONS)  # lessons completed, most stop early
        done = depth == LESSONS
        enrollments.append(
            {
                "id": enrollment,
                "student_id": student,
                "course_id": course,
                "payment_id": uuid.uuid4(),
                "status": "completed" if done else ("in_progress" if depth else "enrolled"),
                "enrolled_at": enrolled_at,
                "completed_at": now if done else None,
            }
        )
        payments.append(
            {"id": enrollments[-1]["payment_id"], "student_id": student, "course_id": course, "amount": PRICE}
            | {"status": "completed", "created_at": enrolled_at}
        )
        for lesson in lessons[: depth + 1]:
            completed = lesson in lessons[:depth]
            if completed:
                progress.append(
                    {"id": uuid.uuid4(), "student_id": student, "lesson_id": lesson["id"]}
                    | {"course_id": course, "completed_at": now}
                )
            watching.append(
                {"id": uuid.uuid4(), "student_id": student, "lesson_id": lesson["id"], "course_id": course}
                | {
                    "position_seconds": 300.0,
                    "duration_seconds": 600.0,
                    "watched_seconds": 600.0 if completed else 300.0,
                }
                | {"updated_at": now}
            )
            if lesson["id"] in quiz_lessons:
                tries = 2 if rng.random() < 0.3 else 1
                for n in range(tries):
                    passed = completed and n == tries - 1
                    attempts.append(
                        {
                            "id": uuid.uuid4(),
                            "student_id": student,
                            "lesson_id": lesson["id"],
                            "course_id": course,
                        }
                        | {"attempt_number": n + 1, "seed": 1, "answers": {}, "score": 100 if passed else 0}
                        | {"passed": passed, "started_at": now, "submitted_at": now}
                    )
        if done:
            certificates.append(
                {"id": uuid.uuid4(), "code": uuid.uuid4().hex[:14].upper(), "enrollment_id": enrollment}
                | {"student_id": student, "course_id": course, "student_name": "S", "course_title": "Bench"}
                | {"teacher_name": "T", "completed_at": now, "issued_at": now}
            )
        if rng.random() < 0.3:
            reviews.append(
                {"id": uuid.uuid4(), "student_id": student, "course_id": course, "rating": rng.randint(1, 5)}
                | {"comment": "", "created_at": now}
            )
    course_row = {
        "id": course,
        "teacher_id": teacher,
        "title": "Bench course",
        "description": "",
        "is_free": False,
    }
    course_row |= {
        "price": PRICE,
        "duration_minutes": 0,
        "level": "beginner",
        "review_count": 0,
        "rating_sum": 0,
    }
    course_row |= {"created_at": now}
    quizzes = [
        {
            "id": uuid.uuid4(),
            "lesson_id": lesson_id,
            "course_id": course,
            "pass_mark": 100,
            "max_attempts": None,
        }
        | {"questions": QUESTIONS, "updated_at": now}
        for lesson_id in quiz_lessons
    ]
    for lesson in lessons + modules:
        lesson.setdefault("created_at", now)
    writes: dict[str, list[tuple[type[SQLModel], list[dict[str, Any]]]]] = {
        "course": [
            (Course, [course_row]),
            (Module, modules),
            (Lesson, lessons),
            (Quiz, quizzes),
            (Review, reviews),
        ],
        "enrollment": [
            (Enrollment, enrollments),
            (LessonProgress, progress),
            (WatchPosition, watching),
            (QuizAttempt, attempts),
            (Certificate, certificates),
        ],
        "payment": [(Payment, payments)],
    }
    for context, tables in writes.items():
        async with platform.databases[context].session() as session:
            for model, rows in tables:
                for start in range(0, len(rows), 5000):
                    if rows[start : start + 5000]:
                        await session.execute(insert(model), rows[start : start + 5000])
    return teacher, course


def _ms(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


async def _bench_size(students: int, runs: int, keep: bool) -> dict:
    prefix = f"edu_bench_analytics_{uuid.uuid4().hex[:6]}"
    names = {ctx: f"{prefix}_{ctx}" for ctx in CONTEXTS}
    for name in names.values():
        await _admin(f'CREATE DATABASE "{name}"')
    async_server = SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
    urls: dict[str, Any] = {f"{ctx}_database_url": f"{async_server}/{db}" for ctx, db in names.items()}
    settings = Settings(
        env="test",
        auto_migrate=False,
        jwt_secret="bench-secret-that-is-long-enough-for-hs256-000",
        **urls,
    )
    try:
        await asyncio.to_thread(upgrade_all, settings)
        platform = build_platform(settings)
        set_platform(platform)
        teacher_id, course_id = await _seed(platform, students, random.Random(students))
        teacher = Principal(user_id=teacher_id, role=Role.TEACHER, is_verified=True)
        token = platform.tokens.issue(user_id=teacher_id, role=Role.TEACHER, is_verified=True)
        for _ in range(3):  # warm the pools and the statement caches
            report = await platform.enrollment.course_report(teacher, course_id)
        facade = []
        for _ in range(runs):
            started = time.perf_counter()
            await platform.enrollment.course_report(teacher, course_id)
            facade.append(time.perf_counter() - started)
        from backend_services.api import create_api

        http = []
        app = create_api(with_lifespan=False)
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as client:
            headers = {"Authorization": f"Bearer {token}"}
            for _ in range(runs):
                started = time.perf_counter()
                response = await client.get(f"/api/enrollment/analytics/courses/{course_id}", headers=headers)
                http.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
        await platform.stop()
        return {"students": students, "report": report, "facade": _ms(facade), "http": _ms(http)}
    finally:
        if not keep:
            for name in names.values():
                await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def main(sizes: list[int], runs: int, keep: bool) -> None:
    results = [await _bench_size(n, runs, keep) for n in sizes]
    print(f"{runs} runs per size\n")
    print("| students | progress rows | facade p50 / p95 / max (ms) | HTTP p50 / p95 / max (ms) |")
    print("|---:|---:|---|---|")
    for r in results:
        rows = sum(f.completed for f in r["report"].funnel)
        facade = " / ".join(f"{v:.1f}" for v in r["facade"])
        http = " / ".join(f"{v:.1f}" for v in r["http"])
        print(f"| {r['students']} | {rows} | {facade} | {http} |")
    if len(results) > 1:
        ratio = results[-1]["http"][0] / results[0]["http"][0]
        print(f"\nHTTP p50 at {results[-1]['students']} students / at {results[0]['students']}: {ratio:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    args = parser.parse_args()
    asyncio.run(main(args.students, args.runs, args.keep))
