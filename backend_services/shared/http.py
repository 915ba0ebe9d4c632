"""FastAPI building blocks shared by every context's router."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from backend_services.shared.errors import NotAuthenticated
from backend_services.shared.security import Principal, TokenService
from backend_services.shared.settings import get_settings

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


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(default_limit: int = 20):
    """A dependency for ``limit`` (1-100) and ``offset`` (>= 0) with the given default."""

    def dependency(
        limit: Annotated[int, Query(ge=1, le=100)] = default_limit,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> PageParams:
        return PageParams(limit=limit, offset=offset)

    return dependency


Page = Annotated[PageParams, Depends(page_params())]


def health_router(context: str, ping) -> APIRouter:
    """``/health/live`` (process up) and ``/health/ready`` (own database answers)."""
    router = APIRouter(tags=["health"])

    @router.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok", "context": context}

    @router.get("/health/ready")
    async def ready():
        try:
            await ping()
        except Exception as exc:  # noqa: BLE001 - readiness reports, never raises
            return JSONResponse(
                {"status": "unavailable", "context": context, "detail": str(exc)[:200]},
                status_code=503,
            )
        return {"status": "ok", "context": context}

    return router
