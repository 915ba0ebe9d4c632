#!/usr/bin/env bash
# Several app instances on separate "hosts" (network namespaces) behind HAProxy, with
# Redis state, PostgreSQL per server, PgBouncer; about 3 minutes, needs root:
#   scripts/multihost.sh            # the multihost tests, progress and the throughput table
# What it shows: docs/DEPLOY.md, "Several instances: what is tested". The lab removes its
# namespaces and processes at the end; a killed run is cleaned up by the next one.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
for tool in haproxy pgbouncer; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y haproxy pgbouncer" >&2; exit 1; }
done
trap '.venv/bin/python -m tests.deploy.lab --cleanup' EXIT
start=$(date +%s)
.venv/bin/pytest -m multihost tests/deploy/test_multihost.py -p no:cacheprovider -s -q -ra "$@"
echo "multi-host run: $(( $(date +%s) - start )) s; throughput table: test-results/multihost/throughput.md"
