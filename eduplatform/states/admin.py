"""Admin: teachers waiting for verification."""

from __future__ import annotations

import uuid

import reflex as rx

from eduplatform.backend import explain, platform
from eduplatform.i18n import say
from eduplatform.states.auth import require_actor
from eduplatform.states.paging import Paged
from eduplatform.views import PersonView, when

PAGE_SIZE = 50


class AdminState(Paged, rx.State):
    """Teachers waiting for verification, oldest first (a queue)."""

    pending: list[PersonView] = []
    page_size: int = PAGE_SIZE

    async def _load_page(self):
        actor, redirect = await require_actor(self, "admin")
        if actor is None:
            return redirect
        page = await platform().identity.list_pending_teachers(
            actor, limit=self.page_size, offset=self.offset
        )
        if not page.items and self.offset > 0:
            # Verifying emptied the last page: show the one before it.
            self.offset = max(0, self.offset - self.page_size)
            return await self._load_page()
        self.pending = [
            PersonView(id=str(u.id), name=u.name, email=u.email, created_at=when(u.created_at))
            for u in page.items
        ]
        self.total = page.total
        self.loading = False
        return None

    @rx.event
    async def verify(self, user_id: str):
        actor, redirect = await require_actor(self, "admin")
        if actor is None:
            return redirect
        try:
            user = await platform().identity.verify_teacher(actor, uuid.UUID(user_id))
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc), id="error")
        await self._load_page()
        return rx.toast.success(await say(self, "verified_toast", name=user.name), id="verified")
