"""Locust users that drive the Reflex UI over its websocket, like browser tabs.

    locust -f loadtest/ui_locustfile.py --host http://127.0.0.1:3000

Every UI event (the hydrate on connect, each navigation, each handler event) is one
Locust request of type ``UI`` named after the event (``nav /courses/[course_id]``,
``search``, ``complete lesson``, ...), timed from its first websocket frame to the
update that ends it (``loadtest/ui/protocol.py`` defines "finished"). Users log in as
seeded accounts (``EDU_SEED_SCALE``); the admin uses ``EDU_ADMIN_EMAIL`` /
``EDU_ADMIN_PASSWORD``. Think time ``LOCUST_WAIT_MIN``..``LOCUST_WAIT_MAX`` (1-2 s).

Why Locust with a raw Engine.IO client on ``websocket-client``: Locust brings the
ramp, the stats/CSV/HTML and the existing capacity command; its gevent monkey-patching
makes websocket-client's blocking sockets (and the reader thread per tab) cooperative
greenlets. python-socketio's AsyncClient needs an asyncio loop, which would block
gevent's hub; its threaded Client adds its own reconnection and ping machinery and hides
when a frame arrived, which is what the timing needs.
"""

from __future__ import annotations

import csv
import os
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from locust import User, between, events, task

from loadtest import journeys
from loadtest.plan import PASSWORD, email_of
from loadtest.ui import pages
from loadtest.ui.protocol import ProtocolError, ReflexTab, Result, initial_state_hashes

WAIT = between(float(os.environ.get("LOCUST_WAIT_MIN", "1")), float(os.environ.get("LOCUST_WAIT_MAX", "2")))
HASHES = initial_state_hashes(Path(os.environ.get("EDU_UI_WEB_DIR", Path(__file__).parents[1] / ".web")))
# Each tab logs in as an account no other tab of this process uses: two tabs completing
# the same lesson of the same student would race ("Lesson already completed").
STUDENTS = iter(random.sample(list(journeys.SIZES.students), len(journeys.SIZES.students)))
# Updates and bytes per UI event, written next to Locust's CSVs at the end.
UPDATES: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])


class UiUser(User):
    """One browser tab of a signed-in user; a failed event reconnects the tab."""

    abstract = True
    wait_time = WAIT

    tab: ReflexTab | None = None

    def on_start(self) -> None:
        self.tab = None

    def on_stop(self) -> None:
        if self.tab is not None:
            self.tab.close()

    def credentials(self) -> tuple[str, str]:
        raise NotImplementedError

    def _report(self, result: Result) -> None:
        self.environment.events.request.fire(
            request_type="UI",
            name=result.name,
            response_time=result.seconds * 1000,
            response_length=result.size,
            exception=None,
            context={},
        )
        totals = UPDATES[result.name]
        totals[0] += 1
        totals[1] += len(result.updates)
        totals[2] += result.size

    def act(self, step, *args) -> Result | None:
        """Run one UI step; report it, or report the failure and start a new tab."""
        started = time.perf_counter()
        try:
            if self.tab is None:
                if self.host is None:
                    raise ProtocolError("no host to open a tab on (--host)")
                self.tab = pages.new_tab(self.host, hashes=HASHES)
                for result in pages.log_in(self.tab, *self.credentials()):
                    self._report(result)
            strays = self.tab.stray_updates
            result = step(self.tab, *args)
            if self.tab.stray_updates != strays:
                stray = self.tab.last_stray
                touched = sorted(state.rsplit(".", 1)[-1] for state in stray.delta) if stray else []
                raise ProtocolError(
                    f"{self.tab.stray_updates - strays} update(s) after an event had finished"
                    f" (last one: {', '.join(touched) or 'no state'})"
                )
        except Exception as exc:  # noqa: BLE001 - a protocol, socket or page error: reported, new tab
            self.environment.events.request.fire(
                request_type="UI",
                name=pages.LABELS.get(step, step.__name__),
                response_time=(time.perf_counter() - started) * 1000,
                response_length=0,
                exception=exc,
                context={},
            )
            if self.tab is not None:
                self.tab.close()
            self.tab = None
            return None
        self._report(result)
        return result


JOURNEY = ("my_learning", "course", "lesson", "complete", "catalog", "search", "found", "notifications")


