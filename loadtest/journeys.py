"""Request helpers shared by the Locust users: every request is named by its route
template, and "expected" statuses (409 already enrolled, ...) count as successes,
so Locust's failures mean real errors."""

from __future__ import annotations

import os
import random
import time
from typing import Any
from urllib.parse import urlencode

import jwt

from loadtest.learning_rows import RIGHT, WRONG
from loadtest.plan import PASSWORD, Sizes, email_of

SIZES = Sizes.for_scale(float(os.environ.get("EDU_SEED_SCALE", "1.0")))

# Substring terms hitting 1-10% of the seeded catalog each (see loadtest/words.py).
SEARCH_TERMS = [
    "python",
    "data",
    "design",
    "javascript",
    "sql",
    "marketing",
    "machine learning",
    "photography",
    "react",
    "statistics",
    "excel",
    "finance",
    "cloud",
    "security",
    "spanish",
    "rust",
    "kubernetes",
    "leadership",
    "music",
    "management",
]

COURSES = "/api/course/courses"
SEARCH = "/api/course/courses?q={term}"  # same route as COURSES, reported apart
COURSE = "/api/course/courses/{course_id}"
CURRICULUM = "/api/course/courses/{course_id}/curriculum"
LESSON = "/api/course/lessons/{lesson_id}"
REVIEWS = "/api/course/reviews/course/{course_id}"
PAYMENTS = "/api/payment/payments"
ENROLLMENTS = "/api/enrollment/enrollments"
MY_ENROLLMENTS = "/api/enrollment/enrollments/me"
COMPLETE = "/api/enrollment/progress/lessons/{lesson_id}/complete"
PROGRESS = "/api/enrollment/progress/courses/{course_id}"
PROGRESS_LESSONS = "/api/enrollment/progress/courses/{course_id}/lessons"
QUIZ_START = "/api/enrollment/quizzes/lessons/{lesson_id}/attempts"
QUIZ_SUBMIT = "/api/enrollment/quizzes/lessons/{lesson_id}/attempts/{attempt_id}/submit"
QUIZ_NEEDED = "Pass this lesson's quiz to complete it"
QUIZ_RIGHT_SHARE = 0.75  # how often a simulated student answers a seeded quiz right


def call(
    user,
    method: str,
    template: str,
    *,
    ok=(200,),
    params: dict | None = None,
    json: Any = None,
    name: str | None = None,
    **path: str,
) -> Any:
    """One request named ``template``; statuses in ``ok`` succeed. Returns the JSON body of a
    200/201, ``{}`` for another accepted status, None on failure."""
    url = template.format(**path)
    if params:
        url += "?" + urlencode(params)
    if getattr(user, "access_expires_at", None) and time.time() > user.access_expires_at - 60:
        refresh(user)  # access tokens live 15 minutes; a long run renews them like a client would
    headers = getattr(user, "auth_headers", None) or {}
    with user.client.request(
        method, url, name=name or template, json=json, headers=headers, catch_response=True
    ) as response:
        if response.status_code in ok:
            response.success()
            if response.status_code in (200, 201) and response.text:
                return response.json()
            return {}
        response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
        return None


def login(user, index: int) -> bool:
    """Log in as seeded user ``index`` and keep the token pair on the user."""
    body = call(user, "POST", "/api/identity/login", json={"email": email_of(index), "password": PASSWORD})
    return _keep_tokens(user, body)


def refresh(user) -> bool:
    """Renew the access token with the refresh token (which is spent and replaced)."""
    user.access_expires_at = None  # no recursion through call()
    body = call(user, "POST", "/api/identity/refresh", json={"refresh_token": user.refresh_token})
    return _keep_tokens(user, body)


def _keep_tokens(user, body) -> bool:
    if not body:
        return False
    user.auth_headers = {"Authorization": f"Bearer {body['access_token']}"}
    user.refresh_token = body.get("refresh_token")
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    user.access_expires_at = float(claims["exp"]) if user.refresh_token else None
    return True


def random_student() -> int:
    return random.choice(SIZES.students)


def random_verified_teacher() -> int:
    return random.choice(SIZES.verified_teachers)


def catalog_offset(total: int, limit: int) -> int:
    """Half the visits read the first pages, half land anywhere in the catalog."""
    last = max(0, total - limit)
    if random.random() < 0.5:
        return min(last, random.randrange(5) * limit)
    return random.randint(0, last)


def browse(user, limit: int = 20) -> list[dict]:
    total = getattr(user, "catalog_total", None) or SIZES.courses
    offset = catalog_offset(total, limit)
    page = call(user, "GET", COURSES, params={"limit": limit, "offset": offset})
    if not page:
        return []
    user.catalog_total = page.get("total") or total
    return page.get("items") or []


def curriculum_lessons(user, course_id: str) -> list[str]:
    body = call(user, "GET", CURRICULUM, course_id=course_id, ok=(200, 404))
    if not body:
        return []
    return [lesson["id"] for module in body.get("modules", []) for lesson in module["lessons"]]


def enroll(user, course: dict) -> bool:
    """Pay first for a paid course (amount = price), then enroll. Already paid or already
    enrolled (409) are normal outcomes for a returning student: with an earlier payment
    the server finds it without a payment_id."""
    body = {"course_id": course["id"]}
    if not course.get("is_free", True):
        payment = call(
            user,
            "POST",
            PAYMENTS,
            ok=(201, 409),
            json={"course_id": course["id"], "amount": str(course["price"])},
        )
        if payment is None:
            return False
        if payment.get("id"):
            body["payment_id"] = payment["id"]
    return call(user, "POST", ENROLLMENTS, ok=(201, 409), json=body) is not None


def complete(user, course_id: str, lesson_id: str) -> None:
    call(user, "POST", COMPLETE, ok=(201, 409), json={"course_id": course_id}, lesson_id=lesson_id)


def complete_or_quiz(user, course_id: str, lesson_id: str) -> bool:
    """Complete a lesson; True when the server wants its quiz passed first (a 409 we expect)."""
    url = COMPLETE.format(lesson_id=lesson_id)
    headers = getattr(user, "auth_headers", None) or {}
    with user.client.request(
        "POST", url, name=COMPLETE, json={"course_id": course_id}, headers=headers, catch_response=True
    ) as response:
        if response.status_code == 201:
            response.success()
            return False
        if response.status_code == 409:
            response.success()
            return QUIZ_NEEDED in (response.text or "")
        response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
    return False


def take_quiz(user, course_id: str, lesson_id: str) -> bool:
    """Start (or resume) the lesson's quiz and submit answers; True when it passed."""
    paper = call(user, "POST", QUIZ_START, ok=(201, 409), json={"course_id": course_id}, lesson_id=lesson_id)
    if not paper or "attempt_id" not in paper:
        return True  # passed already (409), nothing left to do here
    answers = RIGHT if random.random() < QUIZ_RIGHT_SHARE else WRONG
    known = {q["id"] for q in paper["questions"]}
    result = call(
        user,
        "POST",
        QUIZ_SUBMIT,
        ok=(200, 409),
        json={"answers": {k: v for k, v in answers.items() if k in known}},
        lesson_id=lesson_id,
        attempt_id=paper["attempt_id"],
    )
    return bool(result and result.get("passed"))
