"""A student finishes a course, downloads the certificate, and a stranger verifies it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.seed import unique_email
from tests.e2e.ui import log_in

pytestmark = pytest.mark.e2e


def test_download_and_verify_a_certificate(new_page, seeder, tmp_path):
    teacher = seeder.verified_teacher(name="Пётр Учитель")
    course = seeder.course(teacher, title="Сертификатный курс", modules={"M": ["One", "Two"]})
    lessons = [lesson["id"] for lesson in seeder.curriculum(course["id"])["modules"][0]["lessons"]]
    email = unique_email("graduate")
    student = seeder.register(email, "Анна Выпускница")
    seeder.enroll(student, course["id"])
    for lesson in lessons:
        seeder.complete(student, course["id"], lesson)
    seeder.wait_for_notifications(student, 4)  # welcome, enrollment, completion, certificate

    page = new_page()
    log_in(page, email)
    page.goto("/my-learning")
    with page.expect_download() as download:
        page.locator(".download-certificate").click()
    saved = tmp_path / "certificate.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert re.fullmatch(r"certificate-[A-Z0-9-]+\.pdf", download.value.suggested_filename)
    href = page.locator(".verify-link").get_attribute("href")

    stranger = new_page()  # not signed in
    stranger.goto(href)
    expect(stranger.locator("#certificate-valid")).to_be_visible()
    expect(stranger.locator("#certificate-student")).to_have_text("Анна Выпускница")
    expect(stranger.locator("#certificate-teacher")).to_have_text("Пётр Учитель")
    expect(stranger.locator("#certificate-course")).to_have_text("Сертификатный курс")
    stranger.goto("/certificates/ZZZZ-ZZZZ-ZZZZ")
    expect(stranger.locator("#certificate-unknown")).to_be_visible()
