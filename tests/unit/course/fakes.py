"""In-memory stand-ins for the course repositories: the service rules run without a DB."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from backend_services.course import rules
from backend_services.course.models import Course, Lesson, Module, Review


@dataclass
class FakeStore:
    courses: dict[uuid.UUID, Course] = field(default_factory=dict)
    modules: dict[uuid.UUID, Module] = field(default_factory=dict)
    lessons: dict[uuid.UUID, Lesson] = field(default_factory=dict)
    reviews: dict[uuid.UUID, Review] = field(default_factory=dict)
    categories: set[uuid.UUID] = field(default_factory=set)


class FakeCourseRepository:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def add(self, course: Course) -> None:
        self.store.courses[course.id] = course

    async def get_for_update(self, course_id):
        return self.store.courses.get(course_id)

    async def get_public(self, course_id):
        return self.store.courses.get(course_id)

    async def teacher_id(self, course_id):
        course = self.store.courses.get(course_id)
        return course.teacher_id if course else None

    async def exists(self, course_id) -> bool:
        return course_id in self.store.courses

    async def category_exists(self, category_id) -> bool:
        return category_id in self.store.categories

    async def list_by_teacher(self, teacher_id, *, limit, offset):
        mine = [c for c in self.store.courses.values() if c.teacher_id == teacher_id]
        return mine[offset : offset + limit], len(mine)

    async def record_rating(self, course_id, rating: int) -> bool:
        course = self.store.courses.get(course_id)
        if course is None:
            return False
        course.rating_sum += rating
        course.review_count += 1
        course.avg_rating = rules.average_rating(course.rating_sum, course.review_count)
        return True


class FakeCurriculumRepository:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def add(self, item: Module | Lesson) -> None:
        target = self.store.modules if isinstance(item, Module) else self.store.lessons
        target[item.id] = item

    def _owner(self, course_id):
        return self.store.courses[course_id].teacher_id

    async def module_with_owner(self, module_id):
        module = self.store.modules.get(module_id)
        return (module, self._owner(module.course_id)) if module else None

    async def lesson_with_owner(self, lesson_id):
        lesson = self.store.lessons.get(lesson_id)
        return (lesson, self._owner(lesson.course_id)) if lesson else None

    async def get_lesson(self, lesson_id):
        return self.store.lessons.get(lesson_id)

    async def max_module_order(self, course_id):
        orders = [m.order for m in self.store.modules.values() if m.course_id == course_id]
        return max(orders, default=None)

    async def max_lesson_order(self, module_id):
        orders = [x.order for x in self.store.lessons.values() if x.module_id == module_id]
        return max(orders, default=None)

    async def modules_of(self, course_id):
        found = [m for m in self.store.modules.values() if m.course_id == course_id]
        return sorted(found, key=lambda m: (m.order, m.created_at))

    async def lesson_outlines_of(self, course_id):
        found = [x for x in self.store.lessons.values() if x.course_id == course_id]
        return sorted(found, key=lambda x: (x.order, x.created_at))

    async def delete_module(self, module: Module) -> None:
        for lesson in [x for x in self.store.lessons.values() if x.module_id == module.id]:
            del self.store.lessons[lesson.id]
        del self.store.modules[module.id]

    async def delete_lesson(self, lesson: Lesson) -> None:
        del self.store.lessons[lesson.id]


class FakeReviewRepository:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def add(self, review: Review) -> bool:
        if any(
            (r.student_id, r.course_id) == (review.student_id, review.course_id)
            for r in self.store.reviews.values()
        ):
            return False
        self.store.reviews[review.id] = review
        return True
