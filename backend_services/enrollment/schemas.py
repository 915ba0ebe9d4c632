"""Request and response models of the enrollment API (API.md, Enrollment and progress)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

EnrollmentStatus = Literal["enrolled", "in_progress", "completed"]


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    course_id: uuid.UUID
    payment_id: uuid.UUID | None = None


class EnrollmentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    course_id: uuid.UUID
    payment_id: uuid.UUID | None
    status: EnrollmentStatus
    enrolled_at: datetime
    # Extension: when the last lesson was completed (null until then).
    completed_at: datetime | None = None


class EnrollmentList(BaseModel):
    items: list[EnrollmentPublic]
    total: int


class EnrollmentCount(BaseModel):
    course_id: uuid.UUID
    count: int


class CompleteLessonRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    course_id: uuid.UUID


class LessonProgressPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lesson_id: uuid.UUID
    course_id: uuid.UUID
    completed_at: datetime


class ProgressPublic(BaseModel):
    """A student's progress; ``percentage`` is 0..100 rounded to one decimal, 0 without lessons."""

    course_id: uuid.UUID
    completed_lessons: int
    total_lessons: int
    percentage: float


class CourseStanding(BaseModel):
    """Where the caller stands in a course, for a page that shows it: the enrollment (None
    when not enrolled; then nothing else is read), the completed lessons and the progress."""

    enrollment: EnrollmentPublic | None = None
    completed_lesson_ids: list[uuid.UUID] = []
    progress: ProgressPublic | None = None


class CompletedLessons(BaseModel):
    course_id: uuid.UUID
    completed_lesson_ids: list[uuid.UUID]


class CourseStudent(BaseModel):
    student_id: uuid.UUID
    status: EnrollmentStatus
    enrolled_at: datetime
    completed_lessons: int
    total_lessons: int
    percentage: float


class CourseStudentList(BaseModel):
    items: list[CourseStudent]
    total: int
