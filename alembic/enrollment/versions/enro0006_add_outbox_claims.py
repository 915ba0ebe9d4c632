"""add outbox claims, backoff and parking

Revision ID: enro0006
Revises: enro0005
Create Date: 2026-11-26 23:00:00.000000

Self-contained: it only adds (and on downgrade drops) ``outbox.next_attempt_at`` and
``outbox.dead_at`` (backend_services/shared/outbox.py).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import backend_services.shared.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = 'enro0006'
down_revision: Union[str, Sequence[str], None] = 'enro0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('dead_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=True))
    # Events stored before this revision are due at once, as the sweep treated them until now.
    op.execute('UPDATE outbox SET next_attempt_at = created_at')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('next_attempt_at', existing_type=backend_services.shared.types.UTCDateTime(timezone=True), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('dead_at')
        batch_op.drop_column('next_attempt_at')
