#!/usr/bin/env bash
# Lint, format and type checks, then the whole test suite (unit, integration on SQLite +
# PostgreSQL, browser, load smoke).
# Extra arguments go to pytest, e.g. ./scripts/test.sh -m "not e2e" -x
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || exit 1
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
# Static types ([tool.mypy] in pyproject.toml; its cache lives in .venv).
.venv/bin/mypy || exit 1
.venv/bin/pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: treating as a failure" >&2
  exit 1
fi
exit "$status"
