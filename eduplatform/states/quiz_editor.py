"""The teacher's quiz editor for one lesson: plain-text questions, pass mark, attempt limit."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from backend_services.course.quiz_schemas import QuizIn
from backend_services.shared.errors import NotFound
from eduplatform import routes
from eduplatform.backend import as_uuid, explain, platform, route_uuid
from eduplatform.i18n import say
from eduplatform.quiz_markup import QuizMarkupError, parse, render
from eduplatform.states.auth import page_load, require_actor
from eduplatform.states.course import route_param


class QuizEditorState(rx.State):
    course_ref: str = ""
    lesson_title: str = ""
    markup: str = ""
    pass_mark: str = "70"
    max_attempts: str = ""
    exists: bool = False
    error: str = ""
    loading: bool = True

    @rx.event
    @page_load
    async def load_page(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        self.loading, self.error, self.exists = True, "", False
        self.markup, self.pass_mark, self.max_attempts = "", "70", ""
        self.course_ref = route_param(self, "course_id")
        lesson_id = as_uuid(route_param(self, "lesson_id"))
        p = platform()
        try:
            if lesson_id is None:
                raise NotFound("Lesson not found")
            self.lesson_title = (await p.course.get_lesson(actor, lesson_id)).title
            quiz = await p.course.get_quiz(actor, lesson_id)
            self.markup, self.pass_mark = render(quiz.questions), str(quiz.pass_mark)
            self.max_attempts = "" if quiz.max_attempts is None else str(quiz.max_attempts)
            self.exists = True
        except NotFound as exc:
            if exc.message != "This lesson has no quiz":
                self.error = await explain(self, exc)
        except Exception as exc:  # noqa: BLE001
            self.error = await explain(self, exc)
        self.loading = False
        return None

    @rx.event
    async def save(self, form: dict):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        self.markup = form.get("markup", "")
        self.pass_mark, self.max_attempts = (
            form.get("pass_mark", "").strip(),
            form.get("max_attempts", "").strip(),
        )
        try:
            questions = parse(self.markup)
            limit = int(self.max_attempts) if self.max_attempts else None
            data = QuizIn.model_validate(
                {"pass_mark": int(self.pass_mark or 0), "max_attempts": limit, "questions": questions}
            )
            await platform().course.set_quiz(
                actor, route_uuid(route_param(self, "lesson_id"), "Lesson not found"), data
            )
        except QuizMarkupError as exc:
            self.error = await say(self, exc.code, line=str(exc.line))
            return None
        except ValueError as exc:
            if not isinstance(exc, ValidationError):
                self.error = await say(self, "quiz_number_invalid")
                return None
            self.error = await explain(self, exc)
            return None
        except Exception as exc:  # noqa: BLE001
            self.error = await explain(self, exc)
            return None
        self.error, self.exists = "", True
        return rx.toast.success(await say(self, "quiz_saved"))

    @rx.event
    async def delete(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        try:
            await platform().course.delete_quiz(
                actor, route_uuid(route_param(self, "lesson_id"), "Lesson not found")
            )
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        return [
            rx.toast.success(await say(self, "quiz_deleted")),
            rx.redirect(routes.edit_course(self.course_ref)),
        ]
