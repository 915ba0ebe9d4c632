"""What a student, teacher or admin does in the UI, as protocol steps of one tab.

Each step returns the ``Result`` of one UI event (a navigation or a handler event)
and reads what the page shows from the tab's state mirror, as a user reads the
screen. Every handler step names the update that ends it (see ``protocol.ReflexTab.send``):

- navigation: update_vars_internal, on_load_internal, the page's load_page (which loads
  the session too), set_is_hydrated -> ends with the root ``is_hydrated`` true;
- log in: ``AuthState.login`` yields busy, the token, then the redirect -> the
  ``_redirect`` frontend event;
- search: ``CatalogState.search`` yields loading, then the results -> catalog
  ``loading`` false;
- enroll (free course): ``CourseState.enroll`` -> toast + ``AuthState.refresh_unread``
  -> auth ``unread`` (or an error toast);
- complete a lesson: ``LessonState.mark_complete`` -> lesson ``percentage`` (or an
  error toast);
- editor: ``CurriculumState.edit_lesson`` -> ``l_title``; ``save_lesson`` (update,
  curriculum reload) -> its toast;
- next page of a list: ``Paged.next_page`` -> the list var.
"""

from __future__ import annotations

import random
import re
from typing import Any

from loadtest.ui.protocol import SUFFIX, ProtocolError, ReflexTab, Result, Update, state_name

AUTH = state_name("eduplatform.states.auth", "AuthState")
LANG = state_name("eduplatform.i18n", "LangState")
CATALOG = state_name("eduplatform.states.catalog", "CatalogState")
COURSE = state_name("eduplatform.states.course", "CourseState")
LESSON = state_name("eduplatform.states.lesson", "LessonState")
QUIZ = state_name("eduplatform.states.quiz", "QuizState")
LEARNING = state_name("eduplatform.states.learning", "LearningState")
NOTIFICATIONS = state_name("eduplatform.states.learning", "NotificationsState")
TEACHER_COURSES = state_name("eduplatform.states.teacher", "TeacherCoursesState")
CURRICULUM = state_name("eduplatform.states.curriculum", "CurriculumState")
ADMIN = state_name("eduplatform.states.admin", "AdminState")

# rx.LocalStorage vars the app syncs (``clientStorage`` of the compiled context.js).
SYNCED_STORAGE = {f"{AUTH}.token{SUFFIX}": "edu_token", f"{LANG}.lang{SUFFIX}": "edu_lang"}


def new_tab(base_url: str, *, lang: str = "en", hashes: list[str] | None = None, timeout=30.0) -> ReflexTab:
    """A tab whose localStorage holds the chosen language, as after one visit."""
    tab = ReflexTab(base_url, storage={"edu_lang": lang}, hashes=hashes, timeout=timeout)
    for key, name in SYNCED_STORAGE.items():
        tab.sync_storage(key, name)
    return tab


# rx.toast.<kind>(...) reaches the tab as a _call_function of refs['__toast']?.["<kind>"](...).
_TOAST = re.compile(r"""refs\['__toast'\]\?\.(?:\["(\w+)"\])?""")


def toast(update: Update) -> str | None:
    """The kind of toast the update shows ("success", "error", ...; "default" for rx.toast), if any."""
    for event in update.events:
        if found := _TOAST.search(str(event.get("payload", {}).get("function", ""))):
            return found.group(1) or "default"
    return None


def _failed_toast(result: Result) -> None:
    for update in result.updates:
        if toast(update) == "error":
            said = next((str(e.get("payload", {}).get("function", "")) for e in update.events), "")
            raise ProtocolError(f"{result.name}: the page showed an error toast: {said[:200]}")


def log_in(tab: ReflexTab, email: str, password: str) -> list[Result]:
    """Open the log-in page in a new tab, log in, follow the redirect to the role's home."""
    results = [tab.connect("/login")]
    login = tab.send(
        "log in",
        [tab.event(f"{AUTH}.login", {"form": {"email": email, "password": password}})],
        lambda u: u.redirect() is not None,
    )
    results.append(login)
    if not tab.local_storage.get("edu_token"):
        raise ProtocolError(f"log in as {email}: no token reached localStorage")
    target = login.redirect() or "/"
    results.append(tab.navigate(target.split("?")[0]))
    return results


def items(tab: ReflexTab, state: str, var: str) -> list[dict[str, Any]]:
    return list(tab.var(state, var) or [])


