"""The UI's string table, one module per area of the app.

Each module of this package holds ``STRINGS: {key: (english, russian)}``; every module is
picked up (a new area needs no registration here), and keys are unique across modules
(checked at import, so two areas cannot silently claim the same key).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def areas() -> list[ModuleType]:
    """Every string module of this package, by name."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    ]


def merged() -> dict[str, tuple[str, str]]:
    """Every area's strings in one table; a key defined twice is an error."""
    table: dict[str, tuple[str, str]] = {}
    for area in areas():
        clash = table.keys() & area.STRINGS.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
        table.update(area.STRINGS)
    return table
