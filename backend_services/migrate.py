"""Migrate every context's database to head: ``python -m backend_services.migrate``."""

from __future__ import annotations

import sys

from backend_services.shared.migrations import upgrade_all
from backend_services.shared.settings import CONTEXTS, get_settings


def main() -> int:
    settings = get_settings()
    for name in CONTEXTS:
        print(f"{name:>12}: {settings.database_url(name)}")
    upgrade_all(settings)
    print("all contexts migrated to head")
    return 0


if __name__ == "__main__":
    sys.exit(main())
