"""UI strings: admin (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "pending_teachers": ("Teachers waiting for verification", "Преподаватели, ожидающие проверки"),
    "verify": ("Verify", "Подтвердить"),
    "no_pending": ("No teachers are waiting.", "Никто не ожидает проверки."),
}
