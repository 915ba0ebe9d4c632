#!/usr/bin/env bash
# The REST API alone (no UI) in production settings, for API-only measurements:
#   scripts/run_api.sh            # granian, GRANIAN_WORKERS workers, port ${EDU_PORT:-3000}
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/production_env.sh
source scripts/production_env.sh
.venv/bin/python scripts/prepare_databases.py
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
exec .venv/bin/granian --interface asgi --factory --host 127.0.0.1 --port "$EDU_PORT" \
  --workers "$GRANIAN_WORKERS" backend_services.api:create_api "$@"
