#!/usr/bin/env bash
# Run the app: UI on http://localhost:3000, API on http://localhost:8000/api/<context>/...
# Embedded SQLite files in ./data by default; see README "Configuration".
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/reflex run "$@"
