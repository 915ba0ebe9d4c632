"""Settings: per-context URLs and refusing development secrets in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from backend_services.shared.settings import CONTEXTS, Settings

STRONG_SECRET = "x" * 40


def test_each_context_gets_its_own_sqlite_file_by_default():
    settings = Settings(_env_file=None, data_dir=Path("/tmp/edu-data"))
    urls = {name: settings.database_url(name) for name in CONTEXTS}
    assert len(set(urls.values())) == len(CONTEXTS)
    assert urls["course"] == "sqlite+aiosqlite:////tmp/edu-data/course.db"


def test_a_postgres_server_gives_one_database_per_context():
    settings = Settings(_env_file=None, postgres_server="postgresql+asyncpg://db:5432/")
    assert settings.database_url("payment") == "postgresql+asyncpg://db:5432/eduplatform_payment"


def test_an_explicit_url_wins_over_the_derived_one():
    settings = Settings(
        _env_file=None,
        postgres_server="postgresql+asyncpg://db:5432",
        identity_database_url="postgresql+asyncpg://other/identity",
    )
    assert settings.database_url("identity") == "postgresql+asyncpg://other/identity"
    assert settings.database_url("course").endswith("/eduplatform_course")


def test_unknown_context_is_an_error():
    with pytest.raises(KeyError):
        Settings(_env_file=None).database_url("billing")


def test_development_accepts_the_documented_defaults():
    settings = Settings(_env_file=None)
    assert settings.jwt_secret == ""  # generated into the data folder on first use
    assert settings.admin_email == "admin@eduplatform.com"
    assert settings.jwt_ttl_seconds == 15 * 60
    assert settings.rate_limits_enabled is True


def test_the_once_published_development_secret_is_refused_in_every_mode():
    for env in ("development", "test", "production"):
        with pytest.raises(ValidationError, match="published"):
            Settings(
                _env_file=None,
                env=env,
                jwt_secret="dev-only-secret-change-me-in-production",
                admin_password="real-one",
            )


def test_a_limit_that_is_not_limits_notation_is_refused():
    with pytest.raises(ValidationError, match="EDU_RATE_LIMIT_"):
        Settings(_env_file=None, rate_limit_login_per_address="lots")
    assert Settings(_env_file=None, rate_limit_login_per_address="3/minute;10/hour")


def test_a_bad_trusted_proxy_is_refused():
    with pytest.raises(ValidationError):
        Settings(_env_file=None, trusted_proxies="10.0.0.1, not-an-address")


def test_production_refuses_a_missing_jwt_secret():
    with pytest.raises(ValidationError, match="EDU_JWT_SECRET"):
        Settings(_env_file=None, env="production", admin_password="a-real-password")


def test_production_refuses_a_short_secret_and_the_default_admin_password():
    with pytest.raises(ValidationError, match="EDU_JWT_SECRET"):
        Settings(_env_file=None, env="production", jwt_secret="short", admin_password="real-one")
    with pytest.raises(ValidationError, match="EDU_ADMIN_PASSWORD"):
        Settings(_env_file=None, env="production", jwt_secret=STRONG_SECRET)


def test_production_starts_with_real_secrets():
    settings = Settings(_env_file=None, env="production", jwt_secret=STRONG_SECRET, admin_password="real-one")
    assert settings.env == "production"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDU_DB_POOL_SIZE", "20")
    monkeypatch.setenv("EDU_JWT_TTL_SECONDS", "600")
    settings = Settings(_env_file=None)
    assert settings.db_pool_size == 20
    assert settings.jwt_ttl_seconds == 600


def test_absurd_pool_size_is_rejected(monkeypatch):
    monkeypatch.setenv("EDU_DB_POOL_SIZE", "0")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)
