"""The teacher's plain-text quiz format, turned into the course API's quiz shape and back.

    ? Single choice question        ?? Multiple choice question     ? Short answer question
    + the right option              + right                         = accepted answer
    - a wrong option                + also right                    = another accepted answer
                                    - wrong

A question starting with ``??`` takes several right options; a ``?`` question with ``=``
lines is answered in words. Blank lines are ignored.
"""

from __future__ import annotations

from typing import Any


class QuizMarkupError(ValueError):
    """The text is not a quiz; ``code`` is a UI string key."""

    def __init__(self, code: str, line: int = 0) -> None:
        super().__init__(code)
        self.code, self.line = code, line


def parse(text: str) -> list[dict[str, Any]]:
    """Questions in the course API's shape (``QuestionIn``); the API checks each one's rules."""
    questions: list[dict[str, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("??"):
            questions.append(
                {"kind": "multiple", "text": line[2:].strip(), "options": [], "accepted_answers": []}
            )
        elif line.startswith("?"):
            questions.append(
                {"kind": "single", "text": line[1:].strip(), "options": [], "accepted_answers": []}
            )
        elif line[0] in "+-=":
            if not questions:
                raise QuizMarkupError("quiz_markup_orphan", number)
            question = questions[-1]
            if line[0] == "=":
                question["kind"] = "text"
                question["accepted_answers"].append(line[1:].strip())
            else:
                question["options"].append({"text": line[1:].strip(), "correct": line[0] == "+"})
        else:
            raise QuizMarkupError("quiz_markup_line", number)
    if not questions:
        raise QuizMarkupError("quiz_markup_empty")
    return questions


def render(questions: list[Any]) -> str:
    """A stored quiz (``QuestionIn`` objects) as markup, for editing."""
    blocks = []
    for q in questions:
        lines = [("?? " if q.kind == "multiple" else "? ") + q.text]
        lines += [("+ " if o.correct else "- ") + o.text for o in q.options]
        lines += ["= " + a for a in q.accepted_answers]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
