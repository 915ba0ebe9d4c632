"""Create the missing per-context databases and migrate every context to head.

    .venv/bin/python scripts/prepare_databases.py

Reads the same ``EDU_*`` settings as the app (``EDU_POSTGRES_SERVER`` ->
``eduplatform_<ctx>``). SQLite files are created by the migration itself.
"""

from __future__ import annotations

import asyncio
import sys

from backend_services.shared.migrations import upgrade_all
from backend_services.shared.settings import CONTEXTS, get_settings
from loadtest.pg_writer import ensure_databases


def main() -> int:
    settings = get_settings()
    urls = [settings.database_url(c) for c in CONTEXTS]
    postgres = [u for u in urls if u.startswith("postgresql")]
    if postgres:
        for name in asyncio.run(ensure_databases(postgres)):
            print(f"created database {name}")
    upgrade_all(settings)
    print("all contexts migrated to head")
    return 0


if __name__ == "__main__":
    sys.exit(main())
