"""The planning mix plus a steady stream of logins (argon2 verification on every one).

    EDU_LOGIN_USERS=60 locust -f loadtest/login_locustfile.py ...

``EDU_LOGIN_USERS`` users each log in once a second as a random seeded student (so the
stream is ``EDU_LOGIN_USERS`` logins/s while the app keeps up); every other user follows
the planning mix of ``loadtest/locustfile.py``. The logins are reported under their own
name, apart from the mix's own logins at start. ``python -m loadtest.bench_logins``
compares the mix with and without this stream.
"""

from __future__ import annotations

import os

from locust import FastHttpUser, constant_throughput, task

from loadtest import journeys as j
from loadtest.locustfile import LessonUser, SearchUser, StudentUser, TeacherUser
from loadtest.plan import PASSWORD, email_of

STREAM_NAME = "/api/identity/login (login stream)"
LOGIN_STREAM = f"POST {STREAM_NAME}"  # as the request log names it
__all__ = ["LessonUser", "LoginUser", "SearchUser", "StudentUser", "TeacherUser"]


class LoginUser(FastHttpUser):
    """Logs in once a second, like people arriving at the log-in page."""

    fixed_count = int(os.environ.get("EDU_LOGIN_USERS", "60"))
    wait_time = constant_throughput(1)

    @task
    def log_in(self) -> None:
        body = {"email": email_of(j.random_student()), "password": PASSWORD}
        j.call(self, "POST", "/api/identity/login", json=body, name=STREAM_NAME)
