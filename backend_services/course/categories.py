"""The catalog's categories: a fixed, curated list every installation starts with.

Ids are derived from the slug (uuid5), so the migration that inserts them, the seeder
and a fresh SQLite file all agree on them without a lookup.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1d2c55-3a9e-4c1b-9a57-1c7e0d9f4b21")

# (slug, English name); the UI translates by slug.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("programming", "Programming"),
    ("data-science", "Data Science"),
    ("design", "Design"),
    ("business", "Business"),
    ("it-and-cloud", "IT & Cloud"),
    ("arts", "Arts & Photography"),
    ("languages", "Languages"),
    ("personal-development", "Personal Development"),
)


def category_id(slug: str) -> uuid.UUID:
    """The stable id of the category with this slug."""
    return uuid.uuid5(NAMESPACE, slug)
