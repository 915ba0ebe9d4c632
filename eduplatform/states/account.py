"""The account by e-mail: confirm the address from the link, reset a forgotten password."""

from __future__ import annotations

import reflex as rx

from backend_services.shared.errors import DomainError
from eduplatform import routes
from eduplatform.backend import client_address_of, explain, platform
from eduplatform.error_text import error_text
from eduplatform.i18n import say
from eduplatform.states.auth import AuthState, page_load


class AccountState(rx.State):
    verify_status: str = ""  # "checking", "done" or "failed"
    forgot_sent: bool = False
    reset_token: str = ""
    form_errors: dict[str, str] = {}
    busy: bool = False

    def _link_token(self) -> str:
        return self.router.url.query_parameters.get("token", "")

    @rx.event
    @page_load
    async def verify_from_link(self):
        """Confirm the address with the token of the link the user opened."""
        self.verify_status = "checking"
        yield
        token, verified = self._link_token(), False
        if token:
            try:
                await platform().identity.verify_email(token)
                verified = True
            except DomainError:
                pass  # shown as "invalid or expired"
            except Exception as exc:  # noqa: BLE001
                error_text(exc)  # logs the unexpected; shown as "invalid or expired"
        if not verified:
            self.verify_status = "failed"
            return
        self.verify_status = "done"
        auth = await self.get_state(AuthState)
        auth.email_verified = True

    @rx.event
    @page_load
    def open_forgot(self):
        self.forgot_sent, self.form_errors, self.busy = False, {}, False

    @rx.event
    async def send_reset_link(self, form: dict):
        email = form.get("email", "").strip()
        self.form_errors = {} if "@" in email else {"email": "email_invalid"}
        if self.form_errors:
            return
        self.busy = True
        yield
        try:
            await platform().identity.forgot_password(email=email, client_address=client_address_of(self))
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
        else:
            self.forgot_sent = True
        self.busy = False

    @rx.event
    @page_load
    def open_reset(self):
        self.reset_token, self.form_errors, self.busy = self._link_token(), {}, False

    @rx.event
    async def save_password(self, form: dict):
        password, repeated = form.get("password", ""), form.get("confirm", "")
        errors = {}
        if len(password) < 8:
            errors["password"] = "password_short"
        elif password != repeated:
            errors["confirm"] = "passwords_differ"
        if not self.reset_token:
            errors["form"] = await say(self, "reset_no_token")
        self.form_errors = errors
        if errors:
            return
        self.busy = True
        yield
        try:
            await platform().identity.reset_password(
                token=self.reset_token, new_password=password, client_address=client_address_of(self)
            )
        except Exception as exc:  # noqa: BLE001
            self.form_errors = {"form": await explain(self, exc)}
            self.busy = False
            return
        self.busy = False
        # Every login of the account ended on the server; this browser's too.
        (await self.get_state(AuthState))._clear()
        yield rx.toast.success(await say(self, "password_changed"))
        yield rx.redirect(routes.LOGIN)
