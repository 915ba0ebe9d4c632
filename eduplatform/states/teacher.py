"""Teacher: own courses, the course form (create and edit) and the students list."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

import reflex as rx

from eduplatform import routes
from eduplatform.backend import as_uuid, explain, platform
from eduplatform.i18n import say
from eduplatform.states.auth import page_load, require_actor
from eduplatform.states.course import route_param
from eduplatform.states.paging import Paged
from eduplatform.views import CourseView, StudentProgressView, course_view, text_of, when

PAGE_SIZE = 20
FORM_FIELDS = ("title", "description", "level", "price", "duration")


class TeacherCoursesState(Paged, rx.State):
    courses: list[CourseView] = []
    page_size: int = PAGE_SIZE

    async def _load_page(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        page = await platform().course.list_my_courses(actor, limit=self.page_size, offset=self.offset)
        self.courses, self.total = [course_view(c) for c in page.items], page.total
        self.loading = False
        return None


class CourseFormState(rx.State):
    """The course details form; ``editing_id`` is empty when creating."""

    editing_id: str = ""
    title: str = ""
    description: str = ""
    level: str = "beginner"
    is_free: bool = True
    price: str = ""
    duration: str = "60"
    errors: dict[str, str] = {}
    saving: bool = False
    loading: bool = False

    @rx.event
    def set_field(self, name: str, value: str):
        if name in FORM_FIELDS:
            setattr(self, name, value)

    @rx.event
    def set_is_free(self, value: bool):
        self.is_free = bool(value)

    @rx.event
    @page_load
    async def load_new(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        self.editing_id, self.title, self.description = "", "", ""
        self.level, self.is_free, self.price, self.duration = "beginner", True, "", "60"
        self.errors = {}

    async def load_existing(self, actor, course_id: uuid.UUID) -> None:
        c = await platform().course.get_course(course_id)
        self.editing_id, self.title, self.description = str(c.id), c.title, c.description or ""
        self.level, self.is_free = text_of(c.level), bool(c.is_free)
        self.price = "" if c.price is None else f"{Decimal(str(c.price)):.2f}"
        self.duration, self.errors = str(c.duration_minutes or 0), {}

    def _validated(self) -> dict | None:
        errors: dict[str, str] = {}
        price = None
        if not self.title.strip():
            errors["title"] = "title_required"
        if not self.is_free:
            try:
                price = Decimal(self.price.strip().replace(",", "."))
                if price <= 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors["price"] = "price_invalid"
        try:
            duration = int(self.duration.strip() or "0")
            if duration < 0:
                raise ValueError
        except ValueError:
            errors["duration"] = "duration_invalid"
            duration = 0
        self.errors = errors
        if errors:
            return None
        return {
            "title": self.title.strip(),
            "description": self.description.strip(),
            "level": self.level,
            "is_free": self.is_free,
            "price": None if self.is_free else price,
            "duration_minutes": duration,
        }

    @rx.event
    async def save(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        data = self._validated()
        if data is None:
            return
        from backend_services.course.schemas import CourseCreate, CourseUpdate

        self.saving = True
        try:
            if self.editing_id:
                course = await platform().course.update_course(
                    actor, uuid.UUID(self.editing_id), CourseUpdate(**data)
                )
            else:
                course = await platform().course.create_course(actor, CourseCreate(**data))
        except Exception as exc:  # noqa: BLE001
            self.saving = False
            self.errors = {"form": await explain(self, exc)}
            return
        self.saving = False
        if self.editing_id:
            return rx.toast.success(await say(self, "saved"), id="saved")
        return rx.redirect(routes.edit_course(course.id))


class StudentsState(Paged, rx.State):
    course_title: str = ""
    students: list[StudentProgressView] = []
    error: str = ""

    async def _load_page(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        p = platform()
        course_id = as_uuid(route_param(self, "course_id"))
        try:
            if course_id is None:
                raise LookupError
            self.course_title = (await p.course.get_course(course_id)).title
            page = await p.enrollment.list_course_students(
                actor, course_id, limit=self.page_size, offset=self.offset
            )
            users = await p.identity.get_users([s.student_id for s in page.items])
            self.students = [
                StudentProgressView(
                    student_id=str(s.student_id),
                    name=users[s.student_id].name if s.student_id in users else "",
                    email=users[s.student_id].email if s.student_id in users else "",
                    status=text_of(s.status),
                    enrolled_at=when(s.enrolled_at),
                    percentage=int(round(s.percentage)),
                    completed_lessons=s.completed_lessons,
                    total_lessons=s.total_lessons,
                )
                for s in page.items
            ]
            self.total, self.error = page.total, ""
        except LookupError:
            self.error = await say(self, "not_found")
        except Exception as exc:  # noqa: BLE001
            self.error = await explain(self, exc)
        self.loading = False
        return None

    def _reset(self) -> None:
        self.error, self.students = "", []
