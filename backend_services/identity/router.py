"""HTTP routes of the identity context (API.md, Identity and its Extensions)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from backend_services.bootstrap import PlatformDep
from backend_services.identity.schemas import (
    ForgotPasswordRequest,
    LoginRequest,
    PendingTeacherList,
    RefreshRequest,
    RegisterRequest,
    ResetPasswordRequest,
    TokenPair,
    UserPublic,
    VerifyEmailRequest,
)
from backend_services.shared.client_address import resolve_client_address
from backend_services.shared.http import CurrentUser, PageParams

router = APIRouter(tags=["identity"])


async def _pending_page(
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


async def _client_address(request: Request, platform: PlatformDep) -> str:
    peer = request.client.host if request.client else None
    forwarded_for = request.headers.get("x-forwarded-for")
    return resolve_client_address(peer, forwarded_for, platform.settings.trusted_proxies)


ClientAddress = Annotated[str, Depends(_client_address)]

_MEANING = {
    400: "Wrong credentials, or an invalid or expired link token",
    401: "Missing, invalid, expired, spent or revoked token",
    409: "E-mail already registered",
    422: "Invalid input (including e-mail addresses that mix alphabets)",
    429: "Too many attempts; retry after the Retry-After header's seconds",
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI descriptions of the error statuses a route answers with ``{"detail": ...}``."""
    return {code: {"description": _MEANING[code]} for code in codes}


@router.post("/register", response_model=TokenPair, responses=_errors(409, 422, 429))
async def register(body: RegisterRequest, platform: PlatformDep, client: ClientAddress) -> TokenPair:
    return await platform.identity.register(
        email=body.email, password=body.password, name=body.name, role=body.role, client_address=client
    )


@router.post("/login", response_model=TokenPair, responses=_errors(400, 422, 429))
async def login(body: LoginRequest, platform: PlatformDep, client: ClientAddress) -> TokenPair:
    return await platform.identity.login(email=body.email, password=body.password, client_address=client)


@router.post("/refresh", response_model=TokenPair, responses=_errors(401, 422))
async def refresh(body: RefreshRequest, platform: PlatformDep) -> TokenPair:
    return await platform.identity.refresh(body.refresh_token)


@router.post("/logout", status_code=204, responses=_errors(401, 422))
async def logout(body: RefreshRequest, platform: PlatformDep) -> Response:
    await platform.identity.logout(body.refresh_token)
    return Response(status_code=204)


@router.post("/verify-email", response_model=UserPublic, responses=_errors(400, 422))
async def verify_email(body: VerifyEmailRequest, platform: PlatformDep) -> UserPublic:
    return await platform.identity.verify_email(body.token)


@router.post("/resend-verification", status_code=204, responses=_errors(401, 429))
async def resend_verification(actor: CurrentUser, platform: PlatformDep) -> Response:
    await platform.identity.resend_verification(actor)
    return Response(status_code=204)


@router.post("/forgot-password", status_code=204, responses=_errors(422, 429))
async def forgot_password(
    body: ForgotPasswordRequest, platform: PlatformDep, client: ClientAddress
) -> Response:
    await platform.identity.forgot_password(email=body.email, client_address=client)
    return Response(status_code=204)


@router.post("/reset-password", status_code=204, responses=_errors(400, 422))
async def reset_password(
    body: ResetPasswordRequest, platform: PlatformDep, client: ClientAddress
) -> Response:
    await platform.identity.reset_password(
        token=body.token, new_password=body.new_password, client_address=client
    )
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic)
async def me(actor: CurrentUser, platform: PlatformDep) -> UserPublic:
    return await platform.identity.me(actor)


@router.get("/admin/teachers/pending", response_model=PendingTeacherList)
async def pending_teachers(
    actor: CurrentUser, platform: PlatformDep, page: Annotated[PageParams, Depends(_pending_page)]
) -> PendingTeacherList:
    return await platform.identity.list_pending_teachers(actor, limit=page.limit, offset=page.offset)


@router.patch("/admin/users/{user_id}/verify", response_model=UserPublic)
async def verify_teacher(user_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep) -> UserPublic:
    return await platform.identity.verify_teacher(actor, user_id)
