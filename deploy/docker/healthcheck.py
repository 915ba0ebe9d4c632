"""Container health: the readiness of what this container serves (written by entrypoint.sh).

``app`` and ``api``: every context's ``/api/<ctx>/health/ready``; ``context <name>``: its
``/health/ready``; one-shot roles (migrate, seed, locust): healthy while they run.
Standard library only, so it costs a fraction of a second.
"""

import os
import sys
import urllib.request

CONTEXTS = ("identity", "course", "enrollment", "payment", "notification")


def main() -> int:
    """Exit 0 when every readiness endpoint answers 200, 1 otherwise."""
    try:
        role = open("/tmp/edu-role").read().split()  # noqa: SIM115, PTH123 - tiny file
    except OSError:
        return 1
    base = f"http://127.0.0.1:{os.environ.get('EDU_PORT', '3000')}"
    if role[:1] in (["app"], ["api"]):
        paths = [f"/api/{name}/health/ready" for name in CONTEXTS]
    elif role[:1] == ["context"]:
        paths = ["/health/ready"]
    else:
        return 0
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=4) as response:  # noqa: S310 - fixed local URL
                if response.status != 200:
                    return 1
        except OSError:
            print(f"not ready: {path}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
