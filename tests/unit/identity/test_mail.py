"""Mail configuration and composition."""

from __future__ import annotations

import pytest

from backend_services.identity.mail import FolderMailer, OutgoingMail, SmtpMailer, compose, mailer_from
from tests.databases import base_settings


def test_smtp_url_carries_host_port_credentials_and_tls():
    plain = SmtpMailer(
        "smtp://mailer%40example.com:p%40ss@mail.example.com:587?starttls=true", sender="s", timeout=5
    )
    assert (plain._host, plain._port, plain._username, plain._password) == (
        "mail.example.com",
        587,
        "mailer@example.com",
        "p@ss",
    )
    assert plain._starttls is True and plain._tls is False
    tls = SmtpMailer("smtps://mail.example.com", sender="s", timeout=5)
    assert tls._tls is True and tls._port == 465


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "mail.example.com:25"])
def test_a_bad_smtp_url_is_a_configuration_error(url):
    with pytest.raises(ValueError, match="EDU_SMTP_URL"):
        SmtpMailer(url, sender="s", timeout=5)


def test_without_smtp_the_mailbox_folder_is_used(tmp_path):
    mailer = mailer_from(base_settings(data_dir=tmp_path))
    assert isinstance(mailer, FolderMailer) and mailer.folder == tmp_path / "mailbox"
    assert isinstance(mailer_from(base_settings(smtp_url="smtp://localhost:25")), SmtpMailer)


def test_compose_handles_international_addresses():
    mail = OutgoingMail(
        to="иван@пример.рф", subject="Тема / Subject", text="Ссылка: https://x", link="https://x"
    )
    message = compose(mail, "EduPlatform <no-reply@eduplatform.local>")
    assert message["To"] == "иван@пример.рф"
    assert "Ссылка" in message.get_content()
