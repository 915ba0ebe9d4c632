"""Every message the contexts can raise reaches a Russian user in Russian."""

from __future__ import annotations

import ast
import pathlib
import re
import uuid

import pytest
from pydantic import ValidationError

from backend_services.course.schemas import CourseCreate, LessonCreate, ReviewCreate
from backend_services.shared import errors
from eduplatform.error_text import ACTIONS_RU, GENERIC, domain_text, error_text

ROOT = pathlib.Path(__file__).resolve().parents[3] / "backend_services"
DOMAIN_ERRORS = {
    name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, Exception)
}


def _modules() -> list[ast.Module]:
    return [ast.parse(path.read_text(), str(path)) for path in sorted(ROOT.rglob("*.py"))]


def _string_constants(modules: list[ast.Module]) -> dict[str, set[str]]:
    """Module-level ``NAME = "text"`` across the backend (a name may differ per module)."""
    found: dict[str, set[str]] = {}
    for module in modules:
        for node in module.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, set()).add(node.value.value)
    return found


def _sample(node: ast.JoinedStr) -> str:
    """An f-string with every placeholder filled with a plausible value."""
    return "".join(part.value if isinstance(part, ast.Constant) else "title" for part in node.values)


def _raised_messages() -> set[str]:
    modules = _modules()
    constants = _string_constants(modules)
    messages: set[str] = set()
    for module in modules:
        for node in ast.walk(module):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in DOMAIN_ERRORS and name != "ValueError":
                continue
            arg = node.exc.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                messages.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                messages.add(_sample(arg))
            elif isinstance(arg, (ast.Name, ast.Attribute)):
                key = arg.id if isinstance(arg, ast.Name) else arg.attr
                messages |= constants.get(key, set())
    return messages


def _is_configuration_error(message: str) -> bool:
    return message.startswith("EDU_") or "EDU_" in message


def test_the_scan_finds_the_known_messages():
    messages = _raised_messages()
    assert {"Course not found", "Incorrect email or password", "Already enrolled"} <= messages
    assert len(messages) > 40


def test_every_raised_message_has_a_russian_wording():
    untranslated = sorted(
        m
        for m in _raised_messages()
        if not _is_configuration_error(m) and domain_text(m, "ru") == m and re.search("[a-z]", m)
    )
    # Messages that only wrap a variable ("raise Conflict(message)") are resolved by name.
    assert untranslated == []


def test_every_teacher_action_in_the_rules_is_translated():
    actions = set()
    for module in _modules():
        for node in ast.walk(module):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "require_teacher",
                "require_verified_teacher",
            ):
                arg = node.args[1] if len(node.args) > 1 else None
                if isinstance(arg, ast.Constant):
                    actions.add(arg.value)
    actions.add("manage course content")
    assert actions and actions <= set(ACTIONS_RU)


def test_messages_with_values_keep_the_value():
    assert domain_text("Amount must equal the course price (49.00)", "ru") == (
        "Сумма должна быть равна цене курса (49.00)"
    )
    assert domain_text("Only verified teachers can create courses", "ru") == (
        "Только проверенные преподаватели могут создавать курсы"
    )


def test_english_and_unknown_messages_pass_through():
    assert domain_text("Course not found", "en") == "Course not found"
    assert domain_text("Some brand new rule", "ru") == "Some brand new rule"
    assert error_text(errors.Conflict("Already enrolled"), "en") == "Already enrolled"
    assert error_text(errors.Conflict("Already enrolled"), "ru") == "Вы уже записаны на этот курс"


def _validation_error(factory) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        factory()
    return caught.value


@pytest.mark.parametrize(
    ("factory", "english", "russian"),
    [
        (
            lambda: CourseCreate(title="x" * 201, is_free=True),
            "title: at most 200 characters",
            "Название: не длиннее 200 символов",
        ),
        (
            lambda: CourseCreate(title="   ", is_free=True),
            "title: title must not be blank",
            "Название: название не может быть пустым",
        ),
        (
            lambda: LessonCreate(title="Intro", content="Hello", video_url="ftp://example.com/a.mp4"),
            "The video link must start with http:// or https://",
            "Ссылка на видео должна начинаться с http:// или https://",
        ),
        (
            lambda: ReviewCreate(course_id=uuid.uuid4(), rating=9),
            "rating: Input should be less than or equal to 5",
            "Оценка: должно быть не больше 5",
        ),
    ],
)
def test_validation_errors_name_the_field_in_the_users_language(factory, english, russian):
    exc = _validation_error(factory)
    assert error_text(exc, "en") == english
    assert error_text(exc, "ru") == russian


def test_unexpected_errors_are_not_leaked():
    assert error_text(RuntimeError("connection string with password"), "ru") == GENERIC["ru"]
    assert error_text(RuntimeError("boom"), "en") == GENERIC["en"]
