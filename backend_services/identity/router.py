"""HTTP routes of the identity context (API.md, Identity)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from backend_services.bootstrap import PlatformDep
from backend_services.identity.schemas import (
    LoginRequest,
    PendingTeacherList,
    RegisterRequest,
    TokenResponse,
    UserPublic,
)
from backend_services.shared.http import CurrentUser, PageParams

router = APIRouter(tags=["identity"])


def _pending_page(
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


@router.post("/register", response_model=TokenResponse)
async def register(body: RegisterRequest, platform: PlatformDep) -> TokenResponse:
    token = await platform.identity.register(
        email=body.email, password=body.password, name=body.name, role=body.role
    )
    return TokenResponse(access_token=token)


@router.post("/login", response_model=TokenResponse)
async def login(body: LoginRequest, platform: PlatformDep) -> TokenResponse:
    token = await platform.identity.login(email=body.email, password=body.password)
    return TokenResponse(access_token=token)


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
