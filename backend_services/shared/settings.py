"""Process-wide configuration, read from ``EDU_*`` environment variables (and ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")
DEV_JWT_SECRET = "dev-only-secret-change-me-in-production"  # noqa: S105 - documented dev default
DEV_ADMIN_PASSWORD = "password123"  # noqa: S105 - documented dev default

Environment = Literal["development", "test", "production"]


class Settings(BaseSettings):
    """All knobs of the platform. Every field maps to ``EDU_<FIELD>``."""

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
    db_pool_size: int = Field(default=5, ge=1, le=200)
    db_max_overflow: int = Field(default=0, ge=0, le=200)
    db_pool_timeout_seconds: float = Field(default=10.0, gt=0)
    db_echo: bool = False
    auto_migrate: bool = True

    jwt_secret: str = DEV_JWT_SECRET
    jwt_ttl_seconds: int = Field(default=3600, ge=60, le=30 * 24 * 3600)

    admin_email: str = "admin@eduplatform.com"
    admin_password: str = DEV_ADMIN_PASSWORD
    admin_name: str = "Platform Admin"

    search_mode: Literal["substring"] = "substring"
    outbox_poll_seconds: float = Field(default=2.0, gt=0)
    # Where people reach the UI: certificate QR codes and links point here.
    public_base_url: str = "http://localhost:3000"
    # Live updates: per-user change counters in Redis (shared by every worker); empty
    # means REFLEX_REDIS_URL when set, else in memory (one process).
    live_redis_url: str = ""
    live_namespace: str = "edu:live"

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_production(self) -> Settings:
        if self.env == "production":
            if self.jwt_secret == DEV_JWT_SECRET or len(self.jwt_secret) < 32:
                raise ValueError(
                    "EDU_JWT_SECRET must be set to a random value of at least 32 characters "
                    "when EDU_ENV=production"
                )
            if self.admin_password == DEV_ADMIN_PASSWORD:
                raise ValueError("EDU_ADMIN_PASSWORD must be changed when EDU_ENV=production")
        return self

    def database_url(self, context: str) -> str:
        """The SQLAlchemy async URL of one context's database."""
        if context not in CONTEXTS:
            raise KeyError(context)
        explicit = getattr(self, f"{context}_database_url")
        if explicit:
            return explicit
        if self.postgres_server:
            return f"{self.postgres_server.rstrip('/')}/eduplatform_{context}"
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{context}.db').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
