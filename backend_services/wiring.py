"""What the composition root needs to know about the contexts, as data: each context's
facade class, which other contexts it calls, and who consumes which events.

Adding a facade method or an event needs nothing here. Adding a port (context A starts
calling context B) adds B to ``NEEDS[A]``; a new event consumer adds a ``Subscription``.
"""

from __future__ import annotations

from backend_services.course.facade import CourseFacade
from backend_services.enrollment.facade import EnrollmentFacade
from backend_services.identity.account_mail import MAIL_TOPICS
from backend_services.identity.facade import IdentityFacade
from backend_services.notification.facade import NotificationFacade
from backend_services.payment.facade import PaymentFacade
from backend_services.shared.broker.subscriptions import Subscription, parse_subscriptions
from backend_services.shared.settings import Settings

FACADES: dict[str, type] = {
    "identity": IdentityFacade,
    "course": CourseFacade,
    "enrollment": EnrollmentFacade,
    "payment": PaymentFacade,
    "notification": NotificationFacade,
}

# Which contexts each context calls through its ports (a standalone service refuses to
# start when one of these is neither served by it nor reachable by URL).
NEEDS: dict[str, tuple[str, ...]] = {
    "identity": (),
    "course": ("enrollment",),
    "enrollment": ("course", "payment", "identity"),
    "payment": ("course",),
    "notification": (),
}

# Event consumers: notification turns whatever it knows into notifications and ignores
# the rest, so it takes every topic and a new event needs no routing change. Identity
# mails the links its own account events ask for (verification, password reset).
SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription("notification", "handle_event"),
    Subscription("identity", "send_account_mail", tuple(sorted(MAIL_TOPICS))),
    # A completed course gets its certificate through the same event as its notification.
    Subscription("enrollment", "issue_certificate", ("course_completed",)),
)


def subscriptions(settings: Settings) -> tuple[Subscription, ...]:
    """The configured consumers (``EDU_EVENT_SUBSCRIPTIONS``) or the defaults above."""
    if settings.event_subscriptions.strip():
        return parse_subscriptions(settings.event_subscriptions)
    return SUBSCRIPTIONS
