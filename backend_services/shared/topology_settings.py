"""Settings of the distributed topologies (docs/ARCHITECTURE.md): where the other contexts
run, how they are called, and the event broker. ``Settings`` inherits them, so each is an
``EDU_<FIELD>`` variable like every other setting; all empty means one process."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TopologySettings(BaseModel):
    # A context whose URL is set is remote: its facade is called over HTTP there.
    identity_service_url: str = ""
    course_service_url: str = ""
    enrollment_service_url: str = ""
    payment_service_url: str = ""
    notification_service_url: str = ""
    serve_contexts: str = Field(
        default="",
        description="comma-separated contexts this process serves (empty: every context without a URL)",
    )

    # Service-to-service calls.
    # Empty outside production: generated into data_dir/service_secret (Settings.service_signing_secret).
    service_secret: str = ""
    service_token_ttl_seconds: int = Field(default=60, ge=5, le=3600)
    remote_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    remote_retries: int = Field(default=2, ge=0, le=10)
    remote_breaker_failures: int = Field(default=5, ge=1, le=1000)
    remote_breaker_reset_seconds: float = Field(default=5.0, gt=0, le=600)

    # Events over NATS JetStream; empty: delivered in-process (one-process mode only).
    broker_url: str = Field(default="", description="e.g. nats://127.0.0.1:4222")
    broker_stream: str = Field(default="EDU_EVENTS", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    broker_subject_prefix: str = Field(default="edu", pattern=r"^[A-Za-z0-9_-]{1,32}$")
    broker_max_attempts: int = Field(default=5, ge=1, le=100)
    broker_backoff_seconds: float = Field(default=1.0, gt=0, le=600)
    broker_ack_wait_seconds: float = Field(default=30.0, gt=0, le=3600)
    event_subscriptions: str = Field(
        default="",
        description="override of the default consumers: 'ctx.method=topic,topic;ctx.method=*'",
    )

    def service_url(self, context: str) -> str:
        """The base URL of ``context``'s service, or '' when it is not remote."""
        return getattr(self, f"{context}_service_url", "")
