"""Alembic environment of the enrollment context."""

from backend_services.enrollment.models import EnrollmentBase
from backend_services.shared.migrations import run_environment

run_environment("enrollment", EnrollmentBase.metadata)
