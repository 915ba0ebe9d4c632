"""Tables of the identity context."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.outbox import OutboxColumns
from backend_services.shared.types import UTCDateTime, utcnow


class IdentityBase(SQLModel, registry=registry()):
    """Metadata of the identity database only."""


class User(IdentityBase, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    name: str = Field(max_length=100)
    role: str = Field(max_length=16, index=True)
    is_verified: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IdentityOutbox(IdentityBase, OutboxColumns, table=True):
    __tablename__ = "outbox"
