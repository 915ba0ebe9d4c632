"""The Russian UI speaks Russian also where the text comes from the server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.seed import PASSWORD, unique_email
from tests.e2e.ui import open_course

pytestmark = pytest.mark.e2e


def _toast(page: Page, text: str):
    return page.locator("[data-sonner-toast]", has_text=text)


def test_errors_toasts_and_notifications_follow_the_chosen_language(page: Page, seeder):
    teacher = seeder.verified_teacher("Пётр Преподаватель")
    course = seeder.course(teacher, title="Основы Python", modules={"Начало": ["Установка", "Переменные"]})

    page.goto("/login")
    page.click("#lang-toggle")
    expect(page.locator("#lang-toggle")).to_have_text("English")
    page.reload()  # the choice is remembered
    expect(page.locator("#submit")).to_have_text("Войти")

    # A domain error from the identity context, translated.
    page.fill("#email", unique_email("nobody"))
    page.fill("#password", "wrong-password")
    page.click("#submit")
    expect(page.locator("[role=alert]")).to_have_text("Неверная почта или пароль")

    # Client-side validation codes, translated.
    page.goto("/signup")
    page.fill("#name", "Иван")
    page.fill("#email", "ivan@localhost")  # passes the browser's own check, not ours
    page.fill("#password", "short")
    page.click("#submit")
    expect(page.locator(".error-email")).to_have_text("Введите корректный адрес почты")
    expect(page.locator(".error-password")).to_have_text("Не менее 8 символов")

    email = unique_email("ivan")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#role-student")
    page.click("#submit")
    expect(page).to_have_url(re.compile(r"/my-learning$"))
    expect(page.locator("#role-badge")).to_have_text("Студент")

    # A role check in a page handler: the toast is Russian.
    page.goto("/admin")
    expect(_toast(page, "Доступ запрещён")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))

    open_course(page, course["id"])
    expect(page.locator("#enroll-panel")).to_contain_text("2 урока")  # Russian plural agreement
    expect(page).to_have_title("Основы Python · EduPlatform")  # the tab names the course
    page.click("#enroll")
    expect(_toast(page, "Вы записаны на курс")).to_be_visible()

    page.goto("/my-learning")
    expect(page.locator(".enrollment")).to_contain_text("0 / 2 урока")
    expect(page).to_have_title("Моё обучение · EduPlatform")
    expect(page.locator(".enrollment")).to_contain_text("Не начат")

    # Notifications are stored in English (the API contract) and shown in Russian.
    page.goto("/notifications")
    rows = page.locator(".notification")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Вы записаны на курс «Основы Python»")
    expect(rows.last).to_contain_text("Добро пожаловать в EduPlatform")
    expect(rows.last).to_contain_text("Здравствуйте, Иван!")

    # Switching language re-renders them in place.
    page.click("#lang-toggle")
    expect(rows.first).to_contain_text("You are enrolled in Основы Python")
    expect(rows.last).to_contain_text("Welcome to EduPlatform")


def test_unknown_address_shows_a_translated_not_found_page(page: Page):
    page.goto("/")
    page.evaluate("() => localStorage.setItem('edu_lang', 'ru')")
    page.goto("/no/such/page")
    expect(page.locator("#not-found")).to_contain_text("Страница не найдена")
    page.locator("#not-found a").click()
    expect(page).to_have_url(re.compile(r"/$"))
