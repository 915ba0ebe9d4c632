"""Password guessing against one account, with the abuse limits off and on.

    .venv/bin/python scripts/bench_login_guessing.py [--attempts 300]

Runs the real API in-process on fresh SQLite files (a temp folder) and sends wrong
passwords for one account, first from one client address, then from a new address per
attempt (X-Forwarded-For from a trusted proxy). Prints the answers per status, the
wall time of each run (refused guesses cost no argon2 verification) and whether the owner
still logs in from the address they used before the attack.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import tempfile
import time
from pathlib import Path

from httpx import ASGITransport, AsyncClient

from backend_services.api import create_api
from backend_services.bootstrap import build_platform, set_platform
from backend_services.shared.migrations import upgrade_all
from backend_services.shared.settings import Settings

EMAIL, PASSWORD, HOME = "victim@example.com", "the-right-password", "198.51.100.9"


async def run(folder: Path, *, limits: bool, spread: bool, attempts: int) -> tuple[dict, float, int]:
    settings = Settings(
        _env_file=None,
        env="test",
        data_dir=folder / f"run-{limits}-{spread}",
        rate_limits_enabled=limits,
        trusted_proxies="127.0.0.1",
    )
    await asyncio.to_thread(upgrade_all, settings)
    platform = build_platform(settings)
    set_platform(platform)
    await platform.start(run_sweeper=False)
    transport = ASGITransport(app=create_api(with_lifespan=False))
    async with AsyncClient(transport=transport, base_url="http://bench") as http:
        await http.post("/api/identity/register", json={"email": EMAIL, "password": PASSWORD, "name": "V"})
        owner_login = {"json": {"email": EMAIL, "password": PASSWORD}, "headers": {"X-Forwarded-For": HOME}}
        await http.post("/api/identity/login", **owner_login)  # the owner's usual address
        statuses: collections.Counter[int] = collections.Counter()
        started = time.perf_counter()
        for n in range(attempts):
            address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" if spread else "192.0.2.1"
            response = await http.post(
                "/api/identity/login",
                json={"email": EMAIL, "password": f"guess-{n}"},
                headers={"X-Forwarded-For": address},
            )
            statuses[response.status_code] += 1
        elapsed = time.perf_counter() - started
        owner = await http.post(
            "/api/identity/login",
            json={"email": EMAIL, "password": PASSWORD},
            headers={"X-Forwarded-For": "198.51.100.9"},
        )
    await platform.stop()
    return dict(statuses), elapsed, owner.status_code


async def main(attempts: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for limits in (False, True):
            for spread in (False, True):
                statuses, elapsed, owner = await run(folder, limits=limits, spread=spread, attempts=attempts)
                sources = "one per attempt" if spread else "one"
                print(
                    f"limits={'on ' if limits else 'off'} addresses={sources:15} answers={statuses}"
                    f" wall={elapsed:.2f}s ({attempts / elapsed:.0f}/s) owner-at-home-afterwards={owner}"
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=300)
    asyncio.run(main(parser.parse_args().attempts))
