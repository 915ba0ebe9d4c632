#!/usr/bin/env bash
# Headless load test with the planning profile (100 users, ramp 10/s, 5 minutes) against
# the app on http://127.0.0.1:3000; results in loadtest/results/<UTC timestamp>/.
#   scripts/loadtest.sh                                # planning profile
#   scripts/loadtest.sh --users 20 --run-time 1m       # overrides (or LOCUST_* variables)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m loadtest.run "$@"
