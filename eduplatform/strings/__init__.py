"""The UI's string table, one module per area of the app.

Each module holds ``STRINGS: {key: (english, russian)}``; keys are unique across modules
(checked at import, so two areas cannot silently claim the same key).
"""

from __future__ import annotations

from eduplatform.strings import (
    admin,
    auth,
    catalog,
    course,
    learning,
    lesson,
    navigation,
    student,
    teacher,
    toasts,
)

AREAS = (navigation, catalog, course, lesson, auth, student, teacher, admin, toasts, learning)


def merged() -> dict[str, tuple[str, str]]:
    """Every area's strings in one table; a key defined twice is an error."""
    table: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        clash = table.keys() & area.STRINGS.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
        table.update(area.STRINGS)
    return table
