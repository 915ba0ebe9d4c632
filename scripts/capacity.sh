#!/usr/bin/env bash
# Capacity of the production mode, one stepped load per configuration, same data, same session:
#   scripts/capacity.sh                                   # baseline + optimised, 50..600 users x 2 min
#   scripts/capacity.sh --configs optimised --steps 100,300 --step-time 1m
#   scripts/capacity.sh --configs optimised --locustfile other.py --url-map http://h:8002=http://127.0.0.1:3000/api/course
#   HOST=http://127.0.0.1:3000 scripts/capacity.sh ...   # measure an app that is already running
# A configuration is loadtest/configs/<name>.env (EDU_* overrides on top of production_env.sh).
# Other arguments go to `python -m loadtest.capacity` (see its --help). API_ONLY=1 serves the
# REST API without the UI (scripts/run_api.sh). Results: loadtest/results/capacity-<stamp>/<config>/
# plus compare.md.
set -euo pipefail
cd "$(dirname "$0")/.."
configs="baseline,optimised"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --configs) configs="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
source scripts/production_env.sh
# shellcheck source=scripts/wait_ready.sh
source scripts/wait_ready.sh
export EDU_RATE_LIMITS_ENABLED=false
out="loadtest/results/capacity-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
runs=()
app=""
stop_app() {
  [ -z "$app" ] && return
  kill -TERM -- "-$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
}
trap stop_app EXIT

for config in ${configs//,/ }; do
  file="loadtest/configs/$config.env"
  [ -f "$file" ] || { echo "no configuration $file" >&2; exit 2; }
  mkdir -p "$out/$config"
  host="${HOST:-http://127.0.0.1:$EDU_PORT}"
  if [ -z "${HOST:-}" ]; then
    echo "==> starting the production mode with $file"
    runner=scripts/run_production.sh
    [ "${API_ONLY:-0}" = 1 ] && runner=scripts/run_api.sh
    (set -a; . "$file"; set +a; exec setsid "$runner") > "$out/$config/app.log" 2>&1 &
    app=$!
    wait_ready "$host/api/course/health/ready" "$app" "$out/$config/app.log"
    # one request per route family so first-use costs (pool connects, caches) are not measured
    curl -sf "$host/api/course/courses?limit=5" >/dev/null
    curl -sf "$host/api/course/courses?q=python&limit=5" >/dev/null
  fi
  .venv/bin/python -m loadtest.capacity --host "$host" --label "$config" --out "$out/$config" "${args[@]}" || true
  runs+=("$out/$config")
  stop_app
done

.venv/bin/python -m loadtest.capacity_report "${runs[@]}" | tee "$out/compare.md"
echo "==> results in $out"
