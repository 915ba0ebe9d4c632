"""The teacher's course report: enrollments, completion, funnel, quizzes, ratings, revenue."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, PlainSerializer

Money = Annotated[Decimal, PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json")]


class DailyCount(BaseModel):
    day: date
    count: int


class LessonFunnelRow(BaseModel):
    """How many students reached (any progress, watching or quiz) and completed a lesson.

    ``drop_off``: students who completed the previous lesson (the first lesson: who
    enrolled) but not this one — where students stop.
    """

    lesson_id: uuid.UUID
    title: str
    position: int
    reached: int
    completed: int
    drop_off: int


class QuizStats(BaseModel):
    lesson_id: uuid.UUID
    title: str
    students_attempted: int
    students_passed: int
    attempts: int
    pass_rate: float


class RatingCount(BaseModel):
    rating: int
    count: int


class CourseAnalytics(BaseModel):
    course_id: uuid.UUID
    title: str
    is_free: bool
    students: int
    completed: int
    completion_rate: float
    certificates: int
    enrollments_by_day: list[DailyCount]
    funnel: list[LessonFunnelRow]
    quizzes: list[QuizStats]
    ratings: list[RatingCount]
    revenue: Money
    payments: int
