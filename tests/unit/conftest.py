"""Fixtures shared by the unit tests of the contexts that publish outbox events."""

from __future__ import annotations

import pytest

from backend_services.shared.outbox import Event, Outbox


@pytest.fixture
def events() -> list[Event]:
    """Events delivered by an outbox wired with ``record_events``, in delivery order."""
    return []


def record_events(outbox: Outbox, events: list[Event]) -> None:
    """Deliver the outbox's events into ``events`` instead of another context."""

    async def record(event: Event) -> None:
        events.append(event)

    outbox.subscribe(record)
