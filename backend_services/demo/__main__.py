"""``python -m backend_services.demo``: create the demo content in the configured databases."""

from __future__ import annotations

import asyncio
import sys

from backend_services.bootstrap import build_platform
from backend_services.demo import ensure_demo_content
from backend_services.demo.content import DEMO_PASSWORD, DEMO_STUDENT, DEMO_TEACHER


async def main() -> int:
    platform = build_platform()
    if platform.settings.env == "production":
        print("demo content is never created in production (EDU_ENV=production)", file=sys.stderr)
        return 2
    await platform.start(run_sweeper=False, demo=False)
    try:
        created = await ensure_demo_content(platform)
        await platform.sweep_outboxes()  # the demo student's notifications, now
    finally:
        await platform.stop()
    print("created the demo content" if created else "the catalog is not empty: nothing to do")
    print(f"  teacher {DEMO_TEACHER[0]} / {DEMO_PASSWORD}\n  student {DEMO_STUDENT[0]} / {DEMO_PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
