#!/usr/bin/env bash
# What .ci/run calls to make the containers runtime work on a fresh machine (Debian, root):
# podman's Docker API with the project's private config (scripts/podman/setup.sh), then the local
# images for Redis, PostgreSQL, MariaDB and Prometheus (scripts/images/build.sh). Idempotent and
# fast when cached (~2 s: the API answers, every image exists by its recipe hash); a cold machine
# takes ~3 min (apt podman/runc/debootstrap ~15 s, debootstrap ~30 s, four images in parallel).
#
#   eval "$(scripts/ci-containers.sh --env)"     # set up, then export the env in this shell
#   scripts/ci-containers.sh                     # set up, print KEY=VALUE lines
#
# The env it prints (what tests and `archtdd run --runtime containers` need):
#   DOCKER_HOST=unix://<repo>/.podman/podman.sock   podman's Docker API
#   TESTCONTAINERS_RYUK_DISABLED=true               Ryuk cannot be pulled; archtdd reaps by label
#   TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1          published ports are on loopback
#   CONTAINERS_CONF / CONTAINERS_STORAGE_CONF       the private podman config (for the podman CLI)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
t0=$(date +%s)
bash "$ROOT/scripts/podman/setup.sh" >/dev/null
bash "$ROOT/scripts/images/build.sh"
DIR="${ARCHTDD_PODMAN_DIR:-$ROOT/.podman}"
echo "[ci-containers] ready in $(($(date +%s) - t0)) s" >&2
if [ "${1:-}" = "--env" ]; then sed 's/^/export /' "$DIR/env"; else cat "$DIR/env"; fi
