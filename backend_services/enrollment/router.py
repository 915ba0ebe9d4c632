"""HTTP routes of the enrollment context (API.md, Enrollment and progress)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from backend_services.bootstrap import PlatformDep
from backend_services.enrollment.analytics_router import router as analytics_router
from backend_services.enrollment.certificate_router import router as certificate_router
from backend_services.enrollment.quiz_router import router as quiz_router
from backend_services.enrollment.schemas import (
    CompletedLessons,
    CompleteLessonRequest,
    CourseStudentList,
    EnrollmentCount,
    EnrollmentList,
    EnrollmentPublic,
    EnrollRequest,
    LessonProgressPublic,
    ProgressPublic,
)
from backend_services.enrollment.watch_router import router as watch_router
from backend_services.shared.http import CurrentUser, Page

router = APIRouter(tags=["enrollment"])


@router.post("/enrollments", response_model=EnrollmentPublic, status_code=status.HTTP_201_CREATED)
async def enroll(body: EnrollRequest, actor: CurrentUser, platform: PlatformDep) -> EnrollmentPublic:
    return await platform.enrollment.enroll(actor, course_id=body.course_id, payment_id=body.payment_id)


@router.get("/enrollments/me", response_model=EnrollmentList)
async def my_enrollments(actor: CurrentUser, platform: PlatformDep, page: Page) -> EnrollmentList:
    return await platform.enrollment.list_my_enrollments(actor, limit=page.limit, offset=page.offset)


@router.get("/enrollments/course/{course_id}/count", response_model=EnrollmentCount)
async def enrollment_count(course_id: uuid.UUID, platform: PlatformDep) -> EnrollmentCount:
    count = await platform.enrollment.count_for_course(course_id)
    return EnrollmentCount(course_id=course_id, count=count)


@router.get("/enrollments/course/{course_id}/students", response_model=CourseStudentList)
async def course_students(
    course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep, page: Page
) -> CourseStudentList:
    """Extension: the owning teacher's view of a course's students and their progress."""
    return await platform.enrollment.list_course_students(
        actor, course_id, limit=page.limit, offset=page.offset
    )


@router.post(
    "/progress/lessons/{lesson_id}/complete",
    response_model=LessonProgressPublic,
    status_code=status.HTTP_201_CREATED,
)
async def complete_lesson(
    lesson_id: uuid.UUID, body: CompleteLessonRequest, actor: CurrentUser, platform: PlatformDep
) -> LessonProgressPublic:
    return await platform.enrollment.complete_lesson(actor, lesson_id=lesson_id, course_id=body.course_id)


@router.get("/progress/courses/{course_id}", response_model=ProgressPublic)
async def course_progress(course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> ProgressPublic:
    # Old clients send ?total_lessons=N; it is deliberately not a parameter here,
    # so the total always comes from the course context.
    return await platform.enrollment.get_progress(actor, course_id)


@router.get("/progress/courses/{course_id}/lessons", response_model=CompletedLessons)
async def completed_lessons(
    course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep
) -> CompletedLessons:
    ids = await platform.enrollment.completed_lesson_ids(actor, course_id)
    return CompletedLessons(course_id=course_id, completed_lesson_ids=ids)


# Extensions (quizzes, certificates, video progress) live in their own modules.
router.include_router(quiz_router)
router.include_router(certificate_router)
router.include_router(watch_router)
router.include_router(analytics_router)
