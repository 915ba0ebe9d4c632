"""The account by e-mail and the session, as a person meets them: confirm the address
from the mailed link, reset a forgotten password, stay signed in while access tokens
expire, and log out for real."""

from __future__ import annotations

import email
import re
import time
from email.policy import default
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ACCESS_TTL_SECONDS
from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in, sign_up

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "a-new-secret-456"
LINK = re.compile(r"https?://\S+?/(?:verify-email|reset-password)\?token=[\w-]+")


def _mails_to(mailbox: Path, address: str) -> list[str]:
    bodies = []
    for path in sorted(mailbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if message["To"] == address:
            bodies.append(message.get_body(preferencelist=("plain",)).get_content())
    return bodies


def mailed_link(data_dir: Path | None, address: str, page: str, count: int = 1) -> str:
    """The ``page`` link of the ``count``-th such mail to ``address`` in the app's development mailbox."""
    if data_dir is None:
        pytest.skip("the mailbox folder of an external app is not readable")
    deadline = time.monotonic() + 30  # the outbox sweep sends mail every 0.3 s
    while True:
        links = [link for body in _mails_to(data_dir / "mailbox", address) for link in LINK.findall(body)]
        links = list(dict.fromkeys(link for link in links if f"/{page}?" in link))  # each mail says it twice
        if len(links) >= count:
            return links[count - 1]
        assert time.monotonic() < deadline, f"no {page} mail to {address}"
        time.sleep(0.3)


def _stored(page: Page, key: str) -> str:
    return page.evaluate("k => localStorage.getItem(k) || ''", key)


def test_a_new_user_confirms_the_email_address_from_the_link(page: Page, app_data_dir):
    address = unique_email("vera")
    sign_up(page, name="Vera Verify", email=address)
    expect(page.locator("#email-banner")).to_be_visible()

    link = mailed_link(app_data_dir, address, "verify-email")
    page.goto(link)
    expect(page.locator("#verify-done")).to_be_visible()
    expect(page.locator("#email-banner")).to_have_count(0)

    page.goto(link)  # a link works once
    expect(page.locator("#verify-failed")).to_be_visible()


def test_the_banner_sends_a_new_link(page: Page, app_data_dir):
    address = unique_email("resend")
    sign_up(page, name="Ray Resend", email=address)
    mailed_link(app_data_dir, address, "verify-email")
    page.click("#resend-verification")
    second = mailed_link(app_data_dir, address, "verify-email", count=2)
    page.goto(second)
    expect(page.locator("#verify-done")).to_be_visible()


def test_a_forgotten_password_is_reset_from_the_mail(page: Page, seeder, app_data_dir):
    address = unique_email("fern")
    seeder.register(address, "Fern Forgetful")
    page.goto("/login")
    page.click("#forgot-link")
    expect(page).to_have_url(re.compile(r"/forgot-password$"))
    page.fill("#email", address)
    page.click("#submit")
    expect(page.locator("#forgot-sent")).to_be_visible()

    page.goto(mailed_link(app_data_dir, address, "reset-password"))
    page.fill("#new-password", NEW_PASSWORD)
    page.fill("#confirm-password", NEW_PASSWORD + "x")
    page.click("#submit")
    expect(page.locator(".error-confirm")).to_be_visible()
    page.fill("#confirm-password", NEW_PASSWORD)
    page.click("#submit")
    expect(page).to_have_url(re.compile(r"/login$"))

    log_in(page, address, NEW_PASSWORD)
    expect(page.locator("#user-name")).to_have_text("Fern Forgetful")


def test_the_session_outlives_its_access_tokens(page: Page):
    sign_up(page, name="Stella Stay", email=unique_email("stay"))
    first = _stored(page, "edu_token")
    page.wait_for_timeout((ACCESS_TTL_SECONDS + 2) * 1000)  # the access token has now expired

    page.click("#nav-catalog")
    page.click("#nav-learning")
    expect(page).to_have_url(re.compile(r"/my-learning$"))
    expect(page.locator("#logout")).to_be_visible()
    page.wait_for_function("t => localStorage.getItem('edu_token') !== t", arg=first)
    page.reload()
    expect(page.locator("#role-badge")).to_be_visible()


def test_logging_out_ends_the_login_on_the_server(page: Page, app_url):
    sign_up(page, name="Olga Out", email=unique_email("out"))
    refresh_token = _stored(page, "edu_refresh")
    assert refresh_token
    page.click("#logout")
    expect(page.locator("#nav-login")).to_be_visible()
    assert _stored(page, "edu_refresh") == ""
    response = httpx.post(f"{app_url}/api/identity/refresh", json={"refresh_token": refresh_token})
    assert response.status_code == 401
