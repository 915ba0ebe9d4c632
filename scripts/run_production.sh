#!/usr/bin/env bash
# Production mode on one port (UI + /api + /metrics): http://127.0.0.1:${EDU_PORT:-3000}
#   scripts/run_production.sh
# PostgreSQL database per context (created if missing, migrated), `reflex run --env prod`
# with GRANIAN_WORKERS (default: number of cores) on the Redis state manager.
# Seed first with the same environment:
#   source scripts/production_env.sh && .venv/bin/python -m loadtest.seed --reset
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/production_env.sh
source scripts/production_env.sh

pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }
if ! redis-cli -u "$REFLEX_REDIS_URL" ping >/dev/null 2>&1; then
  echo "Redis is not answering at $REFLEX_REDIS_URL (start it: redis-server --daemonize yes)" >&2
  exit 1
fi

echo "==> databases"
.venv/bin/python scripts/prepare_databases.py

# Workers write their metric samples here; stale files would skew the sums.
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

echo "==> reflex run --env prod on :$EDU_PORT with $GRANIAN_WORKERS workers"
exec .venv/bin/reflex run --env prod --frontend-port "$EDU_PORT" --backend-host 127.0.0.1 "$@"
