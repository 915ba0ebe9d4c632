"""Durable consumers: each subscription reads its topics through a JetStream durable consumer
(the broker remembers its position across restarts of either side), skips events its
context already handled, acknowledges after handling, retries a failure with growing
delays and, after ``EDU_BROKER_MAX_ATTEMPTS``, moves the message to the dead-letter stream."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from prometheus_client import Counter

from backend_services.shared.broker.bus import MSG_ID, EventBus, decode_event
from backend_services.shared.broker.inbox import Inbox
from backend_services.shared.broker.subscriptions import Subscription
from backend_services.shared.outbox import Event

log = logging.getLogger(__name__)

EventHandler = Callable[[Event], Awaitable[None]]
FETCH_BATCH = 20
FETCH_WAIT_SECONDS = 2.0
MAX_BACKOFF_SECONDS = 60.0
RESUBSCRIBE_SECONDS = 1.0

CONSUMED = Counter("broker_events_total", "Events taken from the broker", ["consumer", "outcome"])


def backoff_seconds(base: float, attempt: int) -> float:
    """Delay before redelivering after the ``attempt``-th failure (1, 2, 4, ... x base, capped)."""
    return min(MAX_BACKOFF_SECONDS, base * 2.0 ** max(0, attempt - 1))


class DurableConsumer:
    """Runs one subscription of one context: a task per durable consumer of the broker."""

    def __init__(
        self, bus: EventBus, subscription: Subscription, handler: EventHandler, inbox: Inbox
    ) -> None:
        self.bus = bus
        self.subscription = subscription
        self.handler = handler
        self.inbox = inbox
        self._tasks: list[asyncio.Task[None]] = []

    def durables(self) -> list[tuple[str, str]]:
        """(durable name, filter subject) pairs: one per topic (NATS 2.9 filters one subject per
        consumer), one for every topic, and one for replays from the dead-letter stream."""
        s, key = self.bus.subjects, self.subscription.key
        if self.subscription.every_topic:
            pairs = [(f"{key}--all", s.every_event)]
        else:
            pairs = [(f"{key}--{topic}", s.event(topic)) for topic in self.subscription.topics]
        return [*pairs, (f"{key}--replay", s.replays_for(key))]

    def start(self) -> None:
        for durable, subject in self.durables():
            self._tasks.append(asyncio.create_task(self._run(durable, subject), name=f"consumer {durable}"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    def _config(self, durable: str, subject: str) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=durable,
            filter_subject=subject,
            ack_policy=AckPolicy.EXPLICIT,
            # A new consumer starts at the oldest retained event: events published before
            # it first ran are not lost, and the processed-events record skips repeats.
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.bus.settings.broker_ack_wait_seconds,
            max_deliver=-1,  # attempts are counted here, so the message ends in the DLQ, not limbo
            max_ack_pending=1000,
        )

    async def _run(self, durable: str, subject: str) -> None:
        await self.bus.wait_ready()
        while True:
            subscription = None
            try:
                subscription = await self.bus.js.pull_subscribe(
                    subject,
                    durable=durable,
                    stream=self.bus.subjects.stream,
                    config=self._config(durable, subject),
                )
                while True:
                    try:
                        messages = await subscription.fetch(FETCH_BATCH, timeout=FETCH_WAIT_SECONDS)
                    except NatsTimeout:
                        continue
                    for msg in messages:
                        await self.handle(msg)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the broker went away: subscribe again
                log.warning("consumer %s: %s; subscribing again", durable, exc)
                if subscription is not None:
                    with contextlib.suppress(Exception):
                        await subscription.unsubscribe()
                await asyncio.sleep(RESUBSCRIBE_SECONDS)

    async def handle(self, msg: Msg) -> None:
        """Handle one delivery: skip, handle + record + ack, retry later, or dead-letter."""
        key = self.subscription.key
        attempts = msg.metadata.num_delivered
        try:
            event = decode_event(msg.data)
        except (ValueError, KeyError, TypeError) as exc:
            await self.dead_letter(msg, None, f"malformed event: {exc}", attempts)
            return
        if not self.subscription.wants(event.topic):  # a replay of a topic it no longer takes
            await msg.ack()
            return
        try:
            if await self.inbox.seen(key, event.id):
                CONSUMED.labels(key, "duplicate").inc()
                await msg.ack()
                return
            await self.handler(event)
            await self.inbox.record(key, event)
        except Exception as exc:  # noqa: BLE001 - any failure is retried, then dead-lettered
            if attempts >= self.bus.settings.broker_max_attempts:
                await self.dead_letter(msg, event, f"{type(exc).__name__}: {exc}", attempts)
                return
            delay = backoff_seconds(self.bus.settings.broker_backoff_seconds, attempts)
            log.warning(
                "consumer %s: %s %s failed (attempt %d), retry in %.1f s: %s",
                *(key, event.topic, event.id, attempts, delay, exc),
            )
            CONSUMED.labels(key, "retried").inc()
            await msg.nak(delay=delay)
            return
        CONSUMED.labels(key, "handled").inc()
        await msg.ack()

    async def dead_letter(self, msg: Msg, event: Event | None, error: str, attempts: int) -> None:
        """Park the message in the DLQ stream, then acknowledge it here."""
        key = self.subscription.key
        topic = event.topic if event else "malformed"
        stream_seq = msg.metadata.sequence.stream
        headers = {
            # Publishing again after a crash before the ack is dropped as a duplicate.
            MSG_ID: f"dlq-{key}-{msg.metadata.stream}-{stream_seq}",
            "Edu-Consumer": key,
            "Edu-Event-Id": str(event.id) if event else str(uuid.UUID(int=0)),
            "Edu-Topic": topic,
            "Edu-Error": error[:500].replace("\r", " ").replace("\n", " "),
            "Edu-Attempts": str(attempts),
            "Edu-Original-Subject": msg.subject,
        }
        await self.bus.publish_raw(self.bus.subjects.dead(key, topic), msg.data, headers)
        what = event.id if event else "a malformed message"
        log.error("consumer %s: %s dead-lettered after %d attempts: %s", key, what, attempts, error)
        CONSUMED.labels(key, "dead_lettered").inc()
        await msg.ack()
