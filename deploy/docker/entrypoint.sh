#!/bin/sh
# Entry point of the EduPlatform image: one image, several roles.
#   app [serve.py args]     UI + websocket + /api + /metrics on $EDU_PORT (default)
#   api                     the REST API of every context, no UI
#   context <name>          one bounded context alone at the root (identity|course|...)
#   migrate                 every context's database to head, then exit
#   seed [args]             python -m loadtest.seed (e.g. --scale 0.01 --reset)
#   locust [args]           Locust with loadtest/locustfile.py (e.g. --headless -u 50 ...)
#   loadtest [args]         python -m loadtest.run (planning profile, results + plots)
#   <anything else>         run it as is (sh, python, alembic ...)
# Servers run under granian with GRANIAN_WORKERS workers and stop gracefully on SIGTERM.
set -eu
cd /app
role=${1:-app}
[ $# -gt 0 ] && shift

# Workers write their metric samples here; stale files from a previous run would skew sums.
prepare_metrics() {
  if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    rm -rf "$PROMETHEUS_MULTIPROC_DIR"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
  fi
}

# Migrate once here rather than in every worker (they would race); several replicas of
# the app should set EDU_AUTO_MIGRATE=false and run the `migrate` role once instead.
migrate_once() {
  case "${EDU_AUTO_MIGRATE:-true}" in
    false|0|no|off) ;;
    *) python -m backend_services.migrate ;;
  esac
  export EDU_AUTO_MIGRATE=false
}

echo "$role" > /tmp/edu-role
case "$role" in
  app)
    migrate_once; prepare_metrics
    exec python scripts/serve.py --host "$EDU_HOST" --port "$EDU_PORT" "$@" ;;
  api)
    migrate_once; prepare_metrics
    exec granian --interface asgi --factory --host "$EDU_HOST" --port "$EDU_PORT" \
      --workers "${GRANIAN_WORKERS:-2}" backend_services.api:create_api "$@" ;;
  context)
    name=${1:?usage: context identity|course|enrollment|payment|notification}
    shift
    echo "context $name" > /tmp/edu-role
    migrate_once; prepare_metrics
    exec granian --interface asgi --host "$EDU_HOST" --port "$EDU_PORT" \
      --workers "${GRANIAN_WORKERS:-2}" "backend_services.$name.app:app" "$@" ;;
  migrate)
    exec python -m backend_services.migrate "$@" ;;
  seed)
    exec python -m loadtest.seed "$@" ;;
  locust)
    exec locust -f loadtest/locustfile.py "$@" ;;
  loadtest)
    exec python -m loadtest.run "$@" ;;
  *)
    exec "$role" "$@" ;;
esac
