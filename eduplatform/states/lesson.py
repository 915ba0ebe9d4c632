"""The lesson player: content, video, completion, previous/next, curriculum sidebar."""

from __future__ import annotations

import uuid

import reflex as rx

from backend_services.shared.errors import Forbidden, NotAuthenticated
from eduplatform.backend import as_uuid, explain, platform
from eduplatform.states.auth import AuthState, require_actor
from eduplatform.states.course import route_param
from eduplatform.video_links import video_embed
from eduplatform.views import ModuleView, curriculum_view, lesson_ids, text_of

SAFE_VIDEO_SCHEMES = ("https://", "http://")


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
    async def load_page(self):
        actor, redirect = await require_actor(self)
        if actor is None:
            yield redirect
            return
        self.loading, self.not_found, self.locked, self.sidebar_open = True, False, False, False
        self.video_failed = False
        yield
        course_id = as_uuid(route_param(self, "course_id"))
        lesson_id = as_uuid(route_param(self, "lesson_id"))
        p = platform()
        try:
            if course_id is None or lesson_id is None:
                raise LookupError
            curriculum = await p.course.get_curriculum(course_id)
            outline = next((x for m in curriculum.modules for x in m.lessons if x.id == lesson_id), None)
            if outline is None:
                raise LookupError
        except Exception:  # noqa: BLE001 - malformed or foreign ids show "not found"
            self.not_found, self.loading = True, False
            return
        try:
            lesson = await p.course.get_lesson(actor, lesson_id)
        except (Forbidden, NotAuthenticated):
            lesson = None  # the outline is public; the content is not
        except Exception:  # noqa: BLE001
            self.not_found, self.loading = True, False
            return
        self.current_course, self.course_title = str(course_id), curriculum.course.title
        self.modules = curriculum_view(curriculum)
        self.lesson_id_now, self.title = str(lesson_id), outline.title
        self.locked = lesson is None
        self.content = lesson.content or "" if lesson else ""
        url = (lesson.video_url or "").strip() if lesson else ""
        self.video_url = url if url.lower().startswith(SAFE_VIDEO_SCHEMES) else ""
        self.video_kind, self.video_src = video_embed(self.video_url)
        self.duration_minutes = int(outline.duration_minutes or 0)
        await self._load_progress(actor, course_id)
        self.loading = False

    async def _load_progress(self, actor, course_id: uuid.UUID) -> None:
        self.completed_ids, self.percentage, self.status = [], 0, ""
        if not actor.is_student:
            return
        p = platform()
        if await p.enrollment.get_my_enrollment(actor, course_id) is None:
            return
        self.completed_ids = [str(i) for i in await p.enrollment.completed_lesson_ids(actor, course_id)]
        progress = await p.enrollment.get_progress(actor, course_id)
        self.percentage = int(round(progress.percentage))
        enrollment = await p.enrollment.get_my_enrollment(actor, course_id)
        self.status = text_of(enrollment.status) if enrollment else ""

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
        return AuthState.refresh_unread
