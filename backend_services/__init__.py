"""Bounded contexts of EduPlatform: identity, course, enrollment, payment, notification.

Nothing under this package imports ``reflex`` or ``eduplatform``; contexts talk
to each other only through their public facades (``<ctx>/facade.py``).
"""
