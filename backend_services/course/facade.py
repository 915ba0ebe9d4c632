"""Public API of the course context (to be completed)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from backend_services.shared.database import Database

IsEnrolled = Callable[[uuid.UUID, uuid.UUID], Awaitable[bool]]


class CourseFacade:
    def __init__(self, db: Database, *, is_enrolled: IsEnrolled) -> None:
        self.db = db
        self._is_enrolled = is_enrolled
