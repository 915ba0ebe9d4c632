"""Demo content for a first run: a teacher, a student and a few courses, made through the facades.

    python -m backend_services.demo        # the one command (refused in production)

It is also created when a development server starts on an empty platform
(``EDU_DEMO_CONTENT=false`` turns that off). Idempotent: an existing catalog is left alone.
"""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from backend_services.course.schemas import CourseCreate, LessonCreate, ModuleCreate
from backend_services.demo.content import COURSES, DEMO_PASSWORD, DEMO_STUDENT, DEMO_TEACHER, DemoCourse
from backend_services.shared.security import Principal, Role
from backend_services.shared.settings import Settings

if TYPE_CHECKING:  # the platform imports this module
    from backend_services.bootstrap import Platform

log = logging.getLogger(__name__)
LOCAL = "127.0.0.1"  # the demo logs in from the server itself


def demo_enabled(settings: Settings) -> bool:
    """Demo content belongs to development only, and can be switched off there."""
    return settings.env == "development" and bool(settings.demo_content)


async def _account(platform: Platform, email: str, name: str, role: Role) -> Principal:
    """The demo account's identity: provisioned verified (no mail, no admin approval)."""
    await platform.identity.ensure_account(email=email, password=DEMO_PASSWORD, name=name, role=role)
    pair = await platform.identity.login(email=email, password=DEMO_PASSWORD, client_address=LOCAL)
    return platform.tokens.verify(pair.access_token)


async def _create_course(
    platform: Platform, teacher: Principal, demo: DemoCourse
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    course = await platform.course.create_course(
        teacher,
        CourseCreate(
            title=demo.title,
            description=demo.description,
            level=demo.level,
            duration_minutes=demo.minutes,
            is_free=demo.price is None,
            price=Decimal(demo.price) if demo.price else None,
        ),
    )
    lesson_ids = []
    for m_order, (title, lessons) in enumerate(demo.modules.items()):
        module = await platform.course.create_module(
            teacher, course.id, ModuleCreate(title=title, order=m_order)
        )
        for l_order, lesson in enumerate(lessons):
            created = await platform.course.create_lesson(
                teacher,
                module.id,
                LessonCreate(
                    title=lesson.title,
                    content=lesson.content,
                    video_url=lesson.video_url,
                    duration_minutes=lesson.minutes,
                    order=l_order,
                ),
            )
            lesson_ids.append(created.id)
    return course.id, lesson_ids


async def ensure_demo_content(platform: Platform) -> bool:
    """Create the demo accounts and courses on an empty catalog; True when it did."""
    if platform.settings.env == "production":
        raise RuntimeError("demo content is never created in production")
    existing = await platform.course.search_courses(q=None, limit=1, offset=0)
    if existing.total:
        return False
    teacher = await _account(platform, *DEMO_TEACHER, role=Role.TEACHER)
    created = [await _create_course(platform, teacher, demo) for demo in COURSES]
    student = await _account(platform, *DEMO_STUDENT, role=Role.STUDENT)
    (python_id, python_lessons), (sql_id, _) = created[0], created[1]
    for course_id in (python_id, sql_id):  # two free courses, one of them started
        await platform.enrollment.enroll(student, course_id=course_id)
    await platform.enrollment.complete_lesson(student, lesson_id=python_lessons[0], course_id=python_id)
    log.info(
        "created demo content: %d courses, teacher %s, student %s",
        len(created),
        DEMO_TEACHER[0],
        DEMO_STUDENT[0],
    )
    return True
