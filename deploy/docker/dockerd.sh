#!/usr/bin/env bash
# Start a Docker daemon for host-network-only use, if none answers:
#   deploy/docker/dockerd.sh start    # prints "started <pid>" or "running"
#   deploy/docker/dockerd.sh stop <pid>
# No bridge and no iptables rules: containers run with --network host (builds too:
# `docker build --network host`), so the host's firewall and routes stay untouched.
set -euo pipefail
case "${1:-start}" in
  start)
    if docker info >/dev/null 2>&1; then echo running; exit 0; fi
    command -v dockerd >/dev/null || { echo "no dockerd: apt-get install -y docker.io" >&2; exit 1; }
    log=${DOCKERD_LOG:-/var/log/eduplatform-dockerd.log}
    setsid dockerd --iptables=false --ip-masq=false --bridge=none >"$log" 2>&1 < /dev/null &
    pid=$!
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && { echo "started $pid"; exit 0; }
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    echo "dockerd did not start; see $log" >&2
    tail -5 "$log" >&2
    exit 1 ;;
  stop)
    pid=${2:?usage: dockerd.sh stop <pid>}
    kill -TERM "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true ;;
  *) echo "usage: $0 start|stop <pid>" >&2; exit 2 ;;
esac
