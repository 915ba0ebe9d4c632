"""UI strings: the admin's operations view (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    "ops": ("Operations", "Эксплуатация"),
    "ops_title": ("Operations", "Состояние платформы"),
    "ops_subtitle": (
        "Live figures of every app worker, refreshed every few seconds.",
        "Показатели всех рабочих процессов приложения, обновляются каждые несколько секунд.",
    ),
    "ops_updated": ("Updated", "Обновлено"),
    "ops_paused": ("Paused", "Обновление остановлено"),
    "ops_resume": ("Resume", "Продолжить"),
    "ops_rps": ("Requests/s", "Запросов/с"),
    "ops_p95": ("p95, ms", "p95, мс"),
    "ops_p99": ("p99, ms", "p99, мс"),
    "ops_errors": ("Errors (5xx)", "Ошибки (5xx)"),
    "ops_in_flight": ("In flight", "В обработке"),
    "ops_ui_sessions": ("UI sessions", "Сеансы интерфейса"),
    "ops_peak": ("peak", "пик"),
    "ops_routes": ("Routes", "Маршруты"),
    "ops_route": ("Route", "Маршрут"),
    "ops_no_traffic": ("No requests since the last refresh.", "С прошлого обновления запросов не было."),
    "ops_pools": ("Database connections", "Соединения с базами данных"),
    "ops_context": ("Context", "Контекст"),
    "ops_in_use": ("in use", "занято"),
    "ops_no_pools": (
        "No connection pools: the embedded SQLite databases open a connection per use.",
        "Пулов соединений нет: встроенные базы SQLite открывают соединение на каждое обращение.",
    ),
    "ops_backlog": ("Outbox backlog", "Очередь событий (outbox)"),
    "ops_pending": ("waiting", "ожидают"),
    "ops_waiting_data": (
        "Collecting the first interval…",
        "Собираем данные за первый интервал…",
    ),
}
