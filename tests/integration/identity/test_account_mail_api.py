"""E-mail verification and password reset, with the mail read from a real SMTP server."""

from __future__ import annotations

import email as email_parser
from email.policy import default

import pytest
from sqlalchemy import select, update

from backend_services.identity.mail import SmtpMailer
from backend_services.identity.models import AccountToken, IdentityOutbox
from backend_services.shared.outbox import Event
from tests.helpers import PASSWORD, bearer, unique_email
from tests.integration.identity.support import API, body_of, link_in, login_pair, register_pair

NEW_PASSWORD = "a-brand-new-password"


@pytest.fixture
async def mailing(platform_with, smtp_server):
    """(platform, client, smtp server) with mail going out over SMTP."""
    platform, client = await platform_with(smtp_url=smtp_server.url, public_url="https://learn.example")
    return platform, client, smtp_server


async def _verification_link(platform, smtp, email: str) -> str:
    await platform.sweep_outboxes()
    mails = smtp.to(email)
    assert mails, f"no mail to {email}"
    page, token = link_in(mails[-1])
    assert page == "verify-email"
    return token


async def test_registration_mails_a_verification_link_that_verifies_once(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    pair = await register_pair(client, email)
    assert smtp.to(email) == []  # not sent inside the request: the sweep sends it
    token = await _verification_link(platform, smtp, email)
    mail = smtp.to(email)[0]
    assert "Confirm your e-mail" in mail["Subject"]
    assert f"https://learn.example/verify-email?token={token}" in body_of(mail)
    assert "Подтвердите адрес почты" in body_of(mail)

    response = await client.post(f"{API}/verify-email", json={"token": token})
    assert response.status_code == 200
    assert response.json()["email_verified"] is True
    me = await client.get(f"{API}/me", headers=bearer(pair["access_token"]))
    assert me.json()["email_verified"] is True

    again = await client.post(f"{API}/verify-email", json={"token": token})
    assert again.status_code == 400
    assert again.json() == {"detail": "This link is invalid or has expired"}


async def test_each_mail_event_is_sent_once_even_when_swept_again(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    await register_pair(client, email)
    await platform.sweep_outboxes()
    async with platform.databases["identity"].session() as session:
        row = (await session.execute(select(AccountToken))).scalar_one()
    # Redeliver the same event, as a second worker's sweep would: no second mail.
    async with platform.databases["identity"].session() as session:
        stored = (
            await session.execute(select(IdentityOutbox).where(IdentityOutbox.id == row.event_id))
        ).scalar_one()
    await platform.identity.send_account_mail(Event(id=stored.id, topic=stored.topic, payload=stored.payload))
    assert len(smtp.to(email)) == 1


async def test_a_mail_that_could_not_be_sent_is_retried_by_the_sweep(platform_with, smtp_server):
    platform, client = await platform_with(smtp_url=f"smtp://127.0.0.1:{smtp_server.port + 1}")
    email = unique_email()
    await register_pair(client, email)
    assert await platform.identity.outbox.pending_count() == 1  # the verification mail
    await platform.sweep_outboxes()  # nobody listens on that port
    assert await platform.identity.outbox.pending_count() == 1
    platform.identity.mail.mailer = SmtpMailer(smtp_server.url, sender="EduPlatform <x@y.z>", timeout=10)
    await platform.sweep_outboxes()
    assert await platform.identity.outbox.pending_count() == 0
    assert len(smtp_server.to(email)) == 1


async def test_an_expired_or_foreign_token_does_not_verify(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    await register_pair(client, email)
    token = await _verification_link(platform, smtp, email)
    async with platform.databases["identity"].session() as session:
        await session.execute(update(AccountToken).values(expires_at=AccountToken.created_at))
    assert (await client.post(f"{API}/verify-email", json={"token": token})).status_code == 400
    assert (await client.post(f"{API}/verify-email", json={"token": "made-up"})).status_code == 400
    assert (await client.post(f"{API}/verify-email", json={})).status_code == 422


async def test_resend_verification_mails_a_new_link_until_verified(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    pair = await register_pair(client, email)
    headers = bearer(pair["access_token"])
    assert (await client.post(f"{API}/resend-verification")).status_code == 401
    assert (await client.post(f"{API}/resend-verification", headers=headers)).status_code == 204
    await platform.sweep_outboxes()
    assert len(smtp.to(email)) == 2
    first, second = (link_in(m)[1] for m in smtp.to(email))
    assert first != second
    assert (await client.post(f"{API}/verify-email", json={"token": second})).status_code == 200
    assert (await client.post(f"{API}/verify-email", json={"token": first})).status_code == 400

    assert (await client.post(f"{API}/resend-verification", headers=headers)).status_code == 204
    await platform.sweep_outboxes()
    assert len(smtp.to(email)) == 2  # already verified: nothing more to send


async def test_forgot_password_always_answers_204_and_mails_only_real_accounts(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    await register_pair(client, email)
    await platform.sweep_outboxes()
    known = await client.post(f"{API}/forgot-password", json={"email": email.upper()})
    unknown = await client.post(f"{API}/forgot-password", json={"email": unique_email()})
    assert known.status_code == unknown.status_code == 204
    assert known.content == unknown.content == b""
    await platform.sweep_outboxes()
    assert [link_in(m)[0] for m in smtp.messages] == ["verify-email", "reset-password"]
    assert "Reset your password" in smtp.messages[-1]["Subject"]


@pytest.mark.parametrize("email", ["", "not-an-email", "аdmin@example.com"])
async def test_forgot_password_refuses_what_is_not_an_address(client, email):
    response = await client.post(f"{API}/forgot-password", json={"email": email})
    assert response.status_code == 422


async def test_reset_password_sets_the_password_once_and_ends_every_login(mailing):
    platform, client, smtp = mailing
    email = unique_email()
    first = await register_pair(client, email)
    second = await login_pair(client, email)
    await client.post(f"{API}/forgot-password", json={"email": email})
    await platform.sweep_outboxes()
    page, token = link_in(smtp.to(email)[-1])
    assert page == "reset-password"

    weak = await client.post(f"{API}/reset-password", json={"token": token, "new_password": "short"})
    assert weak.status_code == 422
    response = await client.post(f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD})
    assert response.status_code == 204
    for pair in (first, second):
        assert (
            await client.post(f"{API}/refresh", json={"refresh_token": pair["refresh_token"]})
        ).status_code == 401
    old = await client.post(f"{API}/login", json={"email": email, "password": PASSWORD})
    assert old.status_code == 400
    fresh = await login_pair(client, email, NEW_PASSWORD)
    me = await client.get(f"{API}/me", headers=bearer(fresh["access_token"]))
    assert me.json()["email_verified"] is True  # the link reached the mailbox

    again = await client.post(
        f"{API}/reset-password", json={"token": token, "new_password": "another-password-1"}
    )
    assert again.status_code == 400
    assert again.json() == {"detail": "This link is invalid or has expired"}


async def test_without_smtp_mail_lands_in_the_mailbox_folder(client, platform, caplog):
    email = unique_email()
    await register_pair(client, email)
    with caplog.at_level("WARNING"):
        await platform.sweep_outboxes()
    folder = platform.settings.data_dir / "mailbox"
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 1
    message = email_parser.message_from_bytes(files[0].read_bytes(), policy=default)
    assert message["To"] == email
    page, token = link_in(message)
    assert token in caplog.text  # the link is logged for the developer
    assert (await client.post(f"{API}/verify-email", json={"token": token})).status_code == 200
