#!/usr/bin/env bash
# Sets up rootful podman as a Docker Engine API for the containers runtime, inside the project.
#
# Idempotent: installs podman + runc (+ debootstrap, for scripts/images/build.sh) with apt when
# missing, writes a PRIVATE containers.conf and storage.conf under $ARCHTDD_PODMAN_DIR (default
# <repo>/.podman, git-ignored), and starts `podman system service` on a unix socket there unless
# it already answers. Never edits system config files (/etc/containers is untouched).
#
# Usage:
#   eval "$(scripts/podman/setup.sh --env)"   # set up, then export the env in this shell
#   scripts/podman/setup.sh                   # set up, print the env (KEY=VALUE lines)
#   scripts/podman/stop.sh                    # stop the API service started here
#
# Settings (PLATFORM.md "Containers here"), all REQUIRED on this host kind:
#   runtime = "runc"            crun 1.8 refuses hybrid cgroups
#   default_ulimits             root cannot raise limits here; podman's defaults fail with setrlimit EPERM
#   cgroup_manager = "cgroupfs" no systemd
#   events_logger = "file"      no journald
#   exit_command_delay = 5      otherwise every exec leaves conmon processes for 5 minutes
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${ARCHTDD_PODMAN_DIR:-$ROOT/.podman}"
SOCK="$DIR/podman.sock"
MODE="${1:-}"

log() { echo "[podman-setup] $*" >&2; }

need_pkgs=()
command -v podman >/dev/null 2>&1 || need_pkgs+=(podman)
command -v runc >/dev/null 2>&1 || need_pkgs+=(runc)
command -v debootstrap >/dev/null 2>&1 || need_pkgs+=(debootstrap)
if ((${#need_pkgs[@]})); then
  log "installing ${need_pkgs[*]} with apt"
  if [ "$(id -u)" != 0 ]; then
    log "not root: run as root (rootful podman), or install ${need_pkgs[*]} yourself"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 install -y -q "${need_pkgs[@]}" >&2 ||
    { apt-get -o DPkg::Lock::Timeout=300 update -q >&2 && apt-get -o DPkg::Lock::Timeout=300 install -y -q "${need_pkgs[@]}" >&2; }
fi

mkdir -p "$DIR/storage" "$DIR/run" "$DIR/tmp"

# Written only when the content changes, so a running service is not disturbed by a re-run.
write_if_changed() {
  local file="$1" content="$2"
  if [ ! -f "$file" ] || [ "$(cat "$file")" != "$content" ]; then
    printf '%s\n' "$content" >"$file.tmp" && mv "$file.tmp" "$file"
    log "wrote $file"
  fi
}

write_if_changed "$DIR/containers.conf" "# archtdd private podman config (scripts/podman/setup.sh). Not a system file.
[containers]
default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]
log_driver = \"k8s-file\"

[engine]
runtime = \"runc\"
cgroup_manager = \"cgroupfs\"
events_logger = \"file\"
events_logfile_path = \"$DIR/run/events.log\"
exit_command_delay = 5
tmp_dir = \"$DIR/tmp\"

[network]
network_config_dir = \"$DIR/networks\""

write_if_changed "$DIR/storage.conf" "# archtdd private podman storage (scripts/podman/setup.sh). Not a system file.
[storage]
driver = \"overlay\"
graphroot = \"$DIR/storage\"
runroot = \"$DIR/run\""

mkdir -p "$DIR/networks"

export CONTAINERS_CONF="$DIR/containers.conf"
export CONTAINERS_STORAGE_CONF="$DIR/storage.conf"

answers() { # GET /_ping on the socket (curl, or node where curl is missing)
  [ -S "$SOCK" ] || return 1
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 2 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1
  else
    node -e 'require("http").get({socketPath:process.argv[1],path:"/_ping",timeout:2000},r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' "$SOCK"
  fi
}

if answers; then
  log "API already answers on $SOCK"
else
  rm -f "$SOCK"
  log "starting podman system service on $SOCK"
  # setsid: the service outlives this script (it is the machine's Docker API for the test run);
  # scripts/podman/stop.sh ends it by the pid recorded here.
  setsid podman system service --time=0 "unix://$SOCK" >"$DIR/service.log" 2>&1 </dev/null &
  echo $! >"$DIR/service.pid"
  for _ in $(seq 1 100); do
    answers && break
    sleep 0.1
  done
  answers || { log "podman API did not answer on $SOCK within 10s; see $DIR/service.log"; tail -20 "$DIR/service.log" >&2; exit 1; }
  log "API answers (pid $(cat "$DIR/service.pid"))"
fi

env_lines="DOCKER_HOST=unix://$SOCK
TESTCONTAINERS_RYUK_DISABLED=true
TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
CONTAINERS_CONF=$DIR/containers.conf
CONTAINERS_STORAGE_CONF=$DIR/storage.conf"
printf '%s\n' "$env_lines" >"$DIR/env"

if [ "$MODE" = "--env" ]; then
  sed 's/^/export /' "$DIR/env"
else
  cat "$DIR/env"
fi
