"""Admin operations view: live request rates and latencies per route, pools, outbox
backlogs and UI sessions, from the app's own metrics (every worker), refreshed every
few seconds while the page is open."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import reflex as rx

from backend_services.ops.facade import OpsFacade, OpsSnapshot
from backend_services.ops.rates import RouteRates
from eduplatform.backend import explain, platform, tab_connected
from eduplatform.states.auth import page_load, require_actor

REFRESH_SECONDS = 3.0
HISTORY_POINTS = 40  # two minutes of sparkline at the refresh interval
MAX_WATCH_SECONDS = 3600  # an open tab stops refreshing after an hour (a click resumes)
ROUTE_ROWS = 25


@dataclasses.dataclass
class RouteRow:
    route: str = ""
    rps: str = ""
    errors: str = ""
    p50: str = ""
    p95: str = ""
    p99: str = ""


@dataclasses.dataclass
class PoolRow:
    context: str = ""
    in_use: str = ""
    size: str = ""
    share: int = 0  # percent of the pool in use, for the bar


@dataclasses.dataclass
class BacklogRow:
    context: str = ""
    pending: str = ""


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def route_row(rates: RouteRates) -> RouteRow:
    return RouteRow(
        route=rates.route,
        rps=f"{rates.rps:.1f}",
        errors=f"{rates.error_rate * 100:.1f}%",
        p50=_ms(rates.p50_ms),
        p95=_ms(rates.p95_ms),
        p99=_ms(rates.p99_ms),
    )


def sparkline(values: list[float], width: int = 240, height: int = 48) -> str:
    """SVG polyline points for ``values`` scaled into the box (no chart library needed)."""
    if not values:
        return ""
    top = max(values) or 1.0
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{i * step:.1f},{height - (v / top) * (height - 2) - 1:.1f}" for i, v in enumerate(values)
    )


class OpsState(rx.State):
    routes: list[RouteRow] = []
    pools: list[PoolRow] = []
    backlog: list[BacklogRow] = []
    total_rps: str = "–"
    total_p95: str = "–"
    total_p99: str = "–"
    error_rate: str = "–"
    in_flight: str = "–"
    ui_sessions: str = "–"
    updated: str = ""
    rps_line: str = ""
    p99_line: str = ""
    rps_peak: str = ""
    p99_peak: str = ""
    watching: bool = False
    error: str = ""
    _previous: OpsSnapshot | None = None
    _rps_history: list[float] = []
    _p99_history: list[float] = []

    @rx.event
    @page_load
    async def open_page(self):
        actor, redirect = await require_actor(self, "admin")
        if actor is None:
            return redirect
        if not self.watching:
            return OpsState.watch
        return None

    @rx.event(background=True)
    async def watch(self):
        """Refresh while this tab stays connected to this worker (and at most an hour)."""
        async with self:
            if self.watching:
                return
            self.watching = True
            token = self.router.session.client_token
        started = time.monotonic()
        try:
            while time.monotonic() - started < MAX_WATCH_SECONDS:
                async with self:
                    if not await self._refresh():
                        break
                await asyncio.sleep(REFRESH_SECONDS)
                if not tab_connected(token):
                    break
        finally:
            async with self:
                self.watching = False

    async def _refresh(self) -> bool:
        actor, _ = await require_actor(self, "admin")
        if actor is None:
            return False
        try:
            snapshot = await platform().ops.snapshot(actor)
        except Exception as exc:  # noqa: BLE001 - shown on the page, the loop goes on
            self.error = await explain(self, exc)
            return True
        self.error = ""
        self._show_gauges(snapshot)
        if self._previous is not None:
            self._show_rates(OpsFacade.rates(self._previous, snapshot))
        self._previous = snapshot
        self.updated = time.strftime("%H:%M:%S", time.localtime(snapshot.reading.at))
        return True

    def _show_gauges(self, snapshot: OpsSnapshot) -> None:
        reading = snapshot.reading
        self.in_flight = f"{reading.in_flight:.0f}"
        self.ui_sessions = f"{reading.ui_sessions:.0f}"
        self.pools = [
            PoolRow(
                context=context,
                in_use=f"{reading.pools_in_use.get(context, 0):.0f}",
                size=f"{size:.0f}",
                share=int(100 * reading.pools_in_use.get(context, 0) / size) if size else 0,
            )
            for context, size in sorted(reading.pools_size.items())
            if size > 0  # embedded SQLite has no pool
        ]
        self.backlog = [
            BacklogRow(context=context, pending="?" if pending is None else str(pending))
            for context, pending in sorted(snapshot.outbox_backlog.items())
        ]

    def _show_rates(self, rates: list[RouteRates]) -> None:
        total, *per_route = rates
        self.total_rps = f"{total.rps:.1f}"
        self.total_p95, self.total_p99 = _ms(total.p95_ms), _ms(total.p99_ms)
        self.error_rate = f"{total.error_rate * 100:.2f}%"
        self.routes = [route_row(r) for r in per_route[:ROUTE_ROWS]]
        self._rps_history = [*self._rps_history, total.rps][-HISTORY_POINTS:]
        self._p99_history = [*self._p99_history, total.p99_ms or 0.0][-HISTORY_POINTS:]
        self.rps_line, self.p99_line = sparkline(self._rps_history), sparkline(self._p99_history)
        self.rps_peak = f"{max(self._rps_history):.1f}"
        self.p99_peak = f"{max(self._p99_history):.0f}"
