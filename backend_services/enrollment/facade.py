"""Public API of the enrollment context (to be completed)."""

from __future__ import annotations

import uuid

from backend_services.enrollment.models import EnrollmentOutbox
from backend_services.shared.database import Database
from backend_services.shared.outbox import Outbox


class EnrollmentFacade:
    def __init__(self, db: Database, *, courses, payments) -> None:
        self.db = db
        self.outbox = Outbox(db, EnrollmentOutbox)
        self._courses = courses
        self._payments = payments

    async def is_enrolled(self, student_id: uuid.UUID, course_id: uuid.UUID) -> bool:
        raise NotImplementedError
