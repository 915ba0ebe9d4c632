"""HTTP routes of quiz attempts (API extension): start, submit, list."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from backend_services.bootstrap import PlatformDep
from backend_services.enrollment.quiz_schemas import (
    AttemptList,
    AttemptPaper,
    AttemptPublic,
    AttemptResult,
    StartAttemptRequest,
    SubmitAttemptRequest,
)
from backend_services.shared.http import CurrentUser, Page

router = APIRouter(tags=["quizzes"])


@router.post(
    "/quizzes/lessons/{lesson_id}/attempts", response_model=AttemptPaper, status_code=status.HTTP_201_CREATED
)
async def start_attempt(
    lesson_id: uuid.UUID, body: StartAttemptRequest, actor: CurrentUser, platform: PlatformDep
) -> AttemptPaper:
    """The caller's open attempt (same question order on every call) or a new one."""
    return await platform.enrollment.start_quiz_attempt(actor, course_id=body.course_id, lesson_id=lesson_id)


@router.post("/quizzes/lessons/{lesson_id}/attempts/{attempt_id}/submit", response_model=AttemptResult)
async def submit_attempt(
    lesson_id: uuid.UUID,
    attempt_id: uuid.UUID,
    body: SubmitAttemptRequest,
    actor: CurrentUser,
    platform: PlatformDep,
) -> AttemptResult:
    return await platform.enrollment.submit_quiz_attempt(
        actor, lesson_id=lesson_id, attempt_id=attempt_id, answers=body.answers
    )


@router.get("/quizzes/lessons/{lesson_id}/attempts/me", response_model=list[AttemptPublic])
async def my_attempts(lesson_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> list[AttemptPublic]:
    return await platform.enrollment.my_quiz_attempts(actor, lesson_id)


@router.get("/quizzes/courses/{course_id}/attempts", response_model=AttemptList)
async def course_attempts(
    course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep, page: Page
) -> AttemptList:
    """Submitted attempts of a course's students (its teacher)."""
    return await platform.enrollment.course_quiz_attempts(
        actor, course_id, limit=page.limit, offset=page.offset
    )
