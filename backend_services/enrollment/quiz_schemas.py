"""Request and response models of quiz attempts (the enrollment side of quizzes).

The paper and grade shapes mirror what the course context's ports return; they are
redeclared here because they are this context's API contract.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

AnswerId = Annotated[str, Field(min_length=1, max_length=32)]
AnswerValues = Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=10)]


class StartAttemptRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    course_id: uuid.UUID


class SubmitAttemptRequest(BaseModel):
    """Question id -> chosen option ids (choice questions) or ``[answer]`` (text questions)."""

    model_config = ConfigDict(extra="ignore")

    answers: Annotated[dict[AnswerId, AnswerValues], Field(max_length=50)]


class PaperOption(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    text: str


class PaperQuestion(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: Literal["single", "multiple", "text"]
    text: str
    options: list[PaperOption]


class AttemptPaper(BaseModel):
    """An open attempt and its questions (no correct answers)."""

    attempt_id: uuid.UUID
    lesson_id: uuid.UUID
    course_id: uuid.UUID
    attempt_number: int
    pass_mark: int
    max_attempts: int | None
    attempts_left: int | None
    questions: list[PaperQuestion]


class QuestionResult(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    question_id: str
    correct: bool
    correct_option_ids: list[str]
    accepted_answers: list[str]


class AttemptResult(BaseModel):
    """A submitted attempt: score, pass/fail, and the right answers per question."""

    attempt_id: uuid.UUID
    attempt_number: int
    score: int
    passed: bool
    pass_mark: int
    correct_count: int
    total: int
    attempts_left: int | None
    lesson_completed: bool
    results: list[QuestionResult]


class AttemptPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    lesson_id: uuid.UUID
    course_id: uuid.UUID
    attempt_number: int
    score: int | None
    passed: bool
    started_at: datetime
    submitted_at: datetime | None


class AttemptList(BaseModel):
    items: list[AttemptPublic]
    total: int
