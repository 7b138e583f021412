#!/usr/bin/env bash
# Stops the podman API service that scripts/podman/setup.sh started (by its recorded pid only).
# Containers labelled archtdd.run are removed first. Storage (images) is kept; pass --purge to
# also remove $ARCHTDD_PODMAN_DIR entirely (images included).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${ARCHTDD_PODMAN_DIR:-$ROOT/.podman}"
export CONTAINERS_CONF="$DIR/containers.conf" CONTAINERS_STORAGE_CONF="$DIR/storage.conf"

if [ -f "$DIR/containers.conf" ] && command -v podman >/dev/null 2>&1; then
  ids="$(podman ps -aq --filter label=archtdd.run 2>/dev/null || true)"
  [ -n "$ids" ] && podman rm -f -t 0 $ids >/dev/null 2>&1 || true
fi

if [ -f "$DIR/service.pid" ]; then
  pid="$(cat "$DIR/service.pid")"
  if kill -0 "$pid" 2>/dev/null && grep -q 'system' "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    echo "[podman-stop] stopped service pid $pid" >&2
  fi
  rm -f "$DIR/service.pid" "$DIR/podman.sock"
fi

if [ "${1:-}" = "--purge" ]; then
  podman system reset -f >/dev/null 2>&1 || true
  rm -rf "$DIR"
  echo "[podman-stop] purged $DIR" >&2
fi
