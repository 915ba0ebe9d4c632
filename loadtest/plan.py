"""The seeded data set: sizes, deterministic ids and the per-course/per-student plan.

Everything is derived from one fixed random seed, so two runs at the same scale
produce identical rows (same ids, same e-mails, same prices). The load test uses
``Sizes`` to know which ``user{i}@example.com`` accounts exist and what they are:

- users ``0 .. teachers-1`` are teachers; teachers with an even index are verified
  and own every seeded course; odd-index teachers are pending verification;
- users ``teachers .. users-1`` are students;
- every account's password is ``password123`` (one argon2id hash shared by all rows).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from loadtest import words

SEED = 20260701
PASSWORD = "password123"  # noqa: S105 - documented load-test credential
BASE_TIME = datetime(2026, 11, 1, tzinfo=UTC)
PRICES = [Decimal(p) for p in ("9.99", "19.99", "29.99", "49.99", "79.99", "99.99", "149.99")]
LEVELS = ("beginner", "intermediate", "advanced")
PAID_COURSE_SHARE = 0.3
# Enrollment statuses: share of "enrolled" (no progress) and "in_progress"; the rest completed.
ENROLLED_SHARE, IN_PROGRESS_SHARE = 0.55, 0.35


@dataclass(frozen=True)
class Sizes:
    """Row counts at a scale factor (1.0 = the planning document's numbers)."""

    users: int
    teachers: int
    courses: int
    enrollments: int
    paid_enrollments: int
    reviews: int

    @classmethod
    def for_scale(cls, scale: float = 1.0) -> Sizes:
        users = max(20, round(50_000 * scale))
        courses = max(10, round(100_000 * scale))
        enrollments = max(20, round(200_000 * scale))
        return cls(
            users=users,
            teachers=max(2, users // 20),
            courses=courses,
            enrollments=enrollments,
            paid_enrollments=round(enrollments * 0.25),
            reviews=enrollments // 2,
        )

    @property
    def students(self) -> range:
        return range(self.teachers, self.users)

    @property
    def verified_teachers(self) -> range:
        return range(0, self.teachers, 2)


def email_of(index: int) -> str:
    return f"user{index}@example.com"


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def lesson_duration(course: int, position: int) -> int:
    return 5 + (course + 7 * position) % 16


@dataclass
class Enrollment:
    id: uuid.UUID
    student: int
    course: int
    status: str
    completed_lessons: int
    enrolled_at: datetime
    payment_id: uuid.UUID | None = None


@dataclass
class Plan:
    """Everything but the lesson rows themselves, held in memory (small at full scale)."""

    sizes: Sizes
    user_ids: list[uuid.UUID] = field(default_factory=list)
    user_created: list[datetime] = field(default_factory=list)
    course_ids: list[uuid.UUID] = field(default_factory=list)
    course_teacher: list[int] = field(default_factory=list)
    course_topic: list[int] = field(default_factory=list)
    course_price: list[Decimal | None] = field(default_factory=list)
    course_level: list[str] = field(default_factory=list)
    course_created: list[datetime] = field(default_factory=list)
    course_shape: list[tuple[int, ...]] = field(default_factory=list)  # lessons per module
    enrollments: list[Enrollment] = field(default_factory=list)
    reviews: list[tuple[int, int]] = field(default_factory=list)  # (enrollment index, rating)
    rating_sum: list[int] = field(default_factory=list)
    review_count: list[int] = field(default_factory=list)

    def lessons_in(self, course: int) -> int:
        return sum(self.course_shape[course])

    def avg_rating(self, course: int) -> Decimal | None:
        if not self.review_count[course]:
            return None
        avg = Decimal(self.rating_sum[course]) / Decimal(self.review_count[course])
        return avg.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def structure_ids(
        self, course: int, lessons: int | None = None
    ) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
        """Module ids and the first ``lessons`` lesson ids (curriculum order) of a course.

        Drawn from a per-course generator, so the enrollment context can rebuild a
        course's lesson ids without holding ~3M of them in memory.
        """
        rng = random.Random(SEED * 1_000_003 + course)
        shape = self.course_shape[course]
        modules = [new_uuid(rng) for _ in shape]
        count = sum(shape) if lessons is None else lessons
        return modules, [new_uuid(rng) for _ in range(count)]


def build_plan(scale: float = 1.0) -> Plan:
    """Draw users, courses, enrollments and reviews from the fixed seed."""
    sizes = Sizes.for_scale(scale)
    rng = random.Random(SEED)
    plan = Plan(sizes=sizes)
    for _ in range(sizes.users):
        plan.user_ids.append(new_uuid(rng))
        plan.user_created.append(BASE_TIME - timedelta(days=740, seconds=rng.randrange(86400 * 60)))
    _plan_courses(plan, rng)
    _plan_enrollments(plan, rng)
    _plan_reviews(plan, rng)
    return plan


def _plan_courses(plan: Plan, rng: random.Random) -> None:
    verified = list(plan.sizes.verified_teachers)
    topics = rng.choices(range(len(words.TOPICS)), weights=words.TOPIC_WEIGHTS, k=plan.sizes.courses)
    for topic in topics:
        plan.course_ids.append(new_uuid(rng))
        plan.course_teacher.append(rng.choice(verified))
        plan.course_topic.append(topic)
        paid = rng.random() < PAID_COURSE_SHARE
        plan.course_price.append(rng.choice(PRICES) if paid else None)
        plan.course_level.append(rng.choice(LEVELS))
        plan.course_created.append(BASE_TIME - timedelta(days=366, seconds=rng.randrange(86400 * 360)))
        plan.course_shape.append(tuple(rng.randint(5, 10) for _ in range(rng.randint(3, 5))))
    # At tiny scales make sure both kinds exist.
    if all(p is None for p in plan.course_price):
        plan.course_price[0] = PRICES[0]
    if all(p is not None for p in plan.course_price):
        plan.course_price[0] = None


def _pick_course(rng: random.Random, pool: list[int]) -> int:
    # Mild popularity skew: the front of each pool gets more students.
    return pool[int(len(pool) * rng.random() ** 1.5)]


def _plan_enrollments(plan: Plan, rng: random.Random) -> None:
    sizes = plan.sizes
    paid = [c for c, p in enumerate(plan.course_price) if p is not None]
    free = [c for c, p in enumerate(plan.course_price) if p is None]
    students = sizes.students
    taken: set[tuple[int, int]] = set()
    wanted = [(paid, sizes.paid_enrollments), (free, sizes.enrollments - sizes.paid_enrollments)]
    for pool, count in wanted:
        made = 0
        while made < count:
            pair = (rng.choice(students), _pick_course(rng, pool))
            if pair in taken:
                continue
            taken.add(pair)
            made += 1
            plan.enrollments.append(_draw_enrollment(plan, rng, *pair))


def _draw_enrollment(plan: Plan, rng: random.Random, student: int, course: int) -> Enrollment:
    total = plan.lessons_in(course)
    draw = rng.random()
    if draw < ENROLLED_SHARE:
        status, done = "enrolled", 0
    elif draw < ENROLLED_SHARE + IN_PROGRESS_SHARE:
        status, done = "in_progress", rng.randint(1, max(1, total // 3))
    else:
        status, done = "completed", total
    enrolled_at = BASE_TIME - timedelta(days=2, seconds=rng.randrange(86400 * 360))
    return Enrollment(
        id=new_uuid(rng),
        student=student,
        course=course,
        status=status,
        completed_lessons=done,
        enrolled_at=enrolled_at,
        payment_id=new_uuid(rng) if plan.course_price[course] is not None else None,
    )


def _plan_reviews(plan: Plan, rng: random.Random) -> None:
    plan.rating_sum = [0] * plan.sizes.courses
    plan.review_count = [0] * plan.sizes.courses
    picked = rng.sample(range(len(plan.enrollments)), plan.sizes.reviews)
    ratings = rng.choices(range(1, 6), weights=words.RATING_WEIGHTS, k=len(picked))
    for index, rating in zip(picked, ratings, strict=True):
        course = plan.enrollments[index].course
        plan.reviews.append((index, rating))
        plan.rating_sum[course] += rating
        plan.review_count[course] += 1
