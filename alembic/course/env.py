"""Alembic environment of the course context."""

from backend_services.course.models import CourseBase
from backend_services.shared.migrations import run_environment

run_environment("course", CourseBase.metadata)
