"""add certificates

Revision ID: enro0003
Revises: enro0002
Create Date: 2026-11-27 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401
import backend_services.shared.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = 'enro0003'
down_revision: Union[str, Sequence[str], None] = 'enro0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """One certificate per completed enrollment, found by its verification code."""
    op.create_table('certificates',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('enrollment_id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('student_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('course_title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('teacher_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('completed_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('enrollment_id')
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_student_id'), ['student_id'], unique=False)


def downgrade() -> None:
    """Drop the certificates table."""
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_student_id'))
        batch_op.drop_index(batch_op.f('ix_certificates_course_id'))

    op.drop_table('certificates')
