"""Public API of the notification context (to be completed)."""

from __future__ import annotations

from backend_services.shared.database import Database
from backend_services.shared.outbox import Event


class NotificationFacade:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def handle_event(self, event: Event) -> None:
        """Turn another context's event into a notification (idempotent on event.id)."""
        raise NotImplementedError
