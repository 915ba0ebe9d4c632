"""UI strings: the account by e-mail - verification, forgotten password (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "verify_banner": (
        "Please confirm your e-mail address: we sent you a link.",
        "Подтвердите адрес почты: мы отправили вам ссылку.",
    ),
    "resend_link": ("Send the link again", "Отправить ссылку ещё раз"),
    "verification_sent": ("We sent a new link to your e-mail", "Мы отправили новую ссылку на вашу почту"),
    "verify_title": ("E-mail confirmation", "Подтверждение почты"),
    "verify_checking": ("Checking the link…", "Проверяем ссылку…"),
    "verify_done": ("Your e-mail address is confirmed.", "Адрес почты подтверждён."),
    "verify_failed": (
        "This link is invalid or has expired. Log in and ask for a new one.",
        "Ссылка недействительна или устарела. Войдите и запросите новую.",
    ),
    "to_catalog": ("Go to the catalog", "Перейти в каталог"),
    "forgot_password": ("Forgot password?", "Забыли пароль?"),
    "forgot_title": ("Reset your password", "Сброс пароля"),
    "forgot_hint": (
        "Enter the e-mail address of your account and we will send you a link to choose a new password.",
        "Введите адрес почты вашего аккаунта, и мы пришлём ссылку для выбора нового пароля.",
    ),
    "send_link": ("Send the link", "Отправить ссылку"),
    "forgot_sent": (
        "If an account uses this address, a link to reset the password is on its way. Check your mailbox.",
        "Если этот адрес есть у какого-либо аккаунта, ссылка для сброса пароля уже в пути. Проверьте почту.",
    ),
    "back_to_login": ("Back to log in", "Вернуться ко входу"),
    "reset_title": ("Choose a new password", "Новый пароль"),
    "new_password": ("New password", "Новый пароль"),
    "confirm_password": ("Repeat the new password", "Повторите новый пароль"),
    "save_password": ("Save the password", "Сохранить пароль"),
    "passwords_differ": ("The passwords do not match", "Пароли не совпадают"),
    "reset_no_token": (
        "This page needs the link from the e-mail. Ask for a new one.",
        "Для этой страницы нужна ссылка из письма. Запросите новую.",
    ),
    "password_changed": (
        "Password changed. Log in with the new one.",
        "Пароль изменён. Войдите с новым паролем.",
    ),
}
