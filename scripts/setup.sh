#!/usr/bin/env bash
# Idempotent set-up: a virtualenv with the project and its dev tools, and bun
# (Reflex builds its frontend with bun; the npm registry's bun works where
# Reflex's own installer cannot download).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "==> installing Python dependencies"
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e '.[dev]'
  rm -f .venv/.installed-* && touch "$stamp"
fi

if ! command -v bun >/dev/null 2>&1; then
  echo "==> installing bun from the npm registry"
  npm install --global --silent bun >/dev/null
fi
