"""Teacher's curriculum editor: modules and lessons, inline lesson editing, reordering."""

from __future__ import annotations

import uuid

import reflex as rx

from eduplatform.backend import as_uuid, explain, platform
from eduplatform.i18n import say
from eduplatform.states.auth import page_load, require_actor
from eduplatform.states.course import route_param
from eduplatform.states.teacher import CourseFormState
from eduplatform.views import ModuleView, curriculum_view

LESSON_FIELDS = ("l_title", "l_content", "l_video", "l_duration", "new_module_title", "rename_value")


class CurriculumState(rx.State):
    course_ref: str = ""
    modules: list[ModuleView] = []
    loading: bool = True
    not_found: bool = False
    new_module_title: str = ""
    renaming_id: str = ""
    rename_value: str = ""
    # The lesson being edited inline: its id, or "new:<module id>" for a new one.
    editing: str = ""
    l_title: str = ""
    l_content: str = ""
    l_video: str = ""
    l_duration: str = "10"
    l_preview: bool = False
    lesson_error: str = ""

    @rx.event
    def set_field(self, name: str, value: str):
        if name in LESSON_FIELDS:
            setattr(self, name, value)

    @rx.event
    def set_preview(self, value: bool):
        self.l_preview = bool(value)

    async def _reload(self) -> None:
        curriculum = await platform().course.get_curriculum(uuid.UUID(self.course_ref))
        self.modules = curriculum_view(curriculum)

    async def _run(self, action):
        """Call a facade action as the signed-in teacher; reload or report the error."""
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        try:
            await action(actor, platform().course)
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc), id="error")
        await self._reload()
        return None

    @rx.event
    @page_load
    async def load_page(self):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            yield redirect
            return
        self.not_found, self.editing, self.renaming_id = False, "", ""
        course_id = as_uuid(route_param(self, "course_id"))
        try:
            if course_id is None:
                raise LookupError
            course = await platform().course.get_course(course_id)
            if course.teacher_id != actor.user_id:
                raise LookupError
        except Exception:  # noqa: BLE001
            self.not_found, self.loading = True, False
            return
        self.course_ref = str(course_id)
        form = await self.get_state(CourseFormState)
        await form.load_existing(actor, course_id)
        await self._reload()
        self.loading = False

    @rx.event
    async def add_module(self):
        from backend_services.course.schemas import ModuleCreate

        title = self.new_module_title.strip()
        if not title:
            return rx.toast.error(await say(self, "module_title_required"), id="error")
        order = len(self.modules)
        result = await self._run(
            lambda a, c: c.create_module(
                a, uuid.UUID(self.course_ref), ModuleCreate(title=title, order=order)
            )
        )
        if result is None:
            self.new_module_title = ""
        return result

    @rx.event
    def start_rename(self, module_id: str, title: str):
        self.renaming_id, self.rename_value = module_id, title

    @rx.event
    async def save_rename(self):
        from backend_services.course.schemas import ModuleUpdate

        module_id, title = self.renaming_id, self.rename_value.strip()
        if not title:
            return rx.toast.error(await say(self, "module_title_required"), id="error")
        self.renaming_id = ""
        return await self._run(
            lambda a, c: c.update_module(a, uuid.UUID(module_id), ModuleUpdate(title=title))
        )

    @rx.event
    async def delete_module(self, module_id: str):
        return await self._run(lambda a, c: c.delete_module(a, uuid.UUID(module_id)))

    @rx.event
    async def delete_lesson(self, lesson_id: str):
        if self.editing == lesson_id:
            self.editing = ""
        return await self._run(lambda a, c: c.delete_lesson(a, uuid.UUID(lesson_id)))

    @rx.event
    async def move_module(self, module_id: str, step: int):
        from backend_services.course.schemas import ModuleUpdate

        ids = [m.id for m in self.modules]
        new_ids = _moved(ids, module_id, step)
        current = {m.id: m.order for m in self.modules}

        async def renumber(a, c):
            for index, mid in enumerate(new_ids):
                if current[mid] != index:
                    await c.update_module(a, uuid.UUID(mid), ModuleUpdate(order=index))

        return await self._run(renumber)

    @rx.event
    async def move_lesson(self, module_id: str, lesson_id: str, step: int):
        from backend_services.course.schemas import LessonUpdate

        module = next((m for m in self.modules if m.id == module_id), None)
        if module is None:
            return
        new_ids = _moved([x.id for x in module.lessons], lesson_id, step)
        current = {x.id: x.order for x in module.lessons}

        async def renumber(a, c):
            for index, lid in enumerate(new_ids):
                if current[lid] != index:
                    await c.update_lesson(a, uuid.UUID(lid), LessonUpdate(order=index))

        return await self._run(renumber)

    @rx.event
    def new_lesson(self, module_id: str):
        self.editing, self.lesson_error = f"new:{module_id}", ""
        self.l_title, self.l_content, self.l_video, self.l_duration = "", "", "", "10"
        self.l_preview = False

    @rx.event
    async def edit_lesson(self, lesson_id: str):
        actor, redirect = await require_actor(self, "teacher")
        if actor is None:
            return redirect
        try:
            lesson = await platform().course.get_lesson(actor, uuid.UUID(lesson_id))
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        self.editing, self.lesson_error = lesson_id, ""
        self.l_title, self.l_content = lesson.title, lesson.content or ""
        self.l_video = lesson.video_url or ""
        self.l_duration = str(lesson.duration_minutes or 0)
        self.l_preview = lesson.is_preview
        return None

    @rx.event
    def cancel_lesson(self):
        self.editing = ""

    @rx.event
    async def save_lesson(self):
        from backend_services.course.schemas import LessonCreate, LessonUpdate

        title, video = self.l_title.strip(), self.l_video.strip()
        try:
            duration = int(self.l_duration.strip() or "0")
        except ValueError:
            duration = -1
        if not title:
            self.lesson_error = "title_required"
        elif duration < 0:
            self.lesson_error = "duration_invalid"
        else:
            self.lesson_error = ""
        if self.lesson_error:
            return
        data = {
            "title": title,
            "content": self.l_content,
            "video_url": video or None,
            "duration_minutes": duration,
            "is_preview": self.l_preview,
        }
        editing = self.editing
        if editing.startswith("new:"):
            module_id = editing.removeprefix("new:")
            module = next((m for m in self.modules if m.id == module_id), None)
            data["order"] = len(module.lessons) if module else 0
            result = await self._run(
                lambda a, c: c.create_lesson(a, uuid.UUID(module_id), LessonCreate.model_validate(data))
            )
        else:
            result = await self._run(
                lambda a, c: c.update_lesson(a, uuid.UUID(editing), LessonUpdate.model_validate(data))
            )
        if result is None:
            self.editing = ""
            return rx.toast.success(await say(self, "saved"), id="saved")
        return result


def _moved(ids: list[str], item: str, step: int) -> list[str]:
    """``ids`` with ``item`` moved ``step`` places (clamped at the ends)."""
    if item not in ids:
        return ids
    i = ids.index(item)
    j = max(0, min(len(ids) - 1, i + step))
    ids = list(ids)
    ids[i], ids[j] = ids[j], ids[i]
    return ids
