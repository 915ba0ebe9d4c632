"""Alembic environment of the notification context."""

from backend_services.notification.models import NotificationBase
from backend_services.shared.migrations import run_environment

run_environment("notification", NotificationBase.metadata)
