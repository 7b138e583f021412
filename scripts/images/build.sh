#!/usr/bin/env bash
# Builds local images for Redis, PostgreSQL, MariaDB and Prometheus from Debian packages, for the
# containers runtime on machines without a registry (PLATFORM.md "Containers here").
#
#   base rootfs  debootstrap --variant=minbase bookworm, from the mirror in apt's sources list,
#                cached in $ARCHTDD_IMAGE_CACHE (default <repo>/.podman/rootfs), keyed by mirror+suite
#   per image    copy of the base + `apt-get install --no-install-recommends <pkg>` in a chroot +
#                scripts/images/<name>/entrypoint.sh as /usr/local/bin/docker-entrypoint.sh, then
#                `tar -C ROOTFS -c . | podman import` with ENTRYPOINT/CMD/ENV/USER set (NO EXPOSE:
#                podman 4.3 reports unpublished exposed ports and testcontainers then waits for them)
#   cache        localhost/archtdd-<name>:<hash of RECIPE_VERSION + the image's folder + base key>;
#                skipped when that tag exists
#   tags         the names pinned in docker-compose.yml (services labelled archtdd.image-for=<name>),
#                so unmodified @testcontainers modules find them locally and never pull
#
# Usage: scripts/images/build.sh [name...]    (default: redis postgres mariadb prometheus)
# Needs root (debootstrap, chroot) and podman set up (scripts/podman/setup.sh; run first if missing).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PODMAN_DIR="${ARCHTDD_PODMAN_DIR:-$ROOT/.podman}"
CACHE="${ARCHTDD_IMAGE_CACHE:-$PODMAN_DIR/rootfs}"
SUITE="${ARCHTDD_DEBIAN_SUITE:-bookworm}"
NAMES=("$@")
((${#NAMES[@]})) || NAMES=(redis postgres mariadb prometheus)

# Bump when the build steps below change what goes into an image (comments need no bump).
RECIPE_VERSION=3

log() { echo "[images] $*" >&2; }
t0=$(date +%s)

[ "$(id -u)" = 0 ] || { log "must run as root (debootstrap, chroot, rootful podman)"; exit 1; }
[ -f "$PODMAN_DIR/env" ] || bash "$ROOT/scripts/podman/setup.sh" >/dev/null
set -a; . "$PODMAN_DIR/env"; set +a
command -v debootstrap >/dev/null || { log "debootstrap missing: run scripts/podman/setup.sh"; exit 1; }

# The mirror apt already uses (deb822 .sources first, then one-line sources.list); never the security suite.
mirror="${ARCHTDD_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -v -e security -e nodesource -e google | head -1 || true)"
fi
if [ -z "$mirror" ]; then
  mirror="$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | grep debian | head -1 || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

sha() { sha256sum | cut -c1-12; }
base_key="$(printf '%s %s minbase v1' "$SUITE" "$mirror" | sha)"
BASE="$CACHE/base-$base_key"
mkdir -p "$CACHE"

mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT

in_chroot() { # rootfs, command...
  local r="$1"; shift
  chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"
}

prepare_chroot() { # rootfs
  local r="$1"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"; chmod +x "$r/usr/sbin/policy-rc.d"
  mount -t proc proc "$r/proc"; mounted+=("$r/proc")
}

release_chroot() { # rootfs
  local r="$1"
  umount -l "$r/proc" 2>/dev/null || true
  rm -f "$r/usr/sbin/policy-rc.d"
  : >"$r/etc/resolv.conf"
}

if [ ! -f "$BASE/.archtdd-complete" ]; then
  need=0
  for name in "${NAMES[@]}"; do
    h="$( (echo "recipe $RECIPE_VERSION"; cat "$HERE/$name"/*; echo "$base_key") | sha)"
    podman image exists "localhost/archtdd-$name:$h" || need=1
  done
  if [ "$need" = 1 ]; then
    log "debootstrap $SUITE from $mirror into $BASE (once; ~30 s)"
    rm -rf "$BASE"
    debootstrap --variant=minbase "$SUITE" "$BASE" "$mirror" >"$CACHE/debootstrap.log" 2>&1 ||
      { log "debootstrap failed; see $CACHE/debootstrap.log"; tail -5 "$CACHE/debootstrap.log" >&2; rm -rf "$BASE"; exit 1; }
    prepare_chroot "$BASE"
    in_chroot "$BASE" apt-get update -q >/dev/null
    release_chroot "$BASE"
    touch "$BASE/.archtdd-complete"
  fi
fi

# docker-compose.yml is the one place image names are pinned: "<name> <image>" per labelled service.
targets="$(cd "$ROOT" && node --input-type=module -e '
import { parse } from "yaml";
import { readFileSync } from "node:fs";
const doc = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true });
for (const svc of Object.values(doc.services ?? {})) {
  const labels = Array.isArray(svc.labels)
    ? Object.fromEntries(svc.labels.map((l) => l.split("=")))
    : (svc.labels ?? {});
  if (labels["archtdd.image-for"]) console.log(`${labels["archtdd.image-for"]} ${svc.image}`);
}')"

build_one() { # name
  local name="$1" h work
  h="$( (echo "recipe $RECIPE_VERSION"; cat "$HERE/$name"/*; echo "$base_key") | sha)"
  local local_tag="localhost/archtdd-$name:$h"
  if podman image exists "$local_tag"; then
    log "$name: cached ($local_tag)"
  else
    local PACKAGES="" USER_NAME="" WORKDIR="/" CMD="[]" ENV_LINES="" POST_INSTALL="" STOPSIGNAL="" VERSION_PKG=""
    # shellcheck disable=SC1090
    . "$HERE/$name/spec"
    work="$CACHE/work-$name"
    rm -rf "$work"
    # This runs in a background subshell: unmount its /proc whatever happens. The path is
    # expanded NOW: at exit the function's locals are gone, and an empty $work would mean /proc.
    # shellcheck disable=SC2064
    trap "umount -l '$work/proc' 2>/dev/null || true" EXIT
    cp -a "$BASE" "$work"
    prepare_chroot "$work"
    log "$name: apt-get install $PACKAGES"
    in_chroot "$work" apt-get install -y -q --no-install-recommends $PACKAGES >"$CACHE/$name.log" 2>&1 ||
      { log "$name: install failed; see $CACHE/$name.log"; tail -5 "$CACHE/$name.log" >&2; exit 1; }
    [ -z "$POST_INSTALL" ] || in_chroot "$work" sh -c "$POST_INSTALL"
    # Upstream version of the main package (epoch, Debian revision and +ds suffixes dropped): 7.0.15
    local version
    version="$(in_chroot "$work" dpkg-query -W -f '${Version}' "${VERSION_PKG:-${PACKAGES%% *}}" |
      sed -E 's/^[0-9]+://; s/-[^-]*$//; s/[+~].*$//')"
    in_chroot "$work" apt-get clean
    install -m 0755 "$HERE/$name/entrypoint.sh" "$work/usr/local/bin/docker-entrypoint.sh"
    release_chroot "$work"
    rm -rf "$work"/var/lib/apt/lists/* "$work"/var/cache/apt/*.bin "$work"/.archtdd-complete "$work"/tmp/*
    # Docs, man pages and translations are ~20% of an image and nothing here reads them; a
    # smaller tar imports faster. (C.UTF-8 is built into glibc: /usr/share/i18n is not needed.)
    rm -rf "$work"/usr/share/doc/* "$work"/usr/share/man/* "$work"/usr/share/info/* \
      "$work"/usr/share/locale/* "$work"/usr/share/i18n "$work"/var/log/apt "$work"/var/log/dpkg.log
    chmod 1777 "$work/tmp"
    local changes=(
      --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]'
      --change "USER $USER_NAME"
      --change "WORKDIR $WORKDIR"
      --change "LABEL archtdd.image-hash=$h"
      --change "LABEL archtdd.image-for=$name"
      --change "LABEL archtdd.version=$version"
    )
    [ "$CMD" = "[]" ] || changes+=(--change "CMD $CMD")
    [ -z "$STOPSIGNAL" ] || changes+=(--change "STOPSIGNAL $STOPSIGNAL")
    while IFS= read -r line; do
      [ -z "$line" ] || changes+=(--change "ENV $line")
    done <<<"$ENV_LINES"
    log "$name: podman import as $local_tag"
    tar -C "$work" -c . | podman import "${changes[@]}" - "$local_tag" >/dev/null
    rm -rf "$work"
  fi
  # Older builds of this image (other hashes) are dropped; the tagged names move to the new one.
  podman images --format '{{.Repository}}:{{.Tag}}' "localhost/archtdd-$name" | grep -v ":$h\$" |
    xargs -r podman rmi -f >/dev/null 2>&1 || true
  local target
  target="$(awk -v n="$name" '$1 == n {print $2}' <<<"$targets")"
  if [ -z "$target" ]; then
    log "$name: no service labelled archtdd.image-for=$name in docker-compose.yml; not tagged"
  else
    podman tag "$local_tag" "$target"
    log "$name: tagged $target"
  fi
}

for name in "${NAMES[@]}"; do
  [ -f "$HERE/$name/spec" ] || { log "unknown image $name (have: $(ls "$HERE" | grep -v build.sh | tr '\n' ' '))"; exit 1; }
done
# In parallel: the chroot installs wait on the network and the disk more than on the 2 cores.
pids=()
for name in "${NAMES[@]}"; do
  build_one "$name" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { log "some images failed to build (see above)"; exit 1; }
# Superseded builds lost their tags above: drop them (this storage is private to the project).
podman image prune -f >/dev/null 2>&1 || true
log "done in $(($(date +%s) - t0)) s"
