#!/usr/bin/env bash
# The five-service topology locally: identity, course, enrollment, payment and notification on
# ports 8001-8005 (each owning only its database), the UI on :3000 against them, and events over
# NATS JetStream (the machine's broker at EDU_BROKER_URL, or one started here on :4222).
#   scripts/run_services.sh                  # everything
#   UI=0 scripts/run_services.sh             # the five services and the broker only
#   EDU_POSTGRES_SERVER=postgresql+asyncpg://postgres@127.0.0.1:5432 scripts/run_services.sh
# Databases: SQLite files in $EDU_DATA_DIR (default data/), or eduplatform_<ctx> on
# EDU_POSTGRES_SERVER (created if missing); each service migrates its own at start.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

for pair in identity:8001 course:8002 enrollment:8003 payment:8004 notification:8005; do
  ctx=${pair%%:*} port=${pair##*:}
  var="EDU_${ctx^^}_SERVICE_URL"
  export "$var=${!var:-http://127.0.0.1:$port}"
done
export EDU_BROKER_URL="${EDU_BROKER_URL:-nats://127.0.0.1:4222}"
mkdir -p "${EDU_DATA_DIR:-data}"

if [ -n "${EDU_POSTGRES_SERVER:-}" ]; then
  .venv/bin/python scripts/prepare_databases.py
fi

processes=(identity course enrollment payment notification)
[ "${UI:-1}" = 1 ] && processes+=(ui)
hostport=${EDU_BROKER_URL#nats://}
if ! (exec 3<>"/dev/tcp/${hostport%%:*}/${hostport##*:}") 2>/dev/null; then
  if [ "$EDU_BROKER_URL" = "nats://127.0.0.1:4222" ] && command -v nats-server >/dev/null; then
    echo "==> no broker at $EDU_BROKER_URL: starting nats-server (JetStream, data/nats)"
    mkdir -p data/nats
    processes+=(broker)
  else
    echo "no broker answers at $EDU_BROKER_URL (apt-get install nats-server, or set EDU_BROKER_URL)" >&2
    exit 1
  fi
fi
echo "==> starting ${processes[*]}"
exec .venv/bin/honcho -f Procfile.services start "${processes[@]}"
