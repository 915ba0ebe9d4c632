"""Pages; importing a module registers its routes."""

from eduplatform.pages import (  # noqa: F401
    admin,
    analytics,
    auth,
    catalog,
    certificate,
    course,
    learning,
    lesson,
    not_found,
    quiz_editor,
    teacher,
)
