"""Curriculum use cases: the owning teacher builds modules and lessons; anyone reads the
outline, and lesson content goes to those who may see it."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from backend_services.course import rules
from backend_services.course.courses import COURSE_NOT_FOUND
from backend_services.course.models import Lesson, Module
from backend_services.course.repository import CourseRepository, CurriculumRepository
from backend_services.course.schemas import (
    CoursePublic,
    Curriculum,
    LessonAccess,
    LessonCreate,
    LessonOutline,
    LessonPublic,
    LessonUpdate,
    ModuleCreate,
    ModuleOutline,
    ModuleUpdate,
)
from backend_services.shared.errors import Forbidden, NotAuthenticated, NotFound
from backend_services.shared.security import Principal

IsEnrolled = Callable[[uuid.UUID, uuid.UUID], Awaitable[bool]]

MODULE_NOT_FOUND = "Module not found"
LESSON_NOT_FOUND = "Lesson not found"
MANAGE = "manage course content"


async def get_curriculum(
    courses: CourseRepository, curriculum: CurriculumRepository, course_id: uuid.UUID
) -> Curriculum:
    """The course with its modules and lesson outlines: three queries, whatever the size."""
    course = await courses.get_public(course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    modules = await curriculum.modules_of(course_id)
    lessons = await curriculum.lesson_outlines_of(course_id)
    by_module: dict[uuid.UUID, list[LessonOutline]] = {m.id: [] for m in modules}
    for lesson in lessons:
        # A lesson whose module vanished mid-read is skipped rather than mis-filed.
        if lesson.module_id in by_module:
            by_module[lesson.module_id].append(LessonOutline.model_validate(lesson))
    outlines = [
        ModuleOutline(
            id=m.id,
            course_id=m.course_id,
            title=m.title,
            order=m.order,
            created_at=m.created_at,
            lessons=by_module[m.id],
        )
        for m in modules
    ]
    return Curriculum(
        course=CoursePublic.model_validate(course),
        modules=outlines,
        total_lessons=sum(len(m.lessons) for m in outlines),
    )


async def create_module(
    courses: CourseRepository,
    curriculum: CurriculumRepository,
    actor: Principal,
    course_id: uuid.UUID,
    data: ModuleCreate,
) -> Module:
    """Add a module to the actor's course, after the last one unless an order is given."""
    rules.require_verified_teacher(actor, MANAGE)
    teacher_id = await courses.teacher_id(course_id)
    if teacher_id is None:
        raise NotFound(COURSE_NOT_FOUND)
    rules.require_owner(actor, teacher_id)
    order = data.order
    if order is None:
        order = rules.next_order(await curriculum.max_module_order(course_id))
    module = Module(course_id=course_id, title=data.title, order=order)
    curriculum.add(module)
    return module


async def _owned_module(curriculum: CurriculumRepository, actor: Principal, module_id: uuid.UUID) -> Module:
    rules.require_teacher(actor, MANAGE)
    found = await curriculum.module_with_owner(module_id)
    if found is None:
        raise NotFound(MODULE_NOT_FOUND)
    module, teacher_id = found
    rules.require_owner(actor, teacher_id)
    return module


async def update_module(
    curriculum: CurriculumRepository, actor: Principal, module_id: uuid.UUID, data: ModuleUpdate
) -> Module:
    """Rename or reorder a module of the actor's course."""
    module = await _owned_module(curriculum, actor, module_id)
    for field, value in data.changes().items():
        setattr(module, field, value)
    return module


async def delete_module(
    curriculum: CurriculumRepository, actor: Principal, module_id: uuid.UUID
) -> uuid.UUID:
    """Delete a module of the actor's course together with its lessons; returns the course."""
    module = await _owned_module(curriculum, actor, module_id)
    await curriculum.delete_module(module)
    return module.course_id


async def create_lesson(
    curriculum: CurriculumRepository, actor: Principal, module_id: uuid.UUID, data: LessonCreate
) -> Lesson:
    """Add a lesson to a module of the actor's course, last unless an order is given."""
    rules.require_verified_teacher(actor, MANAGE)
    module = await _owned_module(curriculum, actor, module_id)
    order = data.order
    if order is None:
        order = rules.next_order(await curriculum.max_lesson_order(module_id))
    lesson = Lesson(
        module_id=module.id,
        course_id=module.course_id,
        title=data.title,
        content=data.content,
        video_url=data.video_url,
        duration_minutes=data.duration_minutes,
        order=order,
        is_preview=data.is_preview,
    )
    curriculum.add(lesson)
    return lesson


async def lesson_access(curriculum: CurriculumRepository, lesson_id: uuid.UUID) -> LessonAccess:
    """A lesson with its course's teacher and free flag (NotFound when unknown); no
    authorisation: ``readable_lesson`` decides on every read."""
    row = await curriculum.lesson_with_access(lesson_id)
    if row is None:
        raise NotFound(LESSON_NOT_FOUND)
    return LessonAccess(
        lesson=LessonPublic.model_validate(row), teacher_id=row.teacher_id, course_is_free=row.course_is_free
    )


async def readable_lesson(
    found: LessonAccess, actor: Principal | None, is_enrolled: IsEnrolled
) -> LessonPublic:
    """The lesson if ``actor`` may read its content (API.md, "lesson content is for those who
    may see it"): anyone for a free course or a preview lesson; otherwise admins, the
    course's teacher and enrolled students. Anonymous callers get 401, others 403."""
    lesson = found.lesson
    if rules.lesson_is_public(course_is_free=found.course_is_free, is_preview=lesson.is_preview):
        return lesson
    if actor is None:
        raise NotAuthenticated(rules.LOGIN_TO_READ)
    if rules.reads_without_enrollment(actor, found.teacher_id):
        return lesson
    if await is_enrolled(actor.user_id, lesson.course_id):
        return lesson
    raise Forbidden(rules.ENROLL_TO_READ)


async def _owned_lesson(curriculum: CurriculumRepository, actor: Principal, lesson_id: uuid.UUID) -> Lesson:
    rules.require_teacher(actor, MANAGE)
    found = await curriculum.lesson_with_owner(lesson_id)
    if found is None:
        raise NotFound(LESSON_NOT_FOUND)
    lesson, teacher_id = found
    rules.require_owner(actor, teacher_id)
    return lesson


async def owned_lesson(
    curriculum: CurriculumRepository, actor: Principal, lesson_id: uuid.UUID, *, verified: bool = False
) -> Lesson:
    """A lesson of the actor's course (a lesson's quiz is managed like the lesson itself)."""
    if verified:
        rules.require_verified_teacher(actor, MANAGE)
    return await _owned_lesson(curriculum, actor, lesson_id)


async def update_lesson(
    curriculum: CurriculumRepository, actor: Principal, lesson_id: uuid.UUID, data: LessonUpdate
) -> Lesson:
    """Change any subset of a lesson's fields (the lesson stays in its module)."""
    lesson = await _owned_lesson(curriculum, actor, lesson_id)
    for field, value in data.changes().items():
        setattr(lesson, field, value)
    return lesson


async def delete_lesson(
    curriculum: CurriculumRepository, actor: Principal, lesson_id: uuid.UUID
) -> uuid.UUID:
    """Delete a lesson of the actor's course; returns the course."""
    lesson = await _owned_lesson(curriculum, actor, lesson_id)
    await curriculum.delete_lesson(lesson)
    return lesson.course_id
