# shellcheck shell=bash
# Environment of the production / load-testing mode. Source it:
#   source scripts/production_env.sh
# PostgreSQL per context, Redis state manager, one backend worker per core, real
# secrets (generated once into data/production.env, mode 600, reused afterwards).
_edu_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$_edu_root/data"
if [ ! -f "$_edu_root/data/production.env" ]; then
  umask 077
  {
    echo "EDU_JWT_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
    echo "EDU_ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  } > "$_edu_root/data/production.env"
  echo "generated secrets in data/production.env (admin password is there)" >&2
fi
set -a
# shellcheck disable=SC1091
. "$_edu_root/data/production.env"
set +a
export EDU_ENV=production
export EDU_POSTGRES_SERVER="${EDU_POSTGRES_SERVER:-postgresql+asyncpg://postgres@127.0.0.1:5432}"
export EDU_DB_POOL_SIZE="${EDU_DB_POOL_SIZE:-5}"
export EDU_AUTO_MIGRATE=false            # migrated once by run_production.sh, not by every worker
export REFLEX_REDIS_URL="${REFLEX_REDIS_URL:-redis://127.0.0.1:6379}"
export REFLEX_USE_GRANIAN=true
# Opportunistic locking (docs/perf/UI_LOAD.md, 2026-12-07: at 200 sessions 76 -> 135 UI
# events/s, p95 4.0 -> 0.63 s, app CPU per event 19 -> 9.6 ms): a worker keeps a tab's
# state lock and its state in memory for a moment (REFLEX_OPLOCK_HOLD_TIME) after an
# event, so a navigation's events and the next click load and pickle the state once
# instead of once per event; another worker that needs the tab's state makes it flush at
# once. The warning threshold sits above the hold (a held lease is not a slow handler).
export REFLEX_OPLOCK_ENABLED="${REFLEX_OPLOCK_ENABLED:-true}"
export REFLEX_OPLOCK_HOLD_TIME="${REFLEX_OPLOCK_HOLD_TIME:-2s}"
export REFLEX_REDIS_LOCK_WARNING_THRESHOLD="${REFLEX_REDIS_LOCK_WARNING_THRESHOLD:-3000}"
# Reflex 0.10.1 defaults to min(2*cores+1, 8) workers with Redis; workers = cores serves better.
export GRANIAN_WORKERS="${GRANIAN_WORKERS:-$(nproc)}"
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$_edu_root/data/prometheus-multiproc}"
# prometheus_client writes there as soon as a metric is created: every command run in this
# environment (the seeder, migrations) needs it to exist; the servers empty it at start.
mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
export EDU_PORT="${EDU_PORT:-3000}"
# Abuse limits share their counters between workers through Redis. The lab's Locust users
# all log in from 127.0.0.1, which the per-address limits would (rightly) refuse: the lab
# turns them off; a real deployment sets EDU_RATE_LIMITS_ENABLED=true.
export EDU_REDIS_URL="${EDU_REDIS_URL:-$REFLEX_REDIS_URL}"
export EDU_RATE_LIMITS_ENABLED="${EDU_RATE_LIMITS_ENABLED:-false}"
unset _edu_root
