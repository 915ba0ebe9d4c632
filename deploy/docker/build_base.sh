#!/usr/bin/env bash
# Build a Debian base image from Debian's packages, for machines that reach a package
# mirror but no image registry:  deploy/docker/build_base.sh [tag]   (default local/debian:bookworm)
# debootstrap (minbase) into a temporary folder, then `docker import`. Idempotent: an
# existing tag is kept unless REBUILD_BASE=1.
set -euo pipefail
tag=${1:-local/debian:bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "${REBUILD_BASE:-0}" != 1 ] && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "==> base image $tag exists"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
root=$(mktemp -d /var/tmp/edu-debootstrap.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "==> debootstrap --variant=minbase bookworm ($mirror)"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 || {
  tail -20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# The same suites as a stock Debian image: updates and security fixes.
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
SOURCES
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
echo "==> docker import -> $tag"
tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$tag" >/dev/null
docker image ls "$tag"
