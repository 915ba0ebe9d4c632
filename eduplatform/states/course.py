"""The course page: details, curriculum, reviews, enrolling and buying."""

from __future__ import annotations

import asyncio
import logging
import uuid
from decimal import Decimal

import reflex as rx

from backend_services.course.schemas import Curriculum
from backend_services.enrollment.schemas import CourseStanding
from backend_services.enrollment.watch_schemas import ResumePoint
from backend_services.shared.errors import DomainError
from backend_services.shared.security import Principal
from eduplatform import routes
from eduplatform.backend import as_uuid, explain, platform
from eduplatform.i18n import say
from eduplatform.states.auth import AuthState, page_load, require_actor
from eduplatform.states.paging import Paged
from eduplatform.views import (
    CourseView,
    ModuleView,
    ReviewView,
    course_view,
    curriculum_view,
    lesson_ids,
    review_view,
    text_of,
)

REVIEWS_PER_PAGE = 10

log = logging.getLogger(__name__)


def route_param(state: rx.State, name: str) -> str:
    return str(state.router._page.params.get(name, ""))


class ReviewsState(Paged, rx.State):
    """One page of a course's reviews, newest first, with their authors' names."""

    course_ref: str = ""
    reviews: list[ReviewView] = []
    page_size: int = REVIEWS_PER_PAGE

    async def show_course(self, course_id: uuid.UUID) -> None:
        self.course_ref, self.offset = str(course_id), 0
        await self._load_page()

    async def _load_page(self) -> None:
        p = platform()
        page = await p.course.list_reviews(
            uuid.UUID(self.course_ref), limit=self.page_size, offset=self.offset
        )
        users = await p.identity.get_users(list({r.student_id for r in page.items}))
        self.reviews = [
            review_view(r, users[r.student_id].name if r.student_id in users else "") for r in page.items
        ]
        self.total = page.total


class ResumeState(rx.State):
    """The course page's "continue where you left off": the last lesson watched and where."""

    lesson_id: str = ""
    lesson_title: str = ""
    at: str = ""

    def show(self, point: ResumePoint | None, curriculum: Curriculum) -> None:
        """Set by ``CourseState.load_page``; the title comes from the (cached) curriculum."""
        outline = None
        if point is not None and point.lesson_id is not None:
            outline = next(
                (x for m in curriculum.modules for x in m.lessons if x.id == point.lesson_id), None
            )
        if point is None or outline is None:  # nothing watched, or the lesson was deleted since
            self.lesson_id, self.lesson_title, self.at = "", "", ""
            return
        minutes, seconds = divmod(int(point.position_seconds), 60)
        self.lesson_id, self.lesson_title = str(outline.id), outline.title
        self.at = f"{minutes}:{seconds:02d}"


