"""HTTP routes of video watch progress (API extension)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from backend_services.bootstrap import PlatformDep
from backend_services.enrollment.watch_schemas import PositionReport, ResumePoint, WatchPositionPublic
from backend_services.shared.http import CurrentUser

router = APIRouter(tags=["video progress"])


@router.put("/progress/lessons/{lesson_id}/position", response_model=WatchPositionPublic)
async def report_position(
    lesson_id: uuid.UUID, body: PositionReport, actor: CurrentUser, platform: PlatformDep
) -> WatchPositionPublic:
    """The player's throttled report; positions past the end are clamped, negative ones refused (422)."""
    return await platform.enrollment.report_watch_position(
        actor, course_id=body.course_id, lesson_id=lesson_id, position=body.position, duration=body.duration
    )


@router.get(
    "/progress/lessons/{lesson_id}/position",
    response_model=WatchPositionPublic,
    responses={204: {"description": "The student has not watched this lesson's video yet"}},
)
async def get_position(
    lesson_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep
) -> WatchPositionPublic | Response:
    found = await platform.enrollment.watch_position(actor, lesson_id)
    return found if found is not None else Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/progress/courses/{course_id}/resume", response_model=ResumePoint)
async def resume_point(course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> ResumePoint:
    """Continue where you left off: the last lesson watched and the position in it."""
    return await platform.enrollment.resume_point(actor, course_id)
