"""Serve an already built app (UI + websocket + /api + /metrics) from one port, no rebuild.

``reflex run --env prod`` compiles the pages and runs a frontend build (bun) on every
start. A container or one of several identical instances must start from a frontend
built once, so this runs the same production backend that command ends in (Reflex's
granian set-up, one worker per ``GRANIAN_WORKERS``) with the compiled frontend in
``.web/build/client`` mounted, and skips both compile steps.

    python scripts/serve.py --host 0.0.0.0 --port 3000      # from the app root (rxconfig.py)

Build the frontend first, with the address browsers will use for the websocket:
``REFLEX_API_URL=https://edu.example.com reflex export --frontend-only --no-zip``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    """Parse the address and run the production backend with the built frontend mounted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("EDU_HOST", "0.0.0.0"))  # noqa: S104 - a server
    parser.add_argument("--port", type=int, default=int(os.environ.get("EDU_PORT", "3000")))
    parser.add_argument("--loglevel", default=os.environ.get("EDU_LOGLEVEL", "warning"))
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path.cwd()))

    from reflex.utils import exec as reflex_exec
    from reflex.utils.prerequisites import get_web_dir
    from reflex_base import constants
    from reflex_base.config import get_config
    from reflex_base.environment import environment

    # .web, or REFLEX_WEB_WORKDIR: where `reflex export` put the build and the mount reads it.
    client = get_web_dir() / constants.Dirs.STATIC / "index.html"
    if not client.exists():
        sys.exit(f"no built frontend at {client.parent}: run `reflex export --frontend-only --no-zip` first")

    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    # The pages were compiled and the frontend built at build time; workers only import.
    environment.REFLEX_SKIP_COMPILE.set(True)
    get_config()._set_persistent(frontend_port=args.port, backend_port=args.port)
    reflex_exec.run_backend_prod(
        args.host,
        args.port,
        constants.LogLevel.from_string(args.loglevel) or constants.LogLevel.WARNING,
        mount_frontend_compiled_app=True,
    )


if __name__ == "__main__":
    main()
