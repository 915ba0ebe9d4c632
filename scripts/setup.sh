#!/usr/bin/env bash
# Idempotent set-up: a virtualenv with exactly the versions in uv.lock (the project, its
# dev tools and uv itself), and bun (Reflex builds its frontend with bun; the npm
# registry's bun works where Reflex's own installer cannot download).
#
# The lock is never changed here (`uv sync --frozen`). After editing dependencies in
# pyproject.toml, re-lock with `.venv/bin/uv lock` and commit uv.lock (docs/DEPLOY.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
# Use this machine's Python; uv must not download an interpreter of its own.
export UV_PYTHON_DOWNLOADS=never
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi

# Bootstrap uv with pip at the version the lock pins; the lock then keeps it installed.
uv_version=$(sed -n '/^name = "uv"$/{n;s/^version = "\(.*\)"$/\1/p;}' uv.lock)
[ -n "$uv_version" ] || { echo "uv.lock does not pin uv" >&2; exit 1; }
if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$uv_version" ]; then
  echo "==> installing uv $uv_version"
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip --upgrade >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$uv_version"
fi
.venv/bin/uv sync --frozen --extra dev --quiet

if ! command -v bun >/dev/null 2>&1; then
  echo "==> installing bun from the npm registry"
  npm install --global --silent bun >/dev/null
fi
