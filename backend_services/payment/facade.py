"""Public API of the payment context (to be completed)."""

from __future__ import annotations

from backend_services.payment.models import PaymentOutbox
from backend_services.shared.database import Database
from backend_services.shared.outbox import Outbox


class PaymentFacade:
    def __init__(self, db: Database, *, courses) -> None:
        self.db = db
        self.outbox = Outbox(db, PaymentOutbox)
        self._courses = courses
