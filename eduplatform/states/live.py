"""Live updates: each open tab follows its user's change counter and refreshes itself.

Why a per-tab background task polling a counter: Reflex 0.10 can push state to a tab
only from an event of that tab (or ``app.modify_state`` with the tab's client token,
which the platform does not know when a notification is stored in another context,
maybe in another worker). A background task runs in the worker that holds the tab's
websocket, so anything it changes reaches the tab; the counter lives in Redis
(``backend_services.shared.live``), so a change made by any worker or process is
seen by every tab within a second. Idle cost: one Redis GET per tab per second.
"""

from __future__ import annotations

import asyncio
import functools
import time
import uuid

import reflex as rx

from eduplatform.backend import platform
from eduplatform.i18n import lang_of
from eduplatform.states.auth import AuthState
from eduplatform.states.course import CourseState
from eduplatform.states.learning import LearningState, NotificationsState
from eduplatform.states.lesson import LessonState

POLL_SECONDS = 1.0
DISCONNECTED_POLLS = 3  # a reconnecting tab (page load) is away for a moment only
MAX_FOLLOW_SECONDS = 6 * 3600  # a forgotten tab stops polling eventually


@functools.cache
def _token_manager():
    from reflex.utils.prerequisites import get_and_validate_app

    return getattr(get_and_validate_app().app, "_token_manager", None)


def _tab_connected(token: str) -> bool:
    """Is the tab's websocket open on this worker? (A tab that reconnected to another
    worker has a follower there; this one can stop.)"""
    manager = _token_manager()
    if manager is None:
        return True
    record = manager.token_to_socket.get(token)
    return record is not None and getattr(record, "instance_id", manager.instance_id) == manager.instance_id


# The follower of each tab connected to this worker (its id and whom it follows): a page
# load starts one only when none follows the tab's user here (``follower_running``); a
# started follower takes over at once, and the replaced one sees it without touching
# the (Redis-held) UI state.
_followers: dict[str, tuple[str, uuid.UUID | None]] = {}


def follower_running(token: str, user_id: uuid.UUID) -> bool:
    """Does a follower in this worker already follow this tab for this user?"""
    entry = _followers.get(token)
    return entry is not None and entry[1] == user_id


def _is_current(token: str, me: str) -> bool:
    entry = _followers.get(token)
    return entry is not None and entry[0] == me


class LiveState(rx.State):
    changes: int = 0  # bumped on every live refresh (lets a page react if it wants)
    _seen: int = -1  # the counter value this tab last refreshed for

    @rx.event(background=True)
    async def follow(self):
        """Started by a page load when no follower follows the tab's user in this worker
        (``auth.open_page``); takes over from the tab's previous follower, if any.

        Taking over (rather than "keep the running one") survives reloads and workers:
        a reloaded tab may reconnect to another worker, where its old follower no longer
        sees the socket and stops; in the same worker the old one sees it was replaced.
        The UI state is locked only when the counter moved, never while idle.
        """
        me = f"{id(asyncio.current_task())}-{time.monotonic()}"
        async with self:
            token = self.router.session.client_token
            _followers[token] = (me, None)
            actor = (await self.get_state(AuthState))._actor()
            if actor is None:
                return  # signed out: nothing to follow (and the old follower stops)
            _followers[token] = (me, actor.user_id)
            live = platform().live
            seen = await live.version(actor.user_id)
            if seen != self._seen:  # something happened since this tab last looked
                await self._refresh(await self.get_state(AuthState), actor)
                self._seen = seen
                self.changes += 1
        user_id = actor.user_id
        started, misses = time.monotonic(), 0
        try:
            while time.monotonic() - started < MAX_FOLLOW_SECONDS and _is_current(token, me):
                await asyncio.sleep(POLL_SECONDS)
                if not _tab_connected(token):
                    misses += 1
                    if misses >= DISCONNECTED_POLLS:
                        return  # the tab closed, or reconnected to another worker
                    continue
                misses = 0
                current = await live.version(user_id)
                if current == seen or not _is_current(token, me):
                    continue
                async with self:
                    auth = await self.get_state(AuthState)
                    # The tab may have been idle past its access token's lifetime: renew
                    # it here (the new tokens reach the browser with this update).
                    still = await auth.actor()
                    if still is None and not auth.refresh_token:
                        return  # signed out
                    if still is None:
                        continue  # renewal failed or raced another tab: next poll (seen stays)
                    if still.user_id != user_id:
                        return
                    seen = self._seen = current
                    toast = await self._refresh(auth, still)
                    self.changes += 1
                if toast:
                    yield rx.toast.info(toast)
        finally:
            if _is_current(token, me):
                del _followers[token]

    async def _refresh(self, auth: AuthState, actor) -> str:
        """Reload what this tab shows about the user; returns the newest unread title, if new."""
        p = platform()
        before = auth.unread
        auth.unread = await p.notification.unread_count(actor)
        # Lists this tab has loaded (``loading`` is False once a page was shown) follow too.
        for paged in (NotificationsState, LearningState):
            listing = await self.get_state(paged)
            if not listing.loading:
                await listing._load_page()
        lesson = await self.get_state(LessonState)
        if lesson.current_course and lesson.status:
            await lesson._load_progress(actor, uuid.UUID(lesson.current_course))
        course = await self.get_state(CourseState)
        if course.enrolled and course.course.id:
            await course._load_enrollment(uuid.UUID(course.course.id))
        if auth.unread <= before:
            return ""
        newest = (await p.notification.list_mine(actor, limit=1)).items
        return p.notification.localize(newest[0], await lang_of(self))[0] if newest else ""
