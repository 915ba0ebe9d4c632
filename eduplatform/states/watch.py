"""The lesson video's watch progress: throttled position reports and resuming."""

from __future__ import annotations

import asyncio
import math
import uuid

import reflex as rx

from backend_services.enrollment.watch_schemas import WatchPositionPublic
from eduplatform.backend import as_uuid, platform
from eduplatform.states.auth import AuthState
from eduplatform.states.course import route_param

# Every player in a tracked box: <video> for files, the custom elements react-player uses
# for YouTube and Vimeo expose the same currentTime property.
PLAYER = ".tracked-video video, .tracked-video youtube-video, .tracked-video vimeo-video"
# Read from the element itself: react-player's event payloads are empty for some sources.
# YouTube and Vimeo frames are followed by assets/embed_progress.js (window.__eduEmbed).
READ_PLAYER_JS = (
    f"(() => {{ const p = document.querySelector('{PLAYER}'); "
    "if (p) return {position: p.currentTime, duration: p.duration}; "
    "const e = window.__eduEmbed; "
    "return e ? {position: e.position, duration: e.duration} : {position: -1, duration: 0}; })()"
)
REPORT_EVERY_MS = 10_000
NEAR_THE_END = 5.0  # seconds: a video finished (almost) starts over instead of resuming
# A player that is not ready by then is taken as unreachable (offline, blocked, removed):
# the page says so instead of showing a black box, and recovers if it loads later.
READY_WITHIN_SECONDS = 12.0


class WatchState(rx.State):
    position: float = 0.0
    duration: float = 0.0
    watched_percentage: float = 0.0
    failed: bool = False
    ready_now: bool = False
    resumed: bool = False
    # Where a YouTube/Vimeo embed starts (whole seconds; 0: from the beginning). Their
    # frames cannot be seeked from the page, so the position goes into the embed URL.
    start_at: int = 0
    _page_view: int = 0

    async def read_position(self, actor, lesson_id: uuid.UUID) -> WatchPositionPublic | None:
        """Where this student stopped in this lesson's video (read by the lesson page)."""
        if not actor.is_student:
            return None
        return await platform().enrollment.watch_position(actor, lesson_id)

    def show(self, found: WatchPositionPublic | None, *, has_video: bool):
        """Set by ``LessonState.load_page``; returns the watchdog to start for a video."""
        self.position, self.duration, self.watched_percentage = 0.0, 0.0, 0.0
        self.failed, self.resumed, self.ready_now, self.start_at = False, False, False, 0
        self._page_view += 1
        if found is not None:
            self.position, self.duration = found.position_seconds, found.duration_seconds
            self.watched_percentage = found.watched_percentage
            if 0 < self.position < self.duration - NEAR_THE_END:
                self.start_at = int(self.position)
        return WatchState.watchdog if has_video else None  # started after this page view is counted

    @rx.event(background=True)
    async def watchdog(self):
        """Runs with the lesson page: a video not ready in time shows the friendly message."""
        async with self:
            view = self._page_view
        await asyncio.sleep(READY_WITHIN_SECONDS)
        async with self:
            if self._page_view == view and not self.ready_now:
                self.failed = True

    @rx.event
    def loaded(self, _duration: float = 0.0):
        """The player knows the video's length (metadata arrived): read it from the element."""
        return rx.call_script(READ_PLAYER_JS, callback=WatchState.resume)

    @rx.event
    def resume(self, reading: dict):
        """Mark the video reachable and seek to where the student stopped, once per page view."""
        if not self._accept_duration(reading.get("duration")):
            return None  # some players announce a length before they really have one
        self.ready_now, self.failed = True, False
        if self.resumed or self.position <= 0 or self.position >= self.duration - NEAR_THE_END:
            self.resumed = True
            return None
        self.resumed = True
        seek = f"const p = document.querySelector('{PLAYER}'); if (p) p.currentTime = {self.position};"
        return rx.call_script(f"(() => {{ {seek} }})()")

    def _accept_duration(self, duration) -> bool:
        if isinstance(duration, int | float) and math.isfinite(duration) and duration > 0:
            self.duration = float(duration)
            return True
        return False

    @rx.event
    def failed_to_load(self):
        self.failed = True

    @rx.event
    def report_now(self, _time: float = 0.0):
        """Read the exact position from the player and report it (throttled, and on pause)."""
        return rx.call_script(READ_PLAYER_JS, callback=WatchState.report)

    @rx.event
    def report_embed(self):
        """assets/embed_progress.js has a new reading from a YouTube/Vimeo frame."""
        return rx.call_script(READ_PLAYER_JS, callback=WatchState.report)

    @rx.event
    async def report(self, reading: dict):
        """Store the position the player read out (garbage and unknown durations are ignored)."""
        position, duration = reading.get("position"), reading.get("duration")
        self._accept_duration(duration)
        if not isinstance(position, int | float) or not math.isfinite(position) or position < 0:
            return
        if self.duration <= 0:
            return
        # A report can come long after the page loaded: renew a login that outlived its token.
        actor = await (await self.get_state(AuthState)).actor()
        course_id = as_uuid(route_param(self, "course_id"))
        lesson_id = as_uuid(route_param(self, "lesson_id"))
        if actor is None or not actor.is_student or course_id is None or lesson_id is None:
            return
        try:
            saved = await platform().enrollment.report_watch_position(
                actor,
                course_id=course_id,
                lesson_id=lesson_id,
                position=float(position),
                duration=self.duration,
            )
        except Exception:  # noqa: BLE001 - not enrolled, or a lost race: watching goes on
            return
        self.position, self.watched_percentage = saved.position_seconds, saved.watched_percentage
