"""Service tokens: short-lived JWTs one context's process presents to another's internal API.

They are signed with ``EDU_SERVICE_SECRET`` (never the users' secret), carry an audience
(the context called), the calling service and, when the call acts for a user, that user's
``Principal`` under ``act``. A user's access token fails here (other secret, no audience),
and a service token fails on the public API (other secret, and PyJWT refuses a token with
an audience when none is expected).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.security import JWT_ALGORITHM, Principal, Role

TOKEN_TYPE = "service"
INVALID = "Invalid service token"


def audience(context: str) -> str:
    return f"eduplatform:{context}"


@dataclass(frozen=True, slots=True)
class ServiceCall:
    """Who is calling an internal endpoint: a service, possibly acting for a user."""

    service: str
    principal: Principal | None


class ServiceTokens:
    """Issues and verifies service tokens (HS256 pinned; ``exp``, ``aud`` and ``iss`` required)."""

    def __init__(self, secret: str, *, service: str, ttl_seconds: int = 60) -> None:
        self._secret = secret
        self._service = service
        self._ttl = timedelta(seconds=ttl_seconds)

    @property
    def service(self) -> str:
        return self._service

    def issue(self, context: str, principal: Principal | None = None) -> str:
        """A token for calling ``context``'s internal API, acting for ``principal`` if given."""
        now = datetime.now(UTC)
        claims: dict[str, object] = {
            "iss": self._service,
            "sub": f"service:{self._service}",
            "aud": audience(context),
            "typ": TOKEN_TYPE,
            "iat": int(now.timestamp()),
            "exp": int((now + self._ttl).timestamp()),
        }
        if principal is not None:
            claims["act"] = {
                "sub": str(principal.user_id),
                "role": principal.role.value,
                "is_verified": principal.is_verified,
            }
        return jwt.encode(claims, self._secret, algorithm=JWT_ALGORITHM)

    def verify(self, token: str, context: str) -> ServiceCall:
        """The call a token stands for, if it was issued for ``context`` (NotAuthenticated otherwise)."""
        if not self._secret:  # one process: no service may call in (never accept an empty key)
            raise NotAuthenticated("Service calls are not accepted here")
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[JWT_ALGORITHM],
                audience=audience(context),
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
            )
            if claims.get("typ") != TOKEN_TYPE:
                raise NotAuthenticated(INVALID)
            act = claims.get("act")
            principal = None
            if act is not None:
                principal = Principal(
                    user_id=uuid.UUID(str(act["sub"])),
                    role=Role(act["role"]),
                    is_verified=bool(act.get("is_verified", False)),
                )
            return ServiceCall(service=str(claims["iss"]), principal=principal)
        except jwt.ExpiredSignatureError as exc:
            raise NotAuthenticated("Service token has expired") from exc
        except (jwt.PyJWTError, KeyError, ValueError, TypeError) as exc:
            raise NotAuthenticated(INVALID) from exc
