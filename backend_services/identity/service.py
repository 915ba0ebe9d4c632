"""Identity use cases: register, authenticate, verify teachers."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from backend_services.identity.models import User
from backend_services.identity.repository import UserRepository
from backend_services.shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from backend_services.shared.outbox import Transaction
from backend_services.shared.security import Principal, Role, hash_password, verify_password

WRONG_CREDENTIALS = "Incorrect email or password"
ADMIN_REQUIRED = "Admin access required"


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def register_user(tx: Transaction, *, email: str, password: str, name: str, role: Role) -> User:
    """Create a student or teacher account; admins are never self-registered."""
    if role is Role.ADMIN:
        raise Forbidden("Admin accounts cannot be self-registered")
    users = UserRepository(tx.session)
    email = normalise_email(email)
    if await users.get_by_email(email) is not None:
        raise Conflict("Email already registered")
    user = User(email=email, password_hash=await hash_password(password), name=name, role=role.value)
    users.add(user)
    try:
        await tx.session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        raise Conflict("Email already registered") from exc
    tx.publish("user_registered", {"user_id": user.id, "name": user.name, "role": user.role})
    return user


async def authenticate(users: UserRepository, *, email: str, password: str) -> User:
    """The user with these credentials; the same error for unknown e-mail and wrong password."""
    user = await users.get_by_email(normalise_email(email))
    if not await verify_password(password, user.password_hash if user else None) or user is None:
        raise InvalidInput(WRONG_CREDENTIALS)
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


async def ensure_admin(users: UserRepository, *, email: str, password: str, name: str) -> bool:
    """Create the configured admin account if it does not exist yet. True when created."""
    email = normalise_email(email)
    if await users.get_by_email(email) is not None:
        return False
    users.add(
        User(
            email=email,
            password_hash=await hash_password(password),
            name=name,
            role=Role.ADMIN.value,
            is_verified=True,
        )
    )
    return True
