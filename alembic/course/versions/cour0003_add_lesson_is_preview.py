"""add lesson is_preview

Revision ID: cour0003
Revises: cour0002
Create Date: 2026-11-27 09:00:00.000000

Self-contained: it only adds (and on downgrade drops) ``lessons.is_preview``, so it can
follow any other course revision when histories are chained.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'cour0003'
down_revision: Union[str, Sequence[str], None] = 'cour0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # Existing lessons are not previews: paid content stays paid.
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_preview', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.drop_column('is_preview')
