"""Pages; importing a module registers its routes."""

from eduplatform.pages import admin, auth, catalog, course, learning, lesson, not_found, teacher  # noqa: F401
