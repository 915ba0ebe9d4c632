"""Process-wide configuration, read from ``EDU_*`` environment variables (and ``.env``)."""

from __future__ import annotations

import json
from functools import cached_property, lru_cache
from ipaddress import ip_network
from pathlib import Path
from typing import Annotated, Literal

from limits import parse_many
from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from backend_services.shared.client_address import parse_networks
from backend_services.shared.secrets import PUBLISHED_JWT_SECRETS, load_or_create_secret
from backend_services.shared.topology_settings import TopologySettings

CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
DEV_ADMIN_PASSWORD = "password123"  # noqa: S105 - documented dev default
MIN_JWT_SECRET_LENGTH = 32

Environment = Literal["development", "test", "production"]


def _comma_list(value: object) -> object:
    """``a,b`` or a JSON list (``["a", "b"]``) from the environment; lists pass through."""
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return json.loads(value)
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


# A list setting written as "a,b" or as a JSON list in the environment.
CommaList = Annotated[list[str], NoDecode, BeforeValidator(_comma_list)]


class Settings(TopologySettings, BaseSettings):
    """All knobs of the platform. Every field maps to ``EDU_<FIELD>`` (the topology's in
    ``topology_settings.py``)."""

    model_config = SettingsConfigDict(env_prefix="EDU_", env_file=".env", extra="ignore")

    env: Environment = "development"
    data_dir: Path = Path("data")

    # One database per bounded context. Empty means "derive": from ``postgres_server``
    # when that is set, otherwise a SQLite file in ``data_dir``.
    identity_database_url: str = ""
    course_database_url: str = ""
    enrollment_database_url: str = ""
    payment_database_url: str = ""
    notification_database_url: str = ""
    postgres_server: str = Field(
        default="",
        description="e.g. postgresql+asyncpg://127.0.0.1:5432 -> databases eduplatform_<ctx>",
    )
    # Lets a second data set (a small lab seed, a demo) live beside eduplatform_<ctx> on one server.
    postgres_db_prefix: str = Field(default="eduplatform", pattern=r"^[a-z][a-z0-9_]{0,40}$")
    db_pool_size: int = Field(default=5, ge=1, le=200)
    db_max_overflow: int = Field(default=0, ge=0, le=200)
    db_pool_timeout_seconds: float = Field(default=10.0, gt=0)
    db_pool_pre_ping: bool = True
    # A connection back in the pool for less than this is not pinged again (database.py).
    db_pre_ping_bypass_seconds: float = Field(default=0.5, ge=0, le=60)
    db_connect_timeout_seconds: float = Field(default=5.0, gt=0)
    db_echo: bool = False
    # The PostgreSQL URLs point at PgBouncer in transaction mode (see database.py, DEPLOY.md).
    db_pgbouncer: bool = False
    auto_migrate: bool = True
    # Leave start-up objects out of the garbage collector's scans (shared/gc_pauses.py).
    gc_freeze: bool = True

    # Empty: outside production a random secret is generated once into data_dir/jwt_secret.
    jwt_secret: str = ""
    # Access-token lifetime (the name predates refresh tokens and stays for compatibility).
    jwt_ttl_seconds: int = Field(default=15 * 60, ge=1, le=30 * 24 * 3600)
    refresh_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=60, le=365 * 24 * 3600)
    # A refresh token presented again within this many seconds of being spent is a
    # concurrent refresh (two tabs), answered 401 without revoking the login.
    refresh_reuse_grace_seconds: float = Field(default=5.0, ge=0, le=300)

    admin_email: str = "admin@eduplatform.com"
    admin_password: str = DEV_ADMIN_PASSWORD
    admin_name: str = "Platform Admin"

    # Development only: demo courses and accounts on an empty platform (backend_services/demo).
    demo_content: bool = True

    # "fulltext": ranked full-text search (PostgreSQL tsvector + pg_trgm, SQLite FTS5);
    # "substring": the unindexed Phase 0 baseline, kept so the lab can compare the two.
    search_mode: Literal["fulltext", "substring"] = "fulltext"
    # Catalog totals are exact up to this many matches, then reported as "at least".
    search_count_cap: int = Field(default=1000, ge=10, le=1_000_000)

    # HTTP hardening (docs/SECURITY.md).
    max_request_bytes: int = Field(default=1024 * 1024, ge=1024)
    cors_origins: CommaList = Field(
        default=["http://localhost:3000", "http://127.0.0.1:3000"],
        description="Origins allowed to call the API and open the UI websocket from a browser",
    )
    metrics_allowed_networks: CommaList = Field(
        default=["127.0.0.0/8", "::1/128"],
        description="Client networks that may read /metrics without a token",
    )
    metrics_token: str = Field(default="", description="Bearer token that may read /metrics from anywhere")
    outbox_poll_seconds: float = Field(default=2.0, gt=0)
    # Outbox delivery (shared/outbox.py): a sweep's claim on a batch lasts this long; a
    # failed event waits retry_base x 2^(failures-1) seconds (at most retry_max) and is
    # parked after max_attempts failures its consumer answered (an outage only delays it).
    outbox_lease_seconds: float = Field(default=60.0, gt=0, le=3600)
    outbox_max_attempts: int = Field(default=10, ge=1, le=1000)
    outbox_retry_base_seconds: float = Field(default=5.0, ge=0, le=3600)
    outbox_retry_max_seconds: float = Field(default=300.0, ge=0, le=7 * 24 * 3600)
    # Where people reach the UI: certificate QR codes and links point here.
    public_base_url: str = "http://localhost:3000"
    # Live updates: per-user change counters in Redis (shared by every worker); empty
    # means REFLEX_REDIS_URL when set, else in memory (one process).
    live_redis_url: str = ""
    live_namespace: str = "edu:live"

    # E-mail: SMTP when set (smtp://user:pass@host:587?starttls=true, smtps://host:465);
    # otherwise messages are written to data_dir/mailbox and their links logged.
    smtp_url: str = ""
    smtp_timeout_seconds: float = Field(default=20.0, gt=0)
    mail_from: str = "EduPlatform <no-reply@eduplatform.local>"
    public_url: str = Field(default="http://localhost:3000", description="base URL of the UI in mail links")
    email_verification_ttl_seconds: int = Field(default=48 * 3600, ge=60)
    password_reset_ttl_seconds: int = Field(default=3600, ge=60)

    # Abuse limits (``limits`` notation: "5/minute;50/hour"), kept in Redis when
    # redis_url is set, otherwise in this process's memory.
    rate_limits_enabled: bool = True
    redis_url: str = ""
    redis_key_prefix: str = "edu"
    trusted_proxies: str = Field(default="", description="comma-separated addresses/CIDRs of proxies")
    rate_limit_login_per_address: str = "30/minute;300/hour"
    rate_limit_login_failures_per_account: str = "10/15 minutes"
    login_known_address_days: int = Field(default=30, ge=1, le=365)
    rate_limit_register_per_address: str = "20/hour"
    rate_limit_forgot_password_per_address: str = "10/hour"
    rate_limit_forgot_password_per_account: str = "3/hour"
    rate_limit_resend_verification_per_account: str = "3/hour"

    # Read cache of the hot course reads (backend_services/shared/cache.py), in Redis at
    # cache_redis_url, else redis_url, else REFLEX_REDIS_URL (shared by every worker);
    # without any, in this process's memory (one process only). false: no cache at all,
    # every read from the database (the Phase 0 baseline).
    cache_enabled: bool = True
    cache_redis_url: str = ""
    cache_ttl_seconds: float = Field(default=300.0, gt=0, le=24 * 3600)
    # Catalog pages (GET /courses): every course created, edited or reviewed outdates all
    # of them, so they are kept briefly; 0 never caches them.
    cache_catalog_ttl_seconds: float = Field(default=30.0, ge=0, le=3600)
    # Cached course details, curricula and public lessons are sent as stored, ahead of the
    # framework (course/fast_reads.py); false sends them through FastAPI like any read.
    fast_reads_enabled: bool = True

    @field_validator(
        "rate_limit_login_per_address",
        "rate_limit_login_failures_per_account",
        "rate_limit_register_per_address",
        "rate_limit_forgot_password_per_address",
        "rate_limit_forgot_password_per_account",
        "rate_limit_resend_verification_per_account",
    )
    @classmethod
    def _valid_limit(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(
                f"EDU_RATE_LIMIT_* takes limits notation (e.g. '5/minute;50/hour'), not {value!r}"
            ) from exc
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _valid_networks(cls, value: str) -> str:
        parse_networks(value)  # a typo here must stop the start, not trust everyone
        return value

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard_origin(cls, origins: list[str]) -> list[str]:
        # A wildcard with credentials is what let any site read the API as the user.
        if "*" in origins:
            raise ValueError("EDU_CORS_ORIGINS must list origins; '*' is not allowed")
        return [origin.rstrip("/") for origin in origins]

    @field_validator("metrics_allowed_networks")
    @classmethod
    def _valid_metrics_networks(cls, networks: list[str]) -> list[str]:
        for network in networks:
            ip_network(network, strict=False)  # raises ValueError on a typo
        return networks

    @model_validator(mode="after")
    def _refuse_weak_secrets(self) -> Settings:
        if self.jwt_secret in PUBLISHED_JWT_SECRETS:
            raise ValueError("EDU_JWT_SECRET is a value published in the repository: set a random one")
        if self.env == "production":
            if len(self.jwt_secret) < MIN_JWT_SECRET_LENGTH:
                raise ValueError(
                    "EDU_JWT_SECRET must be set to a random value of at least 32 characters "
                    "when EDU_ENV=production"
                )
            if self.admin_password == DEV_ADMIN_PASSWORD:
                raise ValueError("EDU_ADMIN_PASSWORD must be changed when EDU_ENV=production")
        return self

    @cached_property
    def signing_secret(self) -> str:
        """The JWT secret: the configured one, or (outside production) one generated on first
        start into ``data_dir/jwt_secret`` and shared by every process using that folder."""
        if self.jwt_secret:
            return self.jwt_secret
        return load_or_create_secret(self.data_dir / "jwt_secret")

    @cached_property
    def service_signing_secret(self) -> str:
        """The service-token secret: the configured one, or (outside production) one generated
        on first start into ``data_dir/service_secret``, shared by the services using that
        folder (services on separate hosts need ``EDU_SERVICE_SECRET``)."""
        if self.service_secret:
            return self.service_secret
        return load_or_create_secret(self.data_dir / "service_secret")

    def database_url(self, context: str) -> str:
        """The SQLAlchemy async URL of one context's database."""
        if context not in CONTEXTS:
            raise KeyError(context)
        explicit: str | None = getattr(self, f"{context}_database_url")
        if explicit:
            return explicit
        if self.postgres_server:
            return f"{self.postgres_server.rstrip('/')}/{self.postgres_db_prefix}_{context}"
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{context}.db').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
