"""A REST client of the five services, each at its own root (API.md's standalone mounting)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

PASSWORD = "secret-pass-123"
ADMIN = ("admin@eduplatform.com", "password123")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


class Api:
    def __init__(self, urls: dict[str, str], timeout: float = 30.0) -> None:
        self.http = {ctx: httpx.Client(base_url=url, timeout=timeout) for ctx, url in urls.items()}

    def close(self) -> None:
        for client in self.http.values():
            client.close()

    def call(self, ctx: str, method: str, path: str, token: str | None = None, **kw: Any) -> httpx.Response:
        headers = kw.pop("headers", {}) | (bearer(token) if token else {})
        return self.http[ctx].request(method, path, headers=headers, **kw)

    def ok(self, ctx: str, method: str, path: str, token: str | None = None, **kw: Any) -> Any:
        r = self.call(ctx, method, path, token, **kw)
        assert r.status_code < 300, f"{ctx} {method} {path}: {r.status_code} {r.text}"
        return r.json() if r.content else None

    # --- identity -------------------------------------------------------------------------

    def register(self, name: str, role: str = "student", email: str | None = None) -> tuple[str, str]:
        """(token, user id) of a new account."""
        body = {"email": email or unique_email(role), "password": PASSWORD, "name": name, "role": role}
        token = self.ok("identity", "POST", "/register", json=body)["access_token"]
        return token, self.ok("identity", "GET", "/me", token)["id"]

    def login(self, email: str, password: str = PASSWORD) -> str:
        return self.ok("identity", "POST", "/login", json={"email": email, "password": password})[
            "access_token"
        ]

    def verified_teacher(self, name: str = "Tess") -> tuple[str, str]:
        email = unique_email("teacher")
        token, user_id = self.register(name, role="teacher", email=email)
        admin = self.login(*ADMIN)
        pending = self.ok("identity", "GET", "/admin/teachers/pending", admin, params={"limit": 100})
        assert user_id in {t["id"] for t in pending["items"]}
        self.ok("identity", "PATCH", f"/admin/users/{user_id}/verify", admin)
        return self.login(email), user_id

    # --- course ---------------------------------------------------------------------------

    def course(self, teacher: str, title: str, *, price: str | None = None, lessons: int = 2) -> dict:
        body = {"title": title, "description": f"All about {title}", "is_free": price is None, "price": price}
        course = self.ok("course", "POST", "/courses", teacher, json=body)
        module = self.ok(
            "course", "POST", f"/courses/{course['id']}/modules", teacher, json={"title": "Basics"}
        )
        for i in range(lessons):
            self.ok(
                "course",
                "POST",
                f"/modules/{module['id']}/lessons",
                teacher,
                json={"title": f"Lesson {i + 1}", "content": f"# Lesson {i + 1}", "order": i},
            )
        return course

    def lesson_ids(self, course_id: str) -> list[str]:
        curriculum = self.ok("course", "GET", f"/courses/{course_id}/curriculum")
        return [lesson["id"] for m in curriculum["modules"] for lesson in m["lessons"]]

    # --- enrollment & notification --------------------------------------------------------

    def enroll(self, student: str, course_id: str, payment_id: str | None = None) -> httpx.Response:
        return self.call(
            "enrollment",
            "POST",
            "/enrollments",
            student,
            json={"course_id": course_id, "payment_id": payment_id},
        )

    def notifications(self, token: str) -> list[dict]:
        return self.ok("notification", "GET", "/notifications/me", token, params={"limit": 100})["items"]


def wait_until(
    check: Callable[[], Any], *, within: float, every: float = 0.25, what: str = "condition"
) -> Any:
    """Poll ``check`` until it returns a truthy value; fail with ``what`` after ``within`` seconds."""
    deadline = time.monotonic() + within
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except httpx.HTTPError as exc:  # a service still starting
            last = exc
        else:
            if last:
                return last
        time.sleep(every)
    raise AssertionError(f"{what} did not happen within {within} s (last: {last!r})")
