"""The lesson player: content, video, completion, previous/next, curriculum sidebar."""

from __future__ import annotations

import asyncio
import logging
import uuid

import reflex as rx

from backend_services.enrollment.schemas import CourseStanding
from backend_services.shared.errors import DomainError, Forbidden, NotAuthenticated
from eduplatform.backend import as_uuid, explain, platform
from eduplatform.states.auth import page_load, require_actor
from eduplatform.states.course import route_param
from eduplatform.video_links import video_embed
from eduplatform.views import ModuleView, curriculum_view, lesson_ids, text_of

SAFE_VIDEO_SCHEMES = ("https://", "http://")

log = logging.getLogger(__name__)


class LessonState(rx.State):
    course_title: str = ""
    current_course: str = ""
    modules: list[ModuleView] = []
    lesson_id_now: str = ""
    title: str = ""
    content: str = ""
    video_url: str = ""
    video_kind: str = ""  # "youtube", "vimeo", "file" or "" (see video_links.video_embed)
    video_src: str = ""
    video_failed: bool = False
    duration_minutes: int = 0
    completed_ids: list[str] = []
    percentage: int = 0
    status: str = ""
    loading: bool = True
    not_found: bool = False
    # A paid lesson the user may not read yet: the page offers the way to enroll.
    locked: bool = False
    sidebar_open: bool = False
    working: bool = False

    @rx.var
    def prev_id(self) -> str:
        ids = lesson_ids(self.modules)
        i = ids.index(self.lesson_id_now) if self.lesson_id_now in ids else -1
        return ids[i - 1] if i > 0 else ""

    @rx.var
    def next_id(self) -> str:
        ids = lesson_ids(self.modules)
        i = ids.index(self.lesson_id_now) if self.lesson_id_now in ids else -1
        return ids[i + 1] if 0 <= i < len(ids) - 1 else ""

    @rx.var
    def is_done(self) -> bool:
        return self.lesson_id_now in self.completed_ids

    @rx.event
    def video_error(self):
        """The player could not load the video: show a message and the link instead."""
        self.video_failed = True

    @rx.event
    def toggle_sidebar(self):
        self.sidebar_open = not self.sidebar_open

    @rx.event
    @page_load
    async def load_page(self):
        """The lesson page in one handler: curriculum (cached), the lesson, the student's
        standing, the quiz and the video position, read concurrently."""
        from eduplatform.states.quiz import QuizState
        from eduplatform.states.watch import WatchState

        actor, redirect = await require_actor(self)
        if actor is None:
            return redirect
        self.not_found, self.locked, self.sidebar_open, self.video_failed = False, False, False, False
        course_id = as_uuid(route_param(self, "course_id"))
        lesson_id = as_uuid(route_param(self, "lesson_id"))
        if course_id is None or lesson_id is None:
            self.not_found, self.loading = True, False
            return None
        p = platform()
        quiz, watch = await self.get_state(QuizState), await self.get_state(WatchState)
        curriculum, found, standing, paper, position = await asyncio.gather(
            p.course.get_curriculum(course_id),
            p.course.get_lesson(actor, lesson_id),
            self._read_standing(actor, course_id),
            p.course.quiz_for_student(lesson_id, seed=0),
            watch.read_position(actor, lesson_id),
            return_exceptions=True,
        )
        outline = None
        if not isinstance(curriculum, BaseException):
            outline = next((x for m in curriculum.modules for x in m.lessons if x.id == lesson_id), None)
        # The outline is public; the content is not (a locked lesson: the way to enroll).
        locked = isinstance(found, Forbidden | NotAuthenticated)
        failures = [r for r in (found, standing, paper, position) if isinstance(r, BaseException)]
        failures = [f for f in failures if not (locked and f is found)]
        if (
            outline is None
            or failures
            or isinstance(curriculum, BaseException)
            or isinstance(standing, BaseException)
            or isinstance(paper, BaseException)
            or isinstance(position, BaseException)
        ):
            for failure in failures:  # malformed or foreign ids show "not found"
                if not isinstance(failure, DomainError):
                    log.warning("lesson page %s: %r", lesson_id, failure)
            self.not_found, self.loading = True, False
            return None
        lesson = None if isinstance(found, BaseException) else found
        if self.current_course != str(course_id) or len(lesson_ids(self.modules)) != curriculum.total_lessons:
            self.modules = curriculum_view(curriculum)  # not re-sent for the next lesson
        self.current_course, self.course_title = str(course_id), curriculum.course.title
        self.lesson_id_now, self.title = str(lesson_id), outline.title
        self.locked = lesson is None
        self.content = lesson.content or "" if lesson else ""
        url = (lesson.video_url or "").strip() if lesson else ""
        self.video_url = url if url.lower().startswith(SAFE_VIDEO_SCHEMES) else ""
        self.video_kind, self.video_src = video_embed(self.video_url)
        self.duration_minutes = int(outline.duration_minutes or 0)
        self._show_standing(standing)
        await quiz.show(actor, course_id, lesson_id, paper, enrolled=self.status != "")
        self.loading = False
        # The watchdog (a background task) only where a video may fail to load.
        return watch.show(position, has_video=self.video_kind != "")

    async def _read_standing(self, actor, course_id: uuid.UUID) -> CourseStanding | None:
        return await platform().enrollment.my_standing(actor, course_id) if actor.is_student else None

    def _show_standing(self, standing: CourseStanding | None) -> None:
        if standing is None or standing.enrollment is None:
            self.completed_ids, self.percentage, self.status = [], 0, ""
            return
        self.completed_ids = [str(i) for i in standing.completed_lesson_ids]
        self.percentage = int(round(standing.progress.percentage)) if standing.progress else 0
        self.status = text_of(standing.enrollment.status)

    async def _load_progress(self, actor, course_id: uuid.UUID) -> None:
        self._show_standing(await self._read_standing(actor, course_id))

    @rx.event
    async def mark_complete(self):
        actor, redirect = await require_actor(self, "student")
        if actor is None:
            return redirect
        course_id = uuid.UUID(self.current_course)
        self.working = True
        try:
            await platform().enrollment.complete_lesson(
                actor, lesson_id=uuid.UUID(self.lesson_id_now), course_id=course_id
            )
        except Exception as exc:  # noqa: BLE001
            self.working = False
            return rx.toast.error(await explain(self, exc), id="error")
        await self._load_progress(actor, course_id)
        self.working = False
        # No unread-count round here: a notification this causes reaches the tab through
        # its live follower (states/live.py), like any other.
        return None
