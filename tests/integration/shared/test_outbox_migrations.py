"""The outbox revisions of identity, enrollment and payment match the models, keep the
events already stored (pending ones stay due and are swept) and go down and up again;
on a throw-away SQLite file and a throw-away PostgreSQL database."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from alembic import command
from backend_services.enrollment.models import EnrollmentBase, EnrollmentOutbox
from backend_services.identity.models import IdentityBase, IdentityOutbox
from backend_services.payment.models import PaymentBase, PaymentOutbox
from backend_services.shared.database import Database
from backend_services.shared.migrations import version_table
from backend_services.shared.outbox import Outbox
from backend_services.shared.types import UTCDateTime, utcnow
from tests.databases import base_settings, off_loop
from tests.integration.migrations import migrate, run_on, throwaway_database

CASES = {
    # context: (metadata, outbox model, revision before the outbox claims)
    "identity": (IdentityBase.metadata, IdentityOutbox, "iden0003"),
    "enrollment": (EnrollmentBase.metadata, EnrollmentOutbox, "enro0005"),
    "payment": (PaymentBase.metadata, PaymentOutbox, "paym0001"),
}
# The outbox as it was before: only the columns every revision has.
OLD_OUTBOX = sa.table(
    "outbox",
    sa.column("id", sa.Uuid()),
    sa.column("topic", sa.String()),
    sa.column("payload", sa.JSON()),
    sa.column("created_at", UTCDateTime()),
    sa.column("delivered_at", UTCDateTime()),
    sa.column("attempts", sa.Integer()),
)


database_url = throwaway_database("outbox")


def _schema(context: str):
    metadata = CASES[context][0]

    def inspect(conn):
        migration = MigrationContext.configure(
            conn, opts={"compare_type": True, "version_table": version_table(context)}
        )
        columns = {c["name"] for c in sa.inspect(conn).get_columns("outbox")}
        return columns, compare_metadata(migration, metadata)

    return inspect


async def _sweep(context: str, url: str) -> tuple[int, list]:
    settings = base_settings(**{f"{context}_database_url": url})
    db = Database(context, settings)
    outbox = Outbox(db, CASES[context][1])
    seen = []

    async def handler(event) -> None:
        seen.append(event.payload)

    outbox.subscribe(handler)
    try:
        return await outbox.sweep(), seen
    finally:
        await db.dispose()


@pytest.mark.parametrize("context", sorted(CASES))
def test_the_outbox_revision_matches_the_models_and_keeps_stored_events(database_url, context):
    _, model, previous = CASES[context]
    migrate(context, database_url, command.upgrade, previous)
    created = utcnow() - timedelta(minutes=5)
    pending, delivered = uuid.uuid4(), uuid.uuid4()
    run_on(
        database_url,
        lambda conn: conn.execute(
            OLD_OUTBOX.insert(),
            [
                dict(id=pending, topic="waiting", payload={"n": 1}, created_at=created, attempts=2),
                dict(id=delivered, topic="done", payload={"n": 2}, created_at=created, attempts=1),
            ],
        ),
    )
    run_on(
        database_url,
        lambda conn: conn.execute(
            OLD_OUTBOX.update().where(OLD_OUTBOX.c.id == delivered).values(delivered_at=created)
        ),
    )

    migrate(context, database_url, command.upgrade, "head")
    columns, drift = run_on(database_url, _schema(context))
    assert drift == [] and {"next_attempt_at", "dead_at"} <= columns
    due = run_on(
        database_url,
        lambda conn: conn.execute(sa.select(model.next_attempt_at).where(model.id == pending)).scalar_one(),
    )
    assert due == created  # due since it was stored
    assert off_loop(asyncio.run, _sweep(context, database_url)) == (1, [{"n": 1}])

    migrate(context, database_url, command.downgrade, previous)
    columns, _ = run_on(database_url, _schema(context))
    assert not {"next_attempt_at", "dead_at"} & columns
    count = run_on(
        database_url, lambda conn: conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar_one()
    )
    assert count == 2
    migrate(context, database_url, command.upgrade, "head")
