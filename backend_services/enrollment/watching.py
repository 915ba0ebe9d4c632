"""Video watch progress: remember where a student is, so they resume there."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend_services.enrollment.models import WatchPosition
from backend_services.enrollment.watch_schemas import WatchPositionPublic
from backend_services.shared.types import utcnow


def clamp(position: float, duration: float) -> float:
    """A position inside the video: [0, duration]."""
    return min(max(position, 0.0), duration)


def watched_percentage(watched: float, duration: float) -> float:
    return round(min(watched, duration) * 100 / duration, 1) if duration > 0 else 0.0


def public(row) -> WatchPositionPublic:
    view = WatchPositionPublic.model_validate(row)
    view.watched_percentage = watched_percentage(row.watched_seconds, row.duration_seconds)
    return view


async def record(
    session: AsyncSession,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    course_id: uuid.UUID,
    position: float,
    duration: float,
) -> WatchPosition:
    """Upsert the position; the furthest point watched only grows."""
    position = clamp(position, duration)
    stmt = select(WatchPosition).where(
        WatchPosition.student_id == student_id, WatchPosition.lesson_id == lesson_id
    )
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        row = WatchPosition(
            student_id=student_id,
            lesson_id=lesson_id,
            course_id=course_id,
            position_seconds=position,
            duration_seconds=duration,
            watched_seconds=position,
        )
        session.add(row)
        await session.flush()  # a racing first report fails here; the caller retries as an update
        return row
    row.position_seconds, row.duration_seconds = position, duration
    row.watched_seconds = min(max(row.watched_seconds, position), duration)
    row.updated_at = utcnow()
    return row


async def last_in_course(session: AsyncSession, student_id: uuid.UUID, course_id: uuid.UUID):
    stmt = (
        select(WatchPosition)
        .where(WatchPosition.student_id == student_id, WatchPosition.course_id == course_id)
        .order_by(WatchPosition.updated_at.desc())  # type: ignore[attr-defined]
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def for_lesson(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID):
    stmt = select(WatchPosition).where(
        WatchPosition.student_id == student_id, WatchPosition.lesson_id == lesson_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()
