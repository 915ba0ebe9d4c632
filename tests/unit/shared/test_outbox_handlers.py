"""An outbox with several named handlers, and the live counters fed by one of them."""

from __future__ import annotations

import uuid

from backend_services.shared.database import Database
from backend_services.shared.live import LiveSignals
from backend_services.shared.outbox import Event, Outbox


class Flaky:
    def __init__(self, fail_times: int) -> None:
        self.fail_times, self.seen = fail_times, []

    async def __call__(self, event: Event) -> None:
        if self.fail_times:
            self.fail_times -= 1
            raise RuntimeError("down")
        self.seen.append(event.id)


async def test_every_handler_gets_each_event_and_a_failure_redelivers_to_all(sqlite_template, tmp_path):
    from backend_services.enrollment.models import EnrollmentOutbox

    db = Database("enrollment", sqlite_template.fresh(tmp_path / "db"))
    outbox = Outbox(db, EnrollmentOutbox)
    steady, flaky = Flaky(0), Flaky(1)
    outbox.subscribe(steady)
    outbox.subscribe(flaky, name="second")
    async with outbox.transaction() as tx:
        event = tx.publish("something_happened", {"user_id": uuid.uuid4()})
    assert steady.seen == [event.id] and flaky.seen == []
    assert await outbox.pending_count() == 1
    assert await outbox.sweep() == 1
    assert steady.seen == [event.id, event.id] and flaky.seen == [event.id]  # hence: idempotent handlers
    replacement = Flaky(0)
    outbox.subscribe(replacement, name="second")  # the same name replaces
    async with outbox.transaction() as tx:
        tx.publish("again", {})
    assert len(replacement.seen) == 1 and len(flaky.seen) == 1
    await db.dispose()


async def test_live_counters_move_for_the_user_an_event_is_about():
    live = LiveSignals()
    student, other = uuid.uuid4(), uuid.uuid4()
    await live.handle_event(Event(uuid.uuid4(), "course_completed", {"student_id": str(student)}))
    await live.handle_event(Event(uuid.uuid4(), "user_registered", {"user_id": str(student)}))
    await live.handle_event(Event(uuid.uuid4(), "odd", {"user_id": "not-a-uuid"}))
    assert (await live.version(student), await live.version(other)) == (2, 0)


async def test_an_unreachable_redis_does_not_hold_back_delivery():
    live = LiveSignals("redis://127.0.0.1:1/0")  # nothing listens on port 1
    await live.handle_event(Event(uuid.uuid4(), "student_enrolled", {"student_id": str(uuid.uuid4())}))
    await live.close()
