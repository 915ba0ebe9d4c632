"""Who is signed in: the JWT (kept in localStorage) and a small profile."""

from __future__ import annotations

import reflex as rx

from backend_services.shared.security import Principal
from eduplatform import routes
from eduplatform.backend import explain, platform, principal_from
from eduplatform.error_text import error_text
from eduplatform.i18n import say

HOME_BY_ROLE = {
    "student": routes.MY_LEARNING,
    "teacher": routes.TEACHER_COURSES,
    "admin": routes.ADMIN,
}


class AuthState(rx.State):
    token: str = rx.LocalStorage("", name="edu_token", sync=True)
    user_name: str = ""
    role: str = ""
    is_verified: bool = False
    unread: int = 0
    form_errors: dict[str, str] = {}
    busy: bool = False

    def _actor(self) -> Principal | None:
        return principal_from(self.token)

    def _clear(self) -> None:
        self.token = ""
        self.user_name, self.role, self.is_verified, self.unread = "", "", False, 0

    @rx.var
    def signed_in(self) -> bool:
        return self.role != ""

    @rx.event
    async def load_session(self):
        """Runs first on every page: profile, fresh token after verification, unread count."""
        self.form_errors = {}
        actor = self._actor()
        if actor is None:
            if self.token or self.role:
                self._clear()
            return
        p = platform()
        try:
            me = await p.identity.me(actor)
            if me.is_verified != actor.is_verified or me.role != actor.role.value:
                self.token = await p.identity.refresh_token(actor)
                actor = self._actor()
            self.user_name, self.role, self.is_verified = me.name, me.role, me.is_verified
            self.unread = await p.notification.unread_count(actor)
        except Exception as exc:  # noqa: BLE001 - a stale session must not break the page
            if getattr(exc, "status_code", None) in (401, 404):
                self._clear()
            else:
                error_text(exc)  # logs what went wrong; the page renders signed out

    @rx.event
    async def refresh_unread(self):
        actor = self._actor()
        if actor is not None:
            self.unread = await platform().notification.unread_count(actor)

    def _next_url(self, default: str) -> str:
        target = self.router.url.query_parameters.get("next", "")
        # Only local paths: an open redirect would let a link send users elsewhere.
        return target if target.startswith("/") and not target.startswith("//") else default

    async def _signed_in(self, token: str) -> str:
        """Store the token and profile; returns where to go next."""
        self.token = token
        await self.load_session()
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
            token = await platform().identity.login(email=email, password=password)
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
            self.busy = False
            return
        self.busy = False
        target = await self._signed_in(token)
        yield  # the token reaches localStorage before the page changes
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
            token = await platform().identity.register(email=email, password=password, name=name, role=role)
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
            self.busy = False
            return
        self.busy = False
        target = await self._signed_in(token)
        yield  # the token reaches localStorage before the page changes
        yield rx.redirect(target)

    @rx.event
    def logout(self):
        self._clear()
        return rx.redirect(routes.CATALOG)


async def require_actor(state: rx.State, *roles: str) -> tuple[Principal | None, list]:
    """The signed-in caller of a page handler, or the redirect to issue instead.

    This only decides what to show; every facade call re-checks authorisation."""
    auth = await state.get_state(AuthState)
    actor = auth._actor()
    if actor is None:
        path = state.router.url.path.rstrip("/") or routes.CATALOG
        return None, [rx.redirect(f"{routes.LOGIN}?next={path}")]
    if roles and actor.role.value not in roles:
        return None, [
            rx.toast.error(await say(state, "access_denied"), id="access-denied"),
            rx.redirect(routes.CATALOG),
        ]
    return actor, []
