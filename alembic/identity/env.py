"""Alembic environment of the identity context."""

from backend_services.identity.models import IdentityBase
from backend_services.shared.migrations import run_environment

run_environment("identity", IdentityBase.metadata)
