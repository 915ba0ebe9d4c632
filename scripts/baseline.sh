#!/usr/bin/env bash
# Reproduce docs/perf/BASELINE.md end to end:
#   1. seed the full data set into PostgreSQL (timed; SKIP_SEED=1 to keep the data),
#   2. start the production mode (scripts/run_production.sh) and wait until it answers,
#   3. run the planning profile (scripts/loadtest.sh; extra arguments go to it),
#   4. save EXPLAIN ANALYZE of the search and catalog queries next to the results,
#   5. stop the app.
# Results: loadtest/results/baseline-<UTC timestamp>/ (+ production.log, seed.log).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/production_env.sh
# shellcheck source=scripts/wait_ready.sh
source scripts/wait_ready.sh
out="loadtest/results/baseline-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

if [ "${SKIP_SEED:-0}" != 1 ]; then
  echo "==> seeding (scale ${EDU_SEED_SCALE:-1.0})"
  start=$(date +%s.%N)
  .venv/bin/python -m loadtest.seed --scale "${EDU_SEED_SCALE:-1.0}" --reset 2>&1 | tee "$out/seed.log"
  echo "seed wall time: $(echo "$(date +%s.%N) - $start" | bc) s" | tee -a "$out/seed.log"
fi

echo "==> starting the production mode on :$EDU_PORT"
setsid scripts/run_production.sh > "$out/production.log" 2>&1 &
app=$!
prom=""
stop_all() {
  kill -TERM -- "-$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  [ -z "$prom" ] || { kill -TERM "$prom" 2>/dev/null; wait "$prom" 2>/dev/null || true; }
}
trap stop_all EXIT
if command -v prometheus >/dev/null 2>&1; then
  # Prometheus with the deploy/ config (pointed at this port) records the run as well.
  sed "s/127.0.0.1:3000/127.0.0.1:$EDU_PORT/" deploy/prometheus/prometheus.yml > "$out/prometheus.yml"
  cp deploy/prometheus/rules.yml "$out/rules.yml"
  prometheus --config.file="$out/prometheus.yml" --storage.tsdb.path="$out/prometheus-data" \
    --web.listen-address=127.0.0.1:9090 > "$out/prometheus.log" 2>&1 &
  prom=$!
fi
wait_ready "http://127.0.0.1:$EDU_PORT/api/course/health/ready" "$app" "$out/production.log"
curl -s -o /dev/null -w "UI / -> %{http_code}\n" "http://127.0.0.1:$EDU_PORT/"

echo "==> load test"
scripts/loadtest.sh --host "http://127.0.0.1:$EDU_PORT" --out "$out" "$@" || true

if [ -n "$prom" ]; then
  echo "==> Prometheus recording rules over the run"
  for q in 'max_over_time(context:db_pool_saturation:ratio[6m])' \
           'avg_over_time(context:db_pool_saturation:ratio[5m])' \
           'avg_over_time(context:http_requests:rate1m[5m])' \
           'max_over_time(context:http_request_duration_seconds:p95[5m])'; do
    echo "# $q"
    curl -s http://127.0.0.1:9090/api/v1/query --data-urlencode "query=$q"
    echo
  done > "$out/prometheus_queries.txt"
fi

echo "==> EXPLAIN ANALYZE"
db="${EDU_POSTGRES_SERVER/postgresql+asyncpg:/postgresql:}/eduplatform_course"
psql "$db" -f loadtest/sql/explain_course.sql > "$out/explain.txt" 2>&1 || true
echo "==> done: $out"
