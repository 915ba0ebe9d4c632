"""Where this process's events go: in-process to local consumers (one process, no broker),
or out through the broker (relay per local outbox, durable consumer per local subscriber)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from backend_services.shared.broker.bus import EventBus
from backend_services.shared.broker.consumer import DurableConsumer, EventHandler
from backend_services.shared.broker.inbox import Inbox
from backend_services.shared.broker.subscriptions import Subscription
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.settings import Settings
from backend_services.shared.topology import Topology, TopologyError

log = logging.getLogger(__name__)


def _only(subscription: Subscription, handler: EventHandler) -> EventHandler:
    if subscription.every_topic:
        return handler

    async def filtered(event: Event) -> None:
        if subscription.wants(event.topic):
            await handler(event)

    return filtered


class EventRouting:
    """Wires the local outboxes to the local (or broker-reached) consumers of their events."""

    def __init__(
        self,
        settings: Settings,
        topology: Topology,
        subscriptions: tuple[Subscription, ...],
        facades: Mapping[str, Any],
        outboxes: Mapping[str, Outbox],
    ) -> None:
        self.local_subscriptions = tuple(s for s in subscriptions if s.context in topology.local)
        self.handlers = {s: self._handler(facades, s) for s in self.local_subscriptions}
        self.outboxes = dict(outboxes)
        self.bus: EventBus | None = None
        self.consumers: list[DurableConsumer] = []
        uses_events = bool(self.outboxes or self.local_subscriptions)
        if settings.broker_url and uses_events:
            self._wire_broker(settings, topology, facades)
        elif topology.is_distributed and uses_events:
            raise TopologyError(
                "EDU_BROKER_URL is not set, but this process serves "
                f"{', '.join(topology.local)} while other contexts run elsewhere: events between "
                "services travel through the broker (e.g. EDU_BROKER_URL=nats://127.0.0.1:4222)"
            )
        else:
            self._wire_in_process()

    @staticmethod
    def _handler(facades: Mapping[str, Any], s: Subscription) -> EventHandler:
        handler: EventHandler | None = getattr(facades[s.context], s.handler, None)
        if not callable(handler):
            raise TopologyError(f"subscription {s.key}: the {s.context} facade has no method {s.handler}")
        return handler

    def _wire_in_process(self) -> None:
        # The one-process default: each outbox hands its events straight to the consumers.
        for outbox in self.outboxes.values():
            for s in self.local_subscriptions:
                outbox.subscribe(_only(s, self.handlers[s]), name=s.key)

    def _wire_broker(self, settings: Settings, topology: Topology, facades: Mapping[str, Any]) -> None:
        self.bus = EventBus(settings, client_name=f"eduplatform-{'+'.join(topology.local)}")
        for context, outbox in self.outboxes.items():
            outbox.subscribe(self.bus.publisher(context), name="broker")
        for s in self.local_subscriptions:
            inbox = getattr(facades[s.context], "inbox", None)
            if not isinstance(inbox, Inbox):
                raise TopologyError(
                    f"subscription {s.key}: the {s.context} facade has no `inbox` "
                    "(a processed-events table in its own database, see shared/broker/inbox.py)"
                )
            self.consumers.append(DurableConsumer(self.bus, s, self.handlers[s], inbox))

    async def start(self) -> None:
        if self.bus is None:
            return
        self.bus.start()
        for consumer in self.consumers:
            consumer.start()

    async def stop(self) -> None:
        for consumer in self.consumers:
            await consumer.stop()
        if self.bus is not None:
            await self.bus.close()
