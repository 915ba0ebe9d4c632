"""Admin: teachers waiting for verification."""

from __future__ import annotations

import uuid

import reflex as rx

from eduplatform.backend import explain, platform
from eduplatform.i18n import say
from eduplatform.states.auth import require_actor
from eduplatform.views import PersonView, when

PAGE_SIZE = 50


class AdminState(rx.State):
    pending: list[PersonView] = []
    total: int = 0
    loading: bool = True

    async def _load(self, actor) -> None:
        page = await platform().identity.list_pending_teachers(actor, limit=PAGE_SIZE, offset=0)
        self.pending = [
            PersonView(id=str(u.id), name=u.name, email=u.email, created_at=when(u.created_at))
            for u in page.items
        ]
        self.total = page.total

    @rx.event
    async def load_page(self):
        actor, redirect = await require_actor(self, "admin")
        if actor is None:
            yield redirect
            return
        self.loading = True
        yield
        await self._load(actor)
        self.loading = False

    @rx.event
    async def verify(self, user_id: str):
        actor, redirect = await require_actor(self, "admin")
        if actor is None:
            return redirect
        try:
            user = await platform().identity.verify_teacher(actor, uuid.UUID(user_id))
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        await self._load(actor)
        return rx.toast.success(await say(self, "verified_toast", name=user.name))
