"""FastAPI building blocks shared by every context's router."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.middleware import current_request_id
from backend_services.shared.security import Principal, TokenService
from backend_services.shared.settings import get_settings

log = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False, description="JWT from POST /api/identity/login")
_token_service: TokenService | None = None


def set_token_service(service: TokenService) -> None:
    global _token_service
    _token_service = service


def get_token_service() -> TokenService:
    global _token_service
    if _token_service is None:
        _token_service = TokenService(get_settings())
    return _token_service


async def current_principal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated("Not authenticated")
    return get_token_service().verify(credentials.credentials)


CurrentUser = Annotated[Principal, Depends(current_principal)]


async def optional_principal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """The caller when a token is sent (an invalid one is still a 401), else None."""
    if credentials is None:
        return None
    return await current_principal(credentials)


MaybeUser = Annotated[Principal | None, Depends(optional_principal)]


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(default_limit: int = 20) -> Callable[..., Awaitable[PageParams]]:
    """A dependency for ``limit`` (1-100) and ``offset`` (>= 0) with the given default."""

    async def dependency(  # async: a plain def would cost a thread-pool hand-off per request
        limit: Annotated[int, Query(ge=1, le=100)] = default_limit,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> PageParams:
        return PageParams(limit=limit, offset=offset)

    return dependency


Page = Annotated[PageParams, Depends(page_params())]


class Readiness(BaseModel):
    """``status`` is ok or unavailable; ``dependencies`` names each one's state."""

    status: Literal["ok", "unavailable"]
    context: str
    dependencies: dict[str, Literal["ok", "unavailable"]]


def health_router(context: str, ping: Callable[[], Awaitable[None]]) -> APIRouter:
    """``/health/live`` (process up) and ``/health/ready`` (own database answers)."""
    router = APIRouter(tags=["health"])

    @router.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok", "context": context}

    @router.get(
        "/health/ready",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "A dependency is down"}},
    )
    async def ready() -> Readiness | JSONResponse:
        try:
            await ping()
        except Exception as exc:  # noqa: BLE001 - readiness reports, never raises
            # Which dependency, not why: driver messages name hosts, users and SQL.
            log.warning(
                "%s readiness: database unavailable (%s) [request_id=%s]",
                context,
                type(exc).__name__,
                current_request_id(),
            )
            body = Readiness(status="unavailable", context=context, dependencies={"database": "unavailable"})
            return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "2"})
        return Readiness(status="ok", context=context, dependencies={"database": "ok"})

    return router