class UiStudent(UiUser):
    """A returning student: My learning, a course, its next lesson, complete it, catalog,
    search, a course from the results, notifications."""

    weight = 88

    def on_start(self) -> None:
        super().on_start()
        self.index = next(STUDENTS, None) or journeys.random_student()
        self.course_id: str | None = None
        self.plan: Iterator[str] = iter(())

    def credentials(self) -> tuple[str, str]:
        return email_of(self.index), PASSWORD

    @task
    def next_step(self) -> None:
        step = next(self.plan, None)
        if step is None or self.tab is None:  # a new journey, or a new tab after a failure
            self.plan = iter(JOURNEY)
            step = next(self.plan)
        getattr(self, f"_{step}")()

    def _my_learning(self) -> None:
        self.act(pages.my_learning)

    def _course(self) -> None:
        tab = self.tab
        if tab is None:  # the journey restarts on a new tab (act() opens it)
            return
        enrolled = [e for e in pages.items(tab, pages.LEARNING, "enrollments") if e["status"] != "completed"]
        self.course_id = random.choice(enrolled)["course_id"] if enrolled else None
        if self.course_id is None:  # nothing left to learn: a free course from the catalog
            self.course_id = pages.random_course(tab, pages.CATALOG)
        if not self.course_id or not self.act(pages.course, self.course_id):
            return
        if not tab.var(pages.COURSE, "enrolled") and tab.var(pages.COURSE, "course", {}).get("is_free"):
            self.act(pages.enroll)

    def _lesson(self) -> None:
        lesson_id = pages.next_lesson(self.tab) if self.tab and self.course_id else None
        if lesson_id:
            self.act(pages.lesson, self.course_id, lesson_id)

    def _complete(self) -> None:
        tab = self.tab
        if (
            tab
            and tab.path.startswith("/learn/")
            and tab.var(pages.LESSON, "status")
            and not tab.var(pages.LESSON, "is_done")
            and not tab.var(pages.QUIZ, "has_quiz")  # its page offers the quiz, not "mark complete"
        ):
            self.act(pages.complete_lesson)

    def _catalog(self) -> None:
        self.act(pages.catalog)

    def _search(self) -> None:
        if self.tab and self.tab.path == "/":
            self.act(pages.search, random.choice(journeys.SEARCH_TERMS))

    def _found(self) -> None:
        course_id = pages.random_course(self.tab, pages.CATALOG) if self.tab else None
        if course_id:
            self.act(pages.course, course_id)

    def _notifications(self) -> None:
        self.act(pages.notifications)


class UiTeacher(UiUser):
    """A verified teacher: My courses, a course's curriculum editor, open and save a lesson."""

    weight = 10

    def on_start(self) -> None:
        super().on_start()
        self.index = journeys.random_verified_teacher()

    def credentials(self) -> tuple[str, str]:
        return email_of(self.index), PASSWORD

    @task
    def edit_a_lesson(self) -> None:
        if not self.act(pages.my_courses) or self.tab is None:
            return
        course_id = pages.random_course(self.tab, pages.TEACHER_COURSES)
        if course_id is None or not self.act(pages.editor, course_id) or self.tab is None:
            return
        lessons = pages.lesson_ids(pages.items(self.tab, pages.CURRICULUM, "modules"))
        if lessons and self.act(pages.edit_lesson, random.choice(lessons)):
            self.act(pages.save_lesson)


class UiAdmin(UiUser):
    """The admin reads the queue of teachers waiting for verification, page by page."""

    fixed_count = 1  # one admin whatever the number of users

    def credentials(self) -> tuple[str, str]:
        return os.environ.get("EDU_ADMIN_EMAIL", "admin@eduplatform.com"), os.environ.get(
            "EDU_ADMIN_PASSWORD", "password123"
        )

    @task
    def pending_teachers(self) -> None:
        if self.act(pages.admin) and self.tab is not None and self.tab.var(pages.ADMIN, "has_next"):
            self.act(pages.next_page, pages.ADMIN, "pending", "admin: next page")


@events.quitting.add_listener
def _write_updates(environment, **_kwargs) -> None:
    """``<csv prefix>_ui_updates.csv``: how many updates and bytes each UI event took."""
    prefix = getattr(environment.parsed_options, "csv_prefix", None) if environment.parsed_options else None
    if not prefix or not UPDATES:
        return
    with open(f"{prefix}_ui_updates.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["event", "count", "updates_per_event", "bytes_per_event"])
        for name, (count, updates, size) in sorted(UPDATES.items()):
            writer.writerow([name, count, f"{updates / count:.2f}", f"{size / count:.0f}"])
