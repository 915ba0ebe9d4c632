"""Pages; importing a module registers its routes."""

from eduplatform.pages import (  # noqa: F401
    account,
    admin,
    analytics,
    auth,
    catalog,
    certificate,
    course,
    learning,
    lesson,
    not_found,
    ops,
    quiz_editor,
    teacher,
)
