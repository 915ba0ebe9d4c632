"""Alembic environment of the payment context."""

from backend_services.payment.models import PaymentBase
from backend_services.shared.migrations import run_environment

run_environment("payment", PaymentBase.metadata)
