"""Request and response models of lesson quizzes (authoring, the student's paper, grades).

The teacher's form carries the correct answers; ``QuizPaper`` is what a student sees
and never does; ``QuizGrade`` reveals them only once an attempt has been submitted.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from backend_services.shared.text import Text

QuestionKind = Literal["single", "multiple", "text"]
ItemId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
MAX_QUESTIONS = 50
MAX_OPTIONS = 10

SINGLE_NEEDS_ONE = "A single-choice question needs at least two options and exactly one correct"
MULTIPLE_NEEDS_SOME = "A multiple-choice question needs at least two options and at least one correct"
TEXT_NEEDS_ANSWER = "A text question needs at least one accepted answer and no options"
DUPLICATE_IDS = "Question and option ids must be unique"


class OptionIn(BaseModel):
    id: ItemId | None = None
    text: Annotated[Text, Field(min_length=1, max_length=500)]
    correct: bool = False


class QuestionIn(BaseModel):
    """One question; ids are kept when given so attempts keep pointing at the same question."""

    id: ItemId | None = None
    kind: QuestionKind
    text: Annotated[Text, Field(min_length=1, max_length=2000)]
    options: Annotated[list[OptionIn], Field(max_length=MAX_OPTIONS)] = []
    accepted_answers: Annotated[
        list[Annotated[Text, Field(min_length=1, max_length=200)]], Field(max_length=10)
    ] = []

    @model_validator(mode="after")
    def _shape_matches_kind(self) -> QuestionIn:
        correct = sum(1 for o in self.options if o.correct)
        if self.kind == "single" and (len(self.options) < 2 or correct != 1):
            raise ValueError(SINGLE_NEEDS_ONE)
        if self.kind == "multiple" and (len(self.options) < 2 or correct < 1):
            raise ValueError(MULTIPLE_NEEDS_SOME)
        if self.kind == "text" and (self.options or not any(a.strip() for a in self.accepted_answers)):
            raise ValueError(TEXT_NEEDS_ANSWER)
        return self


class QuizIn(BaseModel):
    """A quiz as the teacher writes it: pass mark in percent, optional attempt limit."""

    pass_mark: Annotated[int, Field(ge=1, le=100)] = 70
    max_attempts: Annotated[int, Field(ge=1, le=100)] | None = None
    questions: Annotated[list[QuestionIn], Field(min_length=1, max_length=MAX_QUESTIONS)]

    @model_validator(mode="after")
    def _unique_ids(self) -> QuizIn:
        question_ids = [q.id for q in self.questions if q.id]
        option_ids = [o.id for q in self.questions for o in q.options if o.id]
        if len(set(question_ids)) != len(question_ids) or len(set(option_ids)) != len(option_ids):
            raise ValueError(DUPLICATE_IDS)
        return self


class QuizTeacherView(BaseModel):
    """The whole quiz with its answers (the owning teacher only)."""

    lesson_id: uuid.UUID
    course_id: uuid.UUID
    pass_mark: int
    max_attempts: int | None
    questions: list[QuestionIn]


class PaperOption(BaseModel):
    id: str
    text: str


class PaperQuestion(BaseModel):
    id: str
    kind: QuestionKind
    text: str
    options: list[PaperOption]


class QuizPaper(BaseModel):
    """The quiz as a student sees it before submitting: no correctness anywhere."""

    lesson_id: uuid.UUID
    course_id: uuid.UUID
    pass_mark: int
    max_attempts: int | None
    questions: list[PaperQuestion]


Answers = dict[ItemId, Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=MAX_OPTIONS)]]


class QuestionResult(BaseModel):
    question_id: str
    correct: bool
    correct_option_ids: list[str]
    accepted_answers: list[str]


class QuizGrade(BaseModel):
    """A submitted attempt's outcome: score in percent and, now, the right answers."""

    score: int
    passed: bool
    correct_count: int
    total: int
    pass_mark: int
    results: list[QuestionResult]
