"""A lesson's quiz in the player: start or resume an attempt, answer, submit, see the grade."""

from __future__ import annotations

import uuid

import reflex as rx

from backend_services.course.quiz_schemas import QuizPaper
from eduplatform.backend import explain, platform
from eduplatform.learning_views import AttemptView, QuestionView, question_views
from eduplatform.states.auth import AuthState, require_actor
from eduplatform.states.course import route_param
from eduplatform.states.lesson import LessonState
from eduplatform.views import when

UNLIMITED = -1


class QuizState(rx.State):
    has_quiz: bool = False
    can_take: bool = False  # a signed-in, enrolled student
    attempt_id: str = ""
    attempt_number: int = 0
    attempts_left: int = UNLIMITED
    pass_mark: int = 0
    questions: list[QuestionView] = []
    answers: dict[str, list[str]] = {}
    submitted: bool = False
    score: int = 0
    passed: bool = False
    correct: dict[str, bool] = {}
    right_options: dict[str, list[str]] = {}
    right_text: dict[str, str] = {}
    history: list[AttemptView] = []
    ever_passed: bool = False
    working: bool = False

    def _reset_paper(self) -> None:
        self.attempt_id, self.attempt_number, self.questions, self.answers = "", 0, [], {}
        self.submitted, self.score, self.passed = False, 0, False
        self.correct, self.right_options, self.right_text = {}, {}, {}

    @rx.var
    def out_of_attempts(self) -> bool:
        return self.attempts_left == 0 and not self.ever_passed

    async def show(
        self, actor, course_id: uuid.UUID, lesson_id: uuid.UUID, paper: QuizPaper | None, *, enrolled: bool
    ) -> None:
        """Set by ``LessonState.load_page``: does this lesson have a quiz (``paper``), and
        what did the student do (read only for an enrolled student of a quiz lesson)."""
        self._reset_paper()
        self.has_quiz, self.can_take, self.history, self.ever_passed = False, False, [], False
        self.attempts_left = UNLIMITED
        if paper is None:
            return
        self.has_quiz, self.pass_mark = True, paper.pass_mark
        if not actor.is_student or not enrolled:
            return
        self.can_take = True
        attempts = await platform().enrollment.my_quiz_attempts(actor, lesson_id)
        done = [a for a in attempts if a.submitted_at is not None]
        self.history = [
            AttemptView(
                number=a.attempt_number,
                score=a.score or 0,
                passed=a.passed,
                submitted_at=when(a.submitted_at),
            )
            for a in done
        ]
        self.ever_passed = any(a.passed for a in done)
        if paper.max_attempts is not None:
            self.attempts_left = max(paper.max_attempts - len(attempts), 0)
        if any(a.submitted_at is None for a in attempts):
            await self._open(actor, course_id, lesson_id)  # resume where the student was

    async def _open(self, actor, course_id: uuid.UUID, lesson_id: uuid.UUID) -> None:
        paper = await platform().enrollment.start_quiz_attempt(
            actor, course_id=course_id, lesson_id=lesson_id
        )
        self._reset_paper()
        self.attempt_id, self.attempt_number = str(paper.attempt_id), paper.attempt_number
        self.attempts_left = UNLIMITED if paper.attempts_left is None else paper.attempts_left
        self.questions = question_views(paper.questions)
        self.answers = {q.id: [] for q in paper.questions}

    @rx.event
    async def start(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        try:
            await self._open(
                actor, uuid.UUID(route_param(self, "course_id")), uuid.UUID(route_param(self, "lesson_id"))
            )
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        return None

    @rx.event
    def choose(self, question_id: str, option_id: str):
        self.answers[question_id] = [option_id]

    @rx.event
    def toggle(self, question_id: str, option_id: str):
        chosen = self.answers.get(question_id, [])
        self.answers[question_id] = (
            [o for o in chosen if o != option_id] if option_id in chosen else [*chosen, option_id]
        )

    @rx.event
    def write(self, question_id: str, text: str):
        self.answers[question_id] = [text] if text.strip() else []

    @rx.event
    async def submit(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            yield redirect
            return
        self.working = True
        yield
        try:
            result = await platform().enrollment.submit_quiz_attempt(
                actor,
                lesson_id=uuid.UUID(route_param(self, "lesson_id")),
                attempt_id=uuid.UUID(self.attempt_id),
                answers={k: v for k, v in self.answers.items() if v},
            )
        except Exception as exc:  # noqa: BLE001
            self.working = False
            yield rx.toast.error(await explain(self, exc))
            return
        self.working, self.submitted = False, True
        self.score, self.passed = result.score, result.passed
        self.correct = {r.question_id: r.correct for r in result.results}
        self.right_options = {r.question_id: r.correct_option_ids for r in result.results}
        self.right_text = {r.question_id: " / ".join(r.accepted_answers) for r in result.results}
        self.attempts_left = UNLIMITED if result.attempts_left is None else result.attempts_left
        self.ever_passed = self.ever_passed or result.passed
        self.history = [
            *self.history,
            AttemptView(number=result.attempt_number, score=result.score, passed=result.passed),
        ]
        if result.lesson_completed:
            # Only the progress changes; reloading the whole page would also reset this
            # quiz and hide the grade the student has just earned.
            lesson = await self.get_state(LessonState)
            await lesson._load_progress(actor, uuid.UUID(lesson.current_course))
            yield
        yield AuthState.refresh_unread

    @rx.event
    async def retry(self):
        self._reset_paper()
        return QuizState.start