def lesson_ids(modules: list[dict[str, Any]]) -> list[str]:
    return [lesson["id"] for module in modules for lesson in module.get("lessons", [])]


# -- student ---------------------------------------------------------------------------
def catalog(tab: ReflexTab) -> Result:
    return tab.navigate("/")


def search(tab: ReflexTab, term: str) -> Result:
    """Type in the header box on the catalog (the debounced ``search`` event)."""
    return tab.send(
        "search",
        [tab.event(f"{CATALOG}.search", {"query": term})],
        lambda u: u.var(CATALOG, "loading") is False,
    )


def course(tab: ReflexTab, course_id: str) -> Result:
    return tab.navigate(f"/courses/{course_id}", {"course_id": course_id}, route="/courses/[course_id]")


def lesson(tab: ReflexTab, course_id: str, lesson_id: str) -> Result:
    params = {"course_id": course_id, "lesson_id": lesson_id}
    return tab.navigate(f"/learn/{course_id}/{lesson_id}", params, route="/learn/[course_id]/[lesson_id]")


def enroll(tab: ReflexTab) -> Result:
    """Enroll in the open (free) course: the toast, then ``AuthState.refresh_unread``."""
    result = tab.send(
        "enroll", [tab.event(f"{COURSE}.enroll")], lambda u: u.has(AUTH, "unread") or toast(u) == "error"
    )
    _failed_toast(result)
    return result


def complete_lesson(tab: ReflexTab) -> Result:
    result = tab.send(
        "complete lesson",
        [tab.event(f"{LESSON}.mark_complete")],
        lambda u: u.has(LESSON, "percentage") or toast(u) is not None,
    )
    _failed_toast(result)
    return result


def my_learning(tab: ReflexTab) -> Result:
    return tab.navigate("/my-learning")


def notifications(tab: ReflexTab) -> Result:
    return tab.navigate("/notifications")


def next_lesson(tab: ReflexTab) -> str | None:
    """The first lesson not yet completed on the open course or lesson page."""
    state = LESSON if tab.path.startswith("/learn/") else COURSE
    done = set(tab.var(state, "completed_ids") or [])
    return next((i for i in lesson_ids(items(tab, state, "modules")) if i not in done), None)


def random_course(tab: ReflexTab, state: str, var: str = "courses", key: str = "id") -> str | None:
    rows = items(tab, state, var)
    return random.choice(rows)[key] if rows else None


# -- teacher ---------------------------------------------------------------------------
def my_courses(tab: ReflexTab) -> Result:
    return tab.navigate("/teacher/courses")


def editor(tab: ReflexTab, course_id: str) -> Result:
    return tab.navigate(
        f"/teacher/courses/{course_id}/edit",
        {"course_id": course_id},
        route="/teacher/courses/[course_id]/edit",
    )


def edit_lesson(tab: ReflexTab, lesson_id: str) -> Result:
    return tab.send(
        "editor: open lesson",
        [tab.event(f"{CURRICULUM}.edit_lesson", {"lesson_id": lesson_id})],
        lambda u: u.has(CURRICULUM, "l_title"),
    )


def save_lesson(tab: ReflexTab) -> Result:
    """Save the open lesson unchanged: validation, update, curriculum reload, "Saved" toast."""
    result = tab.send(
        "editor: save lesson", [tab.event(f"{CURRICULUM}.save_lesson")], lambda u: toast(u) is not None
    )
    _failed_toast(result)
    return result


# -- admin -----------------------------------------------------------------------------
def admin(tab: ReflexTab) -> Result:
    return tab.navigate("/admin")


def next_page(tab: ReflexTab, state: str, var: str, label: str) -> Result:
    return tab.send(label, [tab.event(f"{state}.next_page")], lambda u: u.has(state, var))


# The Locust name of each step, for reporting a step that failed before its result existed.
LABELS = {
    catalog: "nav /",
    search: "search",
    course: "nav /courses/[course_id]",
    lesson: "nav /learn/[course_id]/[lesson_id]",
    enroll: "enroll",
    complete_lesson: "complete lesson",
    my_learning: "nav /my-learning",
    notifications: "nav /notifications",
    my_courses: "nav /teacher/courses",
    editor: "nav /teacher/courses/[course_id]/edit",
    edit_lesson: "editor: open lesson",
    save_lesson: "editor: save lesson",
    admin: "nav /admin",
    next_page: "next page",
}
