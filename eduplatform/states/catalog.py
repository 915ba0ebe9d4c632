"""The public catalog: search, one page of course cards."""

from __future__ import annotations

import reflex as rx

from eduplatform import routes
from eduplatform.backend import explain, platform
from eduplatform.states.paging import Paged
from eduplatform.views import CourseView, course_view

PAGE_SIZE = 12


class CatalogState(Paged, rx.State):
    query: str = ""
    courses: list[CourseView] = []
    page_size: int = PAGE_SIZE
    error: str = ""

    async def _load_page(self) -> None:
        try:
            result = await platform().course.search_courses(
                q=self.query.strip() or None, limit=self.page_size, offset=self.offset
            )
            self.courses = [course_view(c) for c in result.items]
            self.total, self.error = result.total, ""
        except Exception as exc:  # noqa: BLE001
            self.courses, self.total, self.error = [], 0, await explain(self, exc)
        self.loading = False

    @rx.event
    async def load_page(self):
        q = self.router.url.query_parameters.get("q")
        if q is not None:
            self.query = q
        self.offset = 0
        self.loading = True
        yield
        await self._load_page()

    @rx.event
    async def search(self, query: str):
        """Debounced search from the header box; jumps to the catalog from other pages."""
        self.query, self.offset, self.loading = query, 0, True
        if (self.router.url.path.rstrip("/") or "/") != routes.CATALOG:
            yield rx.redirect(routes.CATALOG)
            return
        yield
        await self._load_page()
