"""UI strings: quizzes, certificates, video progress (English, Russian)."""

STRINGS: dict[str, tuple[str, str]] = {
    # quiz in the lesson player
    "quiz": ("Quiz", "Тест"),
    "quiz_intro": ("Pass the quiz to complete this lesson.", "Чтобы завершить урок, сдайте тест."),
    "quiz_pass_mark": ("Pass mark", "Проходной балл"),
    "quiz_start": ("Start the quiz", "Начать тест"),
    "quiz_continue": ("Continue the quiz", "Продолжить тест"),
    "quiz_submit": ("Submit answers", "Отправить ответы"),
    "quiz_retry": ("Try again", "Попробовать ещё раз"),
    "quiz_attempt": ("Attempt", "Попытка"),
    "quiz_attempts_left": ("Attempts left", "Осталось попыток"),
    "quiz_unlimited": ("unlimited", "без ограничений"),
    "quiz_your_answer": ("Your answer", "Ваш ответ"),
    "quiz_passed": ("Passed", "Сдан"),
    "quiz_failed": ("Not passed", "Не сдан"),
    "quiz_score": ("Score", "Результат"),
    "quiz_correct": ("Correct", "Верно"),
    "quiz_wrong": ("Wrong", "Неверно"),
    "quiz_right_answer": ("Right answer", "Правильный ответ"),
    "quiz_pick_several": ("Choose all that apply", "Выберите все подходящие"),
    "quiz_no_attempts": ("No attempts left for this quiz.", "Попытки пройти этот тест закончились."),
    "quiz_history": ("Your attempts", "Ваши попытки"),
    "quiz_needed": ("Pass the quiz below to complete this lesson", "Сдайте тест ниже, чтобы завершить урок"),
    # quiz editor (teacher)
    "edit_quiz": ("Quiz", "Тест"),
    "quiz_editor_title": ("Lesson quiz", "Тест урока"),
    "quiz_markup": ("Questions", "Вопросы"),
    "quiz_markup_help": (
        "One question per block. '? question' with '+ right' and '- wrong' options; "
        "'?? question' when several options are right; '? question' with '= answer' lines "
        "for a short text answer.",
        "Один вопрос в блоке. «? вопрос» с вариантами «+ верный» и «- неверный»; "
        "«?? вопрос», если верных вариантов несколько; «? вопрос» со строками «= ответ» — "
        "для короткого текстового ответа.",
    ),
    "quiz_max_attempts": ("Attempt limit (empty: unlimited)", "Лимит попыток (пусто — без ограничений)"),
    "quiz_saved": ("Quiz saved", "Тест сохранён"),
    "quiz_deleted": ("Quiz removed", "Тест удалён"),
    "quiz_delete": ("Remove quiz", "Удалить тест"),
    "quiz_markup_empty": ("Write at least one question.", "Напишите хотя бы один вопрос."),
    "quiz_markup_orphan": (
        "Line {line}: an option before the first question.",
        "Строка {line}: вариант ответа до первого вопроса.",
    ),
    "quiz_markup_line": (
        "Line {line}: start it with ?, ??, +, - or =.",
        "Строка {line}: начните её с ?, ??, +, - или =.",
    ),
    "quiz_number_invalid": ("Enter whole numbers.", "Введите целые числа."),
}

STRINGS |= {
    # certificates
    "certificate": ("Certificate", "Сертификат"),
    "download_certificate": ("Download certificate", "Скачать сертификат"),
    "verify_certificate": ("Verification page", "Страница проверки"),
    "certificate_valid": ("Valid certificate", "Сертификат действителен"),
    "certificate_awarded_to": ("Awarded to", "Выдан"),
    "certificate_course": ("Course", "Курс"),
    "certificate_teacher": ("Teacher", "Преподаватель"),
    "certificate_date": ("Completed on", "Дата завершения"),
    "certificate_code": ("Verification code", "Код проверки"),
    "certificate_unknown": (
        "There is no certificate with this code.",
        "Сертификата с таким кодом нет.",
    ),
}

STRINGS |= {
    # video progress
    "video_watched": ("Watched", "Просмотрено"),
    "continue_where_left": ("Continue where you left off", "Продолжить с места остановки"),
}

STRINGS |= {
    # teacher analytics
    "analytics": ("Analytics", "Аналитика"),
    "analytics_students": ("Students", "Студенты"),
    "analytics_completion": ("Completion rate", "Доля завершивших"),
    "analytics_certificates": ("Certificates", "Сертификаты"),
    "analytics_revenue": ("Revenue", "Выручка"),
    "analytics_enrollments_over_time": ("Enrollments over time", "Записи на курс по дням"),
    "analytics_funnel": ("Lesson funnel", "Воронка по урокам"),
    "analytics_reached": ("Reached", "Дошли"),
    "analytics_completed": ("Completed", "Завершили"),
    "analytics_drop_off": ("Dropped off", "Отсеялись"),
    "analytics_quizzes": ("Quiz pass rates", "Сдача тестов"),
    "analytics_quiz_attempted": ("Attempted", "Пытались"),
    "analytics_quiz_passed": ("Passed", "Сдали"),
    "analytics_quiz_attempts": ("Attempts", "Попыток"),
    "analytics_ratings": ("Ratings", "Оценки"),
    "analytics_reviews": ("Reviews", "Отзывы"),
    "analytics_lesson": ("Lesson", "Урок"),
    "analytics_no_quizzes": ("No quizzes in this course yet.", "В этом курсе пока нет тестов."),
    "export_csv": ("Export CSV", "Экспорт в CSV"),
    "analytics_recent_attempts": ("Recent quiz attempts", "Последние попытки тестов"),
    "analytics_student": ("Student", "Студент"),
    "analytics_when": ("When", "Когда"),
    "analytics_no_attempts": ("No quiz attempts yet.", "Попыток тестов пока нет."),
}
