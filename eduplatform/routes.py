"""Every URL of the UI in one place (pages and links import these)."""

CATALOG = "/"
LOGIN = "/login"
SIGNUP = "/signup"
# The mailed links open these two (backend_services/identity/account_mail.py).
VERIFY_EMAIL = "/verify-email"
RESET_PASSWORD = "/reset-password"
FORGOT_PASSWORD = "/forgot-password"
COURSE = "/courses/[course_id]"
LESSON = "/learn/[course_id]/[lesson_id]"
MY_LEARNING = "/my-learning"
NOTIFICATIONS = "/notifications"
TEACHER_COURSES = "/teacher/courses"
TEACHER_NEW_COURSE = "/teacher/new"
TEACHER_EDIT_COURSE = "/teacher/courses/[course_id]/edit"
TEACHER_STUDENTS = "/teacher/courses/[course_id]/students"
ADMIN = "/admin"
ADMIN_OPS = "/admin/ops"
TEACHER_QUIZ = "/teacher/courses/[course_id]/lessons/[lesson_id]/quiz"
CERTIFICATE = "/certificates/[code]"
TEACHER_ANALYTICS = "/teacher/courses/[course_id]/analytics"


def course(course_id) -> str:
    return f"/courses/{course_id}"


def lesson(course_id, lesson_id) -> str:
    return f"/learn/{course_id}/{lesson_id}"


def edit_course(course_id) -> str:
    return f"/teacher/courses/{course_id}/edit"


def course_students(course_id) -> str:
    return f"/teacher/courses/{course_id}/students"


def quiz_editor(course_id, lesson_id) -> str:
    return f"/teacher/courses/{course_id}/lessons/{lesson_id}/quiz"


def certificate(code) -> str:
    return f"/certificates/{code}"


def course_analytics(course_id) -> str:
    return f"/teacher/courses/{course_id}/analytics"
