#!/usr/bin/env bash
# Build the image and run the student journey against a container (host network):
#   scripts/docker_smoke.sh                      # about 5 min on 2 cores with a cold cache
# 1. a Docker daemon (started host-network-only if none answers, stopped again at exit),
# 2. the base image from Debian's packages (deploy/docker/build_base.sh; BASE_IMAGE=... to skip),
# 3. the image (Dockerfile), trusting the host's CA bundle while building,
# 4. throwaway PostgreSQL databases on the host (dropped at exit), seeded by the image's
#    `seed` role, then the `app` role in production mode with Redis state and 2 workers,
# 5. checks: non-root, read-only root file system, HEALTHCHECK healthy, the browser journeys of tests/e2e/test_student_journeys.py
#    against the container, a short Locust run (`locust` role) without failures,
#    and a graceful stop (SIGTERM -> exit code 0).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

PORT=${PORT:-$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
REDIS=${REDIS:-redis://127.0.0.1:6379}
IMAGE=${IMAGE:-eduplatform:smoke}
run_id="smoke$(date +%s)$$"
name="edu-$run_id"
out="data/docker-smoke/$run_id"
mkdir -p "$out"
contexts="identity course enrollment payment notification"
dockerd_pid=""

cleanup() {
  set +e
  docker rm -f -v "$name" >/dev/null 2>&1
  for ctx in $contexts; do psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS ${run_id}_$ctx WITH (FORCE)" >/dev/null 2>&1; done
  rm -f deploy/docker/ca/host-bundle.crt
  [ -z "$dockerd_pid" ] || deploy/docker/dockerd.sh stop "$dockerd_pid"
}
trap cleanup EXIT

echo "==> docker daemon"
state=$(deploy/docker/dockerd.sh start)
case "$state" in started*) dockerd_pid=${state#started };; esac

if [ -z "${BASE_IMAGE:-}" ]; then
  BASE_IMAGE=local/debian:bookworm
  deploy/docker/build_base.sh "$BASE_IMAGE"
fi

echo "==> docker build ($IMAGE on $BASE_IMAGE) -> $out/build.log"
ca=${EDU_BUILD_CA:-/etc/ssl/certs/ca-certificates.crt}
[ ! -f "$ca" ] || cp "$ca" deploy/docker/ca/host-bundle.crt
start=$(date +%s)
docker build --network host --build-arg BASE_IMAGE="$BASE_IMAGE" \
  --build-arg PUBLIC_URL="http://localhost:$PORT" -t "$IMAGE" . > "$out/build.log" 2>&1 \
  || { tail -30 "$out/build.log" >&2; exit 1; }
echo "    built in $(( $(date +%s) - start )) s: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

echo "==> throwaway databases ${run_id}_<context>"
env_file="$out/app.env"
admin_password=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(18))')
{
  echo "EDU_ENV=production"
  echo "EDU_JWT_SECRET=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')"
  echo "EDU_ADMIN_PASSWORD=$admin_password"
  echo "EDU_PORT=$PORT"
  echo "EDU_OUTBOX_POLL_SECONDS=0.5"
  echo "REFLEX_REDIS_URL=$REDIS"
  echo "GRANIAN_WORKERS=2"
  for ctx in $contexts; do
    psql "$PG/postgres" -qc "CREATE DATABASE ${run_id}_$ctx" >/dev/null
    echo "EDU_${ctx^^}_DATABASE_URL=${PG/postgresql:/postgresql+asyncpg:}/${run_id}_$ctx"
  done
} > "$env_file"
chmod 600 "$env_file"

echo "==> seed role (tiny scale)"
docker run --rm --network host --env-file "$env_file" "$IMAGE" seed --scale 0.0005 --reset --quiet \
  > "$out/seed.log" 2>&1 || { tail -20 "$out/seed.log" >&2; exit 1; }

echo "==> app role on :$PORT"
# Read-only root file system: the app may write only to /tmp, $HOME and the /data volume.
docker run -d --name "$name" --network host --env-file "$env_file" --read-only \
  --tmpfs /tmp --tmpfs /home/edu:uid=10001,gid=10001 "$IMAGE" app >/dev/null
for _ in $(seq 1 120); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null || echo gone)
  [ "$health" = healthy ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] || { docker logs "$name" >&2; exit 1; }
  sleep 2
done
[ "$health" = healthy ] || { echo "container not healthy: $health" >&2; docker logs "$name" >&2; exit 1; }
uid=$(docker exec "$name" id -u)
[ "$uid" != 0 ] || { echo "the app runs as root" >&2; exit 1; }
echo "    healthy, uid $uid"

echo "==> student journeys in Chromium against the container"
E2E_BASE_URL="http://127.0.0.1:$PORT" E2E_ADMIN_PASSWORD="$admin_password" \
  .venv/bin/pytest -q -p no:cacheprovider tests/e2e/test_student_journeys.py

echo "==> locust role, 20 s"
docker run --rm --network host -e EDU_SEED_SCALE=0.0005 -e LOCUST_WAIT_MIN=0.2 -e LOCUST_WAIT_MAX=0.5 \
  "$IMAGE" locust --headless --host "http://127.0.0.1:$PORT" -u 5 -r 5 -t 20s --only-summary \
  > "$out/locust.log" 2>&1 || true
summary=$(grep -E "^\s*Aggregated" "$out/locust.log" | head -1)
echo "    $summary"
failures=$(awk '$1=="Aggregated"{print $3}' <<<"$summary" | cut -d'(' -f1)
[ -n "$summary" ] && [ "${failures:-1}" = 0 ] || { tail -40 "$out/locust.log" >&2; exit 1; }

echo "==> graceful stop"
start=$(date +%s.%N)
docker stop -t 30 "$name" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
echo "    exit code $code after $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
docker logs "$name" > "$out/app.log" 2>&1
[ "$code" = 0 ] || { tail -20 "$out/app.log" >&2; exit 1; }
echo "==> docker smoke test passed (logs in $out)"
