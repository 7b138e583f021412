#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine (Node and npm present) for archtdd, idempotently,
# then runs what was asked:
#   bash scripts/setup.sh slo     set up, then run the SLO suites on the embedded default (writes reports/out/baseline.html)
#   bash scripts/setup.sh test    set up, then run the tests (unit + integration)
#   bash scripts/setup.sh         set up only
# Extra packages: ARCHTDD_WITH_BROWSER=1 (chromium, for the report's browser test; implied by "test"),
#                 ARCHTDD_WITH_CONTAINERS=1 (podman, runc, debootstrap: the containers runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"

packages=(kcat redis-server mariadb-server prometheus postgresql wrk nginx-light procps util-linux)
[ "$what" = test ] && ARCHTDD_WITH_BROWSER="${ARCHTDD_WITH_BROWSER:-1}"
[ "${ARCHTDD_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium fonts-dejavu-core)
[ "${ARCHTDD_WITH_CONTAINERS:-0}" = 1 ] && packages+=(podman runc debootstrap)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "archtdd setup: these packages are missing: ${missing[*]}" >&2
    echo "  fix: as root on Debian/Ubuntu run: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "       (elsewhere install Redis 7, PostgreSQL 15, MariaDB 10.11, Prometheus 2.x, kcat, wrk, nginx from your package manager)" >&2
    exit 2
  fi
  echo "archtdd setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Apt may start system services on some hosts; archtdd never uses them (it starts private
# instances on free ports), so nothing here touches them.

if ! command -v pnpm >/dev/null 2>&1; then
  echo "archtdd setup: installing pnpm"
  npm i -g pnpm@10 >/dev/null 2>&1
fi
pnpm install --frozen-lockfile --reporter=silent

case "$what" in
  slo) exec pnpm test:slo ;;
  test) exec pnpm test ;;
  "") echo "archtdd setup: done" ;;
  *) echo "archtdd setup: unknown step \"$what\" (use slo or test)" >&2; exit 2 ;;
esac
