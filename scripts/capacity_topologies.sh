#!/usr/bin/env bash
# Capacity of the five-service topology against the one-process API, same data, same session:
#   scripts/capacity_topologies.sh                       # steps 20,50,100 x 1 min each
#   scripts/capacity_topologies.sh --steps 50,100,200 --step-time 2m
# Seeds its own five PostgreSQL databases (edu_cap_<ctx>, scale EDU_SEED_SCALE=0.02) and
# starts its own NATS server, all on free ports; never touches the lab databases.
# One process: the REST API in granian with one worker per core. Five services: one granian
# worker each. The planning locustfile (paths /api/<ctx>/...) drives the five services through
# the capacity command's --url-map. Other arguments go to `python -m loadtest.capacity`.
# Results: loadtest/results/topologies-<stamp>/{one-process,five-services}/ and compare.md.
# TOPOLOGIES="five-services one-process" runs them in the other order; KEEP_DATA=1 keeps the
# seeded databases (dropped at the end otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# shellcheck source=scripts/wait_ready.sh
source scripts/wait_ready.sh

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--steps 20,50,100 --step-time 1m --settle 10)
export EDU_SEED_SCALE="${EDU_SEED_SCALE:-0.02}"
export EDU_ENV=test EDU_AUTO_MIGRATE=false EDU_RATE_LIMITS_ENABLED=false
export EDU_JWT_SECRET="capacity-jwt-secret-0123456789abcdefghijkl"
export EDU_SERVICE_SECRET="capacity-service-secret-0123456789abcdefgh"
pg="${EDU_CAPACITY_POSTGRES:-postgresql+asyncpg://postgres@127.0.0.1:5432}"
contexts=(identity course enrollment payment notification)
for ctx in "${contexts[@]}"; do export "EDU_${ctx^^}_DATABASE_URL=$pg/edu_cap_$ctx"; done
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

out="loadtest/results/topologies-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "==> seeding edu_cap_<ctx> at scale $EDU_SEED_SCALE"
.venv/bin/python scripts/prepare_databases.py >/dev/null
.venv/bin/python -m loadtest.seed --scale "$EDU_SEED_SCALE" --reset --quiet

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
serve() {  # serve LOG PORT WORKERS "APP" [ENV=VALUE...]: granian, its own process group
  local log=$1 port=$2 workers=$3 app=$4; shift 4
  # shellcheck disable=SC2086 # APP may carry granian flags (--factory)
  (exec env "$@" setsid .venv/bin/granian --interface asgi --host 127.0.0.1 --port "$port" \
     --workers "$workers" $app >"$log" 2>&1) &
  pids+=($!)
}
capacity() {  # capacity LABEL HOST [--url-map ...]
  local label=$1 host=$2; shift 2
  mkdir -p "$out/$label"
  .venv/bin/python -m loadtest.capacity --host "$host" --label "$label" --out "$out/$label" \
    --scale "$EDU_SEED_SCALE" "$@" "${args[@]}" || true
}

one_process() {
echo "==> one process"
port=$(free_port)
serve "$out/one-process.log" "$port" "$(nproc)" "--factory backend_services.api:create_api"
wait_ready "http://127.0.0.1:$port/api/course/health/ready" "${pids[-1]}" "$out/one-process.log"
curl -sf "http://127.0.0.1:$port/api/course/courses?limit=5" >/dev/null
capacity one-process "http://127.0.0.1:$port"
stop_all
}

five_services() {
echo "==> five services"
nats_port=$(free_port)
mkdir -p "$out/nats"
(exec setsid nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$out/nats" >"$out/nats.log" 2>&1) &
pids+=($!)
declare -A ports
urls=()
for ctx in "${contexts[@]}"; do ports[$ctx]=$(free_port); urls+=("EDU_${ctx^^}_SERVICE_URL=http://127.0.0.1:${ports[$ctx]}"); done
for ctx in "${contexts[@]}"; do
  own="EDU_${ctx^^}_DATABASE_URL"
  others=()
  for other in "${contexts[@]}"; do [ "$other" = "$ctx" ] || others+=("-u" "EDU_${other^^}_DATABASE_URL"); done
  serve "$out/$ctx.log" "${ports[$ctx]}" 1 "backend_services.$ctx.app:app" "${others[@]}" "${urls[@]}" \
    "EDU_BROKER_URL=nats://127.0.0.1:$nats_port" "$own=${!own}"
done
for ctx in "${contexts[@]}"; do
  wait_ready "http://127.0.0.1:${ports[$ctx]}/health/ready" "${pids[-1]}" "$out/$ctx.log"
done
base="http://127.0.0.1:${ports[course]}"
map=""
for ctx in "${contexts[@]}"; do map+="${map:+,}$base/api/$ctx=http://127.0.0.1:${ports[$ctx]}"; done
curl -sf "http://127.0.0.1:${ports[course]}/courses?limit=5" >/dev/null
capacity five-services "$base" --url-map "$map"
stop_all
}

# TOPOLOGIES="five-services one-process" measures in the other order (a check on drift).
runs=()
for topology in ${TOPOLOGIES:-one-process five-services}; do
  case "$topology" in
    one-process) one_process ;;
    five-services) five_services ;;
    *) echo "unknown topology $topology" >&2; exit 2 ;;
  esac
  runs+=("$out/$topology")
done
.venv/bin/python -m loadtest.capacity_report "${runs[@]}" | tee "$out/compare.md"
if [ "${KEEP_DATA:-0}" != 1 ]; then  # the server is shared: leave nothing behind
  .venv/bin/python - "${pg/+asyncpg/}" <<'PY'
import asyncio, sys
import asyncpg
async def drop(server):
    conn = await asyncpg.connect(f"{server}/postgres")
    for ctx in ("identity", "course", "enrollment", "payment", "notification"):
        await conn.execute(f'DROP DATABASE IF EXISTS "edu_cap_{ctx}" WITH (FORCE)')
    await conn.close()
asyncio.run(drop(sys.argv[1]))
PY
fi
echo "==> results in $out"
