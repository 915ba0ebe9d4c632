"""Who is signed in: the token pair (kept in localStorage) and a small profile.

The access token lives minutes; the refresh token renews it. Every handler asks
``actor()`` for the caller, which renews the pair when the access token has expired
or is about to, so an expired access token never signs anyone out while the login is
still valid. A refresh the server refuses (logged out elsewhere, password reset, a
demoted account, a reused token) signs the user out here too.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any

import reflex as rx

from backend_services.identity.facade import REFRESH_RACED
from backend_services.shared.errors import DomainError, NotAuthenticated
from backend_services.shared.security import Principal
from eduplatform import routes
from eduplatform.backend import client_address_of, explain, platform, principal_from, seconds_left
from eduplatform.error_text import error_text
from eduplatform.i18n import say

log = logging.getLogger(__name__)

HOME_BY_ROLE = {
    "student": routes.MY_LEARNING,
    "teacher": routes.TEACHER_COURSES,
    "admin": routes.ADMIN,
}


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="edu_token", sync=True)
    refresh_token: str = rx.LocalStorage("", name="edu_refresh", sync=True)
    user_name: str = ""
    role: str = ""
    is_verified: bool = False
    email_verified: bool = True  # no banner until the profile says otherwise
    unread: int = 0
    form_errors: dict[str, str] = {}
    busy: bool = False
    # The access token and websocket connection the profile above was read for ("token|sid"):
    # while both are the same, a page load reuses the profile instead of asking identity again.
    _profile_key: str = ""

    def _actor(self) -> Principal | None:
        """The caller behind the stored access token as it is (no renewal): handlers that
        run long after a page loaded (video reports, live follow) must use ``actor()``."""
        return principal_from(self.token)

    def _store(self, pair) -> None:
        self.token, self.refresh_token = pair.access_token, pair.refresh_token

    def _clear(self) -> None:
        self.token, self.refresh_token = "", ""
        self.user_name, self.role, self.is_verified, self.unread = "", "", False, 0
        self.email_verified = True
        self._profile_key = ""

    def _renewal_due(self) -> bool:
        ttl = platform().settings.jwt_ttl_seconds
        return seconds_left(self.token) <= min(60.0, ttl / 3)

    async def actor(self, *, renew: bool = False) -> Principal | None:
        """The signed-in caller, renewing the tokens when the access token (nearly) expired."""
        if not self.refresh_token or not (renew or self._renewal_due()):
            return self._actor()
        try:
            self._store(await platform().identity.refresh(self.refresh_token))
        except NotAuthenticated as exc:
            if exc.message == REFRESH_RACED:
                # Another tab of this login renewed it a moment ago; its tokens reach this
                # tab through the synced storage. Keep the login (the access token may
                # still be good) instead of signing every tab out.
                return self._actor()
            self._clear()
            return None
        except Exception as exc:  # noqa: BLE001 - e.g. the database is down: keep the login
            log.warning("token renewal failed: %s", exc)
        return self._actor()

    @rx.var
    def signed_in(self) -> bool:
        return self.role != ""

    @rx.event
    async def load_session(self):
        """The on_load of a page without data of its own (see ``page_load``)."""
        await self._load_session()
        return await self._follow_events()

    async def _follow_events(self) -> list:
        """Start the tab's live follower unless one already follows this user here."""
        from eduplatform.states.live import LiveState, follower_running

        actor = self._actor()
        if actor is None or follower_running(self.router.session.client_token, actor.user_id):
            return []
        return [LiveState.follow]

    async def _load_session(self, *, reread: bool = False) -> None:
        """Renew the tokens if due; read the profile and unread count when the token changed.

        A page load with the same access token and connection as the last one keeps the
        profile: the token's claims (role, verified) are what it was read for, and the
        unread count follows the live counter (``LiveState``) between page loads."""
        if self.form_errors:  # assigning sends an update even when nothing changed
            self.form_errors = {}
        actor = await self.actor()
        if actor is None:
            if not self.refresh_token:
                if self.token or self.role or self.user_name:
                    self._clear()  # nothing left to renew: signed out
            else:
                self.role = ""  # renewal failed for now (server trouble): keep the login for later
            return
        # Kept per token and connection: a reload opens a new websocket and re-reads the
        # profile (an admin may have verified the teacher meanwhile); a click within the
        # tab does not.
        profile_key = f"{self.token}|{self.router.session.session_id}"
        if not reread and self.role and self._profile_key == profile_key:
            return
        p = platform()
        try:
            me = await p.identity.me(actor)
            if me.is_verified != actor.is_verified or me.role != actor.role.value:
                # The token's claims are stale (approved, demoted): renewing re-reads the account.
                actor = await self.actor(renew=True)
                if actor is None:
                    return
            self.user_name, self.role, self.is_verified = me.name, me.role, me.is_verified
            self.email_verified = me.email_verified
            self.unread = await p.notification.unread_count(actor)
            self._profile_key = profile_key
        except Exception as exc:  # noqa: BLE001 - a stale session must not break the page
            if getattr(exc, "status_code", None) in (401, 404):
                self._clear()
            else:
                error_text(exc)  # logs what went wrong; the page renders signed out

    @rx.event
    async def refresh_unread(self):
        actor = await self.actor()
        if actor is not None:
            self.unread = await platform().notification.unread_count(actor)

    def _next_url(self, default: str) -> str:
        target = self.router.url.query_parameters.get("next", "")
        # Only local paths: an open redirect would let a link send users elsewhere.
        return target if target.startswith("/") and not target.startswith("//") else default

    async def _signed_in(self, pair) -> str:
        """Store the tokens and profile; returns where to go next."""
        self._store(pair)
        await self._load_session(reread=True)
        return self._next_url(HOME_BY_ROLE.get(self.role, routes.CATALOG))

    @rx.event
    async def login(self, form: dict):
        email, password = form.get("email", "").strip(), form.get("password", "")
        errors = {}
        if "@" not in email:
            errors["email"] = "email_invalid"
        if not password:
            errors["password"] = "password_required"
        self.form_errors = errors
        if errors:
            return
        self.busy = True
        yield
        try:
            pair = await platform().identity.login(
                email=email, password=password, client_address=client_address_of(self)
            )
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
            self.busy = False
            return
        self.busy = False
        target = await self._signed_in(pair)
        yield  # the tokens reach localStorage before the page changes
        yield rx.redirect(target)

    @rx.event
    async def signup(self, form: dict):
        name = form.get("name", "").strip()
        email = form.get("email", "").strip()
        password = form.get("password", "")
        role = form.get("role", "student") or "student"
        errors = {}
        if not name:
            errors["name"] = "name_required"
        if "@" not in email or "." not in email.split("@")[-1]:
            errors["email"] = "email_invalid"
        if len(password) < 8:
            errors["password"] = "password_short"
        if role not in ("student", "teacher"):
            errors["role"] = "role_invalid"
        self.form_errors = errors
        if errors:
            return
        self.busy = True
        yield
        try:
            pair = await platform().identity.register(
                email=email, password=password, name=name, role=role, client_address=client_address_of(self)
            )
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
            self.busy = False
            return
        self.busy = False
        target = await self._signed_in(pair)
        yield  # the tokens reach localStorage before the page changes
        yield rx.redirect(target)

    @rx.event
    async def resend_verification(self):
        """Mail the signed-in user a new verification link."""
        actor = await self.actor()
        if actor is None:
            return rx.redirect(routes.LOGIN)
        try:
            await platform().identity.resend_verification(actor)
        except Exception as exc:  # noqa: BLE001
            return rx.toast.error(await explain(self, exc))
        return rx.toast.success(await say(self, "verification_sent"))

    @rx.event
    async def logout(self):
        """End the login on the server too, so the refresh token stops working everywhere."""
        if self.refresh_token:
            try:
                await platform().identity.logout(self.refresh_token)
            except DomainError:
                pass  # already ended (expired, revoked): nothing left to end
            except Exception as exc:  # noqa: BLE001 - signing out here must still work
                log.warning("logout could not reach identity: %s", exc)
        self._clear()
        return rx.redirect(routes.CATALOG)


