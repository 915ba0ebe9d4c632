"""A clean checkout stays clean: running the app must not rewrite tracked files.

Reflex persists the frontend's ``package.json`` in ``reflex.lock/`` and, on every start,
renders it again (its own compact JSON, from the persisted pins) and copies the result
back. The tracked file therefore has to be exactly that rendering, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tracked_package_json_is_what_reflex_writes(monkeypatch):
    # The function `reflex run` uses to render .web/package.json (then copied to reflex.lock/);
    # it reads the persisted file relative to the working directory.
    from reflex.utils.frontend_skeleton import _compile_package_json

    monkeypatch.chdir(ROOT)
    tracked = (ROOT / "reflex.lock" / "package.json").read_text()
    assert tracked == _compile_package_json(), (
        "reflex.lock/package.json differs from what Reflex writes on start; regenerate it with "
        "`.venv/bin/python -c 'from reflex.utils.frontend_skeleton import _compile_package_json as c; "
        'open("reflex.lock/package.json", "w").write(c())\'` and commit it'
    )
