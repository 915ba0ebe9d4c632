"""HTTP routes of the notification context (API.md, Notification)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from backend_services.bootstrap import PlatformDep
from backend_services.notification.schemas import (
    MarkedRead,
    NotificationCreate,
    NotificationList,
    NotificationPublic,
    UnreadCount,
)
from backend_services.shared.http import CurrentUser, Page

router = APIRouter(tags=["notification"])


@router.post("/notifications", response_model=NotificationPublic, status_code=status.HTTP_201_CREATED)
async def create_notification(
    body: NotificationCreate, actor: CurrentUser, platform: PlatformDep
) -> NotificationPublic:
    return await platform.notification.create(actor, type=body.type, title=body.title, body=body.body)


@router.get("/notifications/me", response_model=NotificationList)
async def my_notifications(actor: CurrentUser, platform: PlatformDep, page: Page) -> NotificationList:
    return await platform.notification.list_mine(actor, limit=page.limit, offset=page.offset)


@router.get("/notifications/me/unread-count", response_model=UnreadCount)
async def my_unread_count(actor: CurrentUser, platform: PlatformDep) -> UnreadCount:
    """Extension: the badge number without loading a page of notifications."""
    return UnreadCount(unread=await platform.notification.unread_count(actor))


@router.patch("/notifications/read-all", response_model=MarkedRead)
async def mark_all_read(actor: CurrentUser, platform: PlatformDep) -> MarkedRead:
    """Extension: mark every notification of the caller read."""
    return MarkedRead(updated=await platform.notification.mark_all_read(actor))


@router.patch("/notifications/{notification_id}/read", response_model=NotificationPublic)
async def mark_read(
    notification_id: uuid.UUID, actor: CurrentUser, platform: PlatformDep
) -> NotificationPublic:
    return await platform.notification.mark_read(actor, notification_id)
