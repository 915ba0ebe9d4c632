"""Locust scenarios of the planning profile (see docs/perf/README.md).

    locust -f loadtest/locustfile.py --host http://127.0.0.1:3000

Users log in as seeded accounts (``user{i}@example.com`` / ``password123``; set
``EDU_SEED_SCALE`` to the scale the database was seeded with) and spread over the
whole catalog through random catalog pages. Weights follow the planning document
(students 70, search 20, teachers 10) plus LessonUser (10), the student who works
through one course lesson by lesson.
"""

from __future__ import annotations

import os
import random

from locust import FastHttpUser, between, task

from loadtest import journeys as j

WAIT = between(float(os.environ.get("LOCUST_WAIT_MIN", "1")), float(os.environ.get("LOCUST_WAIT_MAX", "3")))


class StudentUser(FastHttpUser):
    """Browses the catalog, reads courses and lessons, enrolls (paying when needed)."""

    weight = 70
    wait_time = WAIT

    def on_start(self) -> None:
        j.login(self, j.random_student())
        self.seen: list[dict] = []
        self.lessons: dict[str, list[str]] = {}
        self.enrolled: list[str] = []

    def _course(self) -> dict | None:
        if not self.seen:
            self.seen = j.browse(self)
        return random.choice(self.seen) if self.seen else None

    @task(5)
    def browse_catalog(self) -> None:
        self.seen = j.browse(self) or self.seen

    @task(4)
    def view_course(self) -> None:
        if course := self._course():
            j.call(self, "GET", j.COURSE, course_id=course["id"])

    @task(3)
    def view_curriculum(self) -> None:
        if course := self._course():
            self.lessons[course["id"]] = j.curriculum_lessons(self, course["id"])

    @task(3)
    def read_lesson(self) -> None:
        if self.lessons:
            lessons = random.choice(list(self.lessons.values()))
            if lessons:
                # A paid course's lesson is locked (403) until the student enrolls: a normal
                # outcome for a browsing student, not an error.
                j.call(self, "GET", j.LESSON, ok=(200, 403), lesson_id=random.choice(lessons))

    @task(1)
    def read_reviews(self) -> None:
        if course := self._course():
            j.call(self, "GET", j.REVIEWS, course_id=course["id"])

    @task(2)
    def enroll(self) -> None:
        course = self._course()
        if course and j.enroll(self, course):
            self.enrolled.append(course["id"])

    @task(2)
    def complete_lesson(self) -> None:
        if not self.enrolled:
            return
        course_id = random.choice(self.enrolled)
        if course_id not in self.lessons:
            self.lessons[course_id] = j.curriculum_lessons(self, course_id)
        if self.lessons[course_id]:
            j.complete(self, course_id, random.choice(self.lessons[course_id]))

    @task(1)
    def my_enrollments(self) -> None:
        j.call(self, "GET", j.MY_ENROLLMENTS)

    @task(1)
    def my_progress(self) -> None:
        if self.enrolled:
            j.call(self, "GET", j.PROGRESS, course_id=random.choice(self.enrolled))


class SearchUser(FastHttpUser):
    """Anonymous visitor searching the catalog with realistic, common terms."""

    weight = 20
    wait_time = WAIT

    @task(4)
    def search(self) -> None:
        page = j.call(
            self,
            "GET",
            j.COURSES,
            name=j.SEARCH,
            params={"q": random.choice(j.SEARCH_TERMS), "limit": 20},
        )
        if page and page.get("items") and random.random() < 0.3:
            j.call(self, "GET", j.COURSE, course_id=random.choice(page["items"])["id"])

    @task(1)
    def search_next_page(self) -> None:
        j.call(
            self,
            "GET",
            j.COURSES,
            name=j.SEARCH,
            params={"q": random.choice(j.SEARCH_TERMS), "limit": 20, "offset": 20},
        )


class TeacherUser(FastHttpUser):
    """A verified seeded teacher: profile, own courses, new courses with a first lesson."""

    weight = 10
    wait_time = WAIT

    def on_start(self) -> None:
        j.login(self, j.random_verified_teacher())
        self.created: list[str] = []

    @task(3)
    def me(self) -> None:
        j.call(self, "GET", "/api/identity/me")

    @task(4)
    def my_courses(self) -> None:
        j.call(self, "GET", "/api/course/courses/my", params={"limit": 20})

    @task(1)
    def create_course(self) -> None:
        paid = random.random() < 0.3
        body = {
            "title": f"Load test course {random.randrange(10**9)}",
            "description": "Created by the load test: a short course about practical Python.",
            "is_free": not paid,
            "price": "39.99" if paid else None,
            "duration_minutes": 60,
            "level": random.choice(["beginner", "intermediate", "advanced"]),
        }
        course = j.call(self, "POST", j.COURSES, ok=(201,), json=body)
        if course:
            self.created.append(course["id"])

    @task(1)
    def add_module_and_lesson(self) -> None:
        if not self.created:
            return
        course_id = random.choice(self.created)
        module = j.call(
            self,
            "POST",
            "/api/course/courses/{course_id}/modules",
            ok=(201,),
            json={"title": "New module"},
            course_id=course_id,
        )
        if module:
            j.call(
                self,
                "POST",
                "/api/course/modules/{module_id}/lessons",
                ok=(201,),
                json={"title": "New lesson", "content": "# Hello\n\nFirst lesson.", "duration_minutes": 10},
                module_id=module["id"],
            )


class LessonUser(FastHttpUser):
    """A student working through one enrolled course: next lesson (its quiz when the server asks
    for one, retried until passed), progress, repeat."""

    weight = 10
    wait_time = WAIT

    def on_start(self) -> None:
        j.login(self, j.random_student())
        self.course_id: str | None = None
        self.todo: list[str] = []

    def _start_course(self) -> None:
        for course in j.browse(self):
            if j.enroll(self, course):
                lessons = j.curriculum_lessons(self, course["id"])
                done = j.call(self, "GET", j.PROGRESS_LESSONS, course_id=course["id"]) or {}
                finished = set(done.get("completed_lesson_ids") or [])
                self.todo = [lesson for lesson in lessons if lesson not in finished]
                if self.todo:
                    self.course_id = course["id"]
                    return

    @task(4)
    def next_lesson(self) -> None:
        if not self.todo or self.course_id is None:  # the lessons to do belong to course_id
            self._start_course()
            return
        lesson_id = self.todo.pop(0)
        j.call(self, "GET", j.LESSON, lesson_id=lesson_id)
        if j.complete_or_quiz(self, self.course_id, lesson_id) and not j.take_quiz(
            self, self.course_id, lesson_id
        ):
            self.todo.insert(0, lesson_id)  # failed the quiz: try it again next time

    @task(1)
    def progress(self) -> None:
        if self.course_id:
            j.call(self, "GET", j.PROGRESS, course_id=self.course_id)
