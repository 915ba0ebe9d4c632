"""Test data for the browser tests, created through the running app's REST API."""

from __future__ import annotations

import os
import time
import uuid

import httpx

# An app started elsewhere (E2E_BASE_URL, e.g. a container in production mode) has its own admin.
ADMIN = (
    os.environ.get("E2E_ADMIN_EMAIL", "admin@eduplatform.com"),
    os.environ.get("E2E_ADMIN_PASSWORD", "password123"),
)
PASSWORD = "secret-pass-123"


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


class Seeder:
    """Thin REST client for arranging data before a journey.

    Methods take and return the access token a login started with; access tokens are
    short-lived (tiny in the browser tests), so the seeder renews them with the login's
    refresh token whenever the app answers 401."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=f"{base_url}/api", timeout=30)
        self._pairs: dict[str, dict] = {}  # first access token -> the login's current pair
        self._accounts: dict[str, tuple[str, str]] = {}  # first access token -> (email, password)

    def _ok(self, response: httpx.Response) -> dict:
        assert response.status_code < 300, f"{response.request.url}: {response.text}"
        return response.json() if response.content else {}

    def _keep(self, pair: dict, email: str, password: str) -> str:
        token = pair["access_token"]
        self._pairs[token], self._accounts[token] = pair, (email, password)
        return token

    def _send(self, method: str, url: str, token: str | None = None, **kwargs) -> httpx.Response:
        response = self.http.request(method, url, headers=self._auth(token), **kwargs)
        if response.status_code == 401 and token in self._pairs:
            refresh = {"refresh_token": self._pairs[token]["refresh_token"]}
            self._pairs[token] = self._ok(self.http.post("/identity/refresh", json=refresh))
            response = self.http.request(method, url, headers=self._auth(token), **kwargs)
        return response

    def _auth(self, token: str | None) -> dict:
        if token is None:
            return {}
        return {"Authorization": f"Bearer {self._pairs.get(token, {}).get('access_token', token)}"}

    def token(self, email: str, password: str = PASSWORD) -> str:
        r = self.http.post("/identity/login", json={"email": email, "password": password})
        return self._keep(self._ok(r), email, password)

    def browser_login(self, token: str) -> dict:
        """A new login (token pair) for the account behind ``token``, for a browser to use."""
        email, password = self._accounts[token]
        return self._ok(self.http.post("/identity/login", json={"email": email, "password": password}))

    def register(self, email: str, name: str, role: str = "student") -> str:
        r = self.http.post(
            "/identity/register", json={"email": email, "password": PASSWORD, "name": name, "role": role}
        )
        return self._keep(self._ok(r), email, PASSWORD)

    def me(self, token: str) -> dict:
        return self._ok(self._send("GET", "/identity/me", token))

    def verified_teacher(self, name: str = "Tess Teacher", email: str = "") -> str:
        """Register a teacher, have the admin verify them, return a fresh token."""
        email = email or unique_email("teacher")
        token = self.register(email, name, role="teacher")
        admin = self.token(*ADMIN)
        user_id = self.me(token)["id"]
        self._ok(self._send("PATCH", f"/identity/admin/users/{user_id}/verify", admin))
        return self.token(email)

    def course(
        self,
        teacher: str,
        *,
        title: str,
        price: str | None = None,
        modules: dict[str, list[str]] | None = None,
        description: str = "",
    ) -> dict:
        body = {
            "title": title,
            "description": description or f"All about {title}.",
            "is_free": price is None,
            "price": price,
            "duration_minutes": 90,
            "level": "beginner",
        }
        course = self._ok(self._send("POST", "/course/courses", teacher, json=body))
        for m_order, (module_title, lessons) in enumerate((modules or {}).items()):
            module = self._ok(
                self._send(
                    "POST",
                    f"/course/courses/{course['id']}/modules",
                    teacher,
                    json={"title": module_title, "order": m_order},
                )
            )
            for l_order, lesson_title in enumerate(lessons):
                self._ok(
                    self._send(
                        "POST",
                        f"/course/modules/{module['id']}/lessons",
                        teacher,
                        json={
                            "title": lesson_title,
                            "content": f"# {lesson_title}\n\nSome **text**.",
                            "duration_minutes": 5,
                            "order": l_order,
                        },
                    )
                )
        return course

    def lesson(self, teacher: str, module_id: str, **body) -> dict:
        return self._ok(self._send("POST", f"/course/modules/{module_id}/lessons", teacher, json=body))

    def quiz(self, teacher: str, lesson_id: str, quiz: dict) -> dict:
        return self._ok(self._send("PUT", f"/course/lessons/{lesson_id}/quiz", teacher, json=quiz))

    def curriculum(self, course_id: str) -> dict:
        return self._ok(self.http.get(f"/course/courses/{course_id}/curriculum"))

    def enroll(self, student: str, course_id: str) -> dict:
        return self._ok(self._send("POST", "/enrollment/enrollments", student, json={"course_id": course_id}))

    def complete(self, student: str, course_id: str, lesson_id: str) -> dict:
        return self._ok(
            self._send(
                "POST",
                f"/enrollment/progress/lessons/{lesson_id}/complete",
                student,
                json={"course_id": course_id},
            )
        )

    def answer_quiz(self, student: str, course_id: str, lesson_id: str, answers: dict) -> dict:
        """Start (or resume) the lesson's quiz attempt and submit ``answers``; returns the grade."""
        base = f"/enrollment/quizzes/lessons/{lesson_id}/attempts"
        attempt = self._ok(self._send("POST", base, student, json={"course_id": course_id}))
        submit = f"{base}/{attempt['attempt_id']}/submit"
        return self._ok(self._send("POST", submit, student, json={"answers": answers}))

    def review(self, student: str, course_id: str, rating: int, comment: str) -> dict:
        body = {"course_id": course_id, "rating": rating, "comment": comment}
        return self._ok(self._send("POST", "/course/reviews", student, json=body))

    def wait_for_notifications(self, student: str, count: int, timeout: float = 10.0) -> None:
        """Notifications arrive through the outbox just after commit; wait until all are stored."""
        deadline = time.monotonic() + timeout
        while True:
            page = self._ok(self._send("GET", "/notification/notifications/me", student))
            if page["total"] >= count or time.monotonic() > deadline:
                assert page["total"] == count, page["total"]
                return
            time.sleep(0.2)
