"""Alembic environment of the course context."""

from backend_services.course.models import SEARCH_INTERNALS, CourseBase
from backend_services.shared.migrations import run_environment

run_environment("course", CourseBase.metadata, unmodelled=SEARCH_INTERNALS)
