"""Events over NATS JetStream: the connection, the two streams, and publishing.

Stream ``<EDU_BROKER_STREAM>`` (file storage) holds ``<prefix>.events.<topic>`` (what the
outbox relays publish) and ``<prefix>.replay.<consumer>.<topic>`` (dead letters an
operator sends back to one consumer); ``<EDU_BROKER_STREAM>_DLQ`` holds
``<prefix>.dlq.<consumer>.<topic>``. The broker drops a message whose ``Nats-Msg-Id``
(the event id) it has seen within the duplicate window, so a relay that publishes again
after a lost acknowledgement does not double it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from backend_services.shared.outbox import Event
from backend_services.shared.settings import Settings

log = logging.getLogger(__name__)

EVENTS_MAX_AGE_SECONDS = 7 * 24 * 3600  # how long a consumer may be away without losing events
DUPLICATE_WINDOW_SECONDS = 10 * 60
PUBLISH_TIMEOUT_SECONDS = 2.0
CONNECT_RETRY_SECONDS = 1.0
MSG_ID = "Nats-Msg-Id"


class BrokerUnavailable(ConnectionError):
    """Not connected to the broker: the outbox keeps the event and the sweep tries again."""


@dataclass(frozen=True)
class Subjects:
    """Subject and stream names under one prefix (tests use their own)."""

    prefix: str
    stream: str

    @property
    def dlq_stream(self) -> str:
        return f"{self.stream}_DLQ"

    def event(self, topic: str) -> str:
        return f"{self.prefix}.events.{topic}"

    @property
    def every_event(self) -> str:
        return f"{self.prefix}.events.>"

    def replay(self, consumer: str, topic: str) -> str:
        return f"{self.prefix}.replay.{consumer}.{topic}"

    def replays_for(self, consumer: str) -> str:
        return f"{self.prefix}.replay.{consumer}.>"

    def dead(self, consumer: str, topic: str) -> str:
        return f"{self.prefix}.dlq.{consumer}.{topic}"

    @property
    def every_dead(self) -> str:
        return f"{self.prefix}.dlq.>"


def encode_event(event: Event) -> bytes:
    return json.dumps({"id": str(event.id), "topic": event.topic, "payload": event.payload}).encode()


def decode_event(data: bytes) -> Event:
    """The event in a message (ValueError/KeyError/TypeError when malformed)."""
    body = json.loads(data)
    return Event(id=uuid.UUID(str(body["id"])), topic=str(body["topic"]), payload=dict(body["payload"]))


class EventBus:
    """One process's connection to the broker; connects (and reconnects) in the background."""

    def __init__(self, settings: Settings, *, client_name: str) -> None:
        self.settings = settings
        self.subjects = Subjects(settings.broker_subject_prefix, settings.broker_stream)
        self._client_name = client_name
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._ready = asyncio.Event()
        self._connector: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected and self._ready.is_set()

    @property
    def js(self) -> JetStreamContext:
        if self._js is None:
            raise BrokerUnavailable("not connected to the broker")
        return self._js

    def start(self) -> None:
        """Connect in the background: a process starts even while the broker is down."""
        if self._connector is None:
            self._connector = asyncio.create_task(self._connect_forever(), name="broker-connect")

    async def wait_ready(self) -> None:
        await self._ready.wait()

    async def _connect_forever(self) -> None:
        while True:
            try:
                await self.connect()
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - keep trying; the outbox keeps the events
                log.warning("broker %s not reachable yet: %s", self.settings.broker_url, exc)
                await self._close_client()
                await asyncio.sleep(CONNECT_RETRY_SECONDS)

    async def connect(self) -> None:
        """Connect once and make sure both streams exist."""
        self._nc = await nats.connect(
            self.settings.broker_url,
            name=self._client_name,
            connect_timeout=2,
            reconnect_time_wait=0.5,
            max_reconnect_attempts=-1,  # a restarted broker is found again, however long it takes
            error_cb=self._on_error,
            disconnected_cb=self._on_disconnected,
            reconnected_cb=self._on_reconnected,
        )
        self._js = self._nc.jetstream(timeout=5)
        await self.ensure_streams()
        self._ready.set()
        log.info("connected to broker %s", self.settings.broker_url)

    async def ensure_streams(self) -> None:
        s = self.subjects
        await self._ensure_stream(
            StreamConfig(
                name=s.stream,
                subjects=[s.every_event, f"{s.prefix}.replay.>"],
                storage=StorageType.FILE,
                retention=RetentionPolicy.LIMITS,
                discard=DiscardPolicy.OLD,
                max_age=EVENTS_MAX_AGE_SECONDS,
                duplicate_window=DUPLICATE_WINDOW_SECONDS,
            )
        )
        await self._ensure_stream(
            StreamConfig(
                name=s.dlq_stream,
                subjects=[s.every_dead],
                storage=StorageType.FILE,
                retention=RetentionPolicy.LIMITS,
                duplicate_window=DUPLICATE_WINDOW_SECONDS,
            )
        )

    async def _ensure_stream(self, config: StreamConfig) -> None:
        js = self.js
        if config.name is None:
            raise RuntimeError("a stream is looked up by its name")
        try:
            await js.stream_info(config.name)
        except NotFoundError:
            with contextlib.suppress(BadRequestError):  # created concurrently
                await js.add_stream(config)

    async def publish(self, event: Event, *, producer: str) -> None:
        """Publish one outbox event and wait for the broker to store it (raises when it did not)."""
        if not self.connected:
            raise BrokerUnavailable("not connected to the broker")
        headers = {MSG_ID: str(event.id), "Edu-Producer": producer}
        await self.js.publish(
            self.subjects.event(event.topic),
            encode_event(event),
            headers=headers,
            timeout=PUBLISH_TIMEOUT_SECONDS,
            stream=self.subjects.stream,
        )

    def publisher(self, producer: str) -> Callable[[Event], Awaitable[None]]:
        """An outbox handler that relays ``producer``'s events to the broker."""

        async def relay(event: Event) -> None:
            await self.publish(event, producer=producer)

        return relay

    async def publish_raw(self, subject: str, data: bytes, headers: dict[str, Any]) -> None:
        await self.js.publish(subject, data, headers=headers, timeout=PUBLISH_TIMEOUT_SECONDS)

    async def _on_error(self, exc: Exception) -> None:
        log.debug("broker connection: %s", exc)

    async def _on_disconnected(self) -> None:
        log.warning("disconnected from broker %s", self.settings.broker_url)

    async def _on_reconnected(self) -> None:
        log.info("reconnected to broker %s", self.settings.broker_url)

    async def _close_client(self) -> None:
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.close()
        self._nc = None
        self._js = None

    async def close(self) -> None:
        if self._connector is not None:
            self._connector.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connector
            self._connector = None
        self._ready.clear()
        await self._close_client()
