"""View records of quizzes, certificates, watch progress and analytics kept in UI state."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class OptionView:
    id: str = ""
    text: str = ""


@dataclasses.dataclass
class QuestionView:
    id: str = ""
    kind: str = "single"
    text: str = ""
    options: list[OptionView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class AttemptView:
    number: int = 0
    score: int = 0
    passed: bool = False
    submitted_at: str = ""


def question_views(questions) -> list[QuestionView]:
    return [
        QuestionView(
            id=q.id, kind=q.kind, text=q.text, options=[OptionView(id=o.id, text=o.text) for o in q.options]
        )
        for q in questions
    ]
