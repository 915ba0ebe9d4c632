"""The notification facade over a real (migrated, throw-away) SQLite file."""

from __future__ import annotations

import uuid

import pytest

from backend_services.notification.facade import NotificationFacade
from backend_services.shared.database import Database
from backend_services.shared.security import Principal, Role


def user(role: Role = Role.STUDENT) -> Principal:
    return Principal(user_id=uuid.uuid4(), role=role, is_verified=False)


@pytest.fixture
async def notifications(sqlite_template, tmp_path):
    db = Database("notification", sqlite_template.fresh(tmp_path / "db"))
    yield NotificationFacade(db)
    await db.dispose()
