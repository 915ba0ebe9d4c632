"""The teacher's plain-text quiz format parses into valid quizzes and renders back."""

from __future__ import annotations

import pytest

from backend_services.course.quiz_schemas import QuizIn
from eduplatform.quiz_markup import QuizMarkupError, parse, render

TEXT = """
? 2 + 2 =
- 3
+ 4

?? Even numbers
+ 2
- 3
+ 4

? Capital of France
= Paris
= paris, France
"""


def test_markup_parses_into_the_three_kinds_and_round_trips():
    questions = parse(TEXT)
    assert [q["kind"] for q in questions] == ["single", "multiple", "text"]
    assert questions[2]["accepted_answers"] == ["Paris", "paris, France"]
    quiz = QuizIn(questions=questions)
    assert parse(render(quiz.questions)) == questions


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [("", "quiz_markup_empty", 0), ("+ 4", "quiz_markup_orphan", 1), ("? q\n* x", "quiz_markup_line", 2)],
)
def test_malformed_markup_names_the_line(text, code, line):
    with pytest.raises(QuizMarkupError) as error:
        parse(text)
    assert (error.value.code, error.value.line) == (code, line)
