"""The public catalog: search, filters, sort order, and "load more" along the keyset cursor."""

from __future__ import annotations

import reflex as rx

from backend_services.course.schemas import CatalogSearch
from eduplatform import routes
from eduplatform.backend import as_uuid, explain, platform
from eduplatform.states.auth import page_load
from eduplatform.views import CourseView, TitlePiece, course_view

PAGE_SIZE = 12
ANY = "all"  # the "no filter" value of a select (Radix selects cannot hold "")


class CatalogState(rx.State):
    query: str = ""
    level: str = ANY
    price: str = ANY  # all | free | paid
    category: str = ANY
    sort_by: str = ANY  # all = the default order (best match with a query, else newest)
    courses: list[CourseView] = []
    total: int = 0
    total_capped: bool = False
    next_cursor: str = ""
    corrected_q: str = ""
    loading: bool = True
    loading_more: bool = False
    error: str = ""

    @rx.var
    def searching(self) -> bool:
        """A query or a filter narrows the catalog (empty state: "no results", not "no courses")."""
        return bool(self.query.strip()) or (self.level, self.price, self.category) != (ANY, ANY, ANY)

    @rx.var
    def count_label(self) -> str:
        return f"{self.total:,}" + ("+" if self.total_capped else "")

    def _search(self, cursor: str) -> CatalogSearch:
        # Validated, not just typed: level and sort_by are strings the page sent.
        return CatalogSearch.model_validate(
            {
                "q": self.query.strip() or None,
                "level": None if self.level == ANY else self.level,
                "is_free": None if self.price == ANY else self.price == "free",
                "category_id": None if self.category == ANY else as_uuid(self.category),
                "sort_by": None if self.sort_by == ANY else self.sort_by,
                "limit": PAGE_SIZE,
                "cursor": cursor,
            }
        )

    async def _fetch(self, *, more: bool) -> None:
        try:
            page = await platform().course.search_catalog(self._search(self.next_cursor if more else ""))
            shown = page.corrected_q or self.query
            views = []
            for dto in page.items:
                view = course_view(dto)
                pieces = platform().course.highlight_title(dto.title, shown)
                view.title_pieces = [TitlePiece(text=text, hit=hit) for text, hit in pieces]
                views.append(view)
            self.courses = self.courses + views if more else views
            self.total, self.total_capped = page.total, page.total_capped
            self.next_cursor, self.corrected_q, self.error = (
                page.next_cursor or "",
                page.corrected_q or "",
                "",
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user in their language
            if not more:
                self.courses, self.total, self.total_capped, self.next_cursor = [], 0, False, ""
            self.error = await explain(self, exc)
        self.loading = self.loading_more = False

    async def _reload(self) -> None:
        """Page one in one update: no spinner round first (a page comes back in milliseconds)."""
        self.next_cursor = ""
        await self._fetch(more=False)

    @rx.event
    @page_load
    async def load_page(self):
        """on_load: ``?q=`` from the URL, then the first page."""
        q = self.router.url.query_parameters.get("q")
        if q is not None:
            self.query = q
        await self._reload()

    @rx.event
    async def search(self, query: str):
        """Debounced search from the header box; jumps to the catalog from other pages."""
        self.query = query
        if (self.router.url.path.rstrip("/") or "/") != routes.CATALOG:
            self.loading = True
            yield rx.redirect(routes.CATALOG)
            return
        await self._reload()

    @rx.event
    async def set_filter(self, name: str, value: str):
        """One of level / price / category / sort_by changed."""
        if name in ("level", "price", "category", "sort_by"):
            setattr(self, name, value or ANY)
        await self._reload()

    @rx.event
    async def clear_filters(self):
        self.query, self.level, self.price, self.category, self.sort_by = "", ANY, ANY, ANY, ANY
        await self._reload()

    @rx.event
    async def use_correction(self):
        """Keep the corrected query in the search box."""
        if self.corrected_q:
            self.query = self.corrected_q

    @rx.event
    async def load_more(self):
        if self.next_cursor and not self.loading_more:
            self.loading_more = True
            yield
            await self._fetch(more=True)
