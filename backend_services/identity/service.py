"""Identity rules on users: create, find for login, verify teachers, the admin account."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.identity.emails import canonical_email, legacy_email
from backend_services.identity.models import User
from backend_services.identity.repository import UserRepository
from backend_services.shared.errors import Conflict, Forbidden, NotFound
from backend_services.shared.outbox import Transaction
from backend_services.shared.security import Principal, Role, hash_password

WRONG_CREDENTIALS = "Incorrect email or password"
ADMIN_REQUIRED = "Admin access required"
EMAIL_TAKEN = "Email already registered"


def require_self_registrable(role: Role) -> None:
    """Students and teachers sign up themselves; admins never do."""
    if role is Role.ADMIN:
        raise Forbidden("Admin accounts cannot be self-registered")


async def create_user(tx: Transaction, *, email: str, password_hash: str, name: str, role: Role) -> User:
    """Insert an account (``email`` already normalised, password already hashed)."""
    users = UserRepository(tx.session)
    if await users.get_by_email(email) is not None:
        raise Conflict(EMAIL_TAKEN)
    user = User(email=email, password_hash=password_hash, name=name, role=role.value)
    users.add(user)
    try:
        await tx.session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        raise Conflict(EMAIL_TAKEN) from exc
    tx.publish("user_registered", {"user_id": user.id, "name": user.name, "role": user.role})
    return user


async def find_by_email(users: UserRepository, email: str) -> User | None:
    """The account of an address as typed: its NFKC + case-folded form, or the lower-cased
    form accounts were stored in before folding (so they keep working)."""
    user = await users.get_by_email(canonical_email(email))
    if user is None and legacy_email(email) != canonical_email(email):
        user = await users.get_by_email(legacy_email(email))
    return user


def require_admin(actor: Principal) -> None:
    if not actor.is_admin:
        raise Forbidden(ADMIN_REQUIRED)


async def verify_teacher(tx: Transaction, actor: Principal, user_id: uuid.UUID) -> User:
    """Mark a pending teacher as verified (admin only)."""
    require_admin(actor)
    user = await UserRepository(tx.session).get_for_update(user_id)
    if user is None:
        raise NotFound("User not found")
    if user.role != Role.TEACHER.value:
        raise Conflict("User is not a teacher")
    if user.is_verified:
        raise Conflict("Teacher is already verified")
    user.is_verified = True
    tx.publish("teacher_verified", {"user_id": user.id, "name": user.name})
    return user


async def ensure_account(users: UserRepository, *, email: str, password: str, name: str, role: Role) -> bool:
    """Create an operator-provisioned account (the configured admin, the development demo
    accounts) if it does not exist yet: its address counts as verified, and so does a
    teacher. True when created."""
    if await find_by_email(users, email) is not None:
        return False
    users.add(
        User(
            email=canonical_email(email),
            password_hash=await hash_password(password),
            name=name,
            role=role.value,
            is_verified=role is not Role.STUDENT,
            email_verified=True,  # the operator configured this address
        )
    )
    return True
