"""Quiz grading, pass mark and the shuffled paper (pure rules)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend_services.course import quiz_rules
from backend_services.course.quiz_schemas import QuizIn
from backend_services.shared.errors import Unprocessable


def quiz(pass_mark: int = 70) -> QuizIn:
    return QuizIn.model_validate(
        {
            "pass_mark": pass_mark,
            "questions": [
                {
                    "id": "q1",
                    "kind": "single",
                    "text": "2 + 2?",
                    "options": [
                        {"id": "a", "text": "3"},
                        {"id": "b", "text": "4", "correct": True},
                        {"id": "c", "text": "5"},
                    ],
                },
                {
                    "id": "q2",
                    "kind": "multiple",
                    "text": "Even numbers?",
                    "options": [
                        {"id": "d", "text": "2", "correct": True},
                        {"id": "e", "text": "3"},
                        {"id": "f", "text": "4", "correct": True},
                    ],
                },
                {"id": "q3", "kind": "text", "text": "Capital of France?", "accepted_answers": ["Paris"]},
            ],
        }
    )


STORED = quiz_rules.stored_questions(quiz())


def test_all_right_scores_100_and_passes():
    grade = quiz_rules.grade(STORED, 70, {"q1": ["b"], "q2": ["f", "d"], "q3": ["  paris "]})
    assert (grade.score, grade.passed, grade.correct_count, grade.total) == (100, True, 3, 3)


def test_multiple_choice_is_all_or_nothing_and_missing_answers_are_wrong():
    grade = quiz_rules.grade(STORED, 70, {"q1": ["b"], "q2": ["d"]})
    assert [r.correct for r in grade.results] == [True, False, False]
    assert grade.score == 33 and not grade.passed
    assert grade.results[1].correct_option_ids == ["d", "f"]
    assert grade.results[2].accepted_answers == ["Paris"]


def test_the_pass_mark_is_inclusive_and_scores_round_down():
    two_of_three = {"q1": ["b"], "q2": ["d", "f"], "q3": ["Lyon"]}
    assert quiz_rules.grade(STORED, 66, two_of_three).passed  # 66 >= 66
    assert not quiz_rules.grade(STORED, 67, two_of_three).passed  # 66.67 rounds down to 66


def test_two_options_for_a_single_choice_question_are_wrong():
    assert not quiz_rules.grade(STORED, 70, {"q1": ["a", "b"]}).results[0].correct


@pytest.mark.parametrize("answers", [{"nope": ["a"]}, {"q1": ["zzz"]}, {"q2": ["a"]}])
def test_answers_naming_another_quiz_are_refused(answers):
    with pytest.raises(Unprocessable):
        quiz_rules.grade(STORED, 70, answers)


def test_the_paper_hides_correctness_and_a_seed_fixes_the_order():
    paper = quiz_rules.paper_questions(STORED, seed=42)
    dumped = str([q.model_dump() for q in paper])
    assert "correct" not in dumped and "Paris" not in dumped
    assert paper == quiz_rules.paper_questions(STORED, seed=42)
    orders = {tuple(q.id for q in quiz_rules.paper_questions(STORED, seed=s)) for s in range(30)}
    assert len(orders) > 1  # different attempts see different orders


def test_stored_questions_keep_given_ids_and_fill_missing_ones():
    data = QuizIn.model_validate(
        {"questions": [{"kind": "text", "text": "Why?", "accepted_answers": ["because"]}]}
    )
    (question,) = quiz_rules.stored_questions(data)
    assert question["id"] and question["accepted_answers"] == ["because"]
    assert STORED[0]["id"] == "q1"


@pytest.mark.parametrize(
    "question",
    [
        {
            "kind": "single",
            "text": "x",
            "options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
        },
        {"kind": "multiple", "text": "x", "options": [{"text": "a"}, {"text": "b"}]},
        {"kind": "text", "text": "x", "accepted_answers": []},
        {"kind": "text", "text": "x", "accepted_answers": ["a"], "options": [{"text": "a"}]},
    ],
)
def test_malformed_questions_are_refused(question):
    with pytest.raises(ValidationError):
        QuizIn.model_validate({"questions": [question]})
