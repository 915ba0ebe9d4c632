"""add quiz attempts

Revision ID: enro0002
Revises: enro0001
Create Date: 2026-11-27 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import backend_services.shared.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = 'enro0002'
down_revision: Union[str, Sequence[str], None] = 'enro0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """A student's attempts at lesson quizzes (numbered per student and lesson)."""
    op.create_table('quiz_attempts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('lesson_id', sa.Uuid(), nullable=False),
    sa.Column('course_id', sa.Uuid(), nullable=False),
    sa.Column('attempt_number', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('started_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', backend_services.shared.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('student_id', 'lesson_id', 'attempt_number', name='uq_quiz_attempts_student_lesson_n')
    )
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_attempts_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_attempts_lesson_id'), ['lesson_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_attempts_student_id'), ['student_id'], unique=False)


def downgrade() -> None:
    """Drop the quiz attempts table."""
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_attempts_student_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempts_lesson_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempts_course_id'))

    op.drop_table('quiz_attempts')
