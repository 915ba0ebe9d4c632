"""HTTP routes of the teacher's course report (API extension): JSON and CSV."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from backend_services.bootstrap import PlatformDep
from backend_services.enrollment.analytics_schemas import CourseAnalytics
from backend_services.shared.http import CurrentUser

router = APIRouter(tags=["analytics"])


@router.get("/analytics/courses/{course_id}", response_model=CourseAnalytics)
async def course_analytics(
    course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep
) -> CourseAnalytics:
    """Enrollments over time, completion, per-lesson funnel, quizzes, ratings, revenue (its teacher)."""
    return await platform.enrollment.course_report(actor, course_id)


@router.get("/analytics/courses/{course_id}/csv", response_class=Response)
async def course_analytics_csv(course_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> Response:
    return Response(
        await platform.enrollment.course_report_csv(actor, course_id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="course-{course_id}-analytics.csv"'},
    )
