# shellcheck shell=bash
# wait_ready URL PID LOG: wait (up to 10 min) until URL answers 200, failing early when the
# process PID (the app being started) exits; LOG is named in the error. Source this file.
wait_ready() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 600); do
    curl -sf "$url" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the app exited; see $log" >&2; return 1; }
    sleep 1
  done
  echo "$url did not answer within 10 minutes; see $log" >&2
  return 1
}