class CourseState(rx.State):
    course: CourseView = CourseView()
    modules: list[ModuleView] = []
    total_lessons: int = 0
    enrolled: bool = False
    status: str = ""
    percentage: int = 0
    completed_ids: list[str] = []
    has_reviewed: bool = False
    loading: bool = True
    not_found: bool = False
    working: bool = False
    error: str = ""
    review_errors: dict[str, str] = {}
    _payment_key: str = ""

    @rx.var
    def continue_lesson_id(self) -> str:
        """The first lesson not yet completed, else the first lesson."""
        ordered = lesson_ids(self.modules)
        done = set(self.completed_ids)
        return next((i for i in ordered if i not in done), ordered[0] if ordered else "")

    @rx.event
    @page_load
    async def load_page(self):
        """The course page in one handler: curriculum and first reviews (both cached, public),
        the caller's standing and "continue where you left off", read concurrently."""
        self.not_found, self.error = False, ""
        course_id = as_uuid(route_param(self, "course_id"))
        if course_id is None:
            self.not_found, self.loading = True, False
            return
        actor = (await self.get_state(AuthState))._actor()
        reviews = await self.get_state(ReviewsState)
        p = platform()
        curriculum, _, mine = await asyncio.gather(
            p.course.get_curriculum(course_id),
            reviews.show_course(course_id),
            self._read_enrollment(actor, course_id),
            return_exceptions=True,
        )
        if isinstance(curriculum, BaseException) or isinstance(mine, BaseException):
            # An unknown or malformed id shows "not found"; anything else is logged.
            for failure in (curriculum, mine):
                if isinstance(failure, BaseException) and not isinstance(failure, DomainError):
                    log.warning("course page %s: %r", course_id, failure)
            self.not_found, self.loading = True, False
            return
        if self.course.id != str(course_id) or self.total_lessons != curriculum.total_lessons:
            self.modules = curriculum_view(curriculum)  # not re-sent for the same course
        self.course = course_view(curriculum.course)
        self.total_lessons = curriculum.total_lessons
        self._show_enrollment(*mine)
        resume = await self.get_state(ResumeState)
        resume.show(mine[2], curriculum)
        self.loading = False

    async def _load_reviews(self, course_id: uuid.UUID) -> None:
        reviews = await self.get_state(ReviewsState)
        await reviews.show_course(course_id)

    async def _read_enrollment(
        self, actor: Principal | None, course_id: uuid.UUID
    ) -> tuple[CourseStanding | None, bool, ResumePoint | None]:
        """The student's standing, whether they reviewed the course and where they stopped;
        nothing is read past the enrollment for a student who is not enrolled."""
        if actor is None or not actor.is_student:
            return None, False, None
        p = platform()
        standing = await p.enrollment.my_standing(actor, course_id)
        if standing.enrollment is None:
            return standing, False, None
        review, point = await asyncio.gather(
            p.course.get_review_by(actor.user_id, course_id), p.enrollment.resume_point(actor, course_id)
        )
        return standing, review is not None, point

    def _show_enrollment(self, standing: CourseStanding | None, has_reviewed: bool, *_) -> None:
        enrollment = standing.enrollment if standing else None
        if standing is None or enrollment is None:
            self.enrolled, self.status, self.percentage, self.completed_ids = False, "", 0, []
            self.has_reviewed = False
            return
        self.enrolled, self.status = True, text_of(enrollment.status)
        self.percentage = int(round(standing.progress.percentage)) if standing.progress else 0
        self.completed_ids = [str(i) for i in standing.completed_lesson_ids]
        self.has_reviewed = has_reviewed

    async def _load_enrollment(self, course_id: uuid.UUID) -> None:
        actor = await (await self.get_state(AuthState)).actor()
        self._show_enrollment(*await self._read_enrollment(actor, course_id))

    @rx.event
    async def enroll(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        course_id = uuid.UUID(self.course.id)
        self.working = True
        try:
            await platform().enrollment.enroll(actor, course_id=course_id)
        except Exception as exc:  # noqa: BLE001
            self.working = False
            return rx.toast.error(await explain(self, exc), id="error")
        self.working = False
        await self._load_enrollment(course_id)
        return [rx.toast.success(await say(self, "enrolled_toast"), id="enrolled"), AuthState.refresh_unread]

    @rx.event
    def open_purchase(self):
        # One key per purchase dialog: a double click cannot charge twice.
        self._payment_key = uuid.uuid4().hex

    @rx.event
    async def buy(self):
        """Pay the course's price through the mock provider, then enroll with that payment."""
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        course_id = uuid.UUID(self.course.id)
        p = platform()
        self.working = True
        try:
            payment = await p.payment.pay(
                actor,
                course_id=course_id,
                amount=Decimal(self.course.price),
                idempotency_key=self._payment_key or uuid.uuid4().hex,
            )
            await p.enrollment.enroll(actor, course_id=course_id, payment_id=payment.id)
        except Exception as exc:  # noqa: BLE001
            self.working = False
            return rx.toast.error(await explain(self, exc), id="error")
        self.working = False
        await self._load_enrollment(course_id)
        return [rx.toast.success(await say(self, "payment_done"), id="payment"), AuthState.refresh_unread]

    @rx.event
    async def submit_review(self, form: dict):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        try:
            rating = int(form.get("rating") or 0)
        except ValueError:
            rating = 0
        comment = (form.get("comment") or "").strip()
        self.review_errors = {} if 1 <= rating <= 5 else {"rating": "rating_invalid"}
        if self.review_errors:
            return
        from backend_services.course.schemas import ReviewCreate

        course_id = uuid.UUID(self.course.id)
        p = platform()
        try:
            await p.course.create_review(
                actor, ReviewCreate(course_id=course_id, rating=rating, comment=comment)
            )
        except Exception as exc:  # noqa: BLE001
            self.review_errors = {"form": await explain(self, exc)}
            return
        self.has_reviewed = True
        self.course = course_view(await p.course.get_course(course_id))
        await self._load_reviews(course_id)

    @rx.event
    def go_login(self):
        return rx.redirect(f"{routes.LOGIN}?next={routes.course(self.course.id)}")
