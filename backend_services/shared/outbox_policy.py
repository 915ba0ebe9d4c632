"""When the outbox tries an event again: the claim's lease, the backoff after a failure and
the number of attempts after which an event is parked (see ``outbox.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from backend_services.shared.database import is_database_unavailable
from backend_services.shared.settings import Settings

# A sweep stops handing claimed events over once this share of its lease has passed and
# gives the rest back, so it never delivers an event whose claim another worker may hold.
LEASE_SHARE_FOR_DELIVERY = 0.75
_MAX_EXPONENT = 40  # 2**40 backoff units is past any ceiling; keeps the float finite


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """Lease, backoff and retry cap of one outbox (``EDU_OUTBOX_*`` settings)."""

    lease_seconds: float = 60.0
    max_attempts: int = 10
    retry_base_seconds: float = 5.0
    retry_max_seconds: float = 300.0

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliveryPolicy:
        return cls(
            lease_seconds=settings.outbox_lease_seconds,
            max_attempts=settings.outbox_max_attempts,
            retry_base_seconds=settings.outbox_retry_base_seconds,
            retry_max_seconds=settings.outbox_retry_max_seconds,
        )

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.lease_seconds)

    @property
    def delivery_window_seconds(self) -> float:
        """How long a sweep may keep handing over the events of one claim."""
        return self.lease_seconds * LEASE_SHARE_FOR_DELIVERY

    def backoff(self, failures: int) -> timedelta:
        """The wait after an event's ``failures``-th failed attempt:
        ``retry_base * 2**(failures - 1)``, at most ``retry_max``."""
        exponent = min(max(failures - 1, 0), _MAX_EXPONENT)
        return timedelta(seconds=min(self.retry_max_seconds, self.retry_base_seconds * 2**exponent))

    def parks(self, failures: int, error: BaseException) -> bool:
        """Is this failure the last one? Only when the cap is reached and the consumer
        answered: an unreachable consumer (refused or lost connection, timeout, database or
        broker down) only delays the event, however long the outage lasts."""
        return failures >= self.max_attempts and not is_database_unavailable(error)
