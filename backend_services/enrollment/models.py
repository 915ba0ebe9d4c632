"""Tables of the enrollment context: enrollments, lesson progress, quiz attempts, certificates."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.broker.inbox import ProcessedEventColumns
from backend_services.shared.outbox import OutboxColumns
from backend_services.shared.types import UTCDateTime, utcnow


class EnrollmentBase(SQLModel, registry=registry()):
    """Metadata of the enrollment database only."""


class Enrollment(EnrollmentBase, table=True):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("student_id", "course_id", name="uq_enrollments_student_course"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    course_id: uuid.UUID = Field(index=True)
    payment_id: uuid.UUID | None = Field(default=None)
    status: str = Field(default="enrolled", max_length=16)
    enrolled_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LessonProgress(EnrollmentBase, table=True):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("student_id", "lesson_id", name="uq_lesson_progress_student_lesson"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    lesson_id: uuid.UUID
    course_id: uuid.UUID = Field(index=True)
    completed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuizAttempt(EnrollmentBase, table=True):
    """One try at a lesson's quiz; the quiz itself (and its answers) lives in the course context."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint(
            "student_id", "lesson_id", "attempt_number", name="uq_quiz_attempts_student_lesson_n"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    lesson_id: uuid.UUID = Field(index=True)
    course_id: uuid.UUID = Field(index=True)
    attempt_number: int
    # The paper's question/option order derives from the seed: a reload shows the same order.
    seed: int
    answers: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    score: int | None = Field(default=None)
    passed: bool = Field(default=False)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Certificate(EnrollmentBase, table=True):
    """Proof of a completed enrollment, issued once; names are copied in so checking is one read."""

    __tablename__ = "certificates"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    enrollment_id: uuid.UUID = Field(unique=True)
    student_id: uuid.UUID = Field(index=True)
    course_id: uuid.UUID = Field(index=True)
    student_name: str = Field(max_length=200)
    course_title: str = Field(max_length=200)
    teacher_name: str = Field(max_length=200)
    completed_at: datetime = Field(sa_type=UTCDateTime)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WatchPosition(EnrollmentBase, table=True):
    """Where a student is in a lesson's video, and the furthest point they watched."""

    __tablename__ = "watch_positions"
    __table_args__ = (UniqueConstraint("student_id", "lesson_id", name="uq_watch_positions_student_lesson"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    student_id: uuid.UUID = Field(index=True)
    lesson_id: uuid.UUID
    course_id: uuid.UUID = Field(index=True)
    position_seconds: float = 0.0
    duration_seconds: float = 0.0
    watched_seconds: float = 0.0
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class EnrollmentOutbox(EnrollmentBase, OutboxColumns, table=True):
    __tablename__ = "outbox"


class EnrollmentProcessedEvent(EnrollmentBase, ProcessedEventColumns, table=True):
    """Events enrollment consumed through the broker (``course_completed`` -> certificate)."""

    __tablename__ = "processed_events"
