"""Offset pagination shared by every list page (catalog, My learning, notifications, ...).

A Reflex state *mixin*: each list state gets its own copy of these vars and
handlers instead of becoming a substate of a shared parent, so event routing
and state size stay those of the list itself.
"""

from __future__ import annotations

import reflex as rx

from eduplatform.states.auth import page_load


class Paged(rx.State, mixin=True):
    """``offset``/``total`` of one list; subclasses load a page in ``_load_page``."""

    offset: int = 0
    total: int = 0
    page_size: int = 20
    loading: bool = True

    @rx.var
    def page(self) -> int:
        return self.offset // self.page_size + 1

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @rx.var
    def has_prev(self) -> bool:
        return self.offset > 0

    @rx.var
    def has_next(self) -> bool:
        return self.offset + self.page_size < self.total

    async def _load_page(self):
        """Load the page at ``self.offset``; may return events (e.g. a redirect)."""
        raise NotImplementedError

    def _reset(self) -> None:
        """Forget what an earlier visit showed, before page one loads (override to add to it)."""

    @rx.event
    @page_load
    async def load_page(self):
        """The page's on_load: page one, in one update (the spinner shows on a first visit)."""
        self.offset = 0
        self._reset()
        return await self._load_page()

    @rx.event
    async def next_page(self):
        if self.offset + self.page_size < self.total:
            self.offset += self.page_size
            return await self._load_page()
        return None

    @rx.event
    async def prev_page(self):
        if self.offset > 0:
            self.offset = max(0, self.offset - self.page_size)
            return await self._load_page()
        return None
