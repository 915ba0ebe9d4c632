"""The type checker sees the facades' signatures, so a wrong call is caught before it runs.

``@read`` once returned ``Any``: every facade method marked with it was unchecked, and two
UI states called ``course.get_lesson(lesson_id)`` (the signature is ``(actor, lesson_id)``)
without the checker noticing. These run mypy with the project's configuration on a snippet.
"""

from __future__ import annotations

import pathlib

import pytest
from mypy import api

ROOT = pathlib.Path(__file__).resolve().parents[3]

CALL = """
import uuid

from backend_services.course.facade import CourseFacade
from backend_services.shared.security import Principal


async def open_lesson(course: CourseFacade, actor: Principal, lesson_id: uuid.UUID) -> str:
    lesson = await course.get_lesson({arguments})
    return lesson.title
"""


def _check(tmp_path: pathlib.Path, source: str) -> tuple[int, str]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(source)
    out, err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".venv" / ".mypy_cache"),
            str(snippet),
        ]
    )
    return status, out + err


@pytest.mark.timeout(180)
def test_a_call_with_the_facades_signature_type_checks(tmp_path: pathlib.Path) -> None:
    status, report = _check(tmp_path, CALL.format(arguments="actor, lesson_id"))
    assert status == 0, report


@pytest.mark.timeout(180)
def test_a_call_missing_the_actor_is_a_type_error(tmp_path: pathlib.Path) -> None:
    status, report = _check(tmp_path, CALL.format(arguments="lesson_id"))
    assert status == 1
    assert 'Missing positional argument "lesson_id" in call to "get_lesson"' in report
