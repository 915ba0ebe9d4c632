"""Who consumes which events: routing is configuration, not code per event.

A subscription names a consuming context, the facade method that handles an ``Event``
and the topics it receives (``*``: every topic any context publishes). The defaults
live in ``backend_services/wiring.py``; ``EDU_EVENT_SUBSCRIPTIONS`` replaces them, e.g.
``notification.handle_event=*;identity.send_mail=verification_mail_requested``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend_services.shared.settings import CONTEXTS

ALL_TOPICS = "*"
TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
HANDLER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Subscription:
    """``context``'s facade method ``handler`` receives events of ``topics``."""

    context: str
    handler: str
    topics: tuple[str, ...] = (ALL_TOPICS,)

    def __post_init__(self) -> None:
        if self.context not in CONTEXTS:
            raise ValueError(f"EDU_EVENT_SUBSCRIPTIONS: unknown consuming context {self.context!r}")
        if not HANDLER.match(self.handler):
            raise ValueError(f"EDU_EVENT_SUBSCRIPTIONS: bad handler name {self.handler!r}")
        for topic in self.topics:
            if topic != ALL_TOPICS and not TOPIC.match(topic):
                raise ValueError(f"EDU_EVENT_SUBSCRIPTIONS: bad topic {topic!r}")

    @property
    def key(self) -> str:
        """The durable consumer's name (also the key of its processed-events records)."""
        return f"{self.context}-{self.handler}"

    @property
    def every_topic(self) -> bool:
        return ALL_TOPICS in self.topics

    def wants(self, topic: str) -> bool:
        return self.every_topic or topic in self.topics


def parse_subscriptions(text: str) -> tuple[Subscription, ...]:
    """``ctx.method=topic,topic;ctx.method=*`` -> subscriptions (ValueError when malformed)."""
    subscriptions = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        target, sep, topics = part.partition("=")
        context, dot, handler = target.strip().partition(".")
        if not sep or not dot:
            raise ValueError(f"EDU_EVENT_SUBSCRIPTIONS: {part!r} is not 'context.method=topic[,topic]'")
        names = tuple(t.strip() for t in topics.split(",") if t.strip()) or (ALL_TOPICS,)
        subscriptions.append(Subscription(context.strip(), handler.strip(), names))
    return tuple(subscriptions)
