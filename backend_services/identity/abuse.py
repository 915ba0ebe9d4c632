"""Abuse limits of the identity context: password guessing, sign-up and mail floods.

Login is limited two ways, and the choice between them is about whom a limit hurts:

* **Per client address**, every attempt counts (``rate_limit_login_per_address``). One
  source cannot guess fast, whichever accounts it tries.
* **Per account**, only *failed* attempts count (``rate_limit_login_failures_per_account``),
  which stops a guesser spread over many addresses. A plain per-account lockout would
  let anyone lock a victim out by typing wrong passwords for them, so the account limit
  does not apply to addresses that logged in to that account successfully within
  ``login_known_address_days`` (or that reset its password): the owner on their usual
  network keeps logging in during an attack, the attacker's new addresses get 429
  before their password is even checked. A victim on a new network during an attack
  can still reset the password by mail, which makes that address known.

Registration and forgot-password are limited per address; forgot-password is also
limited per e-mail and resend-verification per user, so nobody can flood someone's
mailbox. Keys are the normalised e-mail (or user id) and the client address, hashed
by the limiter.
"""

from __future__ import annotations

from backend_services.shared.errors import TooManyRequests
from backend_services.shared.rate_limit import TOO_MANY_ATTEMPTS, RateLimiter
from backend_services.shared.settings import Settings


class IdentityLimits:
    """The identity context's limits, named after the actions they guard."""

    def __init__(self, limiter: RateLimiter, settings: Settings) -> None:
        self._limiter = limiter
        self._s = settings

    async def before_login(self, email: str, address: str) -> None:
        """Count the attempt per address; refuse an unknown address on an account under attack."""
        await self._limiter.hit("login-address", self._s.rate_limit_login_per_address, address)
        retry_after = await self._limiter.check(
            "login-failures", self._s.rate_limit_login_failures_per_account, email
        )
        if retry_after is not None and not await self._is_known(email, address):
            raise TooManyRequests(TOO_MANY_ATTEMPTS, retry_after=retry_after)

    async def login_failed(self, email: str) -> None:
        await self._limiter.record("login-failures", self._s.rate_limit_login_failures_per_account, email)

    async def trust_address(self, email: str, address: str) -> None:
        """``address`` proved it belongs to the account's owner (a login or a password reset)."""
        await self._limiter.remember("login-known", self._s.login_known_address_days, email, address)

    async def before_register(self, address: str) -> None:
        await self._limiter.hit("register-address", self._s.rate_limit_register_per_address, address)

    async def before_forgot_password(self, address: str) -> None:
        await self._limiter.hit("forgot-address", self._s.rate_limit_forgot_password_per_address, address)

    async def before_reset_mail(self, email: str) -> None:
        await self._limiter.hit("forgot-account", self._s.rate_limit_forgot_password_per_account, email)

    async def before_resend_verification(self, user_id: str) -> None:
        await self._limiter.hit("resend-account", self._s.rate_limit_resend_verification_per_account, user_id)

    async def _is_known(self, email: str, address: str) -> bool:
        return await self._limiter.remembers("login-known", self._s.login_known_address_days, email, address)
