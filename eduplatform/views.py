"""Small view records kept in UI state, built from the facades' DTOs.

States hold these (ids, labels, numbers) rather than ORM rows or whole DTOs, so
what travels over the websocket stays small and serialisable.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any

SUMMARY_CHARS = 140


def text_of(value: Any) -> str:
    """A plain string, also for enum members (``Status.completed`` -> "completed")."""
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def money(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)):.2f}"


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def summary(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


@dataclasses.dataclass
class TitlePiece:
    """Part of a course title; ``hit`` when the search matched it (highlighted)."""

    text: str = ""
    hit: bool = False


@dataclasses.dataclass
class CourseView:
    id: str = ""
    teacher_id: str = ""
    title: str = ""
    summary: str = ""
    description: str = ""
    level: str = "beginner"
    is_free: bool = True
    price: str = ""
    duration_minutes: int = 0
    avg_rating: str = ""
    review_count: int = 0
    title_pieces: list[TitlePiece] = dataclasses.field(default_factory=list)


def course_view(dto) -> CourseView:
    rating = getattr(dto, "avg_rating", None)
    return CourseView(
        id=str(dto.id),
        teacher_id=text_of(getattr(dto, "teacher_id", "")),
        title=dto.title,
        summary=summary(dto.description),
        description=dto.description or "",
        level=text_of(getattr(dto, "level", "beginner")),
        is_free=bool(dto.is_free),
        price=money(dto.price),
        duration_minutes=int(dto.duration_minutes or 0),
        avg_rating=f"{float(rating):.1f}" if rating is not None else "",
        review_count=int(getattr(dto, "review_count", 0) or 0),
    )


@dataclasses.dataclass
class LessonView:
    id: str = ""
    module_id: str = ""
    title: str = ""
    video_url: str = ""
    duration_minutes: int = 0
    order: int = 0
    is_preview: bool = False


@dataclasses.dataclass
class ModuleView:
    id: str = ""
    title: str = ""
    order: int = 0
    lessons: list[LessonView] = dataclasses.field(default_factory=list)


def curriculum_view(dto) -> list[ModuleView]:
    modules = sorted(dto.modules, key=lambda m: (m.order, m.created_at))
    return [
        ModuleView(
            id=str(m.id),
            title=m.title,
            order=m.order,
            lessons=[
                LessonView(
                    id=str(lesson.id),
                    module_id=str(m.id),
                    title=lesson.title,
                    video_url=lesson.video_url or "",
                    duration_minutes=int(lesson.duration_minutes or 0),
                    order=lesson.order,
                    is_preview=bool(getattr(lesson, "is_preview", False)),
                )
                for lesson in sorted(m.lessons, key=lambda x: (x.order, x.created_at))
            ],
        )
        for m in modules
    ]


def lesson_ids(modules: list[ModuleView]) -> list[str]:
    """Lesson ids in reading order (module order, then lesson order)."""
    return [lesson.id for module in modules for lesson in module.lessons]


@dataclasses.dataclass
class ReviewView:
    id: str = ""
    rating: int = 0
    comment: str = ""
    author: str = ""
    created_at: str = ""


def review_view(dto, author: str = "") -> ReviewView:
    return ReviewView(
        id=str(dto.id),
        rating=int(dto.rating),
        comment=dto.comment or "",
        author=author,
        created_at=when(dto.created_at),
    )


@dataclasses.dataclass
class EnrollmentView:
    course_id: str = ""
    title: str = ""
    status: str = ""
    completed_lessons: int = 0
    total_lessons: int = 0
    percentage: int = 0


@dataclasses.dataclass
class NotificationView:
    id: str = ""
    type: str = ""
    title: str = ""
    body: str = ""
    is_read: bool = False
    created_at: str = ""


def notification_view(dto, title: str | None = None, body: str | None = None) -> NotificationView:
    """``title``/``body`` override the stored English text with a localized rendering."""
    return NotificationView(
        id=str(dto.id),
        type=text_of(dto.type),
        title=dto.title if title is None else title,
        body=(dto.body or "") if body is None else body,
        is_read=bool(dto.is_read),
        created_at=when(dto.created_at),
    )


@dataclasses.dataclass
class PersonView:
    id: str = ""
    name: str = ""
    email: str = ""
    created_at: str = ""


@dataclasses.dataclass
class StudentProgressView:
    student_id: str = ""
    name: str = ""
    email: str = ""
    status: str = ""
    enrolled_at: str = ""
    percentage: int = 0
    completed_lessons: int = 0
    total_lessons: int = 0
