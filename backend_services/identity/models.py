"""Tables of the identity context."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import false
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from backend_services.shared.broker.inbox import ProcessedEventColumns
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
    # Teachers: approved by an admin. Separate from email_verified (the address is theirs).
    is_verified: bool = Field(default=False)
    email_verified: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LoginSession(IdentityBase, table=True):
    """One login: the family of refresh tokens that descend from it by rotation.

    ``role`` and ``is_verified`` are what the login was granted; a refresh compares them
    with the user as they are now (a demoted or unverified user must log in again).
    """

    __tablename__ = "login_sessions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # No foreign key to users: the bulk seeder rebuilds that table's keys; a deleted user
    # is caught when the session is refreshed.
    user_id: uuid.UUID = Field(index=True)
    role: str = Field(max_length=16)
    is_verified: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_reason: str | None = Field(default=None, max_length=32)


class RefreshToken(IdentityBase, table=True):
    """A refresh token, stored only as the SHA-256 of its value; spent when rotated."""

    __tablename__ = "refresh_tokens"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    session_id: uuid.UUID = Field(foreign_key="login_sessions.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AccountToken(IdentityBase, table=True):
    """A single-use token mailed to the user (verify the address, reset the password).

    ``event_id`` is the outbox event that asked for the mail: it makes sending idempotent
    when two sweeps pick up the same event, and ``sent_at`` records the mail went out.
    """

    __tablename__ = "account_tokens"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(index=True)
    purpose: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    event_id: uuid.UUID | None = Field(default=None, unique=True)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class IdentityOutbox(IdentityBase, OutboxColumns, table=True):
    __tablename__ = "outbox"


class IdentityProcessedEvent(IdentityBase, ProcessedEventColumns, table=True):
    """Identity's own mail events already handled when they come back through the broker."""

    __tablename__ = "processed_events"
