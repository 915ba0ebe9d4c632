"""Row generators for every seeded table, in each table's column order.

Generators stream (the ~3M lessons are never all in memory); values have the
Python types the models declare: ``uuid.UUID``, ``Decimal``, timezone-aware
``datetime``, so the PostgreSQL COPY and the SQLite inserts store them exactly as
the application would.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from backend_services.course.categories import CATEGORIES, category_id
from loadtest import words
from loadtest.plan import SEED, Plan, email_of, lesson_duration, new_uuid

Row = tuple


@dataclass(frozen=True)
class TableSpec:
    """One table to fill: name, columns (in the order the generator yields) and row count."""

    name: str
    columns: tuple[str, ...]
    count: int
    json_columns: tuple[str, ...] = ()  # sent to PostgreSQL's COPY as JSON text


USERS = ("id", "email", "password_hash", "name", "role", "is_verified", "email_verified", "created_at")
COURSES = (
    "id",
    "teacher_id",
    "title",
    "description",
    "is_free",
    "price",
    "duration_minutes",
    "level",
    "avg_rating",
    "review_count",
    "rating_sum",
    "created_at",
    "category_id",
)
CATEGORY_COLUMNS = ("id", "name", "slug")
MODULES = ("id", "course_id", "title", "order", "created_at")
LESSONS = (
    "id",
    "module_id",
    "course_id",
    "title",
    "content",
    "video_url",
    "duration_minutes",
    "order",
    "is_preview",
    "created_at",
)
REVIEWS = ("id", "student_id", "course_id", "rating", "comment", "created_at")
ENROLLMENTS = (
    "id",
    "student_id",
    "course_id",
    "payment_id",
    "status",
    "enrolled_at",
    "completed_at",
)
PROGRESS = ("id", "student_id", "lesson_id", "course_id", "completed_at")
PAYMENTS = ("id", "student_id", "course_id", "amount", "status", "idempotency_key", "created_at")

STEP = timedelta(minutes=30)  # between two lesson completions of one student


def user_name(index: int) -> str:
    first, last = words.FIRST_NAMES, words.LAST_NAMES
    return f"{first[index % len(first)]} {last[(index // len(first)) % len(last)]}"


def course_title(plan: Plan, course: int) -> str:
    topic = words.TOPICS[plan.course_topic[course]][0]
    return words.TITLE_PATTERNS[course % len(words.TITLE_PATTERNS)].format(topic=topic)


def user_rows(plan: Plan, password_hash: str, admin: tuple[str, str, str]) -> Iterator[Row]:
    """Seeded accounts, then the configured admin (email, password hash, name)."""
    teachers = plan.sizes.teachers
    for i, (uid, created) in enumerate(zip(plan.user_ids, plan.user_created, strict=True)):
        name = user_name(i)
        role = "teacher" if i < teachers else "student"
        verified = i < teachers and i % 2 == 0
        # Seeded addresses count as confirmed: the lab measures learning, not mail.
        yield (uid, email_of(i), password_hash, name, role, verified, True, created)
    email, admin_hash, admin_name = admin
    admin_id = uuid.uuid5(uuid.NAMESPACE_URL, f"eduplatform-seed:{email}")
    yield (admin_id, email, admin_hash, admin_name, "admin", True, True, plan.user_created[0])


def category_rows() -> Iterator[Row]:
    """The curated categories (the migration inserts the same; the load replaces them)."""
    for slug, name in CATEGORIES:
        yield (category_id(slug), name, slug)


def course_rows(plan: Plan) -> Iterator[Row]:
    topics = words.TOPICS
    categories = [category_id(words.TOPIC_CATEGORIES[name]) for name, _, _ in topics]
    for c, cid in enumerate(plan.course_ids):
        topic, _, skills = topics[plan.course_topic[c]]
        description = words.DESCRIPTION_PATTERNS[c % len(words.DESCRIPTION_PATTERNS)].format(
            topic=topic, skill=skills[c % 3], skill2=skills[(c + 1) % 3]
        )
        total = plan.lessons_in(c)
        price = plan.course_price[c]
        yield (
            cid,
            plan.user_ids[plan.course_teacher[c]],
            course_title(plan, c),
            description,
            price is None,
            price,
            sum(lesson_duration(c, k) for k in range(total)),
            plan.course_level[c],
            plan.avg_rating(c),
            plan.review_count[c],
            plan.rating_sum[c],
            plan.course_created[c],
            categories[plan.course_topic[c]],
        )


_CONTENTS = [words.lesson_contents(t) for t in range(len(words.TOPICS))]


def module_rows(plan: Plan) -> Iterator[Row]:
    stages = words.MODULE_STAGES
    for c in range(plan.sizes.courses):
        module_ids, _ = plan.structure_ids(c, 0)
        cid, created = plan.course_ids[c], plan.course_created[c]
        for m, mid in enumerate(module_ids):
            yield (mid, cid, f"{m + 1}. {stages[(c + m) % len(stages)]}", m + 1, created)


def lesson_rows(plan: Plan) -> Iterator[Row]:
    phrases, videos = words.LESSON_PHRASES, words.VIDEO_URLS
    for c in range(plan.sizes.courses):
        module_ids, lesson_ids = plan.structure_ids(c)
        cid, created = plan.course_ids[c], plan.course_created[c]
        contents = _CONTENTS[plan.course_topic[c]]
        position = 0
        for mid, count in zip(module_ids, plan.course_shape[c], strict=True):
            for k in range(count):
                pick = (c + position) % len(phrases)
                yield (
                    lesson_ids[position],
                    mid,
                    cid,
                    f"{k + 1}. {phrases[pick]}",
                    contents[pick],
                    videos[(c + position) % len(videos)],
                    lesson_duration(c, position),
                    k + 1,
                    position == 0,  # every course's first lesson is a free preview
                    created,
                )
                position += 1


def review_rows(plan: Plan) -> Iterator[Row]:
    rng = random.Random(SEED + 1)
    for index, rating in plan.reviews:
        e = plan.enrollments[index]
        comments = words.REVIEW_COMMENTS[rating]
        yield (
            new_uuid(rng),
            plan.user_ids[e.student],
            plan.course_ids[e.course],
            rating,
            comments[index % len(comments)],
            e.enrolled_at + timedelta(days=1),
        )


def enrollment_rows(plan: Plan) -> Iterator[Row]:
    for e in plan.enrollments:
        completed_at = None
        if e.status == "completed":
            completed_at = _nth_completion(e.enrolled_at, e.completed_lessons - 1)
        yield (
            e.id,
            plan.user_ids[e.student],
            plan.course_ids[e.course],
            e.payment_id,
            e.status,
            e.enrolled_at,
            completed_at,
        )


def progress_count(plan: Plan) -> int:
    return sum(e.completed_lessons for e in plan.enrollments)


def progress_rows(plan: Plan) -> Iterator[Row]:
    """The first ``completed_lessons`` lessons (curriculum order) of every enrollment."""
    rng = random.Random(SEED + 2)
    for e in plan.enrollments:
        if not e.completed_lessons:
            continue
        _, lesson_ids = plan.structure_ids(e.course, e.completed_lessons)
        student, course = plan.user_ids[e.student], plan.course_ids[e.course]
        for n, lesson_id in enumerate(lesson_ids):
            yield (new_uuid(rng), student, lesson_id, course, _nth_completion(e.enrolled_at, n))


def _nth_completion(enrolled_at: datetime, n: int) -> datetime:
    return enrolled_at + STEP * (n + 1)


def payment_rows(plan: Plan) -> Iterator[Row]:
    paid_before = timedelta(minutes=2)
    for e in plan.enrollments:
        if e.payment_id is None:
            continue
        yield (
            e.payment_id,
            plan.user_ids[e.student],
            plan.course_ids[e.course],
            plan.course_price[e.course],
            "completed",
            None,
            e.enrolled_at - paid_before,
        )
