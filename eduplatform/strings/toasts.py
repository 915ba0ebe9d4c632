"""UI strings: messages from event handlers (toasts) (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "access_denied": ("Access denied", "Доступ запрещён"),
    "enrolled_toast": ("Enrolled", "Вы записаны на курс"),
    "payment_done": ("Payment completed", "Оплата прошла"),
    "verified_toast": ("{name} verified", "{name}: аккаунт подтверждён"),
    "module_title_required": ("Enter a module title", "Введите название модуля"),
}