async def require_actor(state: rx.State, *roles: str) -> tuple[Principal | None, list]:
    """The signed-in caller of a page handler, or the redirect to issue instead.

    This only decides what to show; every facade call re-checks authorisation."""
    auth = await state.get_state(AuthState)
    actor = await auth.actor()
    if actor is None:
        path = state.router.url.path.rstrip("/") or routes.CATALOG
        return None, [rx.redirect(f"{routes.LOGIN}?next={path}")]
    if roles and actor.role.value not in roles:
        return None, [
            rx.toast.error(await say(state, "access_denied"), id="access-denied"),
            rx.redirect(routes.CATALOG),
        ]
    return actor, []


async def open_page(state: rx.State) -> list:
    """What every page load does first, inside the page's own handler: the session
    (``AuthState._load_session``) and, when needed, the tab's live follower to start."""
    auth = await state.get_state(AuthState)
    await auth._load_session()
    return await auth._follow_events()


def _with(events: Any, more: list) -> Any:
    if not more:
        return events
    if events is None:
        return more
    return [*events, *more] if isinstance(events, list | tuple) else [events, *more]


def page_load(fn: Callable) -> Callable:
    """A page's on_load handler that also loads the session (``open_page``) first.

    One handler per navigation: Reflex runs every on_load event as its own event, each
    locking, loading and saving the tab's state, so the session is loaded here rather
    than by a separate ``AuthState.load_session`` event (``components/layout.template``
    checks that a page's handler is marked with this)."""
    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def load_steps(self, *args, **kwargs):
            follow = await open_page(self)
            async for update in fn(self, *args, **kwargs):
                yield update
            if follow:
                yield follow

        wrapped: Callable = load_steps
    else:

        @functools.wraps(fn)
        async def load(self, *args, **kwargs):
            follow = await open_page(self)
            events = fn(self, *args, **kwargs)
            if inspect.isawaitable(events):
                events = await events
            return _with(events, follow)

        wrapped = load
    wrapped.opens_page = True  # type: ignore[attr-defined]
    return wrapped
