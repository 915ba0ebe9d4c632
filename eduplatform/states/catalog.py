"""The public catalog: search, one page of course cards."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.backend import error_message, platform
from eduplatform.views import CourseView, course_view

PAGE_SIZE = 12


class CatalogState(rx.State):
    query: str = ""
    courses: list[CourseView] = []
    total: int = 0
    offset: int = 0
    loading: bool = True
    error: str = ""

    @rx.var
    def page(self) -> int:
        return self.offset // PAGE_SIZE + 1

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @rx.var
    def has_prev(self) -> bool:
        return self.offset > 0

    @rx.var
    def has_next(self) -> bool:
        return self.offset + PAGE_SIZE < self.total

    async def _load(self) -> None:
        try:
            result = await platform().course.search_courses(
                q=self.query.strip() or None, limit=PAGE_SIZE, offset=self.offset
            )
            self.courses = [course_view(c) for c in result.items]
            self.total, self.error = result.total, ""
        except Exception as exc:  # noqa: BLE001
            self.courses, self.total, self.error = [], 0, error_message(exc)
        self.loading = False

    @rx.event
    async def load_page(self):
        q = self.router.url.query_parameters.get("q")
        if q is not None:
            self.query = q
        self.offset = 0
        self.loading = True
        yield
        await self._load()

    @rx.event
    async def search(self, query: str):
        """Debounced search from the header box; jumps to the catalog from other pages."""
        self.query, self.offset, self.loading = query, 0, True
        if (self.router.url.path.rstrip("/") or "/") != routes.CATALOG:
            yield rx.redirect(routes.CATALOG)
            return
        yield
        await self._load()

    @rx.event
    async def next_page(self):
        if self.has_next:
            self.offset += PAGE_SIZE
            await self._load()

    @rx.event
    async def prev_page(self):
        if self.offset > 0:
            self.offset = max(0, self.offset - PAGE_SIZE)
            await self._load()
