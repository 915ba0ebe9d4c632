"""Quiz rules free of I/O: stable ids, the shuffled paper, grading."""

from __future__ import annotations

import random
import uuid
from typing import Any

from backend_services.course.quiz_schemas import (
    PaperOption,
    PaperQuestion,
    QuestionIn,
    QuestionResult,
    QuizGrade,
    QuizIn,
)
from backend_services.shared.errors import Unprocessable

FOREIGN_ANSWERS = "These answers do not belong to this quiz"


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def stored_questions(quiz: QuizIn) -> list[dict[str, Any]]:
    """The quiz as stored: every question and option gets an id (kept when the teacher sent one)."""
    return [
        {
            "id": q.id or _new_id(),
            "kind": q.kind,
            "text": q.text,
            "options": [{"id": o.id or _new_id(), "text": o.text, "correct": o.correct} for o in q.options],
            "accepted_answers": [a.strip() for a in q.accepted_answers if a.strip()],
        }
        for q in quiz.questions
    ]


def teacher_questions(stored: list[dict[str, Any]]) -> list[QuestionIn]:
    return [QuestionIn.model_validate(q) for q in stored]


def paper_questions(stored: list[dict[str, Any]], seed: int) -> list[PaperQuestion]:
    """Questions and options in an order fixed by ``seed``, without any correctness.

    The same seed gives the same order, so reloading an attempt shows the same paper.
    """
    rng = random.Random(seed)
    questions = list(stored)
    rng.shuffle(questions)
    paper = []
    for q in questions:
        options = [PaperOption(id=o["id"], text=o["text"]) for o in q["options"]]
        rng.shuffle(options)
        paper.append(PaperQuestion(id=q["id"], kind=q["kind"], text=q["text"], options=options))
    return paper


def normalise(text: str) -> str:
    """Short answers compare without case and extra spaces ("  Paris " == "paris")."""
    return " ".join(text.split()).casefold()


def _is_correct(question: dict[str, Any], given: list[str]) -> bool:
    if question["kind"] == "text":
        accepted = {normalise(a) for a in question["accepted_answers"]}
        return len(given) == 1 and normalise(given[0]) in accepted
    right = {o["id"] for o in question["options"] if o["correct"]}
    chosen = set(given)
    if question["kind"] == "single" and len(given) != 1:
        return False
    return chosen == right  # multiple choice is all-or-nothing


def check_answers_belong(stored: list[dict[str, Any]], answers: dict[str, list[str]]) -> None:
    """Refuse answers naming a question or option this quiz does not have."""
    by_id = {q["id"]: q for q in stored}
    for question_id, given in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise Unprocessable(FOREIGN_ANSWERS)
        if question["kind"] != "text":
            options = {o["id"] for o in question["options"]}
            if not set(given) <= options:
                raise Unprocessable(FOREIGN_ANSWERS)


def score_of(correct: int, total: int) -> int:
    """Percentage of questions answered correctly, rounded down (so 69.9 never passes a 70)."""
    return (correct * 100) // total if total else 0


def grade(stored: list[dict[str, Any]], pass_mark: int, answers: dict[str, list[str]]) -> QuizGrade:
    """Grade answers (question id -> chosen option ids, or ``[text]``); unanswered is wrong."""
    check_answers_belong(stored, answers)
    results = []
    for q in stored:
        results.append(
            QuestionResult(
                question_id=q["id"],
                correct=_is_correct(q, answers.get(q["id"], [])),
                correct_option_ids=[o["id"] for o in q["options"] if o["correct"]],
                accepted_answers=list(q["accepted_answers"]),
            )
        )
    correct = sum(1 for r in results if r.correct)
    score = score_of(correct, len(stored))
    return QuizGrade(
        score=score,
        passed=score >= pass_mark,
        correct_count=correct,
        total=len(stored),
        pass_mark=pass_mark,
        results=results,
    )
