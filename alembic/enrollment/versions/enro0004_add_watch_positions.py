"""add video watch positions

Revision ID: enro0004
Revises: enro0003
Create Date: 2026-11-27 11:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import backend_services.shared.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = 'enro0004'
down_revision: Union[str, Sequence[str], None] = 'enro0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """One watch position per student and lesson."""
    op.create_table('watch_positions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('lesson_id', sa.Uuid(), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('position_seconds', sa.Float(), nullable=False),
    sa.Column('duration_seconds', sa.Float(), nullable=False),
    sa.Column('watched_seconds', sa.Float(), nullable=False),
    sa.Column('updated_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('student_id', 'lesson_id', name='uq_watch_positions_student_lesson')
    )
    with op.batch_alter_table('watch_positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_watch_positions_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_watch_positions_student_id'), ['student_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_watch_positions_updated_at'), ['updated_at'], unique=False)


def downgrade() -> None:
    """Drop the watch positions table."""
    with op.batch_alter_table('watch_positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watch_positions_updated_at'))
        batch_op.drop_index(batch_op.f('ix_watch_positions_student_id'))
        batch_op.drop_index(batch_op.f('ix_watch_positions_course_id'))

    op.drop_table('watch_positions')
