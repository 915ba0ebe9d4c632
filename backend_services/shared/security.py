"""JWT access tokens and password hashing, shared by every context.

Every context validates tokens itself with the shared secret (no call to
identity), so the claims carry what authorisation needs: role and is_verified.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import jwt
from passlib.context import CryptContext

from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.settings import Settings

JWT_ALGORITHM = "HS256"
# Verified access tokens kept per process (about 200 bytes each); all are dropped when full.
_VERIFIED_KEPT = 10_000
_T = TypeVar("_T")


class Role(enum.StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the identity every facade method takes explicitly."""

    user_id: uuid.UUID
    role: Role
    is_verified: bool

    @property
    def is_student(self) -> bool:
        return self.role is Role.STUDENT

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


class TokenService:
    """Issues and verifies HS256 access tokens (algorithm pinned, ``exp`` required)."""

    def __init__(self, settings: Settings) -> None:
        self._secret = settings.signing_secret
        self._ttl = timedelta(seconds=settings.jwt_ttl_seconds)
        # token -> (principal, exp) of tokens that verified. Decoding one costs about 40 us
        # (signature, JSON, claims), and every UI event and authenticated request verifies
        # its token, most of them the same token again. A verified token names the same
        # principal until it expires (access tokens carry no server-side state), so a
        # kept one only has its expiry checked. Only tokens that verified are kept.
        self._verified: dict[str, tuple[Principal, float]] = {}

    def issue(self, *, user_id: uuid.UUID, role: Role, is_verified: bool) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "iat": int(now.timestamp()),
            "exp": int((now + self._ttl).timestamp()),
            "role": role.value,
            "is_verified": bool(is_verified),
        }
        return jwt.encode(claims, self._secret, algorithm=JWT_ALGORITHM)

    def verify(self, token: str) -> Principal:
        kept = self._verified.get(token)
        if kept is not None:
            if kept[1] > time.time():  # PyJWT's rule: expired once exp <= now
                return kept[0]
            self._verified.pop(token, None)
            raise NotAuthenticated("Token has expired")
        principal, expires = self._decode(token)
        if len(self._verified) >= _VERIFIED_KEPT:
            self._verified.clear()
        self._verified[token] = (principal, expires)
        return principal

    def _decode(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[JWT_ALGORITHM],
                options={"require": ["exp", "iat", "sub"]},
            )
            principal = Principal(
                user_id=uuid.UUID(str(claims["sub"])),
                role=Role(claims["role"]),
                is_verified=bool(claims.get("is_verified", False)),
            )
            return principal, float(claims["exp"])
        except jwt.ExpiredSignatureError as exc:
            raise NotAuthenticated("Token has expired") from exc
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise NotAuthenticated("Invalid authentication token") from exc


# argon2id with the OWASP-recommended minimum (19 MiB, t=2, p=1).
_password_context = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19 * 1024,
    argon2__rounds=2,
    argon2__parallelism=1,
)
# Compared against when the e-mail is unknown, so both failure paths cost one hash.
_DUMMY_HASH = _password_context.hash("not-a-real-password")


LOW_PRIORITY_NICE = 19


def _lower_priority() -> None:
    """Make the calling thread yield the CPU to everything else (Linux: nice is per thread).

    A log-in costs ~18 ms of argon2 CPU (docs/perf/CAPACITY.md). At the same priority a
    stream of logins takes its share of the cores from the event loops and PostgreSQL and
    every other request waits behind it; at nice 19 the hashing runs on what they leave.
    Lowering one's own priority needs no privilege; where it is not possible the threads
    simply keep the default priority."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not permitted
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOW_PRIORITY_NICE)


_pools: dict[int, ThreadPoolExecutor] = {}


def _hashing_pool() -> ThreadPoolExecutor:
    """This process's hashing threads (created on first use, so a server that forks its
    workers after importing this module gives each worker its own). argon2-cffi releases
    the GIL while it hashes, so the threads use other cores than the event loop."""
    pid = os.getpid()
    if (pool := _pools.get(pid)) is None:
        pool = _pools[pid] = ThreadPoolExecutor(
            max_workers=os.cpu_count() or 2, thread_name_prefix="password-hash", initializer=_lower_priority
        )
    return pool


async def _in_hashing_pool(function: Callable[..., _T], *args: str) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_hashing_pool(), function, *args)


async def hash_password(password: str) -> str:
    """Hash off the event loop, at low CPU priority: argon2id takes tens of milliseconds."""
    hashed: str = await _in_hashing_pool(_password_context.hash, password)
    return hashed


async def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-work check; an unknown user (``None``) is verified against a dummy hash."""
    target = password_hash or _DUMMY_HASH
    ok: bool = await _in_hashing_pool(_password_context.verify, password, target)
    return ok and password_hash is not None
